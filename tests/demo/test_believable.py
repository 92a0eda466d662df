"""A believable demo (the generated data, before anything is saved): programs that fit
their space, Korean text without English glosses and English without Hangul, no two
spaces with one name, stories about real demo spaces of their kind, and contacts and
operators that are plainly made up."""

import datetime as dt
import re
from urllib.parse import urlsplit

from django.utils.html import escape

import pytest

from bookings.demo import PLAN as BOOKING_PLAN
from campaigns import demo as campaigns_demo
from events import demo as events_demo
from events.models import Audience
from home.demo import DEMO_USERS, HOME_CONTENT
from residents.demo import PHONES
from spaces import demo as spaces_demo
from spaces import demo_data as spaces_data
from spaces.seed import SPACE_TYPES
from stories import demo as stories_demo
from stories import demo_data as stories_data

HANGUL = re.compile(r"[가-힣ㄱ-ㅎㅏ-ㅣ]")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*|[0-9]+[A-Za-z]+")
# Latin tokens Korean text may hold: what Korean writes that way too.
ALLOWED_LATIN = {"3D"}
TAG = re.compile(r"<[^>]+>")
TODAY = dt.date(2026, 11, 30)
SPACES = 600


def latin_words(text):
    """The Latin-letter words of a Korean text (markup left out) that Korean does not
    write that way."""
    return [w for w in LATIN_WORD.findall(TAG.sub(" ", text)) if w not in ALLOWED_LATIN]


@pytest.fixture
def terms(db):
    return spaces_demo.terms()


@pytest.fixture
def spaces(terms):
    return [spaces_demo.space_data(1, i, *terms) for i in range(SPACES)]


def rows(spaces):
    """The generated spaces as ``stories.demo.demo_spaces`` rows (pk = number + 1)."""
    return [
        (
            i + 1,
            s["space_type"].slug,
            s["district"].pk,
            s["title"],
            s["name_en"],
            s["district"].name,
            s["district"].name_en,
            s["operator_kind"],
        )
        for i, s in enumerate(spaces)
    ]


def body_texts(body):
    """The words of a story body (its raw blocks) readers see."""
    texts = []
    for block in body:
        value = block["value"]
        if block["type"] == "paragraph":
            texts.append(value)
        elif block["type"] == "quote":
            texts += [value["quote"], value["attribution"]]
        elif block["type"] == "image":
            texts += [value["alt_text"], value["caption"]]
        elif block["type"] == "video":
            texts.append(value["title"])
        elif block["type"] == "featured_spaces":
            texts.append(value["heading"])
    return texts


def programs(spaces):
    """Plans of the programs the loader makes: one for every third space."""
    return [
        (
            space,
            events_demo.program_plan(
                1,
                number,
                space["space_type"].slug,
                space["title"],
                space["capacity"],
                TODAY,
            ),
        )
        for number, space in enumerate(spaces[::3])
    ]


# --- 1. programs fit their space ---------------------------------------------------


def test_every_space_type_has_programs_that_suit_it():
    for slug, *__ in SPACE_TYPES:
        topics = events_demo.topics_for(slug)
        assert len(topics) >= 2, slug
        assert {t.kind for t in topics} <= events_demo.SUITS[slug]
        assert {t.audience for t in topics} <= events_demo.WELCOMES[slug]
    # Every topic is held somewhere.
    held = {t for slug, *__ in SPACE_TYPES for t in events_demo.topics_for(slug)}
    assert held == set(events_demo.TOPICS)


def test_what_each_kind_of_space_holds():
    def held(slug):
        return {t.title for t in events_demo.topics_for(slug)}

    assert held("shared-kitchen") == {t.title for t in events_demo.TOPICS if t.kind == "cooking"}
    assert {"그림책 읽는 저녁", "동네 책 수다"} <= held("small-library")
    assert {"품앗이 육아 모임", "영유아 오감 놀이"} <= held("childcare-room")
    assert {"목공 기초 워크숍", "수리 카페"} <= held("workshop")
    assert "취업 준비 스터디" in held("study-room")
    # What does not belong there.
    assert "시니어 스마트폰 교실" not in held("childcare-room")
    assert "제철 요리 교실" not in held("small-library")
    assert "목공 기초 워크숍" not in held("club-room")
    assert not {
        t.title
        for t in events_demo.topics_for("senior-space")
        if t.audience in (Audience.CHILDREN, Audience.FAMILIES, Audience.YOUTH)
    }
    assert {t.audience for t in events_demo.topics_for("youth-space")} == {Audience.YOUTH}


def test_every_generated_program_fits_its_space(spaces):
    planned = programs(spaces)
    assert len(planned) == SPACES // 3
    for space, plan in planned:
        slug = space["space_type"].slug
        topic = plan["topic"]
        assert topic.kind in events_demo.SUITS[slug], (slug, plan["title"])
        assert plan["audience"] in events_demo.WELCOMES[slug], (slug, plan["title"])
        assert plan["capacity"] is None or plan["capacity"] <= space["capacity"]
        assert plan["is_free"] or plan["fee_note"]
        if plan["audience"] in (Audience.CHILDREN, Audience.FAMILIES):
            assert dt.time(9) <= plan["start_time"] <= dt.time(17), plan["title"]
    # Varied: most topics appear, in every kind of space.
    assert len({plan["title"] for __, plan in planned}) >= 25
    assert {s["space_type"].slug for s, __ in planned} == {slug for slug, *__ in SPACE_TYPES}


def test_program_plans_are_pure():
    first = events_demo.program_plan(3, 7, "shared-kitchen", "망원동 공유부엌 한솥", 12, TODAY)
    events_demo.program_plan(3, 8, "small-library", "책마루", 20, TODAY)
    assert (
        events_demo.program_plan(3, 7, "shared-kitchen", "망원동 공유부엌 한솥", 12, TODAY) == first
    )
    assert first["topic"].kind == "cooking"


# --- 2. no English glosses in Korean, no Hangul in English -------------------------


def test_korean_demo_texts_hold_no_english(spaces):
    for space in spaces:
        for field in (
            "title",
            "summary",
            "description",
            "operator_name",
            "fee_note",
            "address",
            "nearest_station",
            "transit_notes",
            "parking",
        ):
            assert not latin_words(space[field]), (field, space[field])
        for *__, alt in space["photos"]:
            assert not latin_words(alt), alt
    for __, plan in programs(spaces):
        for field in ("title", "summary", "description", "fee_note"):
            assert not latin_words(plan[field]), (field, plan[field])
    for topic in events_demo.TOPICS:
        assert not latin_words(topic.title + topic.summary + topic.fee), topic.title

    district_ids = [s["district"].pk for s in spaces]
    for number, spec in enumerate(stories_data.STORIES):
        plan = stories_demo.story_plan(1, number, rows(spaces), district_ids)
        texts = [plan["title"], plan["lead"], *plan["tags"], *body_texts(plan["body"])]
        for text in texts:
            assert not latin_words(text), (spec["slug"], text)
    for text in (*stories_data.AUTHORS, stories_demo.CITY_AUTHOR):
        assert not latin_words(text)

    for campaign in (campaigns_demo.OPENING, campaigns_demo.PAST):
        for value in campaign["ko"].values():
            assert not isinstance(value, str) or not latin_words(value), value
    for *__, why in campaigns_demo.ENTRIES:
        assert not latin_words(why)
    for *__, purpose in BOOKING_PLAN:
        assert not latin_words(purpose)
    for value in HOME_CONTENT["ko"].values():
        assert not latin_words(value)


def test_english_demo_texts_hold_no_hangul(spaces):
    for space in spaces:
        assert space["name_en"] and not HANGUL.search(space["name_en"]), space["name_en"]
    for topic in events_demo.TOPICS:
        assert not HANGUL.search(topic.title_en)

    district_ids = [s["district"].pk for s in spaces]
    translated = 0
    for number, spec in enumerate(stories_data.STORIES):
        plan = stories_demo.story_plan(1, number, rows(spaces), district_ids)
        if not plan["en"]:
            continue
        translated += 1
        en = plan["en"]
        texts = [en["title"], en["lead"], en["image_alt"], *body_texts(en["body"])]
        for text in texts:
            assert not HANGUL.search(text), (spec["slug"], text)
    assert translated == 6
    for text in (*stories_data.CLOSINGS_EN, *stories_data.SPACES_PARAGRAPH_EN):
        assert not HANGUL.search(text)

    for campaign in (campaigns_demo.OPENING, campaigns_demo.PAST):
        for value in campaign["en"].values():
            assert not isinstance(value, str) or not HANGUL.search(value), value
    for value in HOME_CONTENT["en"].values():
        assert not HANGUL.search(value)


# --- 3. no two spaces with one name --------------------------------------------------


def test_no_two_of_the_first_spaces_share_a_name(spaces, terms):
    titles = [s["title"] for s in spaces]
    names_en = [s["name_en"] for s in spaces]
    assert len(set(titles)) == len(set(names_en)) == SPACES
    # Not even "망원동 …" beside "망원 …": one neighbourhood, one kind, one nick.
    assert len({re.sub(r"^(\S+?)동? ", r"\1 ", t) for t in titles}) == SPACES
    # The pure name is the one space_data gives.
    districts, types, *__ = terms
    assert [spaces_demo.space_name(1, i, districts, types) for i in range(50)] == list(
        zip(titles[:50], names_en[:50], strict=True)
    )
    # Every name carries its neighbourhood; at this size none needs a branch number.
    for space in spaces:
        dong = space["title"].split()[0]
        assert dong in space["address"] or any(
            dong in (n, n.removesuffix("동"))
            for n, __ in spaces_data.DISTRICTS[space["district"].slug][1]
        )
        assert "호점" not in space["title"]


def test_no_two_of_sixty_thousand_spaces_share_a_name(terms):
    districts, types, *__ = terms
    names = [spaces_demo.space_name(1, i, districts, types) for i in range(60_000)]
    assert len({ko for ko, __ in names}) == len({en for __, en in names}) == 60_000
    # Where a neighbourhood runs out of nicks for a type, they come round as branches.
    branches = [(ko, en) for ko, en in names if "호점" in ko]
    assert branches
    for ko, en in branches:
        assert re.search(r" \d+호점$", ko) and re.search(r" \d+$", en)
        number = re.search(r"(\d+)호점$", ko).group(1)
        assert en.endswith(f" {number}") and int(number) >= 2


def test_neighbourhood_names_are_unambiguous():
    """Names stay unique only if no neighbourhood name (or its short form) is used by
    two districts."""
    seen = {}
    for slug, (__, neighbourhoods, __) in spaces_data.DISTRICTS.items():
        for dong, stem in neighbourhoods:
            short = dong[:-1] if dong.endswith("동") and len(dong) > 2 else dong
            for key in {dong, short, stem}:
                assert seen.setdefault(key, (slug, dong)) == (slug, dong), key
    for slug, spec in spaces_data.TYPES.items():
        assert len({n for n, __ in spec["nicks"]}) == len(spec["nicks"]), slug
        assert len({e for __, e in spec["nicks"]}) == len(spec["nicks"]), slug


# --- 4. stories about real demo spaces of their kind ---------------------------------


def test_stories_name_and_link_demo_spaces_of_their_kind(spaces):
    demo_rows = rows(spaces)
    by_pk = {row[0]: row for row in demo_rows}
    district_ids = sorted({s["district"].pk for s in spaces})
    for number, spec in enumerate(stories_data.STORIES):
        plan = stories_demo.story_plan(1, number, demo_rows, district_ids)
        kinds = stories_demo.story_kinds(spec)
        assert kinds, spec["slug"]  # every story is about some space
        chosen = [by_pk[pk] for pk in plan["space_ids"]]
        assert 1 <= len(chosen) <= 3, spec["slug"]
        assert chosen[0][1] == kinds[0], spec["slug"]
        assert {row[1] for row in chosen} <= set(kinds), spec["slug"]
        assert plan["district_id"] == chosen[0][2]
        if spec.get("public"):
            assert chosen[0][7] == "public"
        paragraphs = " ".join(b["value"] for b in plan["body"] if b["type"] == "paragraph")
        for row in chosen:
            assert f'<a linktype="page" id="{row[0]}">{row[3]}</a>' in paragraphs
            assert f"{row[5]} <a" in paragraphs  # with its district
        if plan["en"]:
            english = " ".join(b["value"] for b in plan["en"]["body"] if b["type"] == "paragraph")
            for row in chosen:
                link = f'<a linktype="page" id="{row[0]}">{escape(row[4])}</a>'
                assert f"{link} in {row[6]}" in english
    # A story about several libraries takes them from one district where it can.
    challenge = next(
        n
        for n, s in enumerate(stories_data.STORIES)
        if s["slug"] == "small-library-reading-challenge"
    )
    plan = stories_demo.story_plan(1, challenge, demo_rows, district_ids)
    assert len(plan["space_ids"]) == 3
    assert len({by_pk[pk][2] for pk in plan["space_ids"]}) == 1


def test_a_small_demo_has_every_kind_of_space_for_its_stories(terms):
    __, types, *__ = terms
    few = [spaces_demo.space_data(1, i, *terms) for i in range(len(types))]
    assert {s["space_type"].slug for s in few} == {t.slug for t in types}
    for number in range(len(stories_data.STORIES)):
        plan = stories_demo.story_plan(1, number, rows(few), [])
        assert plan["space_ids"]


def test_without_a_space_of_its_kind_a_story_names_none(spaces):
    no_kitchens = [row for row in rows(spaces) if row[1] != "shared-kitchen"]
    for number, spec in enumerate(stories_data.STORIES):
        plan = stories_demo.story_plan(1, number, no_kitchens, [1])
        if spec["kind"] == "shared-kitchen":
            assert plan["space_ids"] == []
        else:
            assert plan["space_ids"]  # the kitchen it also names is left out
            assert all(pk in {r[0] for r in no_kitchens} for pk in plan["space_ids"])


# --- 5. plainly made-up contacts and operators -----------------------------------------

EXAMPLE_DOMAINS = ("example.org", "example.com")


def is_example_host(host):
    return any(host == d or host.endswith(f".{d}") for d in EXAMPLE_DOMAINS)


def test_phone_numbers_and_addresses_are_plainly_made_up(spaces):
    assert any(s["phone"] for s in spaces) and any(s["email"] for s in spaces)
    assert any(s["website"] for s in spaces)
    for space in spaces:
        assert not space["phone"] or re.fullmatch(r"0(2|10)-0000-\d{4}", space["phone"])
        if space["email"]:
            local, __, host = space["email"].partition("@")
            assert local and is_example_host(host), space["email"]
        if space["website"]:
            url = urlsplit(space["website"])
            assert url.scheme == "https" and is_example_host(url.hostname), space["website"]
    for __, email, *__ in DEMO_USERS:
        assert is_example_host(email.partition("@")[2])
    for phone in PHONES.values():
        assert re.fullmatch(r"010-0000-\d{4}", phone)
    assert is_example_host(urlsplit(stories_data.VIDEO_URL).hostname)


def test_operators_are_plausible_and_not_real_businesses(spaces):
    for space in spaces:
        name = space["operator_name"]
        assert name and "{" not in name
        assert "(주)" not in name and "주식회사" not in name and "개인사업자" not in name
        # Real public bodies are marked as the demo's.
        assert name.endswith(" (데모)") == (space["operator_kind"] == "public"), name
    operators = {s["operator_name"] for s in spaces}
    assert "마포구립도서관 (데모)" in operators or any(
        o.endswith("구립도서관 (데모)") for o in operators
    )
    assert any(o.endswith("주민자치회") for o in operators)


def test_every_demo_account_has_a_korean_name_so_its_account_settings_save():
    """Wagtail's account settings ask for a first and a last name: a demo account
    without one could not change its admin language until a name was made up."""
    for username, __, first_name, last_name, __ in DEMO_USERS:
        assert first_name and last_name, username
        assert re.fullmatch(r"[가-힣]+", first_name + last_name), username
