"""Registering for a program date: places, then the waitlist in the order people came;
cancelling gives the place to the first person waiting, who is e-mailed. Who may do
what (login, CSRF, someone else's registration), bad input answered with a message,
the program page's honest status and "My registrations"."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client

import pytest

from events import services
from events.models import Occurrence, Registration, RegistrationNotice, RegistrationStatus

from .conftest import NOW, page_dates, register_url, republish, seoul, text

pytestmark = pytest.mark.usefixtures("clock")

Status = RegistrationStatus
TUE = dt.date(2026, 12, 1)
THU = dt.date(2026, 12, 3)


def date_of(program, day=TUE):
    return Occurrence.objects.get(program=program, start=seoul(day, 19))


def messages_of(response):
    """The messages this request added (earlier ones may still wait in the session)."""
    storage = get_messages(response.wsgi_request)
    return [str(m) for m in storage._queued_messages]


def login(user):
    client = Client()
    client.force_login(user)
    return client


def post_register(client, program, occurrence):
    pk = occurrence.pk if hasattr(occurrence, "pk") else occurrence
    return client.post(register_url(program), {"occurrence": pk})


def cancel_url(registration):
    return f"/accounts/registrations/{registration.pk}/cancel/"


@pytest.fixture
def tuesday(program):
    return date_of(program)


@pytest.fixture
def people(make_resident, clock):
    """Five residents who register one after another, a minute apart."""

    def make(n=5):
        return [make_resident() for _ in range(n)]

    return make


def register_all(program, occurrence, users, clock):
    results = []
    for user in users:
        response = post_register(login(user), program, occurrence)
        assert response.status_code == 303
        results.append(response)
        clock.shift(dt.timedelta(minutes=1))
    return results


# --- places, then the waitlist ---------------------------------------------------------


def test_registering_takes_a_place_and_goes_back_to_the_program(as_resident, program, tuesday):
    response = post_register(as_resident, program, tuesday)

    assert response.status_code == 303
    assert response["Location"] == f"{program.url}#date-{tuesday.pk}"  # where they pressed
    assert messages_of(response) == ["신청이 완료되었습니다. 그때 만나요!"]
    registration = Registration.objects.get()
    assert registration.occurrence == tuesday
    assert registration.status == Status.CONFIRMED
    tuesday.refresh_from_db()
    assert (tuesday.confirmed_count, tuesday.waitlist_count, tuesday.places_left) == (1, 0, 2)


def test_places_then_the_waitlist_in_the_order_people_came(program, tuesday, people, clock):
    users = people(5)
    responses = register_all(program, tuesday, users, clock)

    by_user = {r.user_id: r for r in Registration.objects.all()}
    assert [by_user[u.pk].status for u in users] == [Status.CONFIRMED] * 3 + [Status.WAITLISTED] * 2
    assert [services.waitlist_position(by_user[u.pk]) for u in users[3:]] == [1, 2]
    assert messages_of(responses[3]) == [
        "정원이 찼습니다. 대기 1번입니다. 자리가 나면 이메일로 알려 드립니다."
    ]
    assert messages_of(responses[4]) == [
        "정원이 찼습니다. 대기 2번입니다. 자리가 나면 이메일로 알려 드립니다."
    ]
    tuesday.refresh_from_db()
    assert (tuesday.confirmed_count, tuesday.waitlist_count, tuesday.places_left) == (3, 2, 0)


def test_other_dates_keep_their_own_places(program, tuesday, people, clock):
    register_all(program, tuesday, people(3), clock)
    thursday = date_of(program, THU)
    (latecomer,) = people(1)
    post_register(login(latecomer), program, thursday)
    assert Registration.objects.get(user=latecomer).status == Status.CONFIRMED


def test_registering_e_mails_the_resident(as_resident, program, tuesday, committing):
    with committing():
        post_register(as_resident, program, tuesday)

    (message,) = mail.outbox
    assert message.to == ["resident1@example.org"]
    assert message.subject == "[커뮤니티 공간] 신청 완료: 뜨개질 모임 2026-12-01 19:00"
    assert "신청이 완료되었습니다. 그때 만나요!" in message.body
    assert "장소: 망원 작은도서관, 서울특별시 마포구 망원로 1" in message.body
    assert RegistrationNotice.objects.get().sent_at is not None


def test_joining_the_waitlist_e_mails_that_too(program, tuesday, people, clock, committing):
    with committing():
        register_all(program, tuesday, people(3), clock)
    (waiting,) = people(1)
    mail.outbox.clear()
    with committing():
        post_register(login(waiting), program, tuesday)
    (message,) = mail.outbox
    assert message.to == [waiting.email]
    assert message.subject.startswith("[커뮤니티 공간] 대기자 명단 등록: 뜨개질 모임")


def test_no_e_mail_is_sent_before_the_change_is_committed(as_resident, program, tuesday):
    post_register(as_resident, program, tuesday)
    assert mail.outbox == []  # the test's transaction never committed
    assert RegistrationNotice.objects.filter(sent_at__isnull=True).count() == 1


# --- cancelling and moving up ----------------------------------------------------------


def test_cancelling_a_place_moves_the_first_person_waiting_up_and_tells_them(
    program, tuesday, people, clock, committing
):
    users = people(5)
    with committing():
        register_all(program, tuesday, users, clock)
    first = Registration.objects.get(user=users[0])
    mail.outbox.clear()

    with committing():
        response = login(users[0]).post(cancel_url(first))

    assert response.status_code == 303
    assert response["Location"] == "../../"
    assert messages_of(response) == [
        "‘뜨개질 모임’ 12월 1일(화) 참가 신청을 취소했습니다. "
        "자리는 대기 중이던 다음 분께 넘어갔습니다."
    ]
    statuses = {r.user_id: r.status for r in Registration.objects.all()}
    assert statuses[users[0].pk] == Status.CANCELLED
    assert statuses[users[3].pk] == Status.CONFIRMED  # the first waiting
    assert statuses[users[4].pk] == Status.WAITLISTED
    promoted = Registration.objects.get(user=users[3])
    assert promoted.promoted_at == NOW + dt.timedelta(minutes=5)
    assert services.waitlist_position(Registration.objects.get(user=users[4])) == 1
    tuesday.refresh_from_db()
    assert (tuesday.confirmed_count, tuesday.waitlist_count) == (3, 1)

    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {users[0].email, users[3].email}
    moved_up = by_recipient[users[3].email]
    assert moved_up.subject == "[커뮤니티 공간] 대기에서 확정: 뜨개질 모임 2026-12-01 19:00"
    assert "반가운 소식입니다. 자리가 나서 신청이 확정되었습니다." in moved_up.body
    assert "신청 취소" in by_recipient[users[0].email].subject


def test_cancelling_a_waitlisted_registration_moves_nobody_up(
    program, tuesday, people, clock, committing
):
    users = people(5)
    with committing():
        register_all(program, tuesday, users, clock)
    waiting = Registration.objects.get(user=users[3])
    mail.outbox.clear()

    with committing():
        response = login(users[3]).post(cancel_url(waiting))

    assert response.status_code == 303
    statuses = [Registration.objects.get(user=u).status for u in users]
    assert statuses == [Status.CONFIRMED] * 3 + [Status.CANCELLED, Status.WAITLISTED]
    assert services.waitlist_position(Registration.objects.get(user=users[4])) == 1
    assert [m.to for m in mail.outbox] == [[users[3].email]]
    tuesday.refresh_from_db()
    assert (tuesday.confirmed_count, tuesday.waitlist_count) == (3, 1)


def test_a_freed_place_with_nobody_waiting_is_free_again(as_resident, program, tuesday, people):
    post_register(as_resident, program, tuesday)
    as_resident.post(cancel_url(Registration.objects.get()))
    tuesday.refresh_from_db()
    assert tuesday.places_left == 3
    # … and the same resident may register again.
    assert post_register(as_resident, program, tuesday).status_code == 303
    assert Registration.objects.filter(status=Status.CONFIRMED).count() == 1


def test_cancelling_twice_changes_nothing(as_resident, program, tuesday, committing):
    post_register(as_resident, program, tuesday)
    registration = Registration.objects.get()
    as_resident.post(cancel_url(registration))
    with committing():
        assert as_resident.post(cancel_url(registration)).status_code == 303
    assert RegistrationNotice.objects.filter(kind="cancelled").count() == 1


def test_a_started_date_cannot_be_cancelled(as_resident, program, tuesday, clock):
    post_register(as_resident, program, tuesday)
    registration = Registration.objects.get()
    clock.move_to(seoul(TUE, 19, 5))
    response = as_resident.post(cancel_url(registration))
    assert response.status_code == 303
    assert messages_of(response) == ["이 회차는 이미 시작했습니다."]
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_nobody_moves_up_onto_a_cancelled_date(program, tuesday, people, clock, committing):
    """A date dropped from the schedule stays, cancelled, with its registrations. When
    someone with a place cancels theirs, the first person waiting must not be told
    "a place is yours" for a date that will not happen."""
    users = people(4)
    with committing():
        register_all(program, tuesday, users, clock)
    republish(program, schedule="RRULE:FREQ=WEEKLY;BYDAY=TH")
    assert date_of(program).cancelled
    mail.outbox.clear()

    with committing():
        login(users[0]).post(cancel_url(Registration.objects.get(user=users[0])))

    assert Registration.objects.get(user=users[3]).status == Status.WAITLISTED
    assert not RegistrationNotice.objects.filter(kind=RegistrationNotice.Kind.PROMOTED).exists()
    assert all("대기에서 확정" not in m.subject for m in mail.outbox)


def test_more_places_go_to_the_people_waiting_first(program, tuesday, people, clock):
    """When the editor raises the places per date, the people already waiting get the
    new places — a newcomer must not overtake the waitlist."""
    users = people(4)
    register_all(program, tuesday, users, clock)
    assert Registration.objects.get(user=users[3]).status == Status.WAITLISTED

    republish(program, capacity=4)
    (newcomer,) = people(1)
    post_register(login(newcomer), program, tuesday)

    assert Registration.objects.get(user=users[3]).status == Status.CONFIRMED
    assert Registration.objects.get(user=newcomer).status == Status.WAITLISTED


# --- refused -----------------------------------------------------------------------------


def test_registering_twice_is_refused_with_a_message(as_resident, program, tuesday):
    post_register(as_resident, program, tuesday)
    response = post_register(as_resident, program, tuesday)
    assert response.status_code == 303
    assert messages_of(response) == ["이미 이 회차에 신청했습니다."]
    assert Registration.objects.count() == 1


def test_a_waitlisted_resident_cannot_register_again(program, tuesday, people, clock):
    users = people(4)
    register_all(program, tuesday, users, clock)
    response = post_register(login(users[3]), program, tuesday)
    assert messages_of(response) == ["이미 이 회차에 신청했습니다."]
    assert Registration.objects.filter(user=users[3]).count() == 1


def test_a_cancelled_date_is_refused(as_resident, program, tuesday, make_resident):
    services.register(make_resident(), tuesday.pk)
    republish(program, schedule="RRULE:FREQ=WEEKLY;BYDAY=TH")
    response = post_register(as_resident, program, tuesday)
    assert response.status_code == 303
    assert messages_of(response) == ["이 회차는 취소되었습니다."]
    assert not Registration.objects.filter(user__username="resident1").exists()


def test_a_started_or_past_date_is_refused(as_resident, program, tuesday, clock):
    clock.move_to(seoul(TUE, 19, 10))
    response = post_register(as_resident, program, tuesday)
    assert messages_of(response) == ["이 회차는 이미 시작했습니다."]
    clock.move_to(seoul(THU, 9))
    response = post_register(as_resident, program, tuesday)
    assert messages_of(response) == ["이 회차는 이미 시작했습니다."]
    assert not Registration.objects.exists()


@pytest.mark.parametrize("value", ["", "abc", "1.5", "-1", "99999999", "1e3", "０"])
def test_a_bad_date_id_gets_a_message_not_an_error(as_resident, program, value):
    response = as_resident.post(register_url(program), {"occurrence": value})
    assert response.status_code == 303
    assert response["Location"] == program.url
    assert messages_of(response) == ["이 프로그램의 회차 중 하나를 고르세요."]
    assert not Registration.objects.exists()


def test_no_date_id_at_all_gets_a_message(as_resident, program):
    response = as_resident.post(register_url(program), {})
    assert response.status_code == 303
    assert messages_of(response) == ["이 프로그램의 회차 중 하나를 고르세요."]


def test_another_programs_date_is_refused(as_resident, program, make_program):
    other = make_program(title="그림책 읽는 저녁", schedule="RRULE:FREQ=WEEKLY;BYDAY=WE")
    response = post_register(as_resident, program, Occurrence.objects.filter(program=other)[0])
    assert response.status_code == 303
    assert messages_of(response) == ["이 프로그램의 회차 중 하나를 고르세요."]
    assert not Registration.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, program, tuesday):
    response = post_register(client, program, tuesday)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == "/accounts/login/"
    assert parse_qs(location.query)["next"] == [program.url]
    assert not Registration.objects.exists()


def test_my_registrations_needs_a_login(client, program, tuesday, resident):
    registration = services.register(resident, tuesday.pk)
    response = client.get("/accounts/registrations/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/accounts/registrations/")
    response = client.post(cancel_url(registration))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_another_residents_registration_is_not_found(program, tuesday, resident, make_resident):
    registration = services.register(resident, tuesday.pk)
    other = login(make_resident())
    assert other.post(cancel_url(registration)).status_code == 404
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert other.post("/accounts/registrations/999999/cancel/").status_code == 404


def test_posts_without_the_csrf_token_are_refused(program, tuesday, resident):
    client = Client(enforce_csrf_checks=True)
    client.force_login(resident)
    assert post_register(client, program, tuesday).status_code == 403
    assert not Registration.objects.exists()

    registration = services.register(resident, tuesday.pk)
    assert client.post(cancel_url(registration)).status_code == 403
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_with_the_csrf_token_the_page_form_registers(program, tuesday, resident):
    import re

    client = Client(enforce_csrf_checks=True)
    client.force_login(resident)
    page = text(client.get(program.url))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert f'action="{register_url(program)}"' in page
    response = client.post(
        register_url(program), {"occurrence": tuesday.pk, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 303
    assert Registration.objects.get().status == Status.CONFIRMED


def test_register_is_a_post(as_resident, client, program):
    for who in (as_resident, Client()):
        response = who.get(register_url(program))
        assert response.status_code == 405
        assert response["Allow"] == "POST"


def test_opening_the_cancel_address_only_asks_first(as_resident, program, tuesday, resident):
    registration = services.register(resident, tuesday.pk)
    response = as_resident.get(cancel_url(registration))
    assert response.status_code == 200
    assert "이 참가 신청을 취소할까요?" in text(response)
    assert as_resident.put(cancel_url(registration)).status_code == 405
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_other_sub_addresses_of_a_program_are_not_found(as_resident, program, tuesday):
    assert as_resident.get(f"{program.url}nothing/").status_code == 404
    assert (
        as_resident.post(f"{program.url}register/more/", {"occurrence": tuesday.pk}).status_code
        == 404
    )


def test_an_unpublished_program_takes_no_registrations(as_resident, program, tuesday):
    program.unpublish()
    assert post_register(as_resident, program, tuesday).status_code == 404
    assert not Registration.objects.exists()


def test_the_english_site_registers_for_the_same_date(as_resident, program, tuesday):
    korean = program.url  # (the active language decides page URLs)
    response = as_resident.post(f"/en{korean}register/", {"occurrence": tuesday.pk})
    assert response.status_code == 303
    assert response["Location"] == f"/en{korean}#date-{tuesday.pk}"
    assert Registration.objects.get().occurrence == tuesday


# --- the program page's status ----------------------------------------------------------


def shown_on(client, program, day=TUE):
    for entry in page_dates(client.get(program.url)):
        if entry["when"].startswith(day.isoformat()):
            return entry
    raise AssertionError(f"{day} not shown")


def test_the_page_says_how_many_places_are_left(client, as_resident, program, people, clock):
    assert shown_on(client, program)["status"] == "3자리 남음"
    assert shown_on(client, program)["button"] == "신청하기"
    register_all(program, date_of(program), people(2), clock)
    assert shown_on(client, program)["status"] == "1자리 남음"
    assert shown_on(client, program, THU)["status"] == "3자리 남음"


def test_the_page_says_full_with_a_waitlist(client, program, people, clock):
    register_all(program, date_of(program), people(3), clock)
    entry = shown_on(client, program)
    assert entry["status"] == "마감 — 대기 신청 가능"
    assert entry["button"] == "대기 신청하기"


def test_the_page_tells_residents_where_they_stand(program, people, clock):
    users = people(5)
    register_all(program, date_of(program), users, clock)

    confirmed = shown_on(login(users[0]), program)
    assert confirmed["mine"] == "신청했습니다."
    assert confirmed["button"] is None

    second = shown_on(login(users[4]), program)
    assert second["mine"] == "대기 2번입니다."
    assert second["status"] == "마감 — 대기 신청 가능"
    assert shown_on(login(users[3]), program)["mine"] == "대기 1번입니다."
    # Another date: they may still register.
    assert shown_on(login(users[4]), program, THU)["mine"] is None


def test_the_page_status_in_english(program, people, clock):
    users = people(5)
    register_all(program, date_of(program), users, clock)
    url = f"/en{program.url}"

    anonymous = Client().get(url)
    assert anonymous.status_code == 200
    entries = {e["when"][:10]: e for e in page_dates(anonymous)}
    assert entries["2026-12-01"]["status"] == "Full — waitlist open"
    assert entries["2026-12-03"]["status"] == "3 places left"

    mine = {e["when"][:10]: e for e in page_dates(login(users[0]).get(url))}
    assert mine["2026-12-01"]["mine"] == "You are registered."
    mine = {e["when"][:10]: e for e in page_dates(login(users[4]).get(url))}
    assert mine["2026-12-01"]["mine"] == "You are number 2 on the waitlist."


def test_a_drop_in_program_needs_no_registration(client, make_program):
    program = make_program(title="마을 사진전", capacity=None)
    (entry,) = page_dates(client.get(program.url))
    assert entry["status"] == "신청 없이 참여"
    assert entry["button"] is None


def test_a_program_without_coming_dates_says_so(client, make_program, clock):
    program = make_program(title="지난 강연")
    clock.move_to(NOW + dt.timedelta(days=2))
    page = text(client.get(program.url))
    assert "다가오는 회차가 없습니다." in page
    assert page_dates(client.get(program.url)) == []


# --- my registrations -------------------------------------------------------------------


def test_my_registrations_lists_them_with_the_waitlist_position(program, people, clock):
    users = people(5)
    register_all(program, date_of(program), users, clock)
    thursday = date_of(program, THU)
    services.register(users[4], thursday.pk)

    client = login(users[4])
    response = client.get("/accounts/registrations/")
    page = text(response)

    assert response.status_code == 200
    assert page.count('class="booking-item"') == 2
    coming = page.split("지난 신청과 취소한 신청")[0]
    assert "2026-12-01 (화요일) 19:00" in coming and "대기 2번" in coming
    assert "2026-12-03 (목요일) 19:00" in coming and "신청 완료" in coming
    assert coming.index("2026-12-01") < coming.index("2026-12-03")
    assert f'href="{program.url}"' in page
    assert "참가 신청 취소" in page


def test_my_registrations_shows_a_cancelled_date_and_past_ones(
    program, resident, as_resident, clock
):
    services.register(resident, date_of(program).pk)
    services.register(resident, date_of(program, THU).pk)
    tuesday_next = date_of(program, dt.date(2026, 12, 8))
    cancelled = services.register(resident, tuesday_next.pk)
    services.cancel(cancelled)
    republish(program, schedule="RRULE:FREQ=WEEKLY;BYDAY=TU")  # the 3rd is cancelled

    clock.move_to(seoul(dt.date(2026, 12, 2), 9))  # the 1st is over
    page = text(as_resident.get("/accounts/registrations/"))

    coming, __, past = page.partition("지난 신청과 취소한 신청")
    assert "2026-12-03 (목요일) 19:00" in coming and "회차 취소" in coming
    assert "2026-12-01 19:00 · 신청 완료" in past
    assert "2026-12-08 19:00 · 취소됨" in past


def test_my_registrations_is_empty_with_a_way_to_find_programs(as_resident):
    page = text(as_resident.get("/accounts/registrations/"))
    assert "다가오는 참가 신청이 없습니다" in page
    assert 'href="/programs/"' in page


def test_my_registrations_shows_only_my_own(program, resident, as_resident, make_resident):
    services.register(make_resident(), date_of(program).pk)
    page = text(as_resident.get("/accounts/registrations/"))
    assert "다가오는 참가 신청이 없습니다" in page


def test_a_translated_program_shares_the_places_of_its_korean_dates(program, people, clock):
    """A program translated to English is one program held once: registering through
    the English page must take one of the same places, never a second set of them
    (as a translated space books its Korean page)."""
    from .conftest import translate

    english = translate(program, title="Knitting circle")
    english_url = english.get_url()
    assert english_url.startswith("/en/")
    users = people(4)
    register_all(program, date_of(program), users[:3], clock)  # the Korean page: full

    client = login(users[3])
    offered = {e["when"][:10]: e["occurrence"] for e in page_dates(client.get(english_url))}
    response = client.post(f"{english_url}register/", {"occurrence": offered["2026-12-01"]})

    assert response.status_code == 303
    tuesday_19 = Registration.objects.filter(occurrence__start=seoul(TUE, 19))
    assert tuesday_19.filter(status=Status.CONFIRMED).count() == 3
    assert Registration.objects.get(user=users[3]).status == Status.WAITLISTED
