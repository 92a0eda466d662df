"""Talking to the live test server as logged-in residents, over real HTTP (the race
tests): a session made in the database, and a CSRF secret set as the cookie and sent
back in each form."""

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

import requests

CSRF = "r" * 32


def logged_in_session(user):
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    http = requests.Session()
    http.cookies.set(settings.SESSION_COOKIE_NAME, store.session_key)
    http.cookies.set(settings.CSRF_COOKIE_NAME, CSRF)
    return http
