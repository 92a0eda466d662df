"""The resident's calendar feed (/accounts/calendar/<token>.ics): exactly the owner's
confirmed bookings and registered dates from a month back, fetched without a session,
never cached; resetting the address makes the old one a 404 at once. And the "add to
calendar" links on bookings and program dates."""

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

from django.template import Context, Template
from django.test import Client, RequestFactory
from django.utils import timezone

import pytest
import recurrence
from icalendar import Calendar

from residents.models import Profile, profile_for

from .conftest import NOW

TODAY = NOW.date()


def seoul(day, hour, minute=0):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@pytest.fixture
def space(clock, make_space):
    return make_space(title="망원 작은도서관", address="서울특별시 마포구 망원로 1", bookable=True)


@pytest.fixture
def program(space):
    """Tuesdays and Thursdays at 19:00 for 90 minutes."""
    from events.models import ProgramPage

    program = ProgramPage(
        title="뜨개질 모임",
        slug="knitting",
        summary="함께 뜨개질해요.",
        start_date=TODAY,
        start_time=dt.time(19),
        duration_minutes=90,
        capacity=10,
        schedule=recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=TU,TH"),
    )
    space.add_child(instance=program)
    program.save_revision().publish()
    return ProgramPage.objects.get(pk=program.pk)


def book(space, user, day, status, *, hours=(14, 16), purpose="독서 모임"):
    from bookings.models import Booking

    return Booking.objects.create(
        space=space,
        user=user,
        start=seoul(day, hours[0]),
        end=seoul(day, hours[1]),
        headcount=4,
        purpose=purpose,
        status=status,
        created_at=NOW - dt.timedelta(days=60),
    )


def register(program, user, index, status):
    from events.models import Registration

    occurrence = program.occurrences.order_by("start")[index]
    return Registration.objects.create(occurrence=occurrence, user=user, status=status)


def feed_url(user):
    token = Profile.objects.get(user=user).calendar_token  # as saved now
    return f"/accounts/calendar/{token}.ics"


def events(response):
    calendar = Calendar.from_ical(response.content)
    return calendar, list(calendar.walk("VEVENT"))


@pytest.fixture
def schedules(space, program, resident, other):
    """The resident's confirmed, waiting and cancelled things, too old ones, and another
    resident's."""
    tomorrow, later = TODAY + dt.timedelta(days=1), TODAY + dt.timedelta(days=9)
    return {
        "booking": book(space, resident, tomorrow, "confirmed"),
        "requested": book(space, resident, later, "requested", hours=(10, 11)),
        "cancelled": book(space, resident, later, "cancelled", hours=(12, 13)),
        "old": book(space, resident, TODAY - dt.timedelta(days=40), "confirmed"),
        "recent": book(space, resident, TODAY - dt.timedelta(days=20), "confirmed"),
        "others": book(space, other, later, "confirmed", hours=(17, 18), purpose="비밀 모임"),
        "registration": register(program, resident, 0, "confirmed"),
        "waitlisted": register(program, resident, 1, "waitlisted"),
        "withdrawn": register(program, resident, 2, "cancelled"),
        "others_registration": register(program, other, 3, "confirmed"),
    }


def test_the_feed_holds_exactly_the_owners_confirmed_items(client, resident, schedules):
    response = client.get(feed_url(resident))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar, found = events(response)
    assert str(calendar["X-WR-CALNAME"]) == "커뮤니티 공간 — 내 일정"
    uids = sorted(str(event["UID"]) for event in found)
    expected = [
        f"booking-{schedules['booking'].pk}@testserver",
        f"booking-{schedules['recent'].pk}@testserver",
        f"registration-{schedules['registration'].pk}@testserver",
    ]
    assert uids == sorted(expected)
    body = response.content.decode()
    assert "비밀 모임" not in body  # another resident's booking
    by_uid = {str(event["UID"]): event for event in found}
    booking = by_uid[expected[0]]
    assert str(booking["SUMMARY"]) == "망원 작은도서관 (예약)"
    assert booking.decoded("DTSTART") == seoul(TODAY + dt.timedelta(days=1), 14)
    assert "망원로 1" in str(booking["LOCATION"])
    registered = by_uid[expected[2]]
    assert str(registered["SUMMARY"]) == "뜨개질 모임"
    assert registered.decoded("DTSTART") == schedules["registration"].occurrence.start
    assert str(registered["STATUS"]) == "CONFIRMED"
    assert str(registered["URL"]).startswith("http://testserver/spaces/")


def test_the_feed_is_the_same_item_by_item_on_every_fetch(client, resident, schedules, clock):
    first = client.get(feed_url(resident)).content
    clock.shift(dt.timedelta(hours=3))
    assert client.get(feed_url(resident)).content == first


def test_a_date_the_program_cancelled_stays_marked_cancelled(client, resident, schedules):
    occurrence = schedules["registration"].occurrence
    occurrence.cancelled = True
    occurrence.save()
    __, found = events(client.get(feed_url(resident)))
    registered = [e for e in found if str(e["UID"]).startswith("registration-")]
    assert [str(e["STATUS"]) for e in registered] == ["CANCELLED"]


def test_the_feed_needs_no_session_and_is_never_stored(resident, schedules, settings):
    settings.PAGE_CACHE_SECONDS = 300  # the anonymous page cache on
    anonymous = Client()
    response = anonymous.get(feed_url(resident))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert not response.cookies
    profile = profile_for(resident)
    old_url = feed_url(resident)
    profile.calendar_token = "fresh-token-for-this-test"
    profile.save()
    assert anonymous.get(old_url).status_code == 404  # not answered from a cache


def test_the_feed_speaks_the_residents_language(client, resident, schedules):
    profile = profile_for(resident)
    profile.language = "en"
    profile.save()
    calendar, found = events(client.get(feed_url(resident)))
    assert str(calendar["X-WR-CALNAME"]) == "Community Space — my schedule"
    assert any(str(e["SUMMARY"]).endswith("(booking)") for e in found)


@pytest.mark.parametrize("token", ["nope", "x" * 200, "%00", "..%2F..%2Fetc"])
def test_an_unknown_token_is_a_404(client, resident, token):
    assert client.get(f"/accounts/calendar/{token}.ics").status_code == 404


def test_an_inactive_account_has_no_feed(client, resident):
    url = feed_url(resident)
    resident.is_active = False
    resident.save()
    assert client.get(url).status_code == 404


def test_a_reset_makes_the_old_address_a_404_at_once(client, resident, schedules):
    old_url = feed_url(resident)
    assert client.get(old_url).status_code == 200
    client.force_login(resident)
    response = client.post("/accounts/calendar/reset/", {"next": "/accounts/"})
    assert response.status_code == 303
    assert response["Location"] == "/accounts/"
    new_url = feed_url(resident)
    assert new_url != old_url
    anonymous = Client()
    assert anonymous.get(old_url).status_code == 404
    assert anonymous.get(new_url).status_code == 200


def test_a_reset_asks_first_and_is_a_post_by_the_resident(client, resident):
    old_url = feed_url(resident)
    response = client.post("/accounts/calendar/reset/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(resident)
    page = client.get("/accounts/calendar/reset/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "캘린더 주소를 새로 만들까요?" in html
    assert "지금 주소를 구독한 캘린더에는 더 이상 일정이 반영되지 않습니다." in html
    assert re.search(r'<form method="post" action="/accounts/calendar/reset/">', html)
    assert 'href="/accounts/#calendar"' in html  # keep the address: back to My page
    assert feed_url(resident) == old_url  # asking changed nothing
    assert client.put("/accounts/calendar/reset/").status_code == 405


def test_my_page_section_offers_the_addresses_to_copy_and_the_reset(resident):
    request = RequestFactory().get("/accounts/")
    request.user = resident
    html = Template('{% include "residents/includes/calendar_feed.html" %}').render(
        Context({"request": request})
    )
    token = profile_for(resident).calendar_token
    https = f"http://testserver/accounts/calendar/{token}.ics"
    assert f'value="{https}"' in html
    assert f'href="webcal://testserver/accounts/calendar/{token}.ics"' in html
    google = re.search(r'href="(https://calendar\.google\.com/[^"]+)"', html).group(1)
    assert parse_qs(urlsplit(google.replace("&amp;", "&")).query)["cid"] == [
        f"webcal://testserver/accounts/calendar/{token}.ics"
    ]
    assert "구독" in html  # the one-line explanation
    # Each address is a read-only field to select without JavaScript; its "복사" button
    # is hidden until copy-address.js runs, and is described by the field's label.
    for field in ("calendar-feed-webcal", "calendar-feed-https"):
        assert re.search(rf'<input type="\w+" id="{field}" value="[^"]+" readonly', html)
        assert re.search(
            rf'<button type="button" [^>]*data-copy="{field}" '
            rf'aria-describedby="{field}-label" hidden>복사</button>',
            html,
        )
    assert "js/copy-address.js" in html and 'data-copied="복사했어요"' in html
    # The reset is a link to the page that asks first (no button that resets at once).
    assert 'href="/accounts/calendar/reset/"' in html
    assert "<form" not in html


# --- "add to calendar" links ----------------------------------------------------------


def google_links(html):
    return [
        parse_qs(urlsplit(url.replace("&amp;", "&")).query)
        for url in re.findall(
            r'href="(https://calendar\.google\.com/calendar/render\?[^"]+)"', html
        )
    ]


def calendar_sets(html):
    """Each "add to calendar" line of a page: (has Google, has Outlook, its .ics link)."""
    found = []
    for line in re.findall(r'<p class="add-to-calendar">(.*?)</p>', html, re.S):
        ics = re.search(r'href="([^"]+\.ics)"', line)
        found.append(
            (
                "calendar.google.com/calendar/render?" in line,
                "outlook.live.com/calendar/0/deeplink/compose?" in line,
                ics.group(1) if ics else None,
            )
        )
    return found


def booking_ics(booking):
    return f"/accounts/bookings/{booking.pk}/booking.ics"


def registration_ics(registration):
    return f"/accounts/registrations/{registration.pk}/registration.ics"


def test_a_confirmed_booking_has_google_outlook_and_its_file(client, resident, schedules):
    client.force_login(resident)
    booking = schedules["booking"]
    detail = client.get(f"/accounts/bookings/{booking.pk}/").content.decode()
    [google] = google_links(detail)
    assert google["text"] == ["망원 작은도서관"]
    assert google["dates"] == ["20261201T050000Z/20261201T070000Z"]
    assert "망원로 1" in google["location"][0]
    assert calendar_sets(detail) == [(True, True, booking_ics(booking))]
    listing = client.get("/accounts/bookings/").content.decode()
    assert calendar_sets(listing) == [(True, True, booking_ics(booking))]  # not the request


def test_the_same_three_links_everywhere_for_what_is_to_come_and_none_for_the_rest(
    client, resident, schedules, program
):
    """Google, Outlook and the item's own .ics, on My page, My bookings, My
    registrations, a booking's page and the program page's registered date; nothing of
    those for a request, a cancelled item or one that is over (a past booking's page
    offered a calendar file before). A request or a cancelled booking still to come
    links only its own file (tentative, or the one that cancels it in a calendar)."""
    client.force_login(resident)
    booking, registration = schedules["booking"], schedules["registration"]
    both = [(True, True, booking_ics(booking)), (True, True, registration_ics(registration))]
    assert calendar_sets(client.get("/accounts/").content.decode()) == both
    mine = client.get("/accounts/registrations/").content.decode()
    assert calendar_sets(mine) == both[1:]
    page = client.get(program.url).content.decode()
    assert calendar_sets(page) == both[1:]  # the registered date (not the program's list)
    for name in ("requested", "cancelled", "recent", "old"):
        detail = client.get(f"/accounts/bookings/{schedules[name].pk}/").content.decode()
        assert calendar_sets(detail) == [], name
        assert "calendar.google.com" not in detail, name
        own_file = f'href="{booking_ics(schedules[name])}" download'
        assert (own_file in detail) == (name in ("requested", "cancelled")), name
        if name in ("recent", "old"):
            assert ".ics" not in detail, name


def test_a_registrations_calendar_file_is_its_owners_only(client, resident, other, schedules):
    registration = schedules["registration"]
    url = registration_ics(registration)
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    client.force_login(other)
    assert client.get(url).status_code == 404  # someone else's: not found, never shown
    assert client.get(registration_ics(schedules["others_registration"])).status_code == 200
    client.force_login(resident)
    assert client.get("/accounts/registrations/99999999/registration.ics").status_code == 404
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f'filename="registration-{registration.pk}.ics"' in response["Content-Disposition"]
    __, [event] = events(response)
    # The personal feed's UID: a calendar that has both keeps one event.
    assert str(event["UID"]) == f"registration-{registration.pk}@testserver"
    assert str(event["SUMMARY"]) == "뜨개질 모임"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event.decoded("DTSTART") == registration.occurrence.start
    assert str(event["LOCATION"]) == "망원 작은도서관, 서울특별시 마포구 망원로 1"
    assert str(event["URL"]).startswith("http://testserver/spaces/")


def test_a_registrations_file_says_when_it_is_waiting_or_over(client, resident, schedules):
    client.force_login(resident)

    def status(registration):
        __, [event] = events(client.get(registration_ics(registration)))
        return str(event["STATUS"])

    assert status(schedules["waitlisted"]) == "TENTATIVE"
    assert status(schedules["registration"]) == "CONFIRMED"
    assert status(schedules["withdrawn"]) == "CANCELLED"
    occurrence = schedules["registration"].occurrence
    occurrence.cancelled = True
    occurrence.save()
    assert status(schedules["registration"]) == "CANCELLED"
    # SEQUENCE grows with each change: tests/events/test_ical_standard.py


def test_registered_dates_have_calendar_links(client, resident, schedules, program):
    client.force_login(resident)
    occurrence = schedules["registration"].occurrence
    start = occurrence.start.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    mine = client.get("/accounts/registrations/").content.decode()
    assert [g["dates"][0].split("/")[0] for g in google_links(mine)] == [start]
    assert "#calendar" in mine  # points to the subscription on My page
    page = client.get(program.url).content.decode()
    dates = [g["dates"][0].split("/")[0] for g in google_links(page)]
    assert start in dates  # the registered date's own links (and the next date's)


def test_the_program_page_still_links_its_next_date_and_calendar(client, program):
    page = client.get(program.url).content.decode()
    assert f'href="{program.url}calendar.ics"' in page
    first = program.occurrences.order_by("start").first()
    start = first.start.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert [g["dates"][0].split("/")[0] for g in google_links(page)] == [start]
    assert 'class="privacy-note"' in page


def test_the_feed_costs_the_same_few_queries_however_full(
    client, resident, schedules, space, program, django_assert_max_num_queries
):
    url = feed_url(resident)
    client.get(url)  # the site's memos fill (core.memo)
    with django_assert_max_num_queries(3):  # the profile, bookings, registrations
        client.get(url)
    for day in range(2, 8):
        book(space, resident, TODAY + dt.timedelta(days=day), "confirmed", hours=(8, 9))
    for index in range(4, 8):
        register(program, resident, index, "confirmed")
    with django_assert_max_num_queries(3):
        assert len(events(client.get(url))[1]) == 3 + 6 + 4
