"""Layout fixes from the issue 17 walks, measured in the browser at 375 px and 1280 px,
in Korean and in English: a free time's state ("비어 있음") is never broken over two
lines, and the program page's calendar links have no list bullet drawn over the link
before them."""

import datetime as dt

import pytest
import recurrence
from playwright.sync_api import expect

from events.models import ProgramPage

WIDTHS = (375, 1280)
LANGUAGES = ("", "/en")


@pytest.fixture
def site(make_space, live_server):
    space = make_space(
        title="망원 작은도서관",
        name_en="Mangwon Small Library",
        bookable=True,
        opening_hours="Mo-Su 09:00-22:00",
    )
    program = ProgramPage(
        title="제철 요리 교실",
        summary="제철 재료로 함께 요리해요.",
        start_date=dt.date.today() + dt.timedelta(days=1),
        start_time=dt.time(19),
        duration_minutes=90,
        schedule=recurrence.Recurrence(),
    )
    space.add_child(instance=program)
    program.save_revision().publish()
    return {"space": live_server.url + space.url, "program": live_server.url + program.url}


def one_line(locator):
    """Whether the element's text takes one line (its box is one line high)."""
    line = locator.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
    return locator.bounding_box()["height"] < 1.5 * line


@pytest.mark.rendering
def test_free_times_keep_each_state_word_on_one_line(site, new_page):
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    for width in WIDTHS:
        page = new_page(viewport={"width": width, "height": 900})
        for prefix, free in zip(LANGUAGES, ("비어 있음", "free"), strict=True):
            page.goto(site["space"].replace("/spaces/", f"{prefix}/spaces/") + f"?date={tomorrow}")
            states = page.locator(".slots .slot__state")
            expect(states.first).to_have_text(free)
            for state in states.all()[:4]:
                assert one_line(state), (width, prefix, state.inner_text())
            times = page.locator(".slots .slot > span:first-child")
            assert one_line(times.first), (width, prefix)


@pytest.mark.rendering
def test_calendar_links_have_no_bullet_over_the_link_before(site, new_page):
    for width in WIDTHS:
        page = new_page(viewport={"width": width, "height": 900})
        for prefix, names in (
            ("", ["캘린더 파일(.ics)", "Google 캘린더", "Outlook"]),
            ("/en", ["Calendar file (.ics)", "Google Calendar", "Outlook"]),
        ):
            page.goto(site["program"].replace("/spaces/", f"{prefix}/spaces/"))
            links = page.locator("#calendar-title ~ ul a")
            expect(links).to_have_text(names)
            items = page.locator("#calendar-title ~ ul > li")
            for item in items.all():  # no bullet is drawn at all
                assert item.evaluate("e => getComputedStyle(e).listStyleType") == "none"
            boxes = [link.bounding_box() for link in links.all()]
            for before, after in zip(boxes, boxes[1:], strict=False):
                same_line = abs(before["y"] - after["y"]) < before["height"] / 2
                if same_line:  # a clear gap between one link's end and the next
                    assert after["x"] - (before["x"] + before["width"]) >= 12, (width, prefix)
                else:
                    assert after["y"] >= before["y"] + before["height"] - 1, (width, prefix)
            for box in boxes:  # targets of at least 24 px, inside the screen
                assert box["height"] >= 24 and box["x"] + box["width"] <= width
