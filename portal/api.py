"""Open data: Wagtail API v2 at ``/api/v2/`` (docs/api.md).

``pages/`` is Wagtail's own endpoint; ``spaces/``, ``programs/`` and ``stories/`` are
the same endpoint fixed to one page type, so their own fields can be asked for and
filtered on. Only live, public pages are ever listed (Wagtail's rule), and each page
type names the fields it publishes in ``api_fields`` — never drafts, accounts,
bookings, registrations or campaign entries. ``images/`` lists only images that a
live, public page shows (a proposed space's photos stay unpublished with it)."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.db.models.functions import Cast

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, ReferenceIndex


class PageTypeAPIViewSet(PagesAPIViewSet):
    """The pages endpoint for one page type (``type=`` is not needed and ignored)."""

    model_label = None

    def get_queryset(self):
        model = apps.get_model(self.model_label)
        return model.objects.filter(pk__in=self.get_base_queryset().values("pk")).order_by("id")

    @classmethod
    def get_model(cls):
        return apps.get_model(cls.model_label)


def page_type_viewset(label, name):
    model = apps.get_model(label)
    return type(
        f"{model.__name__}APIViewSet",
        (PageTypeAPIViewSet,),
        {"model": model, "model_label": label, "name": name},
    )


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    def get_queryset(self):
        Image = get_image_model()
        live_pages = (
            Page.objects.live().public().annotate(key=Cast("pk", CharField())).values("key")
        )
        shown = ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            to_content_type=ContentType.objects.get_for_model(Image),
            object_id__in=live_pages,
        ).values("to_object_id")
        return (
            Image.objects.annotate(key=Cast("pk", CharField())).filter(key__in=shown).order_by("id")
        )


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
for label, name in (
    ("spaces.SpacePage", "spaces"),
    ("events.ProgramPage", "programs"),
    ("stories.StoryPage", "stories"),
):
    try:
        api_router.register_endpoint(name, page_type_viewset(label, name))
    except LookupError:  # an app left out of INSTALLED_APPS
        continue
