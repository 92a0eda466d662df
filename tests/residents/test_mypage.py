"""My page (/accounts/): everything a resident has here on one page — their own only —
in a fixed number of queries, with the notification settings saved from it."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from core import notify
from core.notify import Channel
from residents.models import Profile, Reminder, profile_for

from .mypage_support import World, resident

# A page with several of everything is read in at most this many queries, and with three
# times as much in exactly as many. English pages also look up the English titles of
# programs, campaigns and saved pages.
QUERY_BUDGET = {"/accounts/": 12, "/en/accounts/": 16}


class TextMessageChannel(Channel):
    """A stand-in for a city's SMS provider: it reaches people by their profile's phone."""

    label = "문자 메시지"

    def address_for(self, user):
        return profile_for(user).phone or None


TWO_CHANNELS = {
    "email": {"BACKEND": "core.notify.EmailChannel"},
    "sms": {"BACKEND": "tests.residents.test_mypage.TextMessageChannel"},
}


@pytest.fixture
def world(bilingual_site, make_space):
    return World(bilingual_site, make_space)


@pytest.fixture
def seoyeon(db):
    return resident("seoyeon", first_name="서연", last_name="박")


@pytest.fixture
def as_seoyeon(client, seoyeon):
    client.force_login(seoyeon)
    return client


def html(response):
    return response.content.decode()


def section(response, name):
    """The HTML of My page's section ``name`` (its id)."""
    match = re.search(rf'<section[^>]* id="{name}".*?</section>', html(response), re.S)
    assert match, f"no section {name}"
    return match.group(0)


def test_anonymous_visitors_are_asked_to_log_in_first(client, world):
    response = client.get("/accounts/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/"


def test_my_page_shows_my_bookings_registrations_entries_and_profile(as_seoyeon, seoyeon, world):
    made = world.fill(seoyeon)
    profile = profile_for(seoyeon)
    profile.phone = "010-1234-5678"
    profile.save()

    response = as_seoyeon.get("/accounts/")

    assert response.status_code == 200
    page = html(response)
    assert "<h1>마이페이지</h1>" in page
    # The in-page contents lead to every section.
    sections = ("bookings", "registrations", "entries", "saved", "profile", "notifications")
    for name in (*sections, "calendar", "data"):
        assert f'href="#{name}"' in page
        assert f'id="{name}"' in page
    bookings = section(response, "bookings")
    coming, past = made.bookings[0], made.bookings[2]
    assert f"/accounts/bookings/{coming.pk}/" in bookings
    assert f"/accounts/bookings/{coming.pk}/cancel/" in bookings
    assert "<details" in bookings and f"/accounts/bookings/{past.pk}/" in bookings
    assert "신청됨" in bookings and "확정" in bookings
    registrations = section(response, "registrations")
    assert "뜨개질 모임" in registrations
    # Where it is held, so two programs of the same name can be told apart.
    assert (
        '<span class="icon booking-icon--where" aria-hidden="true"></span><span>망원 작은도서관</span>'
        in registrations
    )
    assert f"/accounts/registrations/{made.registrations[0].pk}/cancel/" in registrations
    assert f"/accounts/registrations/{made.registrations[1].pk}/cancel/" not in registrations
    assert "calendar.google.com" in registrations  # "add to calendar" for the date to come
    entries = section(response, "entries")
    assert made.entries[0].campaign.title in entries and "망원 작은도서관" in entries
    profile_html = section(response, "profile")
    assert "박서연" in profile_html and "010-1234-5678" in profile_html
    assert "seoyeon@example.org" in profile_html and 'href="/accounts/email/"' in profile_html
    assert 'href="/accounts/profile/"' in profile_html
    # The full lists stay where they were, linked.
    assert 'href="/accounts/bookings/"' in page and 'href="/accounts/registrations/"' in page


def test_another_residents_things_never_show(as_seoyeon, seoyeon, world):
    world.fill(seoyeon)
    other = resident("minjun")
    theirs = world.fill(other)

    page = html(as_seoyeon.get("/accounts/"))

    for booking in theirs.bookings:
        assert f"/accounts/bookings/{booking.pk}/" not in page
    for registration in theirs.registrations:
        assert f"/accounts/registrations/{registration.pk}/" not in page
    assert theirs.entries[0].campaign.title not in page
    assert "minjun" not in page


def test_a_new_resident_sees_what_to_do_instead_of_empty_lists(as_seoyeon, world):
    page = html(as_seoyeon.get("/accounts/"))

    assert "다가오는 예약이 없습니다" in page and 'href="/spaces/"' in page
    assert "다가오는 참가 신청이 없습니다" in page and 'href="/programs/"' in page
    assert "아직 참여한 캠페인이 없습니다" in page and 'href="/campaigns/"' in page
    assert (
        "<details" not in page.split("<main", 1)[1]
    )  # nothing folded away (the header's menu aside)


def test_the_page_costs_the_same_queries_with_three_times_as_much(
    as_seoyeon, seoyeon, world, django_assert_max_num_queries
):
    world.fill(seoyeon)

    def queries(path):
        with CaptureQueriesContext(connection) as captured:
            assert as_seoyeon.get(path).status_code == 200
        return len(captured)

    for path in ("/accounts/", "/en/accounts/"):
        as_seoyeon.get(path)  # the caches warm, as for any visit after the first
    few = {path: queries(path) for path in ("/accounts/", "/en/accounts/")}
    world.fill(seoyeon, times=3)
    for path, count in few.items():
        as_seoyeon.get(path)
        assert queries(path) == count, path
        with django_assert_max_num_queries(QUERY_BUDGET[path]):
            as_seoyeon.get(path)


def test_the_english_page_is_in_english(as_seoyeon, seoyeon, world):
    world.fill(seoyeon)

    response = as_seoyeon.get("/en/accounts/")

    assert 'lang="en"' in html(response)
    assert "<h1>My page</h1>" in html(response)
    assert "/en/accounts/profile/" in html(response)


# --- "confirm your address first" ---------------------------------------------------------


def test_an_unconfirmed_address_is_announced_with_a_way_to_send_the_mail_again(client, world):
    newcomer = resident("newcomer", confirmed=False)
    client.force_login(newcomer)

    page = html(client.get("/accounts/"))

    assert "이메일 주소를 확인해 주세요" in page
    resend = r'<form method="post" action="/accounts/email/resend/".*?</form>'
    form = re.search(resend, page, re.S).group(0)
    assert 'name="email" value="newcomer@example.org"' in form
    assert 'name="next" value="/accounts/"' in form  # back here, with the answer
    assert "확인 전" in section(client.get("/accounts/"), "profile")


def test_an_account_without_an_address_is_told_so_with_a_way_to_add_one(client, world):
    nobody = resident("nobody")
    nobody.email = ""
    nobody.save()
    client.force_login(nobody)

    profile_html = section(client.get("/accounts/"), "profile")

    assert "이메일 주소가 없습니다" in profile_html
    assert re.search(r'<a href="/accounts/email/">이메일 주소 추가</a>', profile_html)


@pytest.mark.parametrize("confirmed", [True, None], ids=["confirmed", "made by staff"])
def test_no_banner_once_confirmed_or_for_accounts_staff_made(client, world, confirmed):
    client.force_login(resident("someone", confirmed=confirmed))

    assert "이메일 주소를 확인해 주세요" not in html(client.get("/accounts/"))


# --- notification settings ----------------------------------------------------------------


def test_notification_settings_are_saved_and_shown(as_seoyeon, seoyeon, world):
    response = as_seoyeon.post(
        "/accounts/notifications/",
        {"reminder": "2h", "news": "on"},  # notify_saved unticked
    )

    assert response.status_code == 303
    assert response["Location"] == "/accounts/#notifications"
    profile = Profile.objects.get(user=seoyeon)
    assert profile.reminder == Reminder.HOURS
    assert profile.notify_saved is False
    assert profile.news_consent_at is not None
    page = as_seoyeon.get(response["Location"])
    settings_html = section(page, "notifications")
    assert re.search(r'<input type="radio" name="reminder" value="2h"[^>]* checked', settings_html)
    # Said in the section the resident comes back to, once (not at the top, out of sight).
    status = re.search(r'<div class="section-status" role="status">(.*?)</div>', settings_html)
    assert "알림 설정을 저장했습니다" in status.group(1)
    assert html(page).count("알림 설정을 저장했습니다") == 1

    as_seoyeon.post("/accounts/notifications/", {"reminder": "off", "notify_saved": "on"})
    profile.refresh_from_db()
    assert (profile.reminder, profile.notify_saved, profile.news_consent_at) == ("off", True, None)


def test_a_bad_setting_is_explained_and_nothing_changes(as_seoyeon, seoyeon, world):
    response = as_seoyeon.post("/accounts/notifications/", {"reminder": "every-minute"})

    assert response.status_code == 400
    assert 'class="error-summary"' in html(response)
    assert Profile.objects.get(user=seoyeon).reminder == Reminder.DAY


def test_the_channel_is_asked_only_when_the_city_has_more_than_email(
    as_seoyeon, seoyeon, world, settings
):
    assert 'name="channel"' not in section(as_seoyeon.get("/accounts/"), "notifications")

    settings.NOTIFICATION_CHANNELS = TWO_CHANNELS
    assert [name for name, _label in notify.choices()] == ["email", "sms"]
    assert 'name="channel"' in section(as_seoyeon.get("/accounts/"), "notifications")

    # Text messages need a number first.
    refused = as_seoyeon.post("/accounts/notifications/", {"reminder": "1d", "channel": "sms"})
    assert refused.status_code == 400
    assert "프로필에 입력해 주세요" in html(refused)
    profile = profile_for(seoyeon)
    profile.phone = "010-1234-5678"
    profile.save()
    as_seoyeon.post("/accounts/notifications/", {"reminder": "1d", "channel": "sms"})
    assert Profile.objects.get(user=seoyeon).channel == "sms"


def test_other_methods_are_refused(as_seoyeon, world):
    assert as_seoyeon.put("/accounts/").status_code == 405
    assert as_seoyeon.delete("/accounts/notifications/").status_code == 405
