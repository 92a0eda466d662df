"""wagtailgeowidget's Leaflet field, with Leaflet served by us and a place search.

The package hard-codes Leaflet from a public CDN; the portal never loads code from
another host, so the media points at the npm copy collected under static/vendor/.

Around the package's map (its own script still runs it) we add a search box that moves
the marker to a neighbourhood or district found by ``spaces.places``
(``static/js/place-search.js``), a label for the coordinates input, and clicking the map
to move the marker (``static/js/place-editor.js``). The package's geocoding is not used:
nothing is sent to a geocoding service."""

from django import forms
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe

from wagtailgeowidget.panels import LeafletPanel
from wagtailgeowidget.widgets import LeafletField


class LocalLeafletField(LeafletField):
    editor_template = "spaces/widgets/place_editor.html"

    @cached_property
    def media(self):
        return forms.Media(
            css={
                "all": (
                    "wagtailgeowidget/css/leaflet-field.css",
                    "vendor/leaflet/leaflet.css",
                    "css/place-search.css",
                )
            },
            js=(
                "wagtailgeowidget/js/leaflet-field.js",
                "wagtailgeowidget/js/leaflet-field-controller.js",
                "vendor/leaflet/leaflet.js",
                # After Leaflet, before the page's controllers start the map.
                "js/place-editor.js",
                "js/place-search.js",
            ),
        )

    def render(self, name, value, attrs=None, renderer=None):
        """The package's markup (hidden value, coordinates input, map element, same ids
        its script looks for) with our search box and labels."""
        try:
            id_ = attrs["id"]
        except (KeyError, TypeError) as error:
            raise TypeError("LeafletField cannot be rendered without an 'id' attribute") from error
        self.value_data = value  # read by the package's build_attrs (the start point)
        hidden = forms.HiddenInput.render(self, name, value, attrs, renderer)
        return mark_safe(
            render_to_string(
                self.editor_template,
                {
                    "hidden": hidden,
                    "id": id_,
                    "map_id": f"{id_}_map",
                    "hide_latlng": self.hide_latlng,
                    "lookup_url": reverse("spaces_places"),
                },
            )
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
