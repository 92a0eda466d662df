"""``manage.py load_demo`` adds programs to every third demo space, with varied
schedules, dates kept ahead, and the demo residents' registrations — one date full with
somebody waiting; running it again adds nothing."""

import pytest

from events.models import Occurrence, ProgramPage, Registration, RegistrationStatus
from spaces.models import SpacePage
from tests.conftest import DEMO_SPACES, demo_loaded_once, load_demo

from .conftest import NOW

SPACES = DEMO_SPACES


@pytest.fixture(scope="module")
def loaded_once(django_db_setup, django_db_blocker):
    with demo_loaded_once(django_db_blocker, NOW):
        yield


@pytest.fixture
def demo_site(loaded_once, db, clock):
    pass


def test_the_demo_has_programs_in_demo_spaces(demo_site):
    programs = list(ProgramPage.objects.live())
    korean_spaces = SpacePage.objects.filter(locale__language_code="ko").count()
    assert korean_spaces == SPACES
    assert len(programs) == SPACES // 3
    for program in programs:
        assert isinstance(program.get_parent().specific, SpacePage)
        assert program.slug.startswith("demo-program-")
    # Varied schedules: repeating ones and a single date.
    rules = {
        str(program.schedule.rrules[0].freq) if program.schedule.rrules else "once"
        for program in programs
    }
    assert len(rules) >= 3


def test_every_demo_program_has_dates(demo_site):
    for program in ProgramPage.objects.live():
        dates = Occurrence.objects.filter(program=program)
        assert dates.exists(), program.title
        assert all(o.space_id == program.get_parent().pk for o in dates)


def test_the_demo_has_registrations_with_somebody_waiting(demo_site):
    statuses = set(Registration.objects.values_list("status", flat=True))
    assert RegistrationStatus.CONFIRMED in statuses
    assert RegistrationStatus.WAITLISTED in statuses
    assert Registration.objects.filter(user__username="resident1").exists()
    assert Registration.objects.filter(user__username="resident2").exists()
    waiting = Registration.objects.get(status=RegistrationStatus.WAITLISTED)
    occurrence = waiting.occurrence
    assert occurrence.places_left == 0
    assert occurrence.waitlist_count == 1


def test_the_demo_counts_match_the_registrations(demo_site):
    for occurrence in Occurrence.objects.filter(registrations__isnull=False).distinct():
        active = occurrence.registrations.exclude(status=RegistrationStatus.CANCELLED)
        assert occurrence.confirmed_count == active.filter(status="confirmed").count()
        assert occurrence.waitlist_count == active.filter(status="waitlisted").count()
        if occurrence.places is not None:
            assert occurrence.confirmed_count <= occurrence.places


def test_the_demo_programs_are_listed_and_shown(demo_site, client):
    response = client.get("/programs/")
    assert response.status_code == 200
    assert "아직 예정된 프로그램이 없습니다" not in response.content.decode()
    program = ProgramPage.objects.live().first()
    assert client.get(program.url).status_code == 200
    assert client.get("/en/programs/").status_code == 200


def test_a_demo_resident_sees_the_registrations(demo_site, client):
    client.login(username="resident2", password="changeme")
    page = client.get("/accounts/registrations/").content.decode()
    mine = Registration.objects.filter(user__username="resident2")
    assert page.count('class="booking-item"') == mine.count()
    if mine.filter(status="waitlisted").exists():
        assert "대기 1번" in page


def test_loading_the_demo_again_adds_nothing(demo_site):
    def snapshot():
        return (
            sorted(ProgramPage.objects.values_list("pk", "slug")),
            sorted(Occurrence.objects.values_list("program_id", "start", "cancelled")),
            sorted(Registration.objects.values_list("occurrence_id", "user_id", "status")),
        )

    before = snapshot()
    load_demo()
    assert snapshot() == before
