"""The blocks a story's body is written with: paragraphs, images with alt text and a
caption, quotes, a link to a video, and a list of featured spaces.

A video is shown as a plain link: nothing from the video host is loaded until the
reader follows it (no third-party script or iframe at page load)."""

from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("image description"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "stories/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(
        label=_("attribution"),
        max_length=200,
        required=False,
        help_text=_("Who said it, e.g. “Kim Ji-eun, who runs the library”."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "stories/blocks/quote.html"


class VideoBlock(blocks.StructBlock):
    url = blocks.URLBlock(label=_("video address"))
    title = blocks.CharBlock(
        label=_("what the video shows"),
        max_length=200,
        required=False,
        help_text=_("Shown as the link text."),
    )

    class Meta:
        icon = "media"
        label = _("Video link")
        template = "stories/blocks/video.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        host = urlsplit(value.get("url") or "").hostname or ""
        context["host"] = host.removeprefix("www.")
        return context


class FeaturedSpacesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("heading"),
        max_length=120,
        required=False,
        help_text=_("Leave empty for “Featured spaces”."),
    )
    spaces = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="spaces.SpacePage", label=_("space")),
        label=_("spaces"),
    )

    def get_context(self, value, parent_context=None):
        """The chosen spaces a reader may see: live, and no view restriction covering
        them (core.privacy), in the editor's order (one query)."""
        from core.privacy import restricted

        context = super().get_context(value, parent_context)
        chosen = [space for space in value.get("spaces") or [] if space is not None]
        public = set(
            type(chosen[0])
            .objects.filter(pk__in=[space.pk for space in chosen], live=True)
            .exclude(restricted())
            .values_list("pk", flat=True)
            if chosen
            else []
        )
        context["shown_spaces"] = [space for space in chosen if space.pk in public]
        return context

    class Meta:
        icon = "site"
        label = _("Featured spaces")
        template = "stories/blocks/featured_spaces.html"


class StoryBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES, label=_("Paragraph"), template="stories/blocks/paragraph.html"
    )
    image = ImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    featured_spaces = FeaturedSpacesBlock()


# --- reading the stored body without building block values (no queries) ----------------


def text_parts(raw_blocks):
    """The readable text of a body in its stored form: paragraphs (HTML), quotes and
    their attributions, image captions."""
    parts = []
    for item in raw_blocks or []:
        kind, value = item.get("type"), item.get("value")
        if kind == "paragraph" and isinstance(value, str):
            parts.append(value)
        elif kind == "quote" and isinstance(value, dict):
            parts += [value.get("quote") or "", value.get("attribution") or ""]
        elif kind == "image" and isinstance(value, dict):
            parts.append(value.get("caption") or "")
    return [part for part in parts if part]


def featured_space_ids(raw_blocks):
    """The page ids chosen in the body's featured-spaces blocks, in order."""
    ids = []
    for item in raw_blocks or []:
        if item.get("type") != "featured_spaces" or not isinstance(item.get("value"), dict):
            continue
        for entry in item["value"].get("spaces") or []:
            # ListBlock items are stored as {"type": "item", "value": id, "id": …}
            # (older content: the bare id).
            value = entry.get("value") if isinstance(entry, dict) else entry
            if isinstance(value, int) and value not in ids:
                ids.append(value)
    return ids
