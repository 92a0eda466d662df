"""gunicorn's access log without secrets in paths (``logger_class`` in gunicorn.conf.py).

A resident's calendar address ``/accounts/calendar/<token>.ics`` is fetched by calendar
apps without a log-in, so the token is the key to their dates: the log keeps the path
with the token replaced."""

import re

from gunicorn.glogging import Logger

SECRET_PATHS = re.compile(r"(/accounts/calendar/)[^/?\s]+(\.ics)")


def mask(text):
    return SECRET_PATHS.sub(r"\1…\2", text) if isinstance(text, str) else text


class PortalLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "f"):
            atoms[key] = mask(atoms.get(key))
        return atoms
