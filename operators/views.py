"""The operators' public pages: ``/operators/`` (how it works, and the visitor's own
spaces and proposals) and ``/operators/register/`` (propose a space)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core import ratelimit
from spaces.models import SpaceOperator

from . import services
from .forms import PHOTO_SLOTS, ProposalForm, max_photo_bytes
from .models import OperatorNotice


def _limits():
    return {
        "account": getattr(settings, "OPERATOR_PROPOSALS_PER_ACCOUNT_PER_DAY", 5),
        "address": getattr(settings, "OPERATOR_PROPOSALS_PER_ADDRESS_PER_DAY", 10),
    }


def max_request_bytes():
    return PHOTO_SLOTS * max_photo_bytes() + 1024 * 1024


def index(request):
    roles = []
    if request.user.is_authenticated:
        roles = list(
            SpaceOperator.objects.filter(user=request.user)
            .select_related("space", "space__district", "space__space_type")
            .order_by("status", "space__title")
        )
        comments = {}
        for notice in OperatorNotice.objects.filter(
            recipient=request.user.email,
            kind=OperatorNotice.Kind.DECLINED,
            space_id__in=[role.space_id for role in roles],
        ).order_by("created_at"):
            comments[notice.space_id] = notice.comment
        for role in roles:
            role.review_comment = comments.get(role.space_id, "")
    return render(request, "operators/index.html", {"roles": roles})


def register(request):
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(request.get_full_path())
        return render(request, "operators/register_intro.html")
    status = 200
    if request.method == "POST":
        if _content_length(request) > max_request_bytes():
            form = ProposalForm()
            form.cleaned_data = {}  # nothing was read: only the error to show
            form.add_error(
                None,
                _("The photos together are too large (at most %(limit)s MB each).")
                % {"limit": f"{max_photo_bytes() / 1048576:.0f}"},
            )
            return render(request, "operators/register.html", _form_context(form), status=413)
        form = ProposalForm(request.POST, request.FILES)
        status = 400
        if form.is_valid():
            status, problem = _may_propose(request)
            if problem:
                form.add_error(None, problem)
            else:
                try:
                    page = services.propose(request.user, form.cleaned_data, form.photos())
                except ValidationError as error:
                    _add_page_errors(form, error)
                    status = 400
                else:
                    messages.success(
                        request,
                        _(
                            "Thank you! “%(name)s” is now with city staff for review; "
                            "we will e-mail you the outcome."
                        )
                        % {"name": page.title},
                    )
                    return HttpResponseRedirect(reverse("operators:index"))
    else:
        form = ProposalForm()
    return render(request, "operators/register.html", _form_context(form), status=status)


def _content_length(request):
    """The declared body size; a value that is not a number declares none (Django then
    reads no body either)."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _form_context(form):
    return {
        "form": form,
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }


def _may_propose(request):
    """(status, problem): whether this account and address may send a proposal now."""
    if services.open_proposals(request.user) >= services.max_open_proposals():
        return 429, _(
            "You already have %(count)s spaces waiting for review. Please wait for the "
            "outcome before proposing more."
        ) % {"count": services.max_open_proposals()}
    limits = _limits()
    by_account = ratelimit.allow("proposal-account", request.user.pk, limits["account"], 86400)
    by_address = ratelimit.allow(
        "proposal-address", ratelimit.client_address(request), limits["address"], 86400
    )
    if not (by_account and by_address):
        return 429, _(
            "Too many proposals have been sent from here today. Please try again tomorrow."
        )
    return 200, None


FIELD_NAMES = {"title": "name"}


def _add_page_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            name = FIELD_NAMES.get(field, field)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
