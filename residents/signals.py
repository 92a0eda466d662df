"""Signal handlers of the residents app: a profile for every account, and notices to
residents who saved a program or a space that changed."""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="residents-profile")
def _profile_for_account(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .models import Profile

        Profile.objects.get_or_create(user=instance)
