"""Template tags for the resident's account: the "confirm your e-mail address first"
notice that My page and the booking form show (``core.accounts.pending_addresses``), and
what the e-mail page offers for each address (allauth's own rules)."""

from django import template

from allauth.account.adapter import get_adapter
from allauth.account.internal.flows.manage_email import can_mark_as_primary

from core.accounts import pending_addresses

register = template.Library()


@register.inclusion_tag("account/snippets/confirm_email_notice.html", takes_context=True)
def confirm_email_notice(context, addresses=None):
    """Nothing, or the notice with a button that sends the confirmation mail again (a
    plain form, so it works without JavaScript) and comes back to this page.
    ``addresses``: the account's e-mail addresses when the page has them already (saves
    a query)."""
    user = context.get("user")
    request = context.get("request")
    return {
        "addresses": pending_addresses(user, addresses),
        "request": request,
        "back": request.get_full_path() if request else "",
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def can_remove_email(address):
    """Whether ``address`` may be removed: never the account's last address nor its
    main one (``PortalAccountAdapter.can_delete_email``)."""
    return get_adapter().can_delete_email(address)


@register.filter
def can_become_main_email(address):
    """Whether ``address`` may become the main one: not already, and confirmed unless
    no address of the account is (allauth's rule)."""
    return not address.primary and can_mark_as_primary(address)
