"""The home page's schema.org ``WebSite`` (JSON-LD): the portal's name and address in
the active language and its site search as a ``SearchAction``, so a search engine can
send a query straight to ``/search/?q=`` (``/en/search/?q=`` in English)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core import jsonld, links

register = template.Library()


def website():
    name = _("Community Space")
    return {
        "@context": jsonld.CONTEXT,
        "@type": "WebSite",
        "name": name,
        "url": jsonld.home_url(),
        "inLanguage": get_language(),
        "publisher": jsonld.portal(name),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": links.url("search") + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }


@register.simple_tag
def website_json_ld():
    # dumps() escapes "<", ">" and "&": the text cannot end the element.
    return format_html(
        '<script type="application/ld+json">{}</script>', mark_safe(jsonld.dumps(website()))
    )
