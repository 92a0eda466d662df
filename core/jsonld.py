"""schema.org data for search engines, written into a page's
``<script type="application/ld+json">`` element.

Titles, addresses and names come from editors, proposals and imports. Inside a script
element the HTML parser ends the element at ``</script>`` and treats ``<!--`` specially,
whatever JSON thinks of them, so ``<``, ``>`` and ``&`` are written as JSON escapes
(``\\u003c`` …), as Django's ``json_script`` does. U+2028 and U+2029 are escaped too:
JSON allows them raw in strings, older JavaScript parsers do not. Korean text stays
readable (no ``ensure_ascii``). The escaped text reads back to exactly the same data."""

import json

ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def dumps(data):
    """``data`` as JSON text that is safe inside a ``<script>`` element."""
    return json.dumps(data, ensure_ascii=False).translate(ESCAPES)
