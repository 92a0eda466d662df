"""Demo residents' own things: confirmed e-mail addresses, profiles with the sign-up
consents, and a few saved spaces and programs, so My page is not empty in the demo.
Idempotent: a resident who has saved items keeps them as they are."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from allauth.account.models import EmailAddress

from events.models import ProgramPage
from spaces.models import SpacePage

from .models import SavedItem, profile_for

PHONES = {"resident1": "010-0000-0101", "resident2": "010-0000-0102"}
SAVED = {"resident1": (2, 1), "resident2": (1, 1)}  # spaces, programs


def load(ctx):
    now = timezone.now()
    users = get_user_model().objects.filter(username__in=list(ctx.users) or PHONES)
    for user in users:
        if user.email:
            EmailAddress.objects.update_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
        profile = profile_for(user)
        if profile.privacy_consent_at is None:
            profile.privacy_consent_at = now
            profile.phone = profile.phone or PHONES.get(user.username, "")
            profile.save()
    rng = ctx.random
    spaces = list(SpacePage.objects.live().filter(locale__language_code="ko").order_by("pk")[:60])
    programs = list(
        ProgramPage.objects.live().filter(locale__language_code="ko").order_by("pk")[:30]
    )
    for user in users:
        spaces_wanted, programs_wanted = SAVED.get(user.username, (0, 0))
        if not spaces_wanted or SavedItem.objects.filter(user=user).exists():
            continue
        chosen = rng.sample(spaces, min(spaces_wanted, len(spaces)))
        chosen += rng.sample(programs, min(programs_wanted, len(programs)))
        SavedItem.objects.bulk_create(SavedItem(user=user, page=page) for page in chosen)
