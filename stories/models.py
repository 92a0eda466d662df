"""Stories of community activity: the listing at ``/stories/`` (with its RSS feed at
``/stories/feed/``) and the story pages under it.

A story names the spaces it is about twice over: editors pick related spaces (and
programs) in the side panel, and may feature spaces inside the body. Both end up in
``StorySpaceMention`` rows, rebuilt whenever the story's content is saved in full
(publishing, or a story never published), so a space page finds "its" stories with one
indexed query instead of reading every story's body."""

import datetime as dt
import functools
import math
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail.url_routing import RouteResult

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from core import korean
from core.models import (
    ImageWithDescription,
    PortalPage,
    SectionPage,
    image_alt_field,
    image_field,
)

from .blocks import StoryBodyBlock, featured_space_ids, text_parts
from .serializers import DistrictSerializer

# Reading speed used for "n min read": Korean text is counted in syllables (about 500 a
# minute for reading on screen), other languages in words.
KOREAN_CHARACTERS_PER_MINUTE = 500
WORDS_PER_MINUTE = 200
_HANGUL = re.compile(f"[{korean.HANGUL}]")


class StoryIndexPage(SectionPage):
    """The stories, newest first, filtered by topic (tag) and district, at
    ``/stories/``; ``/stories/feed/`` is their RSS 2.0 feed, ``/stories/feed/atom/`` the
    same as Atom 1.0 (``stories.feeds``)."""

    FEED_ROUTE = "feed"
    ATOM_ROUTE = "atom"

    subpage_types = ["stories.StoryPage"]
    template = "stories/story_index_page.html"

    class Meta:
        verbose_name = _("story listing")
        verbose_name_plural = _("story listings")

    # https://docs.wagtail.org/en/stable/reference/pages/model_recipes.html#overriding-the-serve-and-route-methods
    def route(self, request, path_components):
        if path_components == [self.FEED_ROUTE] and self.live:
            return RouteResult(self, kwargs={"action": self.FEED_ROUTE})
        if path_components == [self.FEED_ROUTE, self.ATOM_ROUTE] and self.live:
            return RouteResult(self, kwargs={"action": self.ATOM_ROUTE})
        return super().route(request, path_components)

    def serve(self, request, *args, action=None, **kwargs):
        if action in (self.FEED_ROUTE, self.ATOM_ROUTE):
            from . import feeds

            return feeds.serve(request, self, atom=action == self.ATOM_ROUTE)
        if action is not None:
            raise Http404
        return super().serve(request, *args, **kwargs)

    def feed_url(self, request=None):
        url = self.get_url(request)
        return f"{url}{self.FEED_ROUTE}/" if url else None

    def get_context(self, request, *args, **kwargs):
        from .listing import StoryListing

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = listing = StoryListing(request)
        listing.results_page  # noqa: B018 — paging notices must exist before the page renders
        context["feed_url"] = self.feed_url(request)
        return context


class StoryTag(TaggedItemBase):
    content_object = ParentalKey(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class StoryPage(ImageWithDescription, PortalPage):
    """One story: what happened, where, told with text, images, quotes and video."""

    # "date" alone is a program's date (회차) elsewhere: this one is the story's own.
    date = models.DateField(
        pgettext_lazy("story", "date"), default=timezone.localdate, db_index=True
    )
    author = models.CharField(
        _("author"), max_length=120, blank=True, help_text=_("Who wrote the story.")
    )
    lead = models.TextField(
        _("lead"),
        max_length=400,
        help_text=_("One or two sentences: shown under the title, in listings and in the feed."),
    )
    # The image is the story's cover (its labels say so).
    image = image_field(_("cover image"))
    image_alt = image_alt_field(_("cover image description"))
    body = StreamField(StoryBodyBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(
        through=StoryTag,
        blank=True,
        verbose_name=_("topics"),
        help_text=_("e.g. 작은도서관, 공유부엌, 마을축제: readers filter the stories by them."),
    )
    district = models.ForeignKey(
        "spaces.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
    )

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []
    template = "stories/story_page.html"

    content_panels = PortalPage.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("author")]),
        FieldPanel("lead"),
        MultiFieldPanel(ImageWithDescription.image_panels, heading=_("Cover image")),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("tags"), FieldPanel("district")]),
        InlinePanel("related_space_links", label=_("Space"), heading=_("Related spaces")),
        InlinePanel("related_program_links", label=_("Program"), heading=_("Related programs")),
    ]

    search_fields = PortalPage.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("author"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
        index.FilterField("district"),
    ]

    api_fields = [
        APIField("date"),
        APIField("author"),
        APIField("lead"),
        APIField("body"),
        APIField("tags"),
        APIField("district", serializer=DistrictSerializer()),
        APIField("related_space_ids"),
    ]

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    # --- validation -----------------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.slug == StoryIndexPage.FEED_ROUTE:
            errors["slug"] = _("“feed” is the address of the stories' RSS feed; choose another.")
        if self.image_id and not self.image_alt.strip():
            errors["image_alt"] = _("Describe the cover image for people who cannot see it.")
        if errors:
            raise ValidationError(errors)

    # --- search ---------------------------------------------------------------------

    def search_text(self):
        """Lead, the body's text, author and topics: PortalPage indexes its Korean
        two-syllable grams, so part of a compound word finds the story."""
        return " ".join(
            [
                self.lead,
                *(korean.plain(part) for part in self.body_text_parts),
                self.author,
                *(tag.name for tag in self.tags.all()),
            ]
        )

    @property
    def body_text_parts(self):
        return text_parts(self.body.raw_data)

    # --- derived data ---------------------------------------------------------------

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        # A full save carries the content (publishing, a new page, a page never
        # published); a revision of a live page saves a few bookkeeping fields only
        # and must not change what the live story is linked to.
        if kwargs.get("update_fields") is None:
            self.sync_space_mentions()
        return result

    def sync_space_mentions(self):
        from spaces.models import SpacePage

        related = self.related_space_ids
        featured = featured_space_ids(self.body.raw_data)
        wanted = {pk: pk in featured for pk in dict.fromkeys(related + featured)}
        existing = set(SpacePage.objects.filter(pk__in=wanted).values_list("pk", flat=True))
        mentions = StorySpaceMention.objects.filter(story=self)
        mentions.exclude(space_id__in=existing).delete()
        have = dict(mentions.values_list("space_id", "featured"))
        for space_id in existing & set(have):
            if have[space_id] != wanted[space_id]:
                mentions.filter(space_id=space_id).update(featured=wanted[space_id])
        StorySpaceMention.objects.bulk_create(
            [
                StorySpaceMention(story=self, space_id=pk, featured=wanted[pk])
                for pk in existing - set(have)
            ]
        )

    # --- presentation ---------------------------------------------------------------

    @property
    def related_space_ids(self):
        # A row a draft saved before its space was chosen links to nothing.
        return [link.space_id for link in self.related_space_links.all() if link.space_id]

    @cached_property
    def reading_minutes(self):
        text = " ".join([self.lead, *(korean.plain(p) for p in self.body_text_parts)])
        syllables = len(_HANGUL.findall(text))
        words = len(_HANGUL.sub(" ", text).split())
        minutes = syllables / KOREAN_CHARACTERS_PER_MINUTE + words / WORDS_PER_MINUTE
        return max(1, math.ceil(minutes))

    def shown_tags(self):
        """The versions of what the story shows of other pages: every story ("More
        stories") and each space and program it links to or features (one query)."""
        from wagtail.models import Page

        from core import versions

        linked = Page.objects.filter(
            models.Q(pk__in=self.related_space_links.values("space_id"))
            | models.Q(pk__in=self.related_program_links.values("program_id"))
            | models.Q(pk__in=featured_space_ids(self.body.raw_data))
        )
        pages = linked.only("translation_key").order_by("pk")
        return (versions.kind(StoryPage), *(versions.page(page) for page in pages))

    @property
    def published_at(self):
        """The story's date as a moment (midnight in Seoul), for feeds and schema.org."""
        return timezone.make_aware(dt.datetime.combine(self.date, dt.time()))

    def get_context(self, request, *args, **kwargs):
        """Everything around the story is worked out only when its cached fragments
        (core.fragments.page_keys) have to be rendered again."""
        from core import fragments, pagecache

        from .views import STORY_CONTEXT, story_context

        context = super().get_context(request, *args, **kwargs)
        # Besides its own content, the story shows the newest stories and the pages it
        # links to: publishing any other page leaves its cached parts and answer in place.
        pagecache.shows_only_its_own(request, self)
        tags = () if getattr(request, "is_preview", False) else self.shown_tags()
        context.update(fragments.page_keys(request, self, tags=tags, own=True))
        surroundings = functools.cache(lambda: story_context(request, self))
        for name in STORY_CONTEXT:
            context[name] = functools.partial(lambda name: surroundings()[name], name)
        return context


class StoryRelatedSpace(Orderable):
    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="related_space_links")
    # null (never blank): a draft or an autosave keeps a row added before its space is
    # chosen (Wagtail defers required fields of nullable columns); publishing requires it.
    space = models.ForeignKey(
        "spaces.SpacePage",
        verbose_name=_("space"),
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
    )

    panels = [FieldPanel("space")]

    class Meta(Orderable.Meta):
        verbose_name = _("related space")
        verbose_name_plural = _("related spaces")


class StoryRelatedProgram(Orderable):
    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="related_program_links")
    # null, not blank: as StoryRelatedSpace.space.
    program = models.ForeignKey(
        "events.ProgramPage",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
    )

    panels = [FieldPanel("program")]

    class Meta(Orderable.Meta):
        verbose_name = _("related program")
        verbose_name_plural = _("related programs")


class StorySpaceMention(models.Model):
    """A space a story is about (related, or featured in its body). Derived from the
    story's content by ``StoryPage.sync_space_mentions``; never edited by hand."""

    story = models.ForeignKey(StoryPage, on_delete=models.CASCADE, related_name="space_mentions")
    space = models.ForeignKey(
        "spaces.SpacePage", on_delete=models.CASCADE, related_name="story_mentions"
    )
    featured = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("space in a story")
        verbose_name_plural = _("spaces in stories")
        constraints = [
            models.UniqueConstraint(fields=["story", "space"], name="story_mentions_space_once")
        ]

    def __str__(self):
        return f"{self.story_id} → {self.space_id}"
