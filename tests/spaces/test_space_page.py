"""A space's own page: everything about it, readable, in both languages, with
machine-readable JSON-LD, in a constant number of queries."""

import datetime as dt
import json
import re
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.test.utils import WagtailPageTestCase

import pytest
import time_machine
from PIL import Image as PILImage

from home.models import HomePage
from spaces.models import (
    AccessibilityFeature,
    Amenity,
    OpeningPeriod,
    SpaceIndexPage,
    SpacePage,
)


def make_image(title="사진"):
    buffer = BytesIO()
    PILImage.new("RGB", (800, 533), (30, 120, 90)).save(buffer, "JPEG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"{title}.jpg")
    )


@pytest.fixture
def library(make_space):
    return make_space(
        title="망원 작은도서관 책마루",
        name_en="Mangwon Small Library Chaekmaru",
        summary="동네 주민이 함께 운영하는 작은도서관",
        description="<p>아이와 어른이 함께 책을 읽는 공간입니다.</p>",
        capacity=25,
        floor_area="82.5",
        opening_hours="Mo-Fr 10:00-19:00; Sa 10:00-15:00; PH off",
        is_free=True,
        operator_name="망원동 주민모임",
        operator_kind="private",
        phone="02-123-4567",
        email="chaekmaru@example.org",
        website="https://chaekmaru.example.org",
        last_verified=dt.date(2026, 10, 30),
        amenities=list(Amenity.objects.filter(slug__in=["wifi", "bookshelves"])),
        accessibility=list(AccessibilityFeature.objects.filter(slug__in=["lift"])),
        gallery=[(make_image("열람실"), "햇빛이 드는 열람실과 낮은 책장")],
    )


def json_ld(content):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    return json.loads(match.group(1))


def test_space_page_shows_everything_an_visitor_needs(client, library):
    response = client.get(library.url)
    assert response.status_code == 200
    content = response.content.decode()
    for text in [
        "망원 작은도서관 책마루",
        "동네 주민이 함께 운영하는 작은도서관",
        "아이와 어른이 함께 책을 읽는 공간입니다.",
        "작은도서관",
        "마포구",
        "최대 25명",
        "82.5 m²",
        "무료",
        "망원동 주민모임 · 민간",  # no second pair of brackets after a "(데모)" name
        'href="tel:02-123-4567"',
        'href="mailto:chaekmaru@example.org"',
        "https://chaekmaru.example.org",
        "와이파이",
        "서가",
        "엘리베이터",
        'alt="햇빛이 드는 열람실과 낮은 책장"',
        '<time datetime="2026-10-30">2026-10-30</time>',
        "서울특별시 마포구 망원로 1",
    ]:
        assert text in content, text


def test_opening_hours_are_a_weekly_table_with_today_and_open_now(client, library):
    wednesday_noon = timezone.make_aware(dt.datetime(2026, 11, 25, 12, 0))
    with time_machine.travel(wednesday_noon, tick=False):
        content = client.get(library.url).content.decode()
    assert '<p class="status status--open">지금 운영 중</p>' in content
    assert re.search(r'<tr class="hours__today">\s*<th scope="row">수요일', content)
    assert "10:00–19:00" in content and "10:00–15:00" in content
    assert content.count("<td>휴무</td>") == 1  # Sunday

    sunday = timezone.make_aware(dt.datetime(2026, 11, 29, 12, 0))
    with time_machine.travel(sunday, tick=False):
        content = client.get(library.url).content.decode()
    assert "지금은 운영하지 않음" in content


def test_public_holidays_close_the_space_when_the_rule_says_so(client, library):
    christmas_week = timezone.make_aware(dt.datetime(2026, 12, 23, 9, 0))
    with time_machine.travel(christmas_week, tick=False):
        content = client.get(library.url).content.decode()
    assert content.count("<td>휴무</td>") == 2  # Friday 25 December and Sunday


def test_english_page_shows_english_name_and_labels_with_korean_content_marked(client, library):
    content = client.get("/en" + library.url).content.decode()
    assert "<h1>Mangwon Small Library Chaekmaru</h1>" in content
    assert '<p class="space__original-name" lang="ko">망원 작은도서관 책마루</p>' in content
    assert "Small library" in content and "Mapo-gu" in content
    assert "up to 25 people" in content
    # The Korean words are marked one by one, not the English page around them.
    assert '<article class="container space">' in content
    assert '<p class="space__summary" lang="ko">동네 주민이 함께 운영하는 작은도서관</p>' in content
    assert "<dd>1 Mangwon-ro, Mapo-gu, Seoul</dd>" in content  # the address read in English
    assert "Wi-Fi" in content


def test_json_ld_describes_the_place(client, library):
    data = json_ld(client.get(library.url).content.decode())
    assert data["@context"] == "https://schema.org"
    assert "Place" in data["@type"] or data["@type"] == "Place"
    assert data["name"] == "망원 작은도서관 책마루"
    assert data["address"]["streetAddress"] == "서울특별시 마포구 망원로 1"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 37.556, "longitude": 126.91}
    assert data["maximumAttendeeCapacity"] == 25
    assert data["isAccessibleForFree"] is True
    assert {f["name"] for f in data["amenityFeature"]} == {"와이파이", "서가", "엘리베이터"}
    days = {spec["dayOfWeek"].rsplit("/", 1)[1] for spec in data["openingHoursSpecification"]}
    assert days == {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
    saturday = next(
        s for s in data["openingHoursSpecification"] if s["dayOfWeek"].endswith("Saturday")
    )
    assert (saturday["opens"], saturday["closes"]) == ("10:00", "15:00")
    assert data["image"][0].startswith("http://testserver/")


def test_public_spaces_are_civic_structures(client, make_space):
    space = make_space(operator_kind="public")
    assert json_ld(client.get(space.url).content.decode())["@type"] == ["CivicStructure", "Place"]


def test_json_ld_cannot_break_out_of_its_script_tag(client, make_space):
    """``<``, ``>``, ``&`` and the line separators U+2028/2029 are written as JSON
    escapes; the data reads back exactly."""
    title = "</script><script>alert(1)</script> & <!-- 끝\u2028줄\u2029단"
    space = make_space(title=title)
    content = client.get(space.url).content.decode()
    assert "<script>alert(1)</script>" not in content
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)[1]
    assert not set("<>&\u2028\u2029") & set(block)
    assert json_ld(content)["name"] == title


def test_location_has_a_map_and_a_no_javascript_link_to_nearby_spaces(client, library):
    content = client.get(library.url).content.decode()
    assert 'data-space-map data-lat="37.556000" data-lng="126.910000"' in content
    assert 'href="/spaces/?near=37.55600,126.91000&amp;sort=nearest"' in content
    assert "/static/vendor/leaflet/leaflet.js" in content


def test_space_without_hours_or_point_says_so(client, make_space):
    space = make_space(opening_hours="", latitude=None, longitude=None)
    content = client.get(space.url).content.decode()
    assert "운영 시간을 알려 주지 않았습니다" in content
    assert "지도 위치가 아직 정해지지 않았습니다" in content


def test_opening_periods_follow_the_rule_and_split_overnight_spans(make_space):
    space = make_space(opening_hours="Fr 20:00-02:00")
    periods = sorted(
        (p.weekday, p.opens.isoformat(), p.closes.isoformat())
        for p in OpeningPeriod.objects.filter(space=space)
    )
    assert periods == [(4, "20:00:00", "23:59:59.999999"), (5, "00:00:00", "02:00:00")]


def test_changing_the_hours_rebuilds_the_periods_on_publish(make_space):
    from spaces.services import save_space

    space = make_space(opening_hours="Mo 09:00-10:00")
    save_space({"external_id": space.external_id, "opening_hours": "Tu 11:00-12:00"})
    assert list(OpeningPeriod.objects.filter(space=space).values_list("weekday", flat=True)) == [1]


def test_bad_opening_hours_and_points_outside_seoul_are_refused(make_space):
    space = make_space()
    space.opening_hours = "whenever we feel like it"
    with pytest.raises(ValidationError) as error:
        space.full_clean()
    assert "opening_hours" in error.value.message_dict
    space.opening_hours = ""
    space.location = "SRID=4326;POINT(139.69 35.68)"  # Tokyo
    with pytest.raises(ValidationError) as error:
        space.full_clean()
    assert "서울" in str(error.value.message_dict["location"])


def test_space_page_runs_a_constant_number_of_queries(
    client, library, django_assert_max_num_queries
):
    korean_url = library.url
    english_url = "/en" + korean_url
    client.get(korean_url)  # warm the caches (navigation, taxonomies, renditions)
    client.get(english_url)
    with django_assert_max_num_queries(15):
        assert client.get(korean_url).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(english_url).status_code == 200


@pytest.mark.django_db
class TestSpacePageRules(WagtailPageTestCase):
    def test_spaces_live_under_the_directory_only_and_hold_their_programs(self):
        from events.models import ProgramPage

        self.assertAllowedParentPageTypes(SpacePage, {SpaceIndexPage})
        self.assertAllowedSubpageTypes(SpaceIndexPage, {SpacePage})
        self.assertCanNotCreateAt(HomePage, SpacePage)
        self.assertAllowedSubpageTypes(SpacePage, {ProgramPage})
        self.assertAllowedParentPageTypes(ProgramPage, {SpacePage})


@pytest.mark.django_db
class TestSpaceEditor(WagtailPageTestCase):
    def setUp(self):
        from core.demo import ensure_child
        from home.site import ensure_site

        self.directory = ensure_child(ensure_site(), SpaceIndexPage, "spaces", title="공간 찾기")
        self.login()

    def form_data(self, **overrides):
        from wagtail.test.utils.form_data import inline_formset, nested_form_data

        from spaces.models import District, SpaceType

        data = {
            "title": "연남 공방",
            "slug": "yeonnam-workshop",
            "space_type": SpaceType.objects.get(slug="workshop").pk,
            "district": District.objects.get(slug="mapo").pk,
            "address": "서울특별시 마포구 연남로 3",
            "location": "SRID=4326;POINT(126.9250 37.5620)",
            "operator_kind": "private",
            "opening_hours": "Tu-Su 11:00-20:00",
            "is_free": True,
            "gallery_images": inline_formset([]),
            # The booking tab's fields, as the editor's form fills them in.
            "booking_slot_minutes": 30,
            "booking_min_minutes": 60,
            "booking_max_minutes": 240,
            "booking_lead_hours": 2,
            "booking_horizon_days": 60,
            "booking_request_hours": 48,
            "closures": inline_formset([]),
        }
        data.update(overrides)
        return nested_form_data(data)

    def test_editor_creates_a_space_with_point_and_hours(self):
        self.assertCanCreate(self.directory, SpacePage, self.form_data())
        space = SpacePage.objects.get(slug="yeonnam-workshop")
        assert (space.latitude, space.longitude) == (37.562, 126.925)
        assert space.opening_periods.count() == 6

    def test_editor_is_told_about_bad_hours_and_points_outside_seoul(self):
        url = f"/admin/pages/add/spaces/spacepage/{self.directory.pk}/"
        response = self.client.post(
            url,
            self.form_data(opening_hours="sometimes", location="SRID=4326;POINT(2.35 48.85)"),
        )
        assert response.status_code == 200
        assert not SpacePage.objects.filter(slug="yeonnam-workshop").exists()
        errors = response.context["form"].errors
        assert "opening_hours" in errors and "location" in errors
