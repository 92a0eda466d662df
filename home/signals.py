"""The policies a migration made (``home.0004``) become ordinary Wagtail pages once
every migration has run: a first revision, published, so the admin shows when they
were last changed and its search (and the site search) finds them. Migrations work
with historical models, which cannot do either."""

from django.db.models.signals import post_migrate


def _after_migrate(sender, apps=None, **kwargs):
    if sender.name != "home":
        return
    try:  # not when home was migrated back to before its policies (no table yet)
        if apps is not None:
            apps.get_model("home", "InfoPage")
    except LookupError:
        return
    from .models import InfoPage

    for page in InfoPage.objects.filter(latest_revision__isnull=True):
        page.save_revision(log_action=False).publish(log_action=False)


post_migrate.connect(_after_migrate, dispatch_uid="home-policies-after-migrate")
