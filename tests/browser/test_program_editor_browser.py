"""The program editor in a real browser: django-recurrence's widget works inside
Wagtail's page editor next to Wagtail's own date and time pickers (as shipped, the
widget's jQuery breaks them), and a program made there gets its dates."""

from django.contrib.auth import get_user_model

import pytest
from playwright.sync_api import expect

from events.models import ProgramPage


@pytest.fixture
def space(make_space, live_server):
    get_user_model().objects.create_superuser("admin", "admin@example.org", "changeme")
    return make_space(title="망원 작은도서관", opening_hours="Mo-Su 09:00-21:00")


def log_in_to_admin(page, live_server):
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("admin")
    page.locator("#id_password").fill("changeme")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/admin/")


def test_editor_sets_a_weekly_schedule_beside_working_date_pickers(space, live_server, page):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in_to_admin(page, live_server)
    page.goto(f"{live_server.url}/admin/pages/add/events/programpage/{space.pk}/")
    scripts = page.evaluate("() => Array.from(document.scripts).map(s => s.src)")
    assert not [src for src in scripts if "/static/admin/js/vendor/jquery" in src]  # one jQuery

    # Wagtail's own date picker opens (it fails when the widget's jQuery is loaded).
    page.locator("#id_start_date").click()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)
    page.keyboard.press("Escape")

    # The recurrence widget is drawn and adds a rule to the hidden text.
    add_rule = page.locator(".recurrence-widget .add-rule")
    expect(add_rule).to_be_visible()
    add_rule.click()
    assert "RRULE:FREQ=" in page.locator("textarea#id_schedule").input_value()

    page.locator("#id_title").fill("그림책 읽는 저녁")
    # The slug sits on the Promote tab; set it rather than wait for the title's sync.
    page.locator("#id_slug").evaluate("field => { field.value = 'picture-book-evening'; }")
    for field, value in (("#id_start_date", "2026-12-01"), ("#id_start_time", "19:00")):
        page.locator(field).fill(value)
        page.locator(field).press("Tab")  # leave the picker closed
    page.locator("#id_capacity").fill("10")
    # "Publish" sits in the footer's action menu; press it as the menu item would.
    with page.expect_navigation(timeout=20_000):
        page.locator("button[name=action-publish]").evaluate("button => button.click()")
    problems = page.locator(".error-message, .help-critical, .messages .error").all_inner_texts()
    fields = page.locator("[aria-invalid=true]").evaluate_all("els => els.map(e => e.id)")
    assert "/add/" not in page.url, (problems, fields)

    assert errors == []
    program = ProgramPage.objects.get(title="그림책 읽는 저녁")
    assert program.live
    assert program.schedule.rrules  # the rule made in the widget was saved
    assert program.occurrences.exists()
