"""The review's outcome reaches the operator: a proposed space that staff publish makes
its proposers its operators and tells them; a declined proposal or declined changes are
told with the reviewer's comment."""

from django.db import transaction

from wagtail.signals import page_published, workflow_approved, workflow_rejected

from spaces.models import SpaceOperator, SpacePage

from . import notices, services
from .models import OperatorNotice


def _space_of(workflow_state):
    page = workflow_state.content_object
    page = getattr(page, "specific", page)
    return page if isinstance(page, SpacePage) else None


def _published(sender, instance, **kwargs):
    if not isinstance(instance, SpacePage):
        return
    waiting = SpaceOperator.objects.filter(space_id=instance.pk).exclude(
        status=SpaceOperator.Status.ACTIVE
    )
    with transaction.atomic():
        for role in waiting.select_related("user"):
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
    if SpaceOperator.objects.filter(
        space_id=space.pk, user=instance.requested_by, status=SpaceOperator.Status.ACTIVE
    ).exists():
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
    elif (
        instance.requested_by
        and SpaceOperator.objects.filter(
            space_id=space.pk, user=instance.requested_by, status=SpaceOperator.Status.ACTIVE
        ).exists()
    ):
        notices.tell(instance.requested_by, space, OperatorNotice.Kind.CHANGES_DECLINED, comment)


page_published.connect(_published, dispatch_uid="operators-space-published")
workflow_approved.connect(_approved, dispatch_uid="operators-workflow-approved")
workflow_rejected.connect(_rejected, dispatch_uid="operators-workflow-rejected")
