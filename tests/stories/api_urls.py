"""The portal's URLs with Wagtail API v2 in front (it is wired elsewhere; the stories'
tests only need to read their API fields through it)."""

from django.urls import path

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from portal.urls import urlpatterns as portal_urlpatterns

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [path("api/v2/", api_router.urls), *portal_urlpatterns]
