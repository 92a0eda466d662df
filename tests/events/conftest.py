import datetime as dt
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest
import recurrence
import time_machine

from tests.conftest import write_as_recorded

# A Monday morning in Seoul (no daylight saving). Weekly Tue/Thu programs that start
# "today" have their first date tomorrow.
NOW = timezone.make_aware(dt.datetime(2026, 11, 30, 9, 0))  # Monday 09:00 Seoul
TODAY = dt.date(2026, 11, 30)  # Monday


def seoul(day, hour=19, minute=0):
    """An aware Seoul moment."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def days(program):
    """The program's kept dates (Seoul days), in order."""
    from events.models import Occurrence

    return [
        timezone.localtime(start).date()
        for start in Occurrence.objects.filter(program=program)
        .order_by("start")
        .values_list("start", flat=True)
    ]


def rule(text):
    """A django-recurrence rule set from its text ("" is an empty schedule)."""
    return recurrence.deserialize(text) if text else recurrence.Recurrence()


def republish(program, **fields):
    """Change the program as an editor would and publish the new revision."""
    from events.models import ProgramPage

    program = ProgramPage.objects.get(pk=program.pk)
    for name, value in fields.items():
        if name == "schedule" and isinstance(value, str):
            value = rule(value)
        setattr(program, name, value)
    program.save_revision().publish()
    return ProgramPage.objects.get(pk=program.pk)


@pytest.fixture
def clock():
    """The time pinned to NOW (a Monday 09:00 in Seoul); ``clock.move_to(...)`` moves it."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def space(clock, make_space):
    return write_as_recorded(
        "the programs' space",
        lambda: make_space(title="망원 작은도서관", email="operator@example.org"),
    )


@pytest.fixture
def make_program(clock, space):
    """A published program under a space, made as an editor makes it in Wagtail."""
    from wagtail.models import Page

    from events.models import ProgramPage

    counter = {"n": 0}

    def make(parent=None, schedule="", **fields):
        counter["n"] += 1
        # Past the programs a recorded fixture wrote with this factory.
        while (
            Page.objects.child_of(parent or space).filter(slug=f"program-{counter['n']}").exists()
        ):
            counter["n"] += 1
        values = {
            "title": f"뜨개질 모임 {counter['n']}",
            "slug": f"program-{counter['n']}",
            "summary": "함께 뜨개질해요.",
            "start_date": TODAY,
            "start_time": dt.time(19),
            "duration_minutes": 90,
            "capacity": 3,
            "schedule": rule(schedule) if isinstance(schedule, str) else schedule,
        }
        values.update(fields)
        program = (parent or space).add_child(instance=ProgramPage(**values))
        program.save_revision().publish()
        return ProgramPage.objects.get(pk=program.pk)

    return make


@pytest.fixture
def expansion(monkeypatch):
    """How much of the calendar dateutil walks through while schedules are expanded:
    ``expansion.runs`` counts the rules expanded and ``expansion.periods`` the periods
    looked at (the days of a daily rule, the weeks, months or years of the others). A
    count, unlike a stopwatch, does not depend on how busy the machine is."""
    from dateutil.rrule import _iterinfo, rrule

    counter = SimpleNamespace(runs=0, periods=0)

    def counting(walk):
        def counted(self, *args):
            counter.periods += 1
            return walk(self, *args)

        return counted

    for name in ("ydayset", "mdayset", "wdayset", "ddayset"):
        monkeypatch.setattr(_iterinfo, name, counting(getattr(_iterinfo, name)))

    def run(self, _iter=rrule._iter):
        counter.runs += 1
        return _iter(self)

    monkeypatch.setattr(rrule, "_iter", run)
    return counter


@pytest.fixture
def program(make_program):
    """Tuesdays and Thursdays at 19:00 for 90 minutes, 3 places a date."""
    return write_as_recorded(
        "the knitting program",
        lambda: make_program(title="뜨개질 모임", schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH"),
    )


@pytest.fixture
def resident(db):
    return get_user_model().objects.create_user(
        "resident1", email="resident1@example.org", password="changeme"
    )


@pytest.fixture
def make_resident(db):
    counter = {"n": 10}

    def make():
        counter["n"] += 1
        # Past the residents a recorded fixture made with this factory.
        while get_user_model().objects.filter(username=f"resident{counter['n']}").exists():
            counter["n"] += 1
        n = counter["n"]
        return get_user_model().objects.create_user(
            f"resident{n}", email=f"resident{n}@example.org", password="changeme"
        )

    return make


@pytest.fixture
def as_resident(client, resident):
    client.force_login(resident)
    return client


def register_url(program):
    return f"{program.url}register/"


# --- reading pages ---------------------------------------------------------------------


def text(response):
    return response.content.decode()


def page_dates(response):
    """The program page's dates as shown: [{"when", "cancelled", "status", "mine",
    "button"}], "when" being the ISO time of the <time> element."""
    import re

    found = []
    for classes, html in re.findall(
        r'<li class="date-item([^"]*)">(.*?)</li>', text(response), re.S
    ):
        when = re.search(r'<time datetime="([^"]+)"', html).group(1)
        status = re.search(r'<span class="badge[^"]*">([^<]*)</span>', html)
        mine = re.search(r'<p class="date-item__mine">(.*?) <a ', html, re.S)
        button = re.search(r'<button type="submit"[^>]*>([^<]*)<span', html)
        found.append(
            {
                "when": when,
                "cancelled": "date-item--cancelled" in classes,
                "status": status.group(1) if status else None,
                "mine": mine.group(1).strip() if mine else None,
                "button": button.group(1) if button else None,
                "occurrence": (
                    int(m.group(1))
                    if (m := re.search(r'name="occurrence" value="(\d+)"', html))
                    else None
                ),
            }
        )
    return found


def listing_items(response):
    """The /programs/ listing's dates as shown: [(title, ISO start, cancelled, status)]."""
    import re

    found = []
    for classes, html in re.findall(
        r'<li class="program-item([^"]*)">(.*?)</li>', text(response), re.S
    ):
        title = re.search(r'<h4 class="program-item__title"[^>]*><a href="[^"]+">([^<]+)</a>', html)
        when = re.search(r'<time datetime="([^"]+)"', html).group(1)
        status = re.search(r'<span class="badge[^"]*">([^<]*)</span>', html)
        found.append(
            (
                title.group(1),
                when,
                "program-item--cancelled" in classes,
                status.group(1) if status else None,
            )
        )
    return found


def listing_titles(response):
    return sorted({title for title, *_rest in listing_items(response)})


def translate(page, **fields):
    """The page's English translation, published (its parents translated first)."""
    from wagtail.models import Locale

    english = Locale.objects.get(language_code="en")
    parent = page.get_parent().specific
    if parent.get_translation_or_none(english) is None:
        translate(parent, title=f"{parent.title} (EN)")
    translation = page.copy_for_translation(english)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return type(page).objects.get(pk=translation.pk)
