"""Notification channels: how a message reaches a person. E-mail is built in; a city adds
an SMS or KakaoTalk (알림톡) provider by naming its class in
``settings.NOTIFICATION_CHANNELS``, without touching the domain code::

    NOTIFICATION_CHANNELS = {
        "email": {"BACKEND": "core.notify.EmailChannel"},
        "sms": {"BACKEND": "city.sms.ProviderChannel", "OPTIONS": {"api_key": "…"}},
    }

A channel has a ``label`` (shown to residents choosing how to be told), knows where a
person is reached (``address_for(user)``, None when they gave no such address) and sends
(``send(recipient, subject, body)``, raising on failure so the outbox tries again)."""

from functools import cache

from django.conf import settings
from django.core.mail import send_mail
from django.test.signals import setting_changed
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

DEFAULT = "email"


class Channel:
    label = ""

    def __init__(self, name, **options):
        self.name = name
        self.options = options

    def address_for(self, user):
        raise NotImplementedError

    def send(self, recipient, subject, body):
        raise NotImplementedError


class EmailChannel(Channel):
    label = _("E-mail")

    def address_for(self, user):
        return user.email or None

    def send(self, recipient, subject, body):
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])


@cache
def _channels():
    configured = getattr(settings, "NOTIFICATION_CHANNELS", None) or {
        DEFAULT: {"BACKEND": "core.notify.EmailChannel"}
    }
    return {
        name: import_string(conf["BACKEND"])(name, **conf.get("OPTIONS", {}))
        for name, conf in configured.items()
    }


def channel(name):
    """The channel called ``name``; e-mail when it is not (or no longer) configured."""
    channels = _channels()
    return channels.get(name) or channels.get(DEFAULT) or EmailChannel(DEFAULT)


def choices():
    """(name, label) of every configured channel, for a resident's settings."""
    return [(name, c.label) for name, c in _channels().items()]


def reset():
    """Forget the configured channels (tests that change the setting call this)."""
    _channels.cache_clear()


def _setting_changed(setting, **kwargs):
    if setting == "NOTIFICATION_CHANNELS":
        reset()


setting_changed.connect(_setting_changed, dispatch_uid="core-notify-channels")
