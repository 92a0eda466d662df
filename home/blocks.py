"""The blocks a policy or statement page (``InfoPage``) is written with: a section
heading, which also makes the table of contents, and the text under it."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

TEXT_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    anchor = blocks.RegexBlock(
        label=_("address of this section"),
        regex=r"^[a-z0-9-]+$",
        required=False,
        error_messages={"invalid": _("Use lowercase Latin letters, digits and hyphens only.")},
        help_text=_(
            "Optional, e.g. “rights”: the section can then be linked as …/privacy/#rights. "
            "Use the same word in every language."
        ),
    )

    class Meta:
        icon = "title"
        label = _("Section heading")


class InfoBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    text = blocks.RichTextBlock(label=_("Text"), features=TEXT_FEATURES)
