"""A registration's answer lands where the resident pressed "Register": back on the
program page at that date, which says what happened, however far down the list it is
(on a phone the messages at the top of the page are a screen or more above). An
account that must confirm its e-mail address first is told so above the dates, with
the button that sends the mail again, before and after it presses "Register"."""

import re

from django.test import Client

from allauth.account.models import EmailAddress

from events.models import Registration

from .conftest import register_url, text


def date_item(html, occurrence):
    """The <li> of ``occurrence`` on the program page."""
    for item in re.findall(r'<li class="date-item[^"]*">.*?</li>', html, re.S):
        if f'id="date-{occurrence.pk}"' in item:
            return item
    raise AssertionError(f"date {occurrence.pk} is not on the page")


def refusals(html):
    return re.findall(r'class="field__error date-item__refused" role="alert">([^<]*)<', html)


def dates_of(program):
    return list(program.occurrences.order_by("start"))


def test_a_registration_lands_on_its_date_which_says_so(as_resident, program):
    fifth = dates_of(program)[4]
    response = as_resident.post(register_url(program), {"occurrence": fifth.pk})
    assert response.status_code == 303
    assert response["Location"] == f"{program.url}#date-{fifth.pk}"
    item = date_item(text(as_resident.get(response["Location"])), fifth)
    assert "신청했습니다." in item


def test_a_refusal_is_said_beside_the_date_that_was_pressed_once(as_resident, program):
    """A page left open in two tabs: the second "Register" for the same date."""
    dates = dates_of(program)
    as_resident.post(register_url(program), {"occurrence": dates[5].pk})
    response = as_resident.post(register_url(program), {"occurrence": dates[5].pk})
    assert response["Location"] == f"{program.url}#date-{dates[5].pk}"
    html = text(as_resident.get(response["Location"]))
    assert refusals(html) == ["이미 이 회차에 신청했습니다."]
    assert "이미 이 회차에 신청했습니다." in date_item(html, dates[5])
    assert 'id="registration-refused"' not in html  # it is about one date: said there
    assert refusals(text(as_resident.get(program.url))) == []  # said once
    assert Registration.objects.filter(occurrence=dates[5]).count() == 1


def test_a_refused_date_among_the_folded_ones_is_shown_unfolded(as_resident, program):
    dates = dates_of(program)
    later = dates[10]  # after the first 8: inside "Show N more dates"
    later.cancelled = True
    later.save()
    response = as_resident.post(register_url(program), {"occurrence": later.pk})
    html = text(as_resident.get(response["Location"]))
    assert '<details class="date-more" open>' in html
    assert "이 회차는 취소되었습니다." in date_item(html, later)
    assert '<details class="date-more">' in text(as_resident.get(program.url))


def test_an_unconfirmed_account_is_told_above_the_dates_with_the_resend_button(
    as_resident, resident, program
):
    EmailAddress.objects.create(user=resident, email=resident.email, primary=True, verified=False)
    html = text(as_resident.get(program.url))
    notice = html.index('id="confirm-email"')
    assert notice < html.index('<h2 id="dates">')  # right above the dates
    assert re.search(r'<form method="post" action="/accounts/email/[^"]*"', html[notice:])
    assert "css/account.css" in html  # the notice's style

    first = dates_of(program)[3]
    response = as_resident.post(register_url(program), {"occurrence": first.pk})
    assert response.status_code == 303
    assert response["Location"] == f"{program.url}#registration-refused"
    html = text(as_resident.get(response["Location"]))
    refused = re.search(
        r'<div class="error-summary" role="alert" id="registration-refused"><p>([^<]+)</p>', html
    )
    assert refused.group(1) == "신청되지 않았습니다. 먼저 이메일 주소를 확인해 주세요."
    assert html.index('id="registration-refused"') < html.index('id="confirm-email"')
    assert not Registration.objects.exists()


def test_a_confirmed_or_anonymous_visitor_sees_no_notice(as_resident, program):
    for visitor in (as_resident, Client()):
        html = text(visitor.get(program.url))
        assert 'id="confirm-email"' not in html and "css/account.css" not in html
        assert 'id="registration-refused"' not in html
