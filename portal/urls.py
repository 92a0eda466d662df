"""URL wiring. Language-neutral endpoints first; pages under i18n_patterns so Korean
lives at ``/…`` and English at ``/en/…``."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.images.views.serve import ServeView

from core import accounts as core_accounts
from core import editing as core_editing
from core import views as core_views
from events import views as events_views
from portal.api import api_router
from search import views as search_views
from spaces import admin_guards
from spaces import api as spaces_api
from spaces import boundaries as spaces_boundaries
from spaces import export as spaces_export
from spaces import place_views as spaces_places

urlpatterns = [
    # Guards in front of a few admin screens (they narrow, then hand over to Wagtail).
    # Admin access is checked before any pattern under admin/ runs (core.adminaccess).
    *admin_guards.urlpatterns,
    *core_editing.urlpatterns,  # autosave cannot undo a publication (core.editing)
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # A gallery photo's large size, made when someone opens it (signed addresses only).
    re_path(
        r"^images/([^/]*)/(\d*)/([^/]*)/[^/]*$",
        ServeView.as_view(action="redirect"),
        name="wagtailimages_serve",
    ),
    path("healthz/", core_views.healthz, name="healthz"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", core_views.sitemap, name="sitemap"),
    path("api/spaces.geojson", spaces_api.spaces_geojson, name="spaces_geojson"),
    path("api/places.json", spaces_places.public_lookup, name="places_json"),
    path("api/districts.geojson", spaces_boundaries.districts_geojson, name="districts_geojson"),
    path(
        "api/neighbourhoods.geojson",
        spaces_boundaries.neighbourhoods_geojson,
        name="neighbourhoods_geojson",
    ),
    path("api/v2/", api_router.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("accounts/bookings/", include("bookings.urls")),
    path("accounts/registrations/", include("events.urls")),
    # allauth's sign-up, never telling whether an address has an account (core.accounts).
    path("accounts/signup/", core_accounts.signup, name="account_signup"),
    path("accounts/", include("residents.urls")),
    path("accounts/", include("allauth.urls")),
    path("operators/", include("operators.urls")),
    # <directory url>results.csv: the directory's results as CSV (spaces.export).
    re_path(
        r"^(?P<path>(?:[\w\-]+/)*)results\.csv$",
        spaces_export.results_csv,
        name="spaces_results_csv",
    ),
    # <page url>calendar.ics for the program listing, a space or a program.
    re_path(
        r"^(?P<path>(?:[\w\-]+/)*)calendar\.ics$", events_views.calendar_for_path, name="calendar"
    ),
    # Wagtail's password form for restricted pages, with its return address checked.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        core_views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    # Wagtail's log-in for restricted pages is the site's (allauth's), keeping ``next``.
    path("_util/login/", core_accounts.frontend_login, name="wagtailcore_login"),
    # Wagtail's page serving must be last: it catches every remaining path.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler500 = "core.views.server_error"
