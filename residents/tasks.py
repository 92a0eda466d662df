"""Background work of the residents app (django-tasks)."""

from django_tasks import task


@task()
def send_resident_notices():
    """Send the residents' notices that are due (``residents.notices``, ``core.outbox``)."""
    from core import outbox

    from .models import ResidentNotice

    queryset = ResidentNotice.objects.select_related(
        "booking__space", "registration__occurrence__program", "registration__occurrence__space"
    )
    return outbox.deliver(queryset)
