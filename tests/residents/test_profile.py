"""The profile form (/accounts/profile/): name, phone and language saved; a Korean phone
number in any usual spelling kept in one form; a new language takes effect at once."""

import re

from django.core.exceptions import ValidationError

import pytest

from residents.forms import normalise_phone
from residents.models import Profile

from .mypage_support import resident


@pytest.fixture
def seoyeon(db):
    return resident("seoyeon")


@pytest.fixture
def as_seoyeon(client, seoyeon, home):
    client.force_login(seoyeon)
    return client


def html(response):
    return response.content.decode()


@pytest.mark.parametrize(
    "typed, kept",
    [
        ("010-1234-5678", "010-1234-5678"),
        ("01012345678", "010-1234-5678"),
        ("010 1234 5678", "010-1234-5678"),
        ("010.1234.5678", "010-1234-5678"),
        ("011-123-4567", "011-123-4567"),
        ("+82 10-1234-5678", "010-1234-5678"),
        ("+82 (0)10 1234 5678", "010-1234-5678"),
        ("02-123-4567", "02-123-4567"),
        ("0212345678", "02-1234-5678"),
        ("031-1234-5678", "031-1234-5678"),
        ("070-1234-5678", "070-1234-5678"),
        ("1588-1234", "1588-1234"),
        ("  ", ""),
    ],
)
def test_korean_phone_numbers_are_kept_as_they_are_usually_written(typed, kept):
    assert normalise_phone(typed) == kept


@pytest.mark.parametrize(
    "typed", ["12345", "010-1234-567", "011-12-3456", "abc-defg-hijk", "+1 415 555 0100", "0" * 30]
)
def test_anything_else_is_not_a_phone_number(typed):
    with pytest.raises(ValidationError):
        normalise_phone(typed)


def test_the_profile_is_saved_and_shown_on_my_page(as_seoyeon, seoyeon):
    page = as_seoyeon.get("/accounts/profile/")
    assert page.status_code == 200
    assert 'autocomplete="tel"' in html(page)
    # It asks for a phone number, so it links the privacy policy, as every such form does.
    assert 'class="privacy-note"' in html(page) and 'href="/privacy/"' in html(page)

    response = as_seoyeon.post(
        "/accounts/profile/",
        {"last_name": "박", "first_name": "서연", "phone": "010 1234 5678", "language": "ko"},
    )

    assert response.status_code == 303
    assert response["Location"] == "/accounts/#profile"
    seoyeon.refresh_from_db()
    assert (seoyeon.last_name, seoyeon.first_name) == ("박", "서연")
    assert Profile.objects.get(user=seoyeon).phone == "010-1234-5678"
    my_page = html(as_seoyeon.get("/accounts/"))
    profile = re.search(r'<section[^>]* id="profile".*?</section>', my_page, re.S).group(0)
    assert "박서연" in profile and "010-1234-5678" in profile
    assert "프로필을 저장했습니다" in profile  # where the resident comes back to


def test_a_wrong_phone_number_is_explained_and_nothing_is_saved(as_seoyeon, seoyeon):
    response = as_seoyeon.post(
        "/accounts/profile/",
        {"last_name": "박", "first_name": "서연", "phone": "12-34", "language": "en"},
    )

    assert response.status_code == 400
    page = html(response)
    assert 'class="error-summary"' in page
    assert "국내 전화번호를 입력하세요. 예: 010-1234-5678" in page
    assert 'aria-invalid="true"' in page
    seoyeon.refresh_from_db()
    assert seoyeon.last_name == ""
    assert Profile.objects.get(user=seoyeon).language == "ko"


def test_choosing_english_switches_the_portal_to_english(as_seoyeon, seoyeon):
    response = as_seoyeon.post(
        "/accounts/profile/", {"last_name": "", "first_name": "", "phone": "", "language": "en"}
    )

    assert response["Location"] == "/en/accounts/#profile"
    assert Profile.objects.get(user=seoyeon).language == "en"
    page = as_seoyeon.get(response["Location"])
    assert 'lang="en"' in html(page)
    assert "Your profile is saved." in html(page)

    # And back to Korean, from the English form.
    back = as_seoyeon.post("/en/accounts/profile/", {"language": "ko"})
    assert back["Location"] == "/accounts/#profile"


def test_an_unknown_language_is_refused(as_seoyeon, seoyeon):
    response = as_seoyeon.post("/accounts/profile/", {"language": "xx"})

    assert response.status_code == 400
    assert Profile.objects.get(user=seoyeon).language == "ko"


def test_the_profile_is_only_for_its_owner(client, home):
    response = client.get("/accounts/profile/")
    assert response["Location"] == "/accounts/login/?next=/accounts/profile/"
    assert client.post("/accounts/profile/", {"language": "en"}).status_code == 302


@pytest.mark.parametrize("value", ["\x00", "가" * 5000, "<script>alert(1)</script>", "%00'--"])
@pytest.mark.parametrize("field", ["last_name", "first_name", "phone", "language"])
def test_hostile_values_are_refused_as_form_errors(as_seoyeon, seoyeon, field, value):
    data = {"last_name": "박", "first_name": "서연", "phone": "", "language": "ko", field: value}

    response = as_seoyeon.post("/accounts/profile/", data)

    if field in ("last_name", "first_name") and value in ("<script>alert(1)</script>", "%00'--"):
        assert response.status_code == 303  # a name is any short text, shown escaped
        assert "<script>alert(1)" not in html(as_seoyeon.get("/accounts/"))
    else:
        assert response.status_code == 400
        assert 'class="error-summary"' in html(response)
