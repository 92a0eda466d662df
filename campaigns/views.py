"""A campaign page's dynamic parts (the resident's entry or the form, the winners) and
``<campaign url>enter/``, which takes an entry: logged-in residents only, one per
campaign, while the campaign is open, within the request-size and daily limits.
Every refusal shows the page again with the typed values and a message (4xx)."""

from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from core import ratelimit
from core.dates import retention_period
from core.images import max_photo_bytes

from . import services
from .forms import EntryForm
from .models import CampaignEntry


def limits():
    return {
        "account": getattr(settings, "CAMPAIGN_ENTRIES_PER_ACCOUNT_PER_DAY", 10),
        "address": getattr(settings, "CAMPAIGN_ENTRIES_PER_ADDRESS_PER_DAY", 30),
    }


def max_request_bytes():
    """One photo and the text fields, with room for the multipart envelope."""
    return max_photo_bytes() + 1024 * 1024


def privacy_notice(page, campaign):
    return (
        page.privacy_notice
        or campaign.privacy_notice
        or _(
            "City staff use your entry and the contact details you give only to run this "
            "campaign: to screen the entries, choose the winners and reach them about their "
            "prize. If you win, the page shows the space you chose, part of what you wrote and "
            "your name masked (for example 김*은) — never your contact details or photo. You "
            "can ask city staff to delete your entry at any time."
        )
    )


def retention_notice():
    """How long an entry keeps who sent it, from ``PERSONAL_DATA_RETENTION_DAYS``: the
    period ``residents.rights.apply_retention`` applies and the privacy policy states.
    Shown under every campaign's own notice, so no campaign can promise another."""
    return _(
        "How long: %(period)s after the campaign closes. Then your name, text, contact and "
        "photo are erased, and only an anonymous record of the space you chose stays."
    ) % {"period": retention_period()}


def campaign_context(request, page, form=None):
    """What the campaign page shows besides its fields: the period and status, the
    resident's own entry or the form (or why there is none), and the winners."""
    campaign = page.source
    status = campaign.status()
    user = request.user
    saved = campaign.pk is not None  # an editor's preview of a new page is not
    mine = services.entry_of(user, campaign) if saved else None
    page_url = page.get_url(request) or "/"
    if status == "open" and user.is_authenticated and mine is None and form is None:
        form = EntryForm(user=user)
    winners = []
    if campaign.winners_published and saved:
        winners = list(
            CampaignEntry.objects.for_campaign(campaign)
            .selected()
            .select_related("space", "user")
            .order_by("created_at", "pk")
        )
        for entry in winners:
            space = entry.space
            entry.space_url = space.get_url(request) if space is not None and space.live else None
            entry.space_name = space.display_title if space is not None else entry.space_title
    return {
        "campaign": campaign,
        "campaign_status": status,
        "mine": mine,
        "form": form if status == "open" and mine is None else None,
        "entry_url": page.entry_url(request),
        "privacy_notice": privacy_notice(page, campaign),
        "retention_notice": retention_notice(),
        "winners": winners,
        "winners_intro": page.winners_intro or campaign.winners_intro,
        "login_url": f"{reverse('account_login')}?next={quote(page_url)}",
        "signup_url": f"{reverse('account_signup')}?next={quote(page_url)}",
    }


def _answer(request, page, status, form=None, problem=None):
    context = page.get_context(request, form=form)
    context["entry_problem"] = problem
    return TemplateResponse(request, page.get_template(request), context, status=status)


def enter(request, page):
    """POST: take the logged-in resident's entry in the campaign ``page`` shows."""
    page_url = page.get_url(request)
    if not request.user.is_authenticated:
        return redirect_to_login(page_url)
    campaign = page.source
    if _content_length(request) > max_request_bytes():
        # Refused before the body is read: nothing typed can be shown again.
        form = EntryForm(user=request.user)
        form.cleaned_data = {}  # nothing was read: only the error to show
        form.add_error(
            None,
            _(
                "What you sent is too large: the photo may be at most %(limit)s MB. Please fill "
                "in the form again with a smaller photo."
            )
            % {"limit": f"{max_photo_bytes() / 1048576:.0f}"},
        )
        return _answer(request, page, 413, form=form)
    problem = services.refusal(campaign)
    if problem is not None:
        return _answer(request, page, problem.status, problem=str(problem))
    if services.entry_of(request.user, campaign) is not None:
        return _answer(request, page, 409, problem=str(services.AlreadyEntered()))

    form = EntryForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        return _answer(request, page, 400, form=form)
    if not _within_limits(request):
        form.add_error(
            None,
            _("Too many entries have been sent from here today. Please try again tomorrow."),
        )
        return _answer(request, page, 429, form=form)
    data = form.cleaned_data
    try:
        services.enter(
            request.user,
            campaign,
            form.chosen_space,
            data["why"],
            contact=data["contact"],
            photo=data.get("photo"),
        )
    except services.EntryRefused as refused:
        return _answer(request, page, refused.status, form=form, problem=str(refused))
    messages.success(
        request,
        _(
            "Thank you for taking part! City staff read every entry after the campaign closes; "
            "you can see the status of yours on this page."
        ),
    )
    return HttpResponseRedirect(f"{page_url}#take-part", status=303)


def _content_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _within_limits(request):
    """Count this entry against the account's and the address's daily limits."""
    allowed = limits()
    by_account = ratelimit.allow(
        "campaign-entry-account", request.user.pk, allowed["account"], 86400
    )
    by_address = ratelimit.allow(
        "campaign-entry-address", ratelimit.client_address(request), allowed["address"], 86400
    )
    return by_account and by_address
