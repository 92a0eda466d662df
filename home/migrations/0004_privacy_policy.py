"""The privacy policy page at ``/privacy/`` (Korean) and its English translation at
``/en/privacy/``, so the policy PIPA requires is online from the first deploy; staff
edit it afterwards. The English home page it hangs under is made too when missing.

Historical models know nothing of treebeard, so tree paths are worked out here as
home.0002 does; the text is ``home.policies``."""

import uuid

from django.conf import settings
from django.db import migrations
from django.db.models import F
from django.utils import timezone

from home.policies import PRIVACY_SLUG, privacy_policy

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # Wagtail's tree path steps
STEP = 4
ENGLISH_HOME = {"title": "Community Space", "slug": "home-en"}


def _next_path(Page, parent):
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = int(last[-STEP:], 36) + 1 if last else 1
    step = ""
    while number:
        number, digit = divmod(number, 36)
        step = ALPHABET[digit] + step
    return parent.path + step.rjust(STEP, "0")


def _add_child(Page, parent, model, content_type, **fields):
    now = timezone.now()
    page = model.objects.create(
        draft_title=fields["title"],
        content_type=content_type,
        path=_next_path(Page, parent),
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{fields['slug']}/",
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
        **fields,
    )
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
    parent.numchild += 1
    return page


def create_privacy_policy(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")
    InfoPage = apps.get_model("home.InfoPage")

    site = Site.objects.filter(is_default_site=True).first()
    home = HomePage.objects.filter(pk=site.root_page_id).first() if site else None
    if home is None:
        return  # no portal home page to hang the policy under (home.0002 makes one)
    info_type, __ = ContentType.objects.get_or_create(app_label="home", model="infopage")
    home_type, __ = ContentType.objects.get_or_create(app_label="home", model="homepage")

    def children(parent):
        return Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)

    korean = children(home).filter(slug=PRIVACY_SLUG).first()
    if korean is None:
        korean = _add_child(
            Page,
            home,
            InfoPage,
            info_type,
            slug=PRIVACY_SLUG,
            locale_id=home.locale_id,
            translation_key=uuid.uuid4(),
            **privacy_policy(settings.LANGUAGE_CODE),
        )
    if korean.content_type_id != info_type.pk or "en" not in dict(
        settings.WAGTAIL_CONTENT_LANGUAGES
    ):
        return  # the address was taken by another page, or the site has no English
    english, __ = Locale.objects.get_or_create(language_code="en")
    english_home = HomePage.objects.filter(
        translation_key=home.translation_key, locale=english
    ).first()
    if english_home is None:
        root = Page.objects.get(depth=1)
        english_home = _add_child(
            Page,
            root,
            HomePage,
            home_type,
            locale_id=english.pk,
            translation_key=home.translation_key,
            **ENGLISH_HOME,
        )
    translated = Page.objects.filter(translation_key=korean.translation_key, locale=english)
    if not translated.exists() and not children(english_home).filter(slug=PRIVACY_SLUG).exists():
        _add_child(
            Page,
            english_home,
            InfoPage,
            info_type,
            slug=PRIVACY_SLUG,
            locale_id=english.pk,
            translation_key=korean.translation_key,
            **privacy_policy("en"),
        )


def remove_privacy_policy(apps, schema_editor):
    """Stepping back removes every policy page (their table goes with home.0003) and an
    English home page left without children, so stepping further back past home.0002
    finds the tree as it made it."""
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("home.HomePage")
    InfoPage = apps.get_model("home.InfoPage")
    for page in InfoPage.objects.all():
        parent_path = page.path[:-STEP]
        Page.objects.filter(path__startswith=page.path).delete()
        Page.objects.filter(path=parent_path).update(numchild=F("numchild") - 1)
    korean_homes = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    left_empty = HomePage.objects.filter(
        depth=2, numchild=0, translation_key__in=korean_homes.values("translation_key")
    ).exclude(locale__language_code=settings.LANGUAGE_CODE)
    for page in left_empty:
        Page.objects.filter(pk=page.pk).delete()
        Page.objects.filter(depth=1).update(numchild=F("numchild") - 1)


class Migration(migrations.Migration):
    dependencies = [("home", "0003_infopage")]

    operations = [migrations.RunPython(create_privacy_policy, remove_privacy_policy)]
