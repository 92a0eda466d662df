"""Background work of the bookings app (django-tasks)."""

from django_tasks import task


@task()
def send_notices():
    """Send every booking e-mail not sent yet (see ``bookings.notices``)."""
    from .notices import deliver_pending

    return deliver_pending()
