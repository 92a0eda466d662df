"""Background work of the events app (django-tasks)."""

from django_tasks import task


@task()
def send_registration_notices():
    """Send the registration e-mails that are due (``core.outbox``)."""
    from core import outbox

    from .models import RegistrationNotice

    queryset = RegistrationNotice.objects.select_related(
        "registration__occurrence__program", "registration__user"
    )
    return outbox.deliver(queryset)


@task()
def refresh_program_dates():
    """Roll every program's dates forward (run daily)."""
    from .schedule import refresh_all

    return refresh_all()
