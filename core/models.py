"""The page base every portal page type inherits."""

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Substr
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from . import korean, memo, versions
from .i18n import active_language, default_locale_id, locale_id_of


class PortalPage(Page):
    """A Wagtail page that keeps visitors in their language.

    English pages are translations of Korean ones. Until an editor translates a page,
    the English site still shows it — Korean content in the English interface at the
    ``/en/…`` address — instead of a 404:

    * ``route()`` looks for a missing child among the children of the Korean source
      page when the English tree has no page with that slug;
    * ``get_url_parts()`` gives a page the address in the active language, so links
      from an English page to an untranslated Korean one stay under ``/en/``.

    https://docs.wagtail.org/en/stable/reference/pages/model_recipes.html#overriding-the-serve-and-route-methods
    """

    class Meta:
        abstract = True

    # Korean search (core.korean): the title's and the text's two-syllable grams are
    # indexed beside the words themselves, so part of a compound word finds the page.
    search_fields = Page.search_fields + [
        index.SearchField("search_grams_title", boost=3),
        index.SearchField("search_grams"),
    ]

    def search_text(self):
        """The page's searchable text besides its title (subclasses add their fields)."""
        return ""

    def search_grams_title(self):
        return korean.index_terms(self.title)

    def search_grams(self):
        return korean.index_terms(self.search_text())

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        default_locale = default_locale_id(request)
        if self.locale_id == default_locale and active_language() == settings.LANGUAGE_CODE:
            page = self._live_page_at(path_components)
            if page is not None:
                return page.route(request, [])
            # An action below a page (a space's ``book/``): that page routes it.
            page = self._live_page_at(path_components[:-1]) if len(path_components) > 1 else None
            if page is not None:
                return page.route(request, path_components[-1:])
        if self.locale_id == default_locale:
            return super().route(request, path_components)
        slug, remaining = path_components[0], path_components[1:]
        child = self.get_children().filter(slug=slug).first()
        if child is None:
            child = self._default_locale_child(slug, default_locale)
        if child is None:
            raise Http404
        return child.specific.route(request, remaining)

    def _live_page_at(self, path_components):
        """The live page at this page's path plus ``path_components``, found at once
        (two queries whatever the depth) instead of one level at a time (two queries per
        level). Korean addresses only: English ones often lead to a Korean page with no
        translation yet, which the level-by-level walk finds."""
        url_path = self.url_path + "/".join(path_components) + "/"
        found = Page.objects.filter(
            path__startswith=self.path,
            depth=self.depth + len(path_components),
            slug=path_components[-1],
            url_path=url_path,
            live=True,
        )
        # Remembered (core.memo): which page is there, for where pages are
        # (versions.STRUCTURE; an address with no page is not remembered, as a page may
        # be published there), and the page itself, for its own version: publishing
        # another page leaves both in place.
        seconds = versions.seconds()
        if not seconds:
            return found.specific().first()
        name = versions.key("route", self.path, url_path, base=versions.STRUCTURE)
        at = versions.cache.get(name)
        if at is None:
            at = found.values_list("pk", "translation_key").first()
            if at is None:
                return None
            at = [at[0], str(at[1])]
            versions.cache.set(name, at, seconds)
        pk, translation_key = at
        return memo.remember_object(
            "page",
            pk,
            build=lambda: found.filter(pk=pk).specific().first(),
            base=versions.STRUCTURE,
            tags=(versions.tag("page", translation_key),),
        )

    @property
    def localized(self):
        """Wagtail's ``localized`` (this page in the active language, if translated and
        live), from the memo (core.memo): routing starts from it on every request."""
        language = active_language()
        if self.locale_id == locale_id_of(language):
            return self
        return memo.remember_object(
            "localized",
            self.pk,
            language,
            build=lambda: super(PortalPage, self).localized.specific,
            base=versions.STRUCTURE,  # where pages are, and this one's translations
            tags=(versions.page(self),),
        )

    def get_view_restrictions(self):
        """The restrictions Wagtail checks before serving this page: those on the page
        and its ancestors, as Wagtail has it, and also those covering any translation
        of the page (``core.privacy``), so the English address of a page made private
        in Korean asks to log in too (one query on a miss). Answered from the memo when
        only iterated (as by the check on every page served); anything else built on it
        (``order_by``, ``filter``) asks the database."""
        from wagtail.models import PageViewRestriction

        from .privacy import covering_restrictions

        if not versions.seconds():
            return covering_restrictions(self)
        rows = versions.remember(
            "restrictions",
            self.pk,
            build=lambda: [memo.row(found) for found in covering_restrictions(self)],
            base=versions.STRUCTURE,
        )
        # The same rows (a new restriction starts a new version of versions.STRUCTURE).
        found = [memo.from_row(data) for data in rows]
        restrictions = PageViewRestriction.objects.filter(pk__in=[item.pk for item in found])
        restrictions._result_cache = found
        return restrictions

    def _default_locale_child(self, slug, default_locale):
        """The child with ``slug`` of this page's Korean source, replaced by its
        translation in this page's locale when one exists (it may have another slug).
        One query: the Korean child is found through its parent's translation key."""
        korean_child = (
            Page.objects.filter(depth=self.depth + 1, slug=slug, locale_id=default_locale)
            .annotate(
                parent_key=Subquery(
                    Page.objects.filter(
                        path=Substr(OuterRef("path"), 1, self.depth * Page.steplen)
                    ).values("translation_key")[:1]
                )
            )
            .filter(parent_key=self.translation_key)
            .values("translation_key")
        )
        candidates = Page.objects.filter(
            translation_key__in=korean_child, locale_id__in=[self.locale_id, default_locale]
        )
        return min(candidates, key=lambda page: page.locale_id != self.locale_id, default=None)

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if parts is None or parts[2] is None:
            return parts
        language = active_language()
        if language == settings.LANGUAGE_CODE:
            return parts
        # The same path under the active language's prefix, as Wagtail builds it
        # (no query: site root paths are cached). A page already in that language
        # keeps its address.
        site_id, root_url, page_path = parts
        for site_root in self._get_relevant_site_root_paths(request):
            if site_root.site_id == site_id:
                with translation.override(language):
                    page_path = reverse(
                        "wagtail_serve", args=(self.url_path[len(site_root.root_path) :],)
                    )
                break
        return site_id, root_url, page_path


class SectionPage(PortalPage):
    """A top-level section of the portal (spaces, programs, stories …): the home page
    lists each with its summary; the page itself opens with the intro."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    summary = models.CharField(
        _("summary"),
        max_length=200,
        blank=True,
        help_text=_("One sentence shown where the home page points to this section."),
    )

    content_panels = PortalPage.content_panels + [FieldPanel("summary"), FieldPanel("intro")]
    search_fields = PortalPage.search_fields + [index.SearchField("intro")]

    def search_text(self):
        return self.intro

    # The site's home page type is the project's to name (core names no portal app).
    parent_page_types = settings.SECTION_PARENT_PAGE_TYPES
    max_count_per_parent = 1

    class Meta:
        abstract = True


class OutboxMessage(models.Model):
    """An e-mail waiting in the outbox (``core.outbox`` sends it): written in the same
    transaction as the change it announces, so it is never lost, and retried with
    growing pauses until it goes out. Subclasses add what it is about, a ``kind``, and
    ``mail_context()``: what their app's ``email/subject.txt`` and ``email/body.txt``
    templates are given."""

    recipient = models.EmailField()
    language = models.CharField(max_length=10, default="ko")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)

    class Meta:
        abstract = True
        # What the outbox asks for: messages not sent whose next attempt is due.
        indexes = [models.Index(fields=["sent_at", "next_attempt_at"])]

    def __str__(self):
        return f"{self.kind} → {self.recipient}"

    def mail_context(self):
        raise NotImplementedError

    def render(self):
        """(subject, body) of the e-mail, in the active language (the outbox activates
        the message's own); the subject on one line, however the template wraps it."""
        from django.template.loader import render_to_string

        context = self.mail_context()
        folder = f"{self._meta.app_label}/email"
        subject = " ".join(render_to_string(f"{folder}/subject.txt", context).split())
        return subject, render_to_string(f"{folder}/body.txt", context)


class ScheduledRun(models.Model):
    """When a periodic job of the worker (``settings.SCHEDULED_JOBS``, ``core.scheduler``)
    last ran. Kept in the database so a restarted worker goes on where the last one
    stopped, and claimed by a conditional update so two workers never both run a job."""

    name = models.CharField(_("scheduled job"), max_length=200, unique=True)
    last_run_at = models.DateTimeField(_("last run at"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduled job run")
        verbose_name_plural = _("scheduled job runs")

    def __str__(self):
        return self.name


def image_field(verbose_name):
    """A page's image (one definition for every page type that has one)."""
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


def image_alt_field(verbose_name):
    return models.CharField(
        verbose_name,
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )


class ImageWithDescription(models.Model):
    """A page's image and its description for people who cannot see it (the ``alt``
    text), with their panels (a page sets them in a row or under a heading). A page
    that names them otherwise (a story's cover) declares the two fields again with
    ``image_field`` and ``image_alt_field`` and its own labels."""

    image = image_field(_("image"))
    image_alt = image_alt_field(_("image description"))

    image_panels = [FieldPanel("image"), FieldPanel("image_alt")]

    class Meta:
        abstract = True
