"""The open data API (/api/v2/): public fields of live pages only."""

import json

import pytest


@pytest.fixture
def spaces(make_space):
    live = make_space(
        title="공개 공간",
        summary="모두에게 열린 공간",
        capacity=20,
        district="mapo",
        space_type="shared-kitchen",
        email="space@example.org",
    )
    draft = make_space(title="비공개 초안 공간")
    draft.unpublish()
    return live, draft


def items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.json()["items"]


def test_spaces_endpoint_gives_public_fields_with_readable_terms(client, spaces):
    live, __ = spaces
    (item,) = [i for i in items(client, "/api/v2/spaces/?fields=*") if i["id"] == live.pk]
    assert item["title"] == "공개 공간"
    assert item["district"] == {"slug": "mapo", "name": "마포구", "name_en": "Mapo-gu"}
    assert item["space_type"]["slug"] == "shared-kitchen"
    assert item["capacity"] == 20
    assert isinstance(item["latitude"], float) and isinstance(item["longitude"], float)
    assert item["meta"]["html_url"].endswith(live.url)


def test_drafts_never_appear(client, spaces):
    __, draft = spaces
    for url in (
        "/api/v2/spaces/",
        "/api/v2/pages/?limit=100",
        f"/api/v2/pages/?search={draft.title}",
    ):
        assert draft.title not in json.dumps(client.get(url).json(), ensure_ascii=False)
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v2/spaces/{draft.pk}/").status_code == 404


def test_no_account_or_booking_data_is_exposed(client, spaces, django_user_model):
    live, __ = spaces
    owner = django_user_model.objects.create_user("owner1", email="owner1@example.org")
    live.owner = owner
    live.save_revision(user=owner).publish()
    text = json.dumps(client.get("/api/v2/pages/?fields=*&limit=100").json(), ensure_ascii=False)
    text += json.dumps(client.get(f"/api/v2/pages/{live.pk}/").json(), ensure_ascii=False)
    assert "owner1" not in text
    for word in ("owner", "password", "bookings", "registrations", "operator_roles"):
        assert f'"{word}"' not in text


def test_programs_endpoint_gives_the_schedule_and_next_dates(client, spaces):
    import datetime as dt

    import recurrence

    from events.models import ProgramPage

    live, __ = spaces
    program = live.add_child(
        instance=ProgramPage(
            title="뜨개질 모임",
            slug="knit",
            start_date=dt.date.today(),
            start_time=dt.time(19),
            duration_minutes=90,
            schedule=recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=TU"),
        )
    )
    program.save_revision().publish()
    (item,) = items(client, "/api/v2/programs/?fields=schedule_rfc5545,upcoming_dates")
    assert "RRULE:FREQ=WEEKLY;BYDAY=TU" in item["schedule_rfc5545"]
    assert item["upcoming_dates"] and item["upcoming_dates"][0]["start"].endswith("+09:00")


def test_unknown_fields_and_bad_parameters_are_400_not_500(client, spaces):
    assert client.get("/api/v2/spaces/?fields=password").status_code == 400
    assert client.get("/api/v2/spaces/?limit=abc").status_code == 400
    assert client.get("/api/v2/pages/?type=nope.Nope").status_code == 400


def test_images_endpoint_lists_only_images_that_live_pages_show(client, make_space):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    Image = get_image_model()
    shown = Image.objects.create(title="공개 사진", file=get_test_image_file())
    hidden = Image.objects.create(title="초안 사진", file=get_test_image_file())
    make_space(title="사진 있는 공간", gallery=[(shown, "열람실")])
    draft = make_space(title="사진 있는 초안", gallery=[(hidden, "부엌")])
    draft.unpublish()
    titles = {item["title"] for item in items(client, "/api/v2/images/?fields=title&limit=20")}
    assert "공개 사진" in titles
    assert "초안 사진" not in titles
