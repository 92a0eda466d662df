"""django-recurrence's editor widget made to live inside Wagtail's page editor.

As shipped, its media pulls Django admin's own jQuery and ``jquery.init.js``; Django's
media merging puts them before Wagtail's scripts and the editor's date pickers break.
This widget drops them and points ``django.jQuery`` at the jQuery Wagtail already
loads (``static/js/recurrence-jquery.js``), then loads the widget's own scripts."""

from django import forms
from django.templatetags.static import static

from recurrence.forms import RecurrenceWidget as BaseRecurrenceWidget
from recurrence.forms import find_recurrence_i18n_js_catalog


class RecurrenceWidget(BaseRecurrenceWidget):
    @property
    def media(self):
        js = [
            static("js/recurrence-jquery.js"),
            static("recurrence/js/recurrence.js"),
            static("recurrence/js/recurrence-widget.js"),
            static("js/recurrence-widget-init.js"),
        ]
        catalog = find_recurrence_i18n_js_catalog()
        if catalog:
            js.insert(0, catalog)
        return forms.Media(js=js, css={"all": [static("recurrence/css/recurrence.css")]})
