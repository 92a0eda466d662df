"""Open data: Wagtail API v2 at ``/api/v2/`` (docs/api.md).

``pages/`` is Wagtail's own endpoint; ``spaces/``, ``programs/`` and ``stories/`` are
the same endpoint fixed to one page type, so their own fields can be asked for and
filtered on. Only live pages that no view restriction covers are ever listed, whoever
asks (``core.privacy``: a restriction covers the page's translations too), and each
page type names the fields it publishes in ``api_fields`` — never drafts, accounts,
bookings, registrations or campaign entries. ``images/`` lists only images that a
live, public page shows (a proposed space's photos stay unpublished with it, a private
space's stay private).

Every endpoint checks its query string before the database sees it: a NUL anywhere, a
filter value its field cannot hold (``?start_date=2026-13-45``), an ``offset`` past any
listing, a search text with double quotation marks (the SQLite index cannot quote them)
or longer than the site search reads, and a non-numeric ``find/?id=`` answer 400 with a
message, like Wagtail's own checks."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connections, models
from django.db.models import CharField, IntegerField
from django.db.models.functions import Cast

from wagtail.api.v2.filters import FieldsFilter, SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, ReferenceIndex

from core.privacy import restricted, without_private
from search.engine import MAX_QUERY_LENGTH

# Far past any listing; larger offsets overflow the databases' OFFSET (a 500).
MAX_OFFSET = 2**31 - 1
MAX_SEARCH_LENGTH = MAX_QUERY_LENGTH  # as much as the site search reads


class CheckedFieldsFilter(FieldsFilter):
    """Wagtail's field filters (``?capacity=20``) with each value checked by its field
    first: Wagtail converts booleans, integers and keys itself but hands dates, times
    and numbers with a fraction to the query as text, and keys beyond the column's
    range too, where a value the column cannot hold is a server error."""

    def filter_queryset(self, request, queryset, view):
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True))
        for name, value in request.GET.items():
            if name not in fields or name == "locale":
                continue
            try:
                field = queryset.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.many_to_one:
                field = field.target_field  # a key: a value of the key it refers to
            elif not isinstance(field, models.Field) or field.is_relation:
                continue  # tags: Wagtail matches them by name
            try:
                value = field.get_prep_value(field.to_python(value))
                if isinstance(field, models.IntegerField):
                    low, high = connections[queryset.db].ops.integer_field_range(
                        field.get_internal_type()
                    )
                    if (low is not None and value < low) or (high is not None and value > high):
                        raise ValueError("out of the column's range")
            except (ValidationError, ValueError, TypeError, OverflowError) as error:
                raise BadRequestError(
                    f"field filter error. '{str(value)[:40]}' is not a valid value for {name}"
                ) from error
        return super().filter_queryset(request, queryset, view)


class CheckedSearchFilter(SearchFilter):
    """Wagtail's ``search=``, refusing what the search index cannot take: double
    quotation marks, which the SQLite index puts around each word unescaped (its query
    then fails), and more text than the site's own search reads (each word nests the
    query one level deeper, up to Python's recursion limit)."""

    def filter_queryset(self, request, queryset, view):
        text = request.GET.get("search", "")
        if '"' in text:
            raise BadRequestError("search may not contain double quotation marks")
        if len(text) > MAX_SEARCH_LENGTH:
            raise BadRequestError(f"search may be at most {MAX_SEARCH_LENGTH} characters long")
        return super().filter_queryset(request, queryset, view)


class CheckedPagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        try:
            offset = int(request.GET.get("offset", 0))
        except ValueError:
            offset = 0  # Wagtail's own check answers
        if offset > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


def checked(filter_backends):
    """Wagtail's filters with the checked ones above in place of its own."""
    replace = {FieldsFilter: CheckedFieldsFilter, SearchFilter: CheckedSearchFilter}
    return [replace.get(backend, backend) for backend in filter_backends]


class CheckedQueryMixin:
    """No NUL in any parameter (no PostgreSQL text column takes one, and Wagtail looks
    up ``locale``, ``html_path`` … as given), checked pagination, and ``find/?id=`` a
    number. Set ``filter_backends`` with ``checked()``."""

    pagination_class = CheckedPagination

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if any("\x00" in value for __, values in request.GET.lists() for value in values):
            raise BadRequestError("null characters are not allowed in query parameters")

    def find_object(self, queryset, request):
        if "id" in request.GET:
            try:
                int(request.GET["id"])
            except ValueError as error:
                raise BadRequestError("id must be a whole number") from error
        return super().find_object(queryset, request)


class PublicPagesAPIViewSet(CheckedQueryMixin, PagesAPIViewSet):
    filter_backends = checked(PagesAPIViewSet.filter_backends)

    def get_base_queryset(self):
        """Wagtail's live pages of the site without any private page, whoever asks
        (Wagtail lets a logged-in visitor see the pages restricted to log-in, and knows
        nothing of translations): answers are shared (``core.privacy``). The private
        pages are left out by id, a lookup the search backends accept, read first
        (``restricted_page_ids``): as a subquery it slowed a search to seconds at
        60,000 spaces."""
        return without_private(super().get_base_queryset())


class PageTypeAPIViewSet(PublicPagesAPIViewSet):
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


class PublicImagesAPIViewSet(CheckedQueryMixin, ImagesAPIViewSet):
    filter_backends = checked(ImagesAPIViewSet.filter_backends)

    def get_queryset(self):
        Image = get_image_model()
        live_pages = (
            Page.objects.live()
            .exclude(restricted())
            .annotate(key=Cast("pk", CharField()))
            .values("key")
        )
        # The reference index keeps ids as text: cast on its side, so that the images
        # are filtered on their own key (the search backend cannot filter on a cast).
        shown = (
            ReferenceIndex.objects.filter(
                base_content_type=ContentType.objects.get_for_model(Page),
                to_content_type=ContentType.objects.get_for_model(Image),
                object_id__in=live_pages,
            )
            .annotate(image_id=Cast("to_object_id", IntegerField()))
            .values("image_id")
        )
        return Image.objects.filter(pk__in=shown).order_by("id")


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
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
