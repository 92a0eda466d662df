"""The story page's surroundings: where its listing is, what it links to, more stories,
its article lines beside the shared head tags (``core.seo``: Open Graph) and its
schema.org ``Article`` JSON-LD for search engines."""

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Page

from core import jsonld, links, seo
from core.i18n import page_language
from core.navigation import section_for
from core.privacy import restricted
from spaces.taxonomy_cache import Taxonomies

from .listing import newest_first, prepare, published

MORE_STORIES = 3


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
    "article_tags",
    "json_ld",
)


def story_context(request, story):
    listing_url = index_url(request, story)
    context = {
        "index_url": listing_url,
        "feed_url": f"{listing_url}feed/" if listing_url else None,
        "district": Taxonomies().district(story.district_id),
        "story_tags": list(story.tags.all()),
        "related_spaces": public_links(story.related_space_links, "space"),
        "related_programs": public_links(story.related_program_links, "program"),
        "more_stories": more_stories(request, story),
    }
    # The shared head tags (core.seo) describe the page; an article adds its own.
    context["article_tags"] = [("article:published_time", story.published_at.isoformat())] + [
        ("article:tag", tag.name) for tag in context["story_tags"]
    ]
    image, _alt = seo.own_image(story)
    context["json_ld"] = story_json_ld(story, image, context)
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


def story_json_ld(story, image, context):
    """schema.org Article with links from the public address (``core.jsonld``), the
    image in the three shapes Google asks for, safe inside <script> (no "</script>"
    or "<!--" can be spelt by a title)."""
    url = links.page_url(story)
    data = {
        "@context": jsonld.CONTEXT,
        "@type": "Article",
        "headline": story.title[:110],
        "description": story.lead,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": story.date.isoformat(),
        "inLanguage": page_language(story),
        "publisher": jsonld.portal(_("Community Space")),
    }
    if story.last_published_at:
        data["dateModified"] = timezone.localtime(story.last_published_at).isoformat()
    if story.author:
        data["author"] = {"@type": "Person", "name": story.author}
    else:
        data["author"] = jsonld.portal(_("Community Space"))
    images = jsonld.image_urls(image)
    if images:
        data["image"] = images
    if context["story_tags"]:
        data["keywords"] = [tag.name for tag in context["story_tags"]]
    if context["related_spaces"]:
        data["about"] = [
            {"@type": "Place", "name": space.display_title, "url": links.page_url(space)}
            for space in context["related_spaces"]
        ]
    return jsonld.dumps(data)
