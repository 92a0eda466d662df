"""A space's address and "Getting there" notes in the visitor's language
(``spaces.directions``): ``{% load way_tags %}``, then
``{% with address=space|space_address %}<span{{ address.lang|lang_attr }}>{{ address.text }}</span>{% endwith %}``
— English on the English site where the Korean can be read as an address or note,
else the Korean as written, marked ``lang="ko"``."""

from django import template

from .. import directions

register = template.Library()


@register.filter
def space_address(space):
    """{"text", "lang"} of the space's address for the visitor."""
    text, language = directions.address(space)
    return {"text": text, "lang": language}


@register.filter
def way_notes(space):
    """The space's getting-there notes as [{"label", "text", "lang"}], filled ones only."""
    return [
        {"label": label, "text": text, "lang": language}
        for label, text, language in directions.notes(space)
    ]
