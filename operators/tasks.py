"""Background work of the operators app (django-tasks)."""

from django_tasks import task


@task()
def send_notices():
    """Send every operator e-mail not sent yet."""
    from .notices import deliver_pending

    return deliver_pending()
