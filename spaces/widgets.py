"""wagtailgeowidget's Leaflet field, with Leaflet served by us.

The package hard-codes Leaflet from a public CDN; the portal never loads code from
another host, so the media points at the npm copy collected under static/vendor/."""

from django import forms
from django.utils.functional import cached_property

from wagtailgeowidget.panels import LeafletPanel
from wagtailgeowidget.widgets import LeafletField


class LocalLeafletField(LeafletField):
    @cached_property
    def media(self):
        return forms.Media(
            css={
                "all": (
                    "wagtailgeowidget/css/leaflet-field.css",
                    "vendor/leaflet/leaflet.css",
                )
            },
            js=(
                "wagtailgeowidget/js/leaflet-field.js",
                "wagtailgeowidget/js/leaflet-field-controller.js",
                "vendor/leaflet/leaflet.js",
            ),
        )


class LocalLeafletPanel(LeafletPanel):
    def widget_overrides(self):
        overrides = super().widget_overrides()
        widget = overrides[self.field_name]
        overrides[self.field_name] = LocalLeafletField(
            address_field=widget.address_field,
            zoom_field=widget.zoom_field,
            hide_latlng=widget.hide_latlng,
            zoom=widget.zoom,
            srid=widget.srid,
            id_prefix="id_",
        )
        return overrides
