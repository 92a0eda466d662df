"""The first texts of the terms of use (이용약관, ``/terms/``) and the accessibility
statement (웹 접근성 정책, ``/accessibility/``), in Korean and English, and who runs the
portal (the footer and both texts name the same office). Staff edit the pages after
they are created; this is only what a new site starts with.

Plain data, like ``home.policies``: the migration that creates the pages
(``home.0006``) reads it with the historical models, ``home.site.ensure_site()`` with
the real ones. The operator is the city's demo office; a deployment changes it here
(and on the pages) before going live."""

from django.conf import settings

from .policies import page_fields

TERMS_SLUG = "terms"
ACCESSIBILITY_SLUG = "accessibility"

# Who runs the portal and how to reach them: the footer, the terms and the statement.
OPERATOR = {
    "ko": {
        "name": "서울특별시 (데모)",
        "office": "자치행정국 지역공동체과 커뮤니티공간팀",
        "hours": "평일 09:00~18:00, 공휴일 제외",
    },
    "en": {
        "name": "Seoul Metropolitan Government (demo)",
        "office": "Community Space Team, Local Community Division",
        "hours": "weekdays 09:00–18:00, not on public holidays",
    },
}
PHONE = "02-0000-0120"
EMAIL = "community@example.org"
ACCESSIBILITY_EMAIL = "accessibility@example.org"
# The licence the portal's open data is offered under (core.opendata): named in words.
LICENCE_NAMES = {
    "ko": "공공누리 제1유형(출처표시)",
    "en": "Korea Open Government License Type 1 (attribution)",
}


def _prefix(language):
    return "" if language == settings.LANGUAGE_CODE else f"/{language}"


def _mail(address):
    return f'<a href="mailto:{address}">{address}</a>'


def _terms_sections(language):
    """[(anchor, heading, html)] of the terms in ``language``."""
    prefix = _prefix(language)
    privacy, operators = f"{prefix}/privacy/", f"{prefix}/operators/"
    delete, bookings = f"{prefix}/accounts/delete/", f"{prefix}/accounts/bookings/"
    licence = settings.OPEN_DATA_LICENCE
    who = OPERATOR[language]
    if language == "ko":
        return [
            (
                "purpose",
                "제1조 (목적)",
                "<p>이 약관은 서울특별시(이하 “시”)가 운영하는 커뮤니티 공간 포털(이하 "
                "“포털”)에서 공간과 프로그램을 찾고, 예약하고, 신청하는 데 필요한 이용 조건과 "
                "절차, 시와 이용자의 권리·의무를 정하는 것을 목적으로 합니다.</p>",
            ),
            (
                "definitions",
                "제2조 (용어의 정의)",
                "<ol>"
                "<li><b>포털</b>: 시가 서울의 커뮤니티 공간과 그곳의 프로그램을 알리고 예약·신청을 "
                "받기 위해 운영하는 웹사이트와 그 공개 데이터를 말합니다.</li>"
                "<li><b>이용자</b>: 포털에 접속하여 이 약관에 따라 서비스를 이용하는 모든 사람을 "
                "말합니다.</li>"
                "<li><b>회원</b>: 이 약관과 개인정보 수집·이용에 동의하고 계정을 만든 이용자를 "
                "말합니다.</li>"
                "<li><b>공간</b>: 작은도서관, 공유부엌, 마을활력소처럼 주민이 모이고 빌려 쓸 수 "
                "있는 곳으로 포털에 등록된 장소를 말합니다.</li>"
                "<li><b>공간 운영자</b>: 공간을 관리하고 예약을 확정하거나 거절하는 기관, 단체 또는 "
                "사람을 말합니다.</li>"
                "<li><b>예약</b>: 회원이 공간의 정해진 시간을 이용하겠다고 신청하고 확정받는 것을, "
                "<b>프로그램 신청</b>은 공간에서 열리는 프로그램에 참가를 신청하는 것을 "
                "말합니다.</li>"
                "</ol>",
            ),
            (
                "effect",
                "제3조 (약관의 게시와 변경)",
                "<p>① 시는 이 약관을 포털의 모든 화면 아래쪽에 연결하여 누구나 볼 수 있게 "
                "합니다.</p>"
                "<p>② 시는 관계 법령을 어기지 않는 범위에서 약관을 바꿀 수 있습니다. 바꿀 때에는 "
                "시행일과 바뀌는 내용을 시행 7일 전부터, 회원에게 불리한 변경은 30일 전부터 "
                "포털에 알리고 회원에게 이메일로도 알립니다.</p>"
                "<p>③ 회원은 바뀐 약관에 동의하지 않으면 탈퇴할 수 있습니다.</p>",
            ),
            (
                "accounts",
                "제4조 (회원 가입과 계정 관리)",
                "<p>① 공간과 프로그램을 찾아보는 데에는 계정이 필요하지 않습니다. 예약, 프로그램 "
                "신청, 캠페인 응모, 공간 등록 신청에는 회원 가입이 필요합니다.</p>"
                "<p>② 회원은 사실인 정보로 가입하고, 바뀐 정보는 마이페이지에서 고쳐야 합니다. "
                "이메일 주소를 확인해야 예약과 신청을 할 수 있습니다.</p>"
                "<p>③ 계정의 비밀번호는 회원이 관리하며 다른 사람에게 빌려주거나 넘길 수 없습니다. "
                "계정이 도용된 것을 알면 곧바로 비밀번호를 바꾸고 시에 알려 주세요.</p>"
                f'<p>④ 회원은 언제든지 <a href="{delete}">계정 삭제</a>로 탈퇴할 수 있습니다. '
                "남은 예약과 신청은 함께 취소되며, 개인정보는 "
                f'<a href="{privacy}">개인정보처리방침</a>에 따라 처리합니다.</p>',
            ),
            (
                "bookings",
                "제5조 (공간 예약과 취소)",
                "<p>① 예약할 수 있는 시간, 한 번에 쓸 수 있는 시간, 인원과 미리 예약해야 하는 "
                "기간은 공간마다 다르며 각 공간의 예약 화면에 나옵니다.</p>"
                "<p>② 바로 확정되는 공간은 신청과 함께 예약이 확정됩니다. 그 밖의 공간은 공간 "
                "운영자가 예약 화면에 적힌 시간 안에 확정하거나 거절하며, 그 시간이 지나도록 답이 "
                "없으면 신청은 만료됩니다. 결과는 이메일과 마이페이지로 알려 드립니다.</p>"
                f'<p>③ 회원은 이용 시작 전까지 <a href="{bookings}">내 예약</a>에서 예약을 '
                "취소할 수 있습니다. 이용하지 못하게 되면 다른 주민이 쓸 수 있도록 미리 취소해 "
                "주세요.</p>"
                "<p>④ 공간 운영자는 시설 점검, 재난, 그 밖에 부득이한 사정이 있으면 예약을 취소할 "
                "수 있으며, 이때에는 곧바로 그 이유와 함께 회원에게 알립니다.</p>"
                "<p>⑤ 프로그램 신청도 같은 방식으로 하며, 정원이 찬 프로그램은 대기 순번을 받고 "
                "자리가 나면 순서대로 안내합니다.</p>"
                "<p>⑥ 포털의 공간 이용은 무료입니다. 재료비처럼 따로 드는 비용이 있으면 공간이나 "
                "프로그램 안내에 미리 적습니다.</p>",
            ),
            (
                "duties",
                "제6조 (시와 공간 운영자의 의무)",
                "<p>① 시는 포털을 안정적으로 운영하고, 장애가 생기면 빨리 복구하며, 회원의 "
                "개인정보를 「개인정보 보호법」과 개인정보처리방침에 따라 보호합니다.</p>"
                "<p>② 시는 누구나 포털을 쓸 수 있도록 한국형 웹 콘텐츠 접근성 지침을 지키고, "
                "이용자의 의견과 불만을 접수하여 처리 결과를 알려 드립니다.</p>"
                "<p>③ 공간 운영자는 공간 정보(운영 시간, 시설, 이용 조건)를 사실대로 알리고 "
                "바뀌면 곧바로 고치며, 예약 신청에 정해진 시간 안에 답합니다. 공간 운영자가 되려면 "
                f'<a href="{operators}">공간 운영자 안내</a>를 참고해 주세요.</p>',
            ),
            (
                "prohibited",
                "제7조 (이용자의 의무와 금지 행위)",
                "<p>이용자는 다음 행위를 해서는 안 됩니다.</p>"
                "<ul>"
                "<li>다른 사람의 정보를 도용하거나 거짓 정보로 가입·예약하는 행위</li>"
                "<li>쓰지 않을 시간을 맡아 두거나, 예약한 공간을 다른 사람에게 넘기거나 돈을 받고 "
                "빌려주는 행위</li>"
                "<li>공간을 영리 목적의 판매·홍보, 특정 정당이나 종교의 선전에 쓰는 행위(공간이 "
                "따로 허용한 경우는 제외)</li>"
                "<li>응모나 게시물에 다른 사람의 명예를 훼손하거나, 저작권 등 권리를 침해하거나, "
                "법령에 어긋나는 내용을 올리는 행위</li>"
                "<li>자동화된 수단으로 예약을 반복 신청하거나 포털의 운영을 방해하는 행위</li>"
                "</ul>"
                "<p>이를 어기면 시는 해당 예약이나 게시물을 취소·삭제하고, 정도에 따라 일정 "
                "기간 예약을 제한하거나 계정을 정지할 수 있습니다. 이때에는 이유를 알리고 의견을 "
                "낼 기회를 드립니다.</p>",
            ),
            (
                "open-data",
                "제8조 (공공데이터와 게시물의 이용)",
                "<p>① 포털에 공개된 공간, 프로그램, 이야기 정보는 "
                f'<a href="{licence}">{LICENCE_NAMES["ko"]}</a>에 따라 출처를 밝히면 누구나 '
                "자유롭게 이용할 수 있습니다. 예) “커뮤니티 공간(페이지 주소), 공공누리 "
                "제1유형”.</p>"
                "<p>② 기계가 읽을 수 있는 형태로도 제공합니다: 공간 지도 데이터 "
                "(<code>/api/spaces.geojson</code>), 페이지 API(<code>/api/v2/</code>), 자치구·"
                "법정동 경계(<code>/api/districts.geojson</code>), 프로그램 일정 "
                "(<code>calendar.ics</code>), 이야기와 프로그램 피드. 행정구역 경계와 지명은 "
                "통계청·행정안전부의 자료이며 이 출처를 함께 밝혀야 합니다.</p>"
                "<p>③ 회원이 응모나 신청으로 올린 글과 사진의 권리는 회원에게 있습니다. 회원은 "
                "응모 안내에 적힌 범위에서 시가 이를 포털에 싣는 것을 허락합니다.</p>",
            ),
            (
                "interruption",
                "제9조 (서비스의 중단)",
                "<p>시는 설비 점검·교체, 통신 장애, 천재지변처럼 부득이한 사유가 있으면 서비스를 "
                "잠시 멈출 수 있습니다. 미리 알 수 있는 중단은 포털에 먼저 알리고, 그로 인해 "
                "예약을 쓸 수 없게 되면 해당 회원에게 따로 연락합니다.</p>",
            ),
            (
                "liability",
                "제10조 (책임의 제한)",
                "<p>① 시는 천재지변, 이용자의 잘못, 시가 관리하지 않는 통신망의 장애처럼 시의 "
                "고의나 과실이 없는 사유로 생긴 손해에 대해서는 책임을 지지 않습니다.</p>"
                "<p>② 공간 안에서의 안전과 시설 이용에 관한 책임은 그 공간을 관리하는 공간 "
                "운영자와 관계 법령에 따릅니다. 이용자는 공간의 이용 수칙을 지키고, 시설을 "
                "손상하면 공간 운영자에게 알려야 합니다.</p>"
                "<p>③ 공간 운영자가 올린 정보와 이용자가 올린 게시물의 내용에 대한 책임은 올린 "
                "사람에게 있습니다. 잘못된 정보를 알려 주시면 확인하여 바로잡겠습니다.</p>",
            ),
            (
                "disputes",
                "제11조 (분쟁의 해결)",
                "<p>① 포털 이용과 관련한 의견이나 불만은 "
                f"{who['office']}(전화 {PHONE}, 이메일 {_mail(EMAIL)})로 알려 주세요. "
                "접수한 날부터 10일 안에 처리 결과를 알려 드리며, 더 걸리면 그 이유와 예정일을 "
                "알려 드립니다.</p>"
                "<p>② 시의 처분에 이의가 있으면 「행정심판법」에 따른 행정심판이나 "
                "「행정소송법」에 따른 소송을 제기할 수 있습니다. 그 밖의 분쟁에 관한 소송은 "
                "「민사소송법」에 따른 관할 법원에 제기합니다.</p>",
            ),
            (
                "addenda",
                "부칙",
                "<p>이 약관은 제목 아래에 적힌 시행일부터 적용됩니다.</p>",
            ),
        ]
    return [
        (
            "purpose",
            "Article 1 (Purpose)",
            "<p>These terms set out the conditions and procedures for finding, booking and "
            "registering for community spaces and programs on the Community Space portal "
            "(the “portal”) run by the Seoul Metropolitan Government (the “City”), and the "
            "rights and duties of the City and of the people who use it.</p>",
        ),
        (
            "definitions",
            "Article 2 (Definitions)",
            "<ol>"
            "<li><b>Portal</b>: the website the City runs to present Seoul’s community "
            "spaces and their programs and to take bookings and registrations, and its open "
            "data.</li>"
            "<li><b>User</b>: anyone who visits the portal and uses it under these "
            "terms.</li>"
            "<li><b>Member</b>: a user who has agreed to these terms and to the collection "
            "and use of personal data and made an account.</li>"
            "<li><b>Space</b>: a place listed on the portal where residents meet or which "
            "they can borrow, such as a small library, a shared kitchen or a neighbourhood "
            "centre.</li>"
            "<li><b>Space operator</b>: the body, group or person that runs a space and "
            "confirms or declines its bookings.</li>"
            "<li><b>Booking</b>: a member’s request to use a space at a given time, once "
            "confirmed; <b>registration</b>: a request to take part in a program held in a "
            "space.</li>"
            "</ol>",
        ),
        (
            "effect",
            "Article 3 (Publication and changes)",
            "<p>(1) The City links these terms at the foot of every page of the portal, for "
            "anyone to read.</p>"
            "<p>(2) The City may change these terms within the law. It announces the change "
            "and the date it applies on the portal at least 7 days before, or 30 days before "
            "for changes to a member’s disadvantage, and tells members by e-mail too.</p>"
            "<p>(3) A member who does not accept the changed terms may close their "
            "account.</p>",
        ),
        (
            "accounts",
            "Article 4 (Accounts)",
            "<p>(1) Finding spaces and programs needs no account. Booking, registering for "
            "a program, entering a campaign and proposing a space need one.</p>"
            "<p>(2) Members sign up with true details and correct them on My page when they "
            "change. An e-mail address must be confirmed before booking or "
            "registering.</p>"
            "<p>(3) Members keep their password to themselves and may not lend or pass on "
            "their account. If you find your account has been misused, change your password "
            "at once and tell the City.</p>"
            f'<p>(4) Members may leave at any time by <a href="{delete}">deleting their '
            "account</a>. Their remaining bookings and registrations are cancelled with it, "
            f'and their personal data is handled as the <a href="{privacy}">privacy '
            "policy</a> says.</p>",
        ),
        (
            "bookings",
            "Article 5 (Bookings and cancellations)",
            "<p>(1) The times a space can be booked, how long a booking may last, how many "
            "people may come and how far ahead one must book differ from space to space and "
            "are shown on each space’s booking page.</p>"
            "<p>(2) Where a space confirms at once, the booking is confirmed when made. "
            "Elsewhere the space operator confirms or declines it within the time shown on "
            "the booking page; a request left unanswered by then expires. You are told the "
            "outcome by e-mail and on My page.</p>"
            f'<p>(3) Members may cancel a booking in <a href="{bookings}">My bookings</a> '
            "until it starts. If you cannot come, please cancel early so that another "
            "resident can use the time.</p>"
            "<p>(4) A space operator may cancel a booking for an inspection, an emergency or "
            "another unavoidable reason, and then tells the member at once, with the "
            "reason.</p>"
            "<p>(5) Registrations for programs work the same way; a full program gives a "
            "place on its waiting list, and places that free up are offered in turn.</p>"
            "<p>(6) Using a space through the portal is free. Any other cost, such as "
            "materials, is stated beforehand on the space’s or the program’s page.</p>",
        ),
        (
            "duties",
            "Article 6 (Duties of the City and of space operators)",
            "<p>(1) The City keeps the portal running, restores it quickly after a failure "
            "and protects members’ personal data under the Personal Information Protection "
            "Act and the privacy policy.</p>"
            "<p>(2) The City follows the Korean Web Content Accessibility Guidelines so that "
            "everyone can use the portal, and receives users’ comments and complaints and "
            "tells them what was done.</p>"
            "<p>(3) Space operators describe their space truthfully (opening hours, "
            "facilities, conditions of use), correct it when it changes, and answer booking "
            "requests within the stated time. To become a space operator, see "
            f'<a href="{operators}">For space operators</a>.</p>',
        ),
        (
            "prohibited",
            "Article 7 (Users’ duties and prohibited use)",
            "<p>Users must not:</p>"
            "<ul>"
            "<li>use someone else’s details, or sign up or book with false ones;</li>"
            "<li>hold times they will not use, or pass on or rent out a booked space;</li>"
            "<li>use a space to sell or advertise for profit, or to campaign for a political "
            "party or religion (unless the space allows it);</li>"
            "<li>post entries or content that defame others, infringe copyright or other "
            "rights, or break the law;</li>"
            "<li>book repeatedly by automated means or otherwise disrupt the portal.</li>"
            "</ul>"
            "<p>Where these terms are broken, the City may cancel the booking or remove the "
            "content and, depending on the case, restrict bookings for a time or suspend the "
            "account. It gives its reasons and a chance to respond.</p>",
        ),
        (
            "open-data",
            "Article 8 (Open data and content)",
            "<p>(1) The information on spaces, programs and stories published on the portal "
            f'may be reused by anyone under the <a href="{licence}">{LICENCE_NAMES["en"]}'
            "</a>, naming the source, e.g. “Community Space (page address), KOGL Type "
            "1”.</p>"
            "<p>(2) It is also offered in machine-readable form: map data "
            "(<code>/api/spaces.geojson</code>), the pages API (<code>/api/v2/</code>), "
            "district and neighbourhood outlines (<code>/api/districts.geojson</code>), "
            "program calendars (<code>calendar.ics</code>) and the stories’ and programs’ "
            "feeds. The boundaries and place names come from Statistics Korea and the "
            "Ministry of the Interior and Safety, whose credit must be kept.</p>"
            "<p>(3) Text and photos members send with an entry or a request remain theirs. "
            "Members allow the City to publish them on the portal as far as the entry’s "
            "rules say.</p>",
        ),
        (
            "interruption",
            "Article 9 (Interruptions)",
            "<p>The City may pause the service for maintenance or replacement of equipment, "
            "a network failure, a natural disaster or another unavoidable reason. Pauses "
            "known in advance are announced on the portal first, and members whose bookings "
            "are affected are contacted individually.</p>",
        ),
        (
            "liability",
            "Article 10 (Limits of liability)",
            "<p>(1) The City is not liable for harm arising without its intent or "
            "negligence, such as natural disasters, a user’s own fault or failures of "
            "networks it does not run.</p>"
            "<p>(2) Safety inside a space and the use of its facilities are the "
            "responsibility of the space operator that runs it, under the law. Users follow "
            "a space’s house rules and tell its operator of any damage.</p>"
            "<p>(3) Whoever posts information or content is responsible for it. Tell us about "
            "anything wrong and we will check and correct it.</p>",
        ),
        (
            "disputes",
            "Article 11 (Disputes)",
            "<p>(1) Please send comments or complaints about the portal to the "
            f"{who['office']} (phone {PHONE}, e-mail {_mail(EMAIL)}). We answer within 10 "
            "days of receiving them, or tell you why it takes longer and when to expect an "
            "answer.</p>"
            "<p>(2) A decision of the City may be challenged by an administrative appeal "
            "under the Administrative Appeals Act or a suit under the Administrative "
            "Litigation Act. Other disputes go to the competent court under the Civil "
            "Procedure Act.</p>",
        ),
        (
            "addenda",
            "Addendum",
            "<p>These terms apply from the date shown under their title.</p>",
        ),
    ]


def _accessibility_sections(language):
    """[(anchor, heading, html)] of the accessibility statement in ``language``."""
    prefix = _prefix(language)
    spaces = f"{prefix}/spaces/"
    who = OPERATOR[language]
    if language == "ko":
        return [
            (
                "standard",
                "1. 준수하는 기준",
                "<p>이 포털은 「장애인차별금지 및 권리구제 등에 관한 법률」 제21조와 「지능정보화 "
                "기본법」 제46조에 따라 <b>한국형 웹 콘텐츠 접근성 지침 2.2(KWCAG 2.2)</b>와 "
                "국제 표준인 <b>웹 콘텐츠 접근성 지침 2.2(WCAG 2.2) AA 수준</b>을 지키는 것을 "
                "목표로 합니다.</p>",
            ),
            (
                "status",
                "2. 준수 상태",
                "<p>포털의 공개 화면(공간 찾기, 공간 안내, 예약, 프로그램, 이야기, 회원 가입과 "
                "로그인, 마이페이지, 정책 안내)은 위 기준을 <b>대부분 준수</b>합니다. 아직 "
                "지키지 못한 부분은 아래 ‘알려진 한계’에 적었습니다.</p>",
            ),
            (
                "features",
                "3. 이용을 돕는 기능",
                "<ul>"
                "<li>모든 화면 맨 앞의 ‘본문 바로가기’ 링크, 제목 구조와 랜드마크</li>"
                "<li>마우스 없이 키보드만으로 모든 기능 이용, 눈에 잘 띄는 초점 표시</li>"
                "<li>글자 대비 4.5:1 이상, 화면을 200%까지 확대하거나 폭 320px 화면에서도 "
                "가로 스크롤 없이 읽기</li>"
                "<li>예약 시간표는 색뿐 아니라 기호와 글자로 상태(비어 있음, 예약됨, 승인 대기)를 "
                "알림</li>"
                f'<li>지도에 나오는 모든 공간은 <a href="{spaces}">목록</a>으로도 볼 수 있으며, '
                "지도 없이도 같은 정보를 얻을 수 있음</li>"
                "<li>자바스크립트를 끄거나 불러오지 못해도 찾기, 예약, 신청이 가능함</li>"
                "<li>한국어와 영어 화면, 번역되지 않은 글에는 언어 표시</li>"
                "</ul>",
            ),
            (
                "testing",
                "4. 확인 방법",
                "<ul>"
                "<li>포털이 바뀔 때마다 자동 검사 도구(axe-core)로 주요 화면을 휴대전화 폭과 "
                "컴퓨터 폭, 한국어와 영어로 검사합니다. 오류가 하나라도 있으면 배포하지 "
                "않습니다.</li>"
                "<li>키보드만으로 공간 찾기, 예약, 프로그램 신청, 회원 가입의 전 과정을 직접 "
                "해 봅니다.</li>"
                "<li>화면 낭독 프로그램(NVDA, VoiceOver)으로 주요 흐름을 확인합니다.</li>"
                "<li>해마다 한 번 이상 외부 전문기관의 진단을 받고 이 안내를 고칩니다.</li>"
                "</ul>",
            ),
            (
                "limits",
                "5. 알려진 한계",
                "<ul>"
                "<li><b>지도 그림</b>: 지도 배경(OpenStreetMap 타일)은 그림이라 화면 낭독 "
                "프로그램이 읽을 수 없습니다. 같은 정보를 공간 목록과 각 공간의 주소로 "
                "제공합니다.</li>"
                "<li><b>공간 운영자가 올린 사진과 문서</b>: 사진의 대체 텍스트가 충분하지 않거나, "
                "첨부 문서(PDF 등)가 접근성을 갖추지 못한 경우가 있습니다. 알려 주시면 "
                "운영자와 함께 고치거나 다른 형태로 보내 드립니다.</li>"
                "<li><b>영어 번역</b>: 번역되지 않은 글은 한국어로 보이며 그 사실을 화면에 "
                "알립니다.</li>"
                "<li><b>날짜와 시간 입력</b>: 브라우저가 제공하는 입력 도구를 쓰므로 브라우저에 "
                "따라 읽어 주는 방식이 다릅니다. 예약 화면의 주간 시간표로도 시간을 고를 수 "
                "있습니다.</li>"
                "</ul>",
            ),
            (
                "report",
                "6. 접근성 문제 알리기",
                "<p>포털을 쓰다가 막히는 곳이 있으면 알려 주세요. 어느 화면에서 무엇을 하려고 "
                "했는지, 쓰신 기기와 보조기술을 함께 적어 주시면 빨리 고칠 수 있습니다.</p>"
                "<ul>"
                f"<li><b>담당</b>: {who['office']}</li>"
                f"<li><b>이메일</b>: {_mail(ACCESSIBILITY_EMAIL)}</li>"
                f"<li><b>전화</b>: {PHONE} ({who['hours']})</li>"
                "</ul>"
                "<p>받은 날부터 <b>3일(근무일) 안에</b> 답하고, 고치는 데 걸리는 기간을 "
                "알려 드립니다. 고치기 전이라도 필요한 정보는 전화나 이메일로 드리고, 예약과 "
                "신청도 대신 접수해 드립니다.</p>",
            ),
            (
                "escalation",
                "7. 답이 만족스럽지 않을 때",
                "<p>답변에 만족하지 못하시면 국가인권위원회에 진정하거나 상담을 받을 수 "
                "있습니다: (국번 없이) 1331, www.humanrights.go.kr.</p>",
            ),
            (
                "review",
                "8. 이 안내에 대하여",
                "<p>이 안내는 제목 아래에 적힌 날에 작성했으며, 포털이 크게 바뀌거나 진단을 "
                "받을 때마다 고칩니다.</p>",
            ),
        ]
    return [
        (
            "standard",
            "1. The standard we follow",
            "<p>Under Article 21 of the Act on the Prohibition of Discrimination against "
            "Persons with Disabilities and Article 46 of the Framework Act on Intelligent "
            "Informatization, this portal aims to meet the <b>Korean Web Content "
            "Accessibility Guidelines 2.2 (KWCAG 2.2)</b> and the international <b>Web Content "
            "Accessibility Guidelines 2.2 (WCAG 2.2) at level AA</b>.</p>",
        ),
        (
            "status",
            "2. How far we meet it",
            "<p>The portal’s public pages (finding spaces, space pages, booking, programs, "
            "stories, sign-up and log-in, My page and the policies) <b>partly conform</b>: "
            "they meet the standard except where listed under “Known limits” below.</p>",
        ),
        (
            "features",
            "3. What helps you use it",
            "<ul>"
            "<li>A “Skip to main content” link first on every page; headings and "
            "landmarks</li>"
            "<li>Everything works with a keyboard alone, with a clearly visible focus</li>"
            "<li>Text contrast of at least 4.5:1; readable at 200% zoom and on a 320 px wide "
            "screen without scrolling sideways</li>"
            "<li>The booking week tells each time’s state (free, booked, awaiting approval) "
            "with a symbol and words as well as colour</li>"
            f'<li>Every space on a map is also in the <a href="{spaces}">list</a>: nothing is '
            "on the map alone</li>"
            "<li>Finding, booking and registering work with JavaScript off or not "
            "loaded</li>"
            "<li>Korean and English pages; text not yet translated is marked with its "
            "language</li>"
            "</ul>",
        ),
        (
            "testing",
            "4. How we check",
            "<ul>"
            "<li>At every change an automated checker (axe-core) tests the main pages at "
            "phone and desktop widths, in Korean and English. A single error stops the "
            "release.</li>"
            "<li>We go through finding a space, booking, registering for a program and "
            "signing up with a keyboard alone.</li>"
            "<li>We check the main journeys with screen readers (NVDA, VoiceOver).</li>"
            "<li>At least once a year an outside specialist audits the portal, and we update "
            "this statement.</li>"
            "</ul>",
        ),
        (
            "limits",
            "5. Known limits",
            "<ul>"
            "<li><b>Map images</b>: the map background (OpenStreetMap tiles) is a picture "
            "screen readers cannot read. The same information is in the list of spaces and "
            "each space’s address.</li>"
            "<li><b>Photos and documents from space operators</b>: some photos may lack a "
            "good text alternative, and attached documents (such as PDFs) may not be "
            "accessible. Tell us and we will fix them with the operator or send them to you "
            "in another form.</li>"
            "<li><b>English translations</b>: text not yet translated shows in Korean, and "
            "the page says so.</li>"
            "<li><b>Date and time fields</b>: they use the browser’s own controls, which "
            "assistive technology reads differently from browser to browser. On the booking "
            "page a time can also be chosen from the week.</li>"
            "</ul>",
        ),
        (
            "report",
            "6. Report a barrier",
            "<p>If something on the portal stops you, please tell us. Say which page and "
            "what you were trying to do, and which device and assistive technology you use: "
            "it helps us fix it quickly.</p>"
            "<ul>"
            f"<li><b>Team</b>: {who['office']}</li>"
            f"<li><b>E-mail</b>: {_mail(ACCESSIBILITY_EMAIL)}</li>"
            f"<li><b>Phone</b>: +82-{PHONE[1:]} ({who['hours']})</li>"
            "</ul>"
            "<p>We answer <b>within 3 working days</b> of receiving it and tell you how long "
            "the fix will take. Until then we give you the information you need by phone or "
            "e-mail, and take your booking or registration for you.</p>",
        ),
        (
            "escalation",
            "7. If you are not satisfied",
            "<p>If our answer does not satisfy you, you can file a complaint with or ask "
            "the National Human Rights Commission of Korea for advice: 1331 (no area code "
            "needed inside Korea), www.humanrights.go.kr.</p>",
        ),
        (
            "review",
            "8. About this statement",
            "<p>This statement was prepared on the date shown under its title and is "
            "updated whenever the portal changes much or is audited.</p>",
        ),
    ]


CONTENT = {
    TERMS_SLUG: {
        "ko": {
            "title": "이용약관",
            "intro": "<p>커뮤니티 공간 포털을 이용하기 전에 읽어 주세요. 공간 예약과 취소, "
            "회원과 시의 의무, 공개 데이터의 이용 조건을 정합니다.</p>",
            "previous_versions": "<p>이 약관이 포털의 첫 이용약관입니다.</p>",
            "search_description": "커뮤니티 공간 포털의 이용 조건: 회원 가입, 공간 예약과 "
            "취소, 금지 행위, 공공데이터 이용, 분쟁 해결.",
        },
        "en": {
            "title": "Terms of use",
            "intro": "<p>Please read these before using the Community Space portal. They "
            "cover booking and cancelling spaces, the duties of members and of the City, and "
            "the conditions for reusing its open data.</p>",
            "previous_versions": "<p>These are the portal’s first terms of use.</p>",
            "search_description": "The Community Space portal’s terms: accounts, booking and "
            "cancelling, prohibited use, open data, disputes.",
        },
    },
    ACCESSIBILITY_SLUG: {
        "ko": {
            "title": "웹 접근성 정책",
            "intro": "<p>서울특별시는 장애가 있는 분, 나이가 많은 분을 비롯해 누구나 커뮤니티 "
            "공간 포털을 쉽게 쓸 수 있도록 노력합니다. 포털이 지키는 기준과 확인 방법, 아직 "
            "남은 한계와 불편을 알리는 방법을 안내합니다.</p>",
            "previous_versions": "<p>이 안내가 포털의 첫 웹 접근성 정책입니다.</p>",
            "search_description": "커뮤니티 공간 포털의 웹 접근성: KWCAG 2.2·WCAG 2.2 AA "
            "준수 상태, 알려진 한계, 접근성 문제를 알리는 방법.",
        },
        "en": {
            "title": "Accessibility statement",
            "intro": "<p>The Seoul Metropolitan Government wants everyone, including disabled "
            "and older people, to be able to use the Community Space portal easily. This "
            "statement says which standard it follows, how we check, what is not there yet "
            "and how to tell us about a barrier.</p>",
            "previous_versions": "<p>This is the portal’s first accessibility statement.</p>",
            "search_description": "Accessibility of the Community Space portal: KWCAG 2.2 and "
            "WCAG 2.2 AA conformance, known limits, how to report a barrier.",
        },
    },
}
SECTIONS = {TERMS_SLUG: _terms_sections, ACCESSIBILITY_SLUG: _accessibility_sections}


def statement(slug, language, effective_from=None):
    """The fields of the page at ``slug`` (``TERMS_SLUG`` or ``ACCESSIBILITY_SLUG``) in
    ``language``, as ``home.policies.privacy_policy`` gives the privacy policy's."""
    return page_fields(
        CONTENT[slug][language], SECTIONS[slug](language), effective_from=effective_from
    )
