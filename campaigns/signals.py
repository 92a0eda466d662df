"""Cached pages show a campaign's selected entries (its results): only an entry that
becomes or stops being selected, or a selected one changed or deleted, makes them stale.
A new entry or a move between "submitted" and "shortlisted" shows nowhere public."""

from django.db.models.signals import post_delete, post_save

from core import versions

from .models import CampaignEntry, EntryStatus


def _entry_saved(sender, instance, created, **kwargs):
    if EntryStatus.SELECTED in {instance._loaded_status, instance.status}:
        versions.bump_on_commit()


def _entry_deleted(sender, instance, **kwargs):
    if instance.status == EntryStatus.SELECTED:
        versions.bump_on_commit()


post_save.connect(_entry_saved, sender=CampaignEntry, dispatch_uid="campaigns-results-saved")
post_delete.connect(_entry_deleted, sender=CampaignEntry, dispatch_uid="campaigns-results-deleted")
