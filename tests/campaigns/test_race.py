"""One entry per resident and campaign, proven at a live server: the same resident
sends the form twice at the same moment (a double click, two tabs); exactly one entry
is stored, the other request is told "you have already taken part", nobody gets a
5xx. Runs on whichever database the suite runs on."""

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest

from campaigns.models import CampaignEntry
from tests.live import CSRF, logged_in_session

from .conftest import entry_data

RACERS = 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("precheck", [True, False], ids=["as-is", "without-the-early-check"])
def test_two_simultaneous_entries_by_one_resident_store_one(
    live_server, make_campaign, make_space, monkeypatch, precheck
):
    if not precheck:
        # Both requests get past "already taken part?": the database alone decides.
        monkeypatch.setattr("campaigns.services.entry_of", lambda user, campaign: None)
    make_space(title="망원 작은도서관")
    now = timezone.now()
    campaign = make_campaign(
        opens=now - dt.timedelta(days=1), closes=now + dt.timedelta(days=1), english=False
    )
    resident = get_user_model().objects.create_user("racer", email="racer@example.org")
    url = f"{live_server.url}/campaigns/{campaign.slug}/enter/"
    sessions = [logged_in_session(resident) for _ in range(RACERS)]
    start = threading.Barrier(RACERS)

    def race(http):
        data = {**entry_data(), "csrfmiddlewaretoken": CSRF}
        start.wait()
        return http.post(url, data=data, allow_redirects=False, timeout=60).status_code

    with ThreadPoolExecutor(RACERS) as pool:
        statuses = sorted(pool.map(race, sessions))

    assert statuses == [303, 409], statuses
    assert CampaignEntry.objects.filter(campaign=campaign, user=resident).count() == 1
