"""Each step of a space's review sends one e-mail to each person concerned: a
submission tells the reviewers on city staff; a proposed space that staff publish makes
its proposers its operators and tells them; a declined proposal or requested changes
are told with the reviewer's comment. Wagtail's own workflow e-mails, which would repeat
these in English, are switched off at the end of this module."""

from django.contrib.auth import get_user_model
from django.db import transaction

from wagtail.models import TaskState, WorkflowState
from wagtail.signals import (
    page_published,
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

from spaces.models import SpaceOperator, SpacePage

from . import notices, services
from .models import OperatorNotice


def _space_of(workflow_state):
    page = workflow_state.content_object
    page = getattr(page, "specific", page)
    return page if isinstance(page, SpacePage) else None


def _published(sender, instance, created=False, **kwargs):
    # ``created``: a page a bulk import created in the batch just committed (spaces.bulk),
    # which no one can have proposed or been made operator of yet.
    if created or not isinstance(instance, SpacePage):
        return
    waiting = SpaceOperator.objects.filter(space_id=instance.pk).exclude(
        status=SpaceOperator.Status.ACTIVE
    )
    waiting = list(waiting.select_related("user"))
    if not waiting:  # most publications: no savepoint either
        return
    with transaction.atomic():
        for role in waiting:
            role.status = SpaceOperator.Status.ACTIVE
            role.save()  # grants the tree permissions (spaces.signals)
            notices.tell(role.user, instance, OperatorNotice.Kind.APPROVED)


def _approved(sender, instance, user=None, **kwargs):
    space = _space_of(instance)
    if space is None:
        return
    space = SpacePage.objects.get(pk=space.pk)
    # Staff approving a space (a proposal or changes) have checked its details: that
    # confirms them, so the operator is not told "never confirmed" the next day.
    services.verify(space, user)
    if instance.requested_by is None:
        return
    if space.first_published_at == space.last_published_at:
        return  # the proposal's first publication: told by _published
    if instance.requested_by != user:  # whoever submitted it: an operator or staff
        notices.tell(instance.requested_by, space, OperatorNotice.Kind.PUBLISHED)


def _rejected(sender, instance, user=None, **kwargs):
    space = _space_of(instance)
    if space is None:
        return
    task_state = instance.current_task_state
    comment = task_state.specific.get_comment() if task_state else ""
    proposals = SpaceOperator.objects.filter(
        space_id=space.pk, status=SpaceOperator.Status.PROPOSED
    ).select_related("user")
    if proposals:
        for role in proposals:
            role.status = SpaceOperator.Status.DECLINED
            role.save()
            notices.tell(role.user, space, OperatorNotice.Kind.DECLINED, comment)
    elif instance.requested_by and instance.requested_by != user:
        notices.tell(instance.requested_by, space, OperatorNotice.Kind.CHANGES_DECLINED, comment)


def _submitted(sender, instance, user=None, **kwargs):
    """A space page waits for review (a proposal, an operator's changes, or the same
    submitted again after changes were requested): each reviewer is told once, with a
    link to the page's edit screen, where they approve or request changes."""
    task = instance.task.specific
    space = instance.workflow_state.content_object
    space = getattr(space, "specific", space)
    if not isinstance(space, SpacePage) or not hasattr(task, "groups"):
        return
    for reviewer in reviewers(task, exclude=user):
        notices.tell(reviewer, space, OperatorNotice.Kind.SUBMITTED)


def reviewers(task, exclude=None):
    """Who reviews for a group approval task, as Wagtail's own notification chose them:
    the task's groups and, unless ``WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS`` is
    off, superusers; active, with an address, not the submitter, and not having turned
    off "submitted" notifications in their admin account. One per address."""
    from django.conf import settings
    from django.db.models import Q

    from wagtail.users.models import UserProfile

    who = Q(groups__in=task.groups.all())
    if getattr(settings, "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", True):
        who |= Q(is_superuser=True)
    users = get_user_model().objects.filter(who, is_active=True).exclude(email="").distinct()
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    chosen = {}
    for reviewer in users.order_by("pk"):
        if UserProfile.get_for_user(reviewer).submitted_notifications:
            chosen.setdefault(reviewer.email.strip().lower(), reviewer)
    return list(chosen.values())


page_published.connect(_published, dispatch_uid="operators-space-published")
workflow_approved.connect(_approved, dispatch_uid="operators-workflow-approved")
workflow_rejected.connect(_rejected, dispatch_uid="operators-workflow-rejected")
task_submitted.connect(_submitted, sender=TaskState, dispatch_uid="operators-task-submitted")


# --- Wagtail's own workflow e-mails, switched off -----------------------------------------
# Wagtail e-mails the same steps itself (``wagtail.admin.signal_handlers``): a second
# mail per step, sent at once (no outbox, no retry), with the task's English name and
# Wagtail's "rejected" wording for requested changes. Each is disconnected in case
# ``wagtail.admin`` is ready already, and its ``dispatch_uid`` is taken here so that
# ``wagtail.admin``'s ready() (later: INSTALLED_APPS lists our apps first) does not
# connect it: Django keeps the first receiver of a (dispatch_uid, sender) pair.
WAGTAIL_WORKFLOW_MAILS = [
    (task_submitted, TaskState, "group_approval_task_submitted_email_notification"),
    (workflow_submitted, WorkflowState, "workflow_state_submitted_email_notification"),
    (workflow_rejected, WorkflowState, "workflow_state_rejected_email_notification"),
    (workflow_approved, WorkflowState, "workflow_state_approved_email_notification"),
]


def _sent_by_the_portal(sender, **kwargs):
    """Holds the place of a Wagtail workflow e-mail that ``OperatorNotice`` replaces."""


for _signal, _sender, _uid in WAGTAIL_WORKFLOW_MAILS:
    _signal.disconnect(sender=_sender, dispatch_uid=_uid)
    _signal.connect(_sent_by_the_portal, sender=_sender, dispatch_uid=_uid)
