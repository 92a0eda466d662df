"""The story page's surroundings: where its listing is, what it links to, more stories,
and how it describes itself to other sites (Open Graph) and search engines
(schema.org ``Article`` JSON-LD)."""

from django.db.models import QuerySet
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Page

from core import jsonld
from core.i18n import page_language
from core.navigation import section_for
from core.privacy import restricted
from spaces.taxonomy_cache import Taxonomies

from .listing import newest_first, prepare, published

MORE_STORIES = 3
SOCIAL_IMAGE = "fill-1200x630"
OG_LOCALES = {"ko": "ko_KR", "en": "en_US"}


def index_url(request, story):
    """The listing in the visitor's language: from the cached navigation when the
    listing is in the menu, else the story's parent."""
    section = section_for(request, story)
    if section:
        return section["url"]
    parent = story.get_parent()
    return parent.get_url(request) if parent else None


# What story_context gives the template (each read lazily, see StoryPage.get_context).
STORY_CONTEXT = (
    "index_url",
    "feed_url",
    "district",
    "story_tags",
    "related_spaces",
    "related_programs",
    "more_stories",
    "social_image_url",
    "open_graph",
    "json_ld",
)


def story_context(request, story):
    listing_url = index_url(request, story)
    image, alt = social_image(story)
    rendition = image.get_rendition(SOCIAL_IMAGE) if image else None
    context = {
        "index_url": listing_url,
        "feed_url": f"{listing_url}feed/" if listing_url else None,
        "district": Taxonomies().district(story.district_id),
        "story_tags": list(story.tags.all()),
        "related_spaces": public_links(story.related_space_links, "space"),
        "related_programs": public_links(story.related_program_links, "program"),
        "more_stories": more_stories(request, story),
    }
    absolute_url = request.build_absolute_uri(story.get_url(request) or "/")
    image_url = request.build_absolute_uri(rendition.url) if rendition else None
    context["social_image_url"] = image_url
    context["open_graph"] = open_graph(
        story, absolute_url, image_url, rendition, alt, context["story_tags"]
    )
    context["json_ld"] = story_json_ld(request, story, absolute_url, image_url, context)
    return context


def public_links(links, field):
    """The live pages the story links to through ``links`` that no view restriction
    covers (core.privacy: a private space is no link of a public story). Left out in
    SQL; an editor's preview holds its links in memory, checked with one query."""
    links = links.filter(**{f"{field}__live": True}).select_related(field)
    if isinstance(links, QuerySet):
        return [getattr(link, field) for link in links.exclude(restricted(f"{field}__"))]
    pages = [getattr(link, field) for link in links]
    private = set(
        Page.objects.filter(pk__in=[page.pk for page in pages], live=True)
        .filter(restricted())
        .values_list("pk", flat=True)
    )
    return [page for page in pages if page.pk not in private]


def more_stories(request, story):
    """The newest stories but this one, as cards in the active language (the story
    page keeps them in its cached fragment)."""
    newest = newest_first(published(request)).select_related("image")[: MORE_STORIES + 1]
    cards = prepare(newest)
    return [card for card in cards if card.translation_key != story.translation_key][:MORE_STORIES]


def social_image(story):
    """(image, description) for sharing: the cover image, else the body's first image."""
    if story.image_id and story.image:
        return story.image, story.image_alt
    for block in story.body:
        if block.block_type == "image" and block.value.get("image"):
            return block.value["image"], block.value.get("alt_text", "")
    return None, ""


def open_graph(story, url, image_url, rendition, alt, tags_of_story):
    """[(property, content)] for <meta property=… content=…>."""
    language = page_language(story)
    tags = [
        ("og:type", "article"),
        ("og:title", story.title),
        ("og:description", story.search_description or story.lead),
        ("og:url", url),
        ("og:site_name", _("Community Space")),
        ("og:locale", OG_LOCALES.get(language, language)),
        ("article:published_time", story.published_at.isoformat()),
    ]
    if image_url:
        tags += [
            ("og:image", image_url),
            ("og:image:width", str(rendition.width)),
            ("og:image:height", str(rendition.height)),
        ]
        if alt:
            tags.append(("og:image:alt", alt))
    tags += [("article:tag", tag.name) for tag in tags_of_story]
    return tags


def story_json_ld(request, story, url, image_url, context):
    """schema.org Article, safe inside <script> (no "</script>" or "<!--" can be
    spelt by a title)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": story.title[:110],
        "description": story.lead,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": story.date.isoformat(),
        "inLanguage": page_language(story),
        "publisher": {
            "@type": "Organization",
            "name": _("Community Space"),
            "logo": {
                "@type": "ImageObject",
                "url": request.build_absolute_uri(static("img/logo.svg")),
            },
        },
    }
    if story.last_published_at:
        data["dateModified"] = timezone.localtime(story.last_published_at).isoformat()
    if story.author:
        data["author"] = {"@type": "Person", "name": story.author}
    else:
        data["author"] = {"@type": "Organization", "name": _("Community Space")}
    if image_url:
        data["image"] = [image_url]
    if context["story_tags"]:
        data["keywords"] = [tag.name for tag in context["story_tags"]]
    if context["related_spaces"]:
        data["about"] = [
            {
                "@type": "Place",
                "name": space.title,
                "url": request.build_absolute_uri(space.get_url(request) or "/"),
            }
            for space in context["related_spaces"]
        ]
    return jsonld.dumps(data)
