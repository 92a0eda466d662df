"""Template tags for the resident's account: the "confirm your e-mail address first"
notice that My page and the booking form show (``core.accounts.pending_addresses``)."""

from django import template

from core.accounts import pending_addresses

register = template.Library()


@register.inclusion_tag("account/snippets/confirm_email_notice.html", takes_context=True)
def confirm_email_notice(context, addresses=None):
    """Nothing, or the notice with a button that sends the confirmation mail again (to
    allauth's e-mail page, which works without JavaScript). ``addresses``: the account's
    e-mail addresses when the page has them already (saves a query)."""
    user = context.get("user")
    return {
        "addresses": pending_addresses(user, addresses),
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
    }
