"""Campaign entries reach cached pages only through the public results: an entry makes
pages stale only when it becomes, or stops being, selected."""

from campaigns.models import EntryStatus
from core import versions

from .test_admin import make_entry


def test_entries_make_pages_stale_only_when_the_results_change(
    campaign, spaces, resident, committing
):
    space = spaces.library
    site = versions.current(versions.SITE)
    with committing():
        entry = make_entry(campaign, resident, space)
        entry.status = EntryStatus.SHORTLISTED
        entry.save()
    assert versions.current(versions.SITE) == site  # nothing public changed

    with committing():
        entry.status = EntryStatus.SELECTED
        entry.save()
    selected = versions.current(versions.SITE)
    assert selected != site  # the results list it now

    with committing():
        entry.delete()
    assert versions.current(versions.SITE) != selected
