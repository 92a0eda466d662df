"""The program page's schema.org Event (JSON-LD), the space page's programs and the home
page's "what's on soon"."""

import datetime as dt
import json
import re

import pytest

from events import services
from events.models import Occurrence

from .conftest import NOW, republish, seoul, text

pytestmark = pytest.mark.usefixtures("clock")


def json_ld(response):
    """The page's own schema.org item (the breadcrumbs' BreadcrumbList left aside)."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text(response), re.S)
    items = [json.loads(block) for block in blocks]
    items = [item for item in items if item["@type"] != "BreadcrumbList"]
    assert len(items) == 1, items
    return items[0]


def test_the_program_page_describes_an_event_with_its_schedule(client, program, make_resident):
    tuesday = Occurrence.objects.get(program=program, start=seoul(dt.date(2026, 12, 1)))
    services.register(make_resident(), tuesday.pk)

    data = json_ld(client.get(program.url))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "뜨개질 모임"
    assert data["url"] == f"http://testserver{program.url}"
    assert data["startDate"] == "2026-12-01T19:00:00+09:00"
    assert data["endDate"] == "2026-12-01T20:30:00+09:00"
    assert data["maximumAttendeeCapacity"] == 3
    assert data["remainingAttendeeCapacity"] == 2
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["isAccessibleForFree"] is True
    schedule = data["eventSchedule"]
    assert schedule["@type"] == "Schedule"
    assert schedule["startDate"] == "2026-11-30"
    assert schedule["startTime"] == "19:00"
    assert schedule["endTime"] == "20:30"
    assert schedule["duration"] == "PT90M"
    assert schedule["repeatFrequency"] == "P1W"
    assert schedule["byDay"] == ["https://schema.org/Tuesday", "https://schema.org/Thursday"]
    assert schedule["scheduleTimezone"] == "Asia/Seoul"
    place = data["location"]
    assert place["@type"] == "Place" and place["name"] == "망원 작은도서관"
    assert place["address"]["streetAddress"] == "서울특별시 마포구 망원로 1"
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 37.556, "longitude": 126.91}


def test_a_full_date_has_no_capacity_left(client, program, make_resident):
    tuesday = Occurrence.objects.get(program=program, start=seoul(dt.date(2026, 12, 1)))
    for _ in range(4):
        services.register(make_resident(), tuesday.pk)
    assert json_ld(client.get(program.url))["remainingAttendeeCapacity"] == 0


@pytest.mark.parametrize(
    "schedule, frequency, extra",
    [
        ("RRULE:FREQ=MONTHLY;BYDAY=+2SA", "P1M", {"byDay": ["https://schema.org/Saturday"]}),
        ("RRULE:FREQ=DAILY;COUNT=5", "P1D", {}),
        (
            "RRULE:FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20261209T150000Z",
            "P1W",
            {"endDate": "2026-12-10"},
        ),
    ],
)
def test_other_schedules_in_the_json_ld(client, make_program, schedule, frequency, extra):
    program = make_program(schedule=schedule)
    data = json_ld(client.get(program.url))["eventSchedule"]
    assert data["repeatFrequency"] == frequency
    for key, value in extra.items():
        assert data[key] == value


def test_a_single_drop_in_date_in_the_json_ld(client, make_program):
    program = make_program(capacity=None, is_free=False, language="ko-en")
    data = json_ld(client.get(program.url))
    assert "eventSchedule" not in data  # a single date is no series
    assert "remainingAttendeeCapacity" not in data
    assert data["startDate"] == "2026-11-30T19:00:00+09:00"
    assert data["isAccessibleForFree"] is False
    assert data["inLanguage"] == ["ko", "en"]


def test_a_cancelled_next_date_is_an_event_cancelled(client, program, make_resident):
    tuesday = Occurrence.objects.get(program=program, start=seoul(dt.date(2026, 12, 1)))
    services.register(make_resident(), tuesday.pk)
    republish(program, schedule="RRULE:FREQ=WEEKLY;BYDAY=TH")
    assert json_ld(client.get(program.url))["eventStatus"] == "https://schema.org/EventCancelled"


def test_the_json_ld_cannot_be_broken_out_of(client, make_program, make_space):
    """Titles and addresses come from editors and imports: written into a <script>
    element, ``</script>`` in them must not end it (no HTML injection), and the data
    must still read back exactly."""
    space = make_space(title="도서관 </script><script>alert(1)</script>")
    title = "모임 </script><img src=x onerror=alert(2)> & <!-- 끝\u2029"
    program = make_program(parent=space, title=title)

    response = client.get(program.url)
    page = text(response)

    assert "<script>alert(1)</script>" not in page
    assert "<img src=x onerror=alert(2)>" not in page
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    assert not set("<>&\u2029") & set(block)  # all written as JSON escapes
    data = json_ld(response)
    assert data["name"] == title
    assert data["location"]["name"] == "도서관 </script><script>alert(1)</script>"


# --- the space page ------------------------------------------------------------------------


def test_the_space_page_lists_its_coming_programs(client, make_program, make_space, space):
    make_program(title="뜨개질 모임", schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH")
    make_program(title="그림책 읽는 저녁", start_date=dt.date(2026, 12, 2))
    elsewhere = make_space(title="성수 공유부엌", district="seongdong")
    make_program(parent=elsewhere, title="제철 요리 교실")

    page = text(client.get(space.url))

    section = page.split('id="programs-title"')[1].split("</section>")[0]
    assert "이곳의 프로그램" in page
    entries = re.findall(
        r'<time datetime="([^"]+)">.*?<a href="([^"]+)">([^<]+)</a>', section, re.S
    )
    assert [(when, title) for when, _url, title in entries] == [
        ("2026-12-01T19:00:00+09:00", "뜨개질 모임"),
        ("2026-12-02T19:00:00+09:00", "그림책 읽는 저녁"),
        ("2026-12-03T19:00:00+09:00", "뜨개질 모임"),
        ("2026-12-08T19:00:00+09:00", "뜨개질 모임"),
        ("2026-12-10T19:00:00+09:00", "뜨개질 모임"),
    ]
    assert "제철 요리 교실" not in page
    assert f'href="{space.url}calendar.ics"' in section


def test_the_space_page_follows_changes_to_its_programs(client, make_program, space, clock):
    program = make_program(title="뜨개질 모임", start_date=dt.date(2026, 12, 2))
    assert "뜨개질 모임" in text(client.get(space.url))  # now cached

    program.unpublish()
    assert "이곳의 프로그램" not in text(client.get(space.url))

    program.refresh_from_db()
    program.save_revision().publish()
    assert "뜨개질 모임" in text(client.get(space.url))
    republish(program, title="새 이름 모임")
    assert "새 이름 모임" in text(client.get(space.url))


def test_the_space_page_shows_a_cancelled_date_as_cancelled(client, program, space, make_resident):
    thursday = Occurrence.objects.get(program=program, start=seoul(dt.date(2026, 12, 3)))
    services.register(make_resident(), thursday.pk)
    republish(program, schedule="RRULE:FREQ=WEEKLY;BYDAY=TU")
    section = text(client.get(space.url)).split('id="programs-title"')[1]
    cancelled = re.search(r'<li class="date-item date-item--cancelled">(.*?)</li>', section, re.S)
    assert "2026-12-03T19:00:00+09:00" in cancelled.group(1)
    assert "취소됨" in cancelled.group(1)


def test_a_space_without_programs_has_no_programs_section(client, space):
    assert "이곳의 프로그램" not in text(client.get(space.url))


def test_the_english_space_page_lists_the_programs_too(client, program, space):
    page = text(client.get(f"/en{space.url}"))
    assert "Programs here" in page
    assert "뜨개질 모임" in page


# --- the home page -------------------------------------------------------------------------


def test_the_home_page_shows_this_weeks_programs(client, make_program, make_space):
    make_program(title="뜨개질 모임", schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH")
    kitchen = make_space(title="성수 공유부엌", district="seongdong")
    make_program(parent=kitchen, title="제철 요리 교실", start_date=dt.date(2026, 12, 2))

    page = text(client.get("/"))

    section = page.split('id="whats-on-title"')[1].split("</section>")[0]
    assert "이번 주 프로그램" in page
    entries = re.findall(
        r'<time datetime="([^"]+)">.*?<a href="[^"]+">([^<]+)</a> · ([^<]+)</p>', section, re.S
    )
    # Monday the 30th to Sunday the 6th: the dates of the following week wait.
    assert entries == [
        ("2026-12-01T19:00:00+09:00", "뜨개질 모임", "망원 작은도서관"),
        ("2026-12-02T19:00:00+09:00", "제철 요리 교실", "성수 공유부엌"),
        ("2026-12-03T19:00:00+09:00", "뜨개질 모임", "망원 작은도서관"),
    ]
    assert "11/30 (월요일) – 12/6 (일요일)" in section
    assert 'href="/programs/?from=2026-11-30&amp;to=2026-12-06"' in section
    english = text(client.get("/en/"))
    assert "This week&#x27;s programs" in english or "This week's programs" in english
    assert 'href="/en/programs/?from=2026-11-30&amp;to=2026-12-06"' in english


def test_whats_on_soon_leaves_out_cancelled_and_past_dates(client, program, make_resident, clock):
    thursday = Occurrence.objects.get(program=program, start=seoul(dt.date(2026, 12, 3)))
    services.register(make_resident(), thursday.pk)
    republish(program, schedule="RRULE:FREQ=WEEKLY;BYDAY=TU")
    clock.move_to(NOW + dt.timedelta(days=2))  # Tuesday the 1st is over
    section = text(client.get("/")).split('id="whats-on-title"')[1].split("</section>")[0]
    times = re.findall(r'<time datetime="([^"]+)">', section)
    assert times[0] == "2026-12-08T19:00:00+09:00"
    assert "2026-12-03T19:00:00+09:00" not in times


def test_the_home_page_says_when_no_programs_are_scheduled(client, space):
    page = text(client.get("/"))
    assert "이번 주 프로그램" in page
    assert "이번 주에는 예정된 프로그램이 없습니다" in page


def test_the_home_page_does_not_say_no_programs_while_showing_some(client, program):
    """With programs coming up, the home page must not also claim that none are
    scheduled (its older "Upcoming programs" box is never filled)."""
    page = text(client.get("/"))
    assert "이번 주 프로그램" in page
    assert "이번 주에는 예정된 프로그램이 없습니다" not in page
