"""Replace Wagtail's placeholder page with the portal's Korean home page, so a fresh
database serves ``/`` before any demo content is loaded."""

import uuid

from django.conf import settings
from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    if HomePage.objects.filter(depth=2, slug="home").exists():
        return  # stepped back and forward again: the home page (and the site) stayed
    korean, __ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    page_content_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_content_type, slug="home", depth=2).delete()

    homepage_content_type, __ = ContentType.objects.get_or_create(
        model="homepage", app_label="home"
    )
    homepage = HomePage.objects.create(
        title="커뮤니티 공간",
        draft_title="커뮤니티 공간",
        slug="home",
        content_type=homepage_content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        live=True,
        locale=korean,
        translation_key=uuid.uuid4(),
    )
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(
        hostname="localhost", root_page=homepage, is_default_site=True, site_name="커뮤니티 공간"
    )


def remove_homepage(apps, schema_editor):
    """Stepping back removes the home page only while nothing hangs below it: with the
    site's sections and spaces under it, it would delete the whole site."""
    ContentType = apps.get_model("contenttypes.ContentType")
    HomePage = apps.get_model("home.HomePage")
    home = HomePage.objects.filter(slug="home", depth=2).first()
    if home is not None and home.numchild:
        raise RuntimeError(
            "The home page has the site's content below it; stepping back past "
            "home.0002 would delete all of it. Remove the content first."
        )
    HomePage.objects.filter(slug="home", depth=2).delete()
    ContentType.objects.filter(model="homepage", app_label="home").delete()


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
