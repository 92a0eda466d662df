"""Days as the portal names them, in the active language: the weekday names that
program schedules, opening hours and the booking pages share, and a day's short label
("12월 10일(목)" / "Thu 10 Dec")."""

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext


def weekday_names():
    """Monday first: (RFC 5545 code, short name, full name) — ("TU", "화", "화요일")."""
    return [
        ("MO", pgettext("weekday", "Mon"), _("Monday")),
        ("TU", pgettext("weekday", "Tue"), _("Tuesday")),
        ("WE", pgettext("weekday", "Wed"), _("Wednesday")),
        ("TH", pgettext("weekday", "Thu"), _("Thursday")),
        ("FR", pgettext("weekday", "Fri"), _("Friday")),
        ("SA", pgettext("weekday", "Sat"), _("Saturday")),
        ("SU", pgettext("weekday", "Sun"), _("Sunday")),
    ]


def short_weekday(day):
    """ "목", "Thu"."""
    return weekday_names()[day.weekday()][1]


def day_label(day):
    """ "12월 10일(목)", "Thu 10 Dec"."""
    # Translators: a date format (Django's date filter), e.g. 12월 10일.
    date = date_format(day, pgettext("booking day", "j M"))
    return pgettext("booking day", "%(weekday)s %(date)s") % {
        "weekday": short_weekday(day),
        "date": date,
    }


def retention_period():
    """How long bookings, registrations and entries keep who made them
    (``PERSONAL_DATA_RETENTION_DAYS``) in words of the active language: "3년",
    "3 years"; days when not whole years. The privacy policy, the campaign form and My
    page say the same period the retention job applies."""
    days = settings.PERSONAL_DATA_RETENTION_DAYS
    if days % 365 == 0:
        years = days // 365
        return ngettext("%(count)d year", "%(count)d years", years) % {"count": years}
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
