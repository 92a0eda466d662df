"""The terms of use (``/terms/``) and the accessibility statement (``/accessibility/``)
in Korean, with their English translations under ``/en/``, made on a new database as
``home.0004`` makes the privacy policy (and with its tree helpers: a migration does not
change once written); the texts are ``home.statements``. ``home.signals`` gives them a
published revision once every migration has run."""

import importlib
import uuid

from django.conf import settings
from django.db import migrations
from django.db.models import F

from home.statements import ACCESSIBILITY_SLUG, TERMS_SLUG, statement

first = importlib.import_module("home.migrations.0004_privacy_policy")
STEP = first.STEP


def create_statements(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")
    InfoPage = apps.get_model("home.InfoPage")

    site = Site.objects.filter(is_default_site=True).first()
    home = HomePage.objects.filter(pk=site.root_page_id).first() if site else None
    if home is None:
        return  # no portal home page to hang them under (home.0002 makes one)
    info_type, __ = ContentType.objects.get_or_create(app_label="home", model="infopage")
    has_english = "en" in dict(settings.WAGTAIL_CONTENT_LANGUAGES)
    english = Locale.objects.get_or_create(language_code="en")[0] if has_english else None
    # home.0004 made the English home page; a site whose English one was deleted since
    # gets the Korean pages only, as ensure_site() would then make it again.
    english_home = (
        HomePage.objects.filter(translation_key=home.translation_key, locale=english).first()
        if english
        else None
    )

    def children(parent):
        return Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)

    for slug in (TERMS_SLUG, ACCESSIBILITY_SLUG):
        korean = children(home).filter(slug=slug).first()
        if korean is None:
            korean = first._add_child(
                Page,
                home,
                InfoPage,
                info_type,
                slug=slug,
                locale_id=home.locale_id,
                translation_key=uuid.uuid4(),
                **statement(slug, settings.LANGUAGE_CODE),
            )
        if korean.content_type_id != info_type.pk or english_home is None:
            continue  # the address was taken by another page, or no English site
        translated = Page.objects.filter(translation_key=korean.translation_key, locale=english)
        if not translated.exists() and not children(english_home).filter(slug=slug).exists():
            since = InfoPage.objects.filter(pk=korean.pk).values_list("effective_from", flat=True)
            first._add_child(
                Page,
                english_home,
                InfoPage,
                info_type,
                slug=slug,
                locale_id=english.pk,
                translation_key=korean.translation_key,
                **statement(slug, "en", since.first()),
            )


def remove_statements(apps, schema_editor):
    Page = apps.get_model("wagtailcore.Page")
    InfoPage = apps.get_model("home.InfoPage")
    for page in InfoPage.objects.filter(slug__in=(TERMS_SLUG, ACCESSIBILITY_SLUG), depth=3):
        Page.objects.filter(path__startswith=page.path).delete()
        Page.objects.filter(path=page.path[:-STEP]).update(numchild=F("numchild") - 1)


class Migration(migrations.Migration):
    dependencies = [("home", "0005_privacy_policy_in_force")]

    operations = [migrations.RunPython(create_statements, remove_statements)]
