"""The first text of the portal's privacy policy (개인정보처리방침, PIPA article 30 and
the PIPC's guide for writing one), in Korean and English. Staff edit the page after
it is created; this is only what a new site starts with.

Plain data: the migration that creates the pages (``home.0004``) reads it with the
historical models, ``home.site.ensure_site()`` with the real ones. Placeholders the
city fills in (its processors) are in square brackets.

The first version applies from the day its page is created: a site is never without a
policy in force. The text names no date; it points to the date shown under the title
(the page's ``effective_from``), so staff change one field for a new version."""

import uuid

from django.conf import settings
from django.utils import timezone, translation

from core.dates import retention_period

PRIVACY_SLUG = "privacy"
# The last section's sentence on when the policy applies, in each language.
APPLIES = {
    "ko": "이 개인정보처리방침은 제목 아래에 적힌 시행일부터 적용됩니다.",
    "en": "This privacy policy applies from the date shown under its title.",
}


def _retention(language):
    with translation.override(language):
        return retention_period()


def _sections(language):
    """[(anchor, heading, html)] of the policy in ``language``."""
    prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
    export, profile = f"{prefix}/accounts/export/", f"{prefix}/accounts/profile/"
    delete, notifications = f"{prefix}/accounts/delete/", f"{prefix}/accounts/notifications/"
    mypage = f"{prefix}/accounts/"
    kept = _retention(language)
    if language == "ko":
        return [
            (
                "purposes",
                "1. 개인정보의 처리 목적",
                "<p>서울특별시는 다음 목적으로만 개인정보를 처리합니다. 이 목적 밖으로는 "
                "쓰지 않으며, 목적이 바뀌면 「개인정보 보호법」 제18조에 따라 다시 동의를 "
                "받는 등 필요한 조치를 하겠습니다.</p>"
                "<ul>"
                "<li><b>회원 관리</b>: 가입 의사 확인, 본인 식별, 부정 이용 방지, 탈퇴 처리</li>"
                "<li><b>공간 예약과 프로그램 신청 처리</b>: 예약·신청 접수와 확정, 대기 순번 "
                "안내, 이용 전날 알림, 변경·취소 안내</li>"
                "<li><b>캠페인 응모 심사</b>: 응모 접수와 심사, 당첨 안내와 경품 전달</li>"
                "<li><b>공간 등록 신청 검토</b>: 운영자가 등록한 공간의 확인과 결과 안내</li>"
                "<li><b>민원 처리</b>: 문의와 민원 확인, 사실 조사를 위한 연락, 처리 결과 "
                "안내</li>"
                "<li><b>소식 안내</b>: 새 소식과 캠페인 안내 메일 발송(따로 동의한 경우에만)</li>"
                "</ul>",
            ),
            (
                "items",
                "2. 처리하는 개인정보의 항목",
                "<ul>"
                "<li><b>회원 가입</b>: 필수 — 이메일 주소, 아이디, 비밀번호(복원할 수 없게 "
                "암호화하여 저장합니다), 동의한 항목과 일시. 선택 — 이름, 전화번호</li>"
                "<li><b>공간 예약</b>: 이용할 공간과 일시, 이용 인원, 이용 목적</li>"
                "<li><b>프로그램 신청</b>: 신청한 프로그램과 날짜</li>"
                "<li><b>캠페인 응모</b>: 추천하는 공간과 추천 이유, 사진(선택), 연락처(선택)</li>"
                "<li><b>공간 등록 신청</b>: 운영 주체의 이름, 전화번호, 이메일 주소. 검토를 "
                "거쳐 공간 페이지에 공개되는 정보입니다.</li>"
                "<li><b>서비스 이용 중 생기는 정보</b>: 알림 설정, 언어 설정, 찜한 공간과 "
                "프로그램, 보낸 알림의 기록</li>"
                "<li><b>자동으로 수집되는 정보</b>: 접속 기록(IP 주소, 접속 일시, 요청한 주소, "
                "브라우저 종류)과 쿠키(9번 참고). 접속 기록은 보안 점검과 부정 이용 방지에만 "
                "쓰고 90일이 지나면 지웁니다. 로그인 시도 횟수 제한에 쓰는 IP 주소는 하루 "
                "안에 지워집니다.</li>"
                "</ul>",
            ),
            (
                "retention",
                "3. 개인정보의 처리 및 보유 기간",
                "<ul>"
                "<li><b>회원 정보</b>: 탈퇴할 때까지. 탈퇴하면 지체 없이 지웁니다.</li>"
                f"<li><b>예약·신청·응모 기록</b>: 이용일(캠페인은 응모 마감일)로부터 {kept}. "
                "그 뒤에는 공간 이용 통계에 필요한 기록만 누구인지 알아볼 수 없게 익명 "
                "처리하여 남깁니다.</li>"
                f"<li><b>이메일 등 알림 발송 기록</b>: 보낸 날로부터 {kept}</li>"
                "<li><b>검색 기록</b>: 검색어는 많이 찾는 말을 알기 위한 통계로만 쓰며, "
                "누가 검색했는지와 연결하여 저장하지 않습니다.</li>"
                "<li><b>접속 기록</b>: 90일</li>"
                "</ul>",
            ),
            (
                "third-parties",
                "4. 개인정보의 제3자 제공",
                "<p>서울특별시는 정보주체의 개인정보를 제3자에게 제공하지 않습니다. 다만 "
                "예약과 신청을 처리하려면 그 공간의 운영자가 필요한 정보를 보아야 하므로, "
                "다음 범위에서만 제공합니다. 법률에 특별한 규정이 있는 경우(「개인정보 "
                "보호법」 제17조, 제18조)는 예외입니다.</p>"
                "<ul>"
                "<li><b>제공받는 자</b>: 예약하거나 신청한 공간·프로그램의 운영자</li>"
                "<li><b>목적</b>: 예약·신청의 확인과 처리, 이용 안내</li>"
                "<li><b>항목</b>: 아이디, 이용 일시, 이용 인원, 이용 목적(프로그램은 아이디와 "
                "신청 날짜)</li>"
                "<li><b>보유 기간</b>: 3번의 예약·신청 기록과 같습니다.</li>"
                "</ul>"
                "<p>운영자는 이 정보를 예약·신청 처리 말고는 쓸 수 없습니다.</p>",
            ),
            (
                "processors",
                "5. 개인정보 처리의 위탁",
                "<p>서울특별시는 원활한 서비스를 위해 다음 업무를 위탁합니다.</p>"
                "<ul>"
                "<li><b>이메일 발송</b> — 수탁자: [수탁자 이름: 계약 후 적어 넣습니다]. "
                "위탁 업무: 예약·신청·알림 이메일 발송</li>"
                "<li><b>서버 운영</b> — 수탁자: [수탁자 이름: 계약 후 적어 넣습니다]. "
                "위탁 업무: 포털 서버와 데이터베이스의 운영·관리</li>"
                "</ul>"
                "<p>위탁 계약에는 「개인정보 보호법」 제26조에 따라 위탁 업무 밖의 처리 "
                "금지, 안전성 확보 조치, 재위탁 제한, 손해배상 책임을 정하고, 수탁자가 "
                "개인정보를 안전하게 처리하는지 감독합니다. 수탁자나 위탁 업무가 바뀌면 이 "
                "방침으로 지체 없이 알립니다. 개인정보를 국외로 옮기지 않습니다.</p>",
            ),
            (
                "destruction",
                "6. 개인정보의 파기 절차와 방법",
                "<ul>"
                "<li><b>절차</b>: 보유 기간이 지나거나 처리 목적을 이루면 지체 없이(5일 "
                "이내) 파기합니다. 통계처럼 기록을 계속 두어야 할 때에는 누구인지 알아볼 수 "
                "없게 익명 처리하여 남깁니다.</li>"
                "<li><b>방법</b>: 전자 파일은 복구할 수 없는 방법으로 지웁니다. 백업에 남은 "
                "사본도 백업 보관 기간이 끝나면 함께 지워집니다. 포털은 개인정보를 종이 "
                "문서로 받지 않습니다.</li>"
                "</ul>",
            ),
            (
                "rights",
                "7. 정보주체의 권리와 행사 방법",
                "<p>정보주체는 언제든지 다음 권리를 행사할 수 있습니다.</p>"
                "<ul>"
                f'<li><b>열람과 내려받기</b>: <a href="{export}">내 정보 내려받기</a>에서 '
                "포털이 가진 내 정보를 모두 파일(JSON, CSV)로 받을 수 있습니다.</li>"
                f'<li><b>정정</b>: <a href="{profile}">내 정보 수정</a>에서 이름, 이메일, '
                "전화번호, 언어를 고칠 수 있습니다.</li>"
                f'<li><b>삭제와 탈퇴</b>: <a href="{delete}">회원 탈퇴</a>에서 비밀번호를 '
                "다시 입력하면 계정과 개인정보가 바로 지워지고, 앞으로의 예약과 신청은 "
                "취소됩니다.</li>"
                f'<li><b>처리정지와 동의 철회</b>: <a href="{notifications}">알림 설정</a>'
                "에서 소식 메일 등 선택 알림을 언제든 끌 수 있고, 선택 항목(이름, 전화번호)은 "
                "내 정보 수정에서 지울 수 있습니다. 그 밖의 처리정지와 동의 철회는 10번의 "
                "개인정보 보호책임자에게 요청해 주세요.</li>"
                "</ul>"
                f'<p><a href="{mypage}">마이페이지</a>에서 하기 어려운 요청은 10번의 '
                "연락처로 이메일, 전화, 서면으로 할 수 있으며, 서울특별시는 요청을 받은 "
                "날부터 10일 안에 답합니다. 법정대리인이나 위임을 받은 사람도 위임장을 "
                "내고 요청할 수 있습니다. 다른 법령이 보존을 정한 정보는 삭제를 요구할 수 "
                "없으며, 그럴 때에는 그 이유를 알려 드립니다.</p>",
            ),
            (
                "safety",
                "8. 개인정보의 안전성 확보 조치",
                "<ul>"
                "<li><b>관리적 조치</b>: 내부 관리계획 수립과 시행, 개인정보를 다루는 "
                "직원의 최소화와 정기 교육</li>"
                "<li><b>기술적 조치</b>: 비밀번호의 일방향 암호화 저장, 모든 통신의 암호화"
                "(HTTPS), 역할에 따른 접근 권한 관리(공간 운영자는 자기 공간의 예약만 "
                "봅니다), 로그인 시도 횟수 제한, 개인정보처리시스템 접속 기록의 1년 이상 "
                "보관과 점검, 보안 업데이트. 올린 사진에 담긴 위치 등 메타데이터는 저장할 "
                "때 지웁니다.</li>"
                "<li><b>물리적 조치</b>: 서버가 있는 전산실과 자료 보관실의 출입 통제</li>"
                "</ul>",
            ),
            (
                "cookies",
                "9. 쿠키의 설치·운영과 거부",
                "<p>포털은 서비스에 꼭 필요한 쿠키만 씁니다.</p>"
                "<ul>"
                "<li><b>세션</b>: 로그인 상태를 유지합니다. 로그아웃하거나 2주가 지나면 "
                "효력이 없어집니다.</li>"
                "<li><b>보안</b>: 다른 사이트가 내 이름으로 요청을 보내지 못하게 막습니다"
                "(CSRF).</li>"
                "<li><b>언어 설정</b>: 고른 언어(한국어, 영어)를 기억합니다.</li>"
                "</ul>"
                "<p>광고·분석 쿠키와 다른 회사의 쿠키는 쓰지 않습니다. 브라우저 설정에서 "
                "쿠키를 막을 수 있지만, 그러면 로그인이 필요한 예약과 신청은 이용할 수 "
                "없습니다.</p>",
            ),
            (
                "officer",
                "10. 개인정보 보호책임자",
                "<p>개인정보 처리에 관한 문의, 불만, 피해 구제는 아래로 연락해 주세요.</p>"
                "<ul>"
                "<li><b>개인정보 보호책임자</b>: 서울특별시 자치행정국 지역공동체과장</li>"
                "<li><b>담당 부서</b>: 지역공동체과 커뮤니티공간팀</li>"
                "<li><b>전화</b>: 02-0000-0000</li>"
                '<li><b>이메일</b>: <a href="mailto:privacy@example.org">privacy@example.org'
                "</a></li>"
                "</ul>",
            ),
            (
                "remedies",
                "11. 권익침해 구제 방법",
                "<p>개인정보 침해로 인한 구제를 받으려면 아래 기관에 분쟁 조정이나 상담을 "
                "신청할 수 있습니다.</p>"
                "<ul>"
                "<li>개인정보분쟁조정위원회: (국번 없이) 1833-6972, www.kopico.go.kr</li>"
                "<li>개인정보침해신고센터: (국번 없이) 118, privacy.kisa.or.kr</li>"
                "<li>대검찰청: (국번 없이) 1301, www.spo.go.kr</li>"
                "<li>경찰청: (국번 없이) 182, ecrm.police.go.kr</li>"
                "</ul>"
                "<p>「개인정보 보호법」 제35조부터 제37조까지의 요구에 대한 서울특별시의 "
                "처분으로 권리나 이익을 침해받은 사람은 「행정심판법」에 따라 행정심판을 "
                "청구할 수 있습니다(중앙행정심판위원회, 국번 없이 110, www.simpan.go.kr).</p>",
            ),
            (
                "changes",
                "12. 개인정보처리방침의 변경과 시행일",
                f"<p>{APPLIES['ko']} 내용을 바꿀 "
                "때에는 시행 7일 전부터, 정보주체의 권리에 중요한 변경은 30일 전부터 "
                "포털에 알립니다. 이전 방침은 아래 ‘이전 버전’에서 볼 수 있습니다.</p>",
            ),
        ]
    return [
        (
            "purposes",
            "1. Why we process personal information",
            "<p>The Seoul Metropolitan Government processes personal information for these "
            "purposes only. It is not used for anything else; if a purpose changes, we take "
            "the steps Article 18 of the Personal Information Protection Act requires, such "
            "as asking for your consent again.</p>"
            "<ul>"
            "<li><b>Membership</b>: confirming that you want an account, identifying you, "
            "preventing misuse, closing your account</li>"
            "<li><b>Bookings and program registrations</b>: receiving and confirming them, "
            "waiting list updates, reminders the day before, notices of changes and "
            "cancellations</li>"
            "<li><b>Campaign entries</b>: receiving and judging entries, telling the winners "
            "and sending prizes</li>"
            "<li><b>Space registrations</b>: checking the spaces operators register and "
            "telling them the outcome</li>"
            "<li><b>Enquiries and complaints</b>: understanding them, contacting you to look "
            "into them, telling you what was done</li>"
            "<li><b>News</b>: e-mails about news and campaigns (only if you agreed to them "
            "separately)</li>"
            "</ul>",
        ),
        (
            "items",
            "2. What personal information we process",
            "<ul>"
            "<li><b>Signing up</b>: required — e-mail address, username, password (stored "
            "encrypted so that it cannot be read back), what you agreed to and when. Optional — "
            "name, phone number</li>"
            "<li><b>Booking a space</b>: the space and time, number of people, purpose</li>"
            "<li><b>Registering for a program</b>: the program and the date</li>"
            "<li><b>Entering a campaign</b>: the space you recommend and why, a photo "
            "(optional), how to contact you (optional)</li>"
            "<li><b>Registering a space</b>: the operator's name, phone number and e-mail "
            "address, published on the space's page after review</li>"
            "<li><b>Created as you use the portal</b>: your notification and language "
            "settings, the spaces and programs you saved, a record of the notices sent to "
            "you</li>"
            "<li><b>Collected automatically</b>: access logs (IP address, time, address "
            "requested, browser type) and cookies (see 9). Access logs are used only for "
            "security checks and to prevent misuse, and deleted after 90 days. IP addresses "
            "used to limit log-in attempts are deleted within a day.</li>"
            "</ul>",
        ),
        (
            "retention",
            "3. How long we keep it",
            "<ul>"
            "<li><b>Your account</b>: until you close it. It is then deleted without "
            "delay.</li>"
            f"<li><b>Bookings, registrations and campaign entries</b>: {kept} from the day "
            "of use (for a campaign, from its closing day). After that, only the records "
            "needed for the spaces' usage statistics are kept, made anonymous so that no one "
            "can tell whose they were.</li>"
            f"<li><b>Records of e-mails and other notices sent</b>: {kept} from sending</li>"
            "<li><b>Searches</b>: search terms are counted only to learn what people look "
            "for, and are never stored with who searched.</li>"
            "<li><b>Access logs</b>: 90 days</li>"
            "</ul>",
        ),
        (
            "third-parties",
            "4. Sharing with third parties",
            "<p>The Seoul Metropolitan Government does not give your personal information "
            "to third parties, with one exception: to handle a booking or registration, the "
            "operator of that space needs to see some of it, so we share only the following. "
            "Cases where a law specifically provides otherwise (Articles 17 and 18 of the "
            "Personal Information Protection Act) are also exceptions.</p>"
            "<ul>"
            "<li><b>Recipient</b>: the operator of the space or program you booked or "
            "registered for</li>"
            "<li><b>Purpose</b>: checking and handling the booking or registration, "
            "information about your visit</li>"
            "<li><b>Items</b>: username, time, number of people, purpose (for a program: "
            "username and date)</li>"
            "<li><b>Kept for</b>: as long as the booking and registration records (see "
            "3)</li>"
            "</ul>"
            "<p>Operators may not use this information for anything but handling bookings "
            "and registrations.</p>",
        ),
        (
            "processors",
            "5. Processing on our behalf",
            "<p>The Seoul Metropolitan Government has the following work done on its "
            "behalf.</p>"
            "<ul>"
            "<li><b>Sending e-mail</b> — processor: [processor's name, to be filled in once "
            "contracted]. Work: sending booking, registration and notification e-mails</li>"
            "<li><b>Running the servers</b> — processor: [processor's name, to be filled in "
            "once contracted]. Work: operating and maintaining the portal's servers and "
            "database</li>"
            "</ul>"
            "<p>Under Article 26 of the Personal Information Protection Act, each contract "
            "forbids processing beyond the work given, and sets out security measures, limits "
            "on subcontracting and liability for damages; we supervise how each processor "
            "handles personal information. If a processor or its work changes, we say so in "
            "this policy without delay. Personal information is not transferred "
            "abroad.</p>",
        ),
        (
            "destruction",
            "6. How we destroy personal information",
            "<ul>"
            "<li><b>When</b>: without delay (within five days) once the period of keeping it "
            "ends or its purpose is met. Where records must remain, as for statistics, they "
            "are made anonymous so that no one can tell whose they were.</li>"
            "<li><b>How</b>: electronic files are deleted so that they cannot be recovered; "
            "copies in backups disappear when the backups' own period ends. The portal does "
            "not collect personal information on paper.</li>"
            "</ul>",
        ),
        (
            "rights",
            "7. Your rights and how to use them",
            "<p>You may use these rights at any time.</p>"
            "<ul>"
            f'<li><b>See and download</b>: <a href="{export}">Download my data</a> gives you '
            "everything the portal holds about you as files (JSON, CSV).</li>"
            f'<li><b>Correct</b>: in <a href="{profile}">My profile</a> you can change your '
            "name, e-mail address, phone number and language.</li>"
            f'<li><b>Delete and close your account</b>: in <a href="{delete}">Delete my '
            "account</a>, after you enter your password again, your account and personal "
            "information are deleted at once and your future bookings and registrations are "
            "cancelled.</li>"
            f'<li><b>Suspend processing and withdraw consent</b>: in <a href="{notifications}">'
            "Notification settings</a> you can turn news e-mails and other optional notices "
            "off at any time, and you can delete the optional items (name, phone number) in "
            "My profile. For any other suspension or withdrawal of consent, ask the privacy "
            "officer (see 10).</li>"
            "</ul>"
            f'<p>Anything you cannot do on <a href="{mypage}">My page</a> you can ask for by '
            "e-mail, phone or letter to the contact in 10; the Seoul Metropolitan Government "
            "answers within 10 days of receiving your request. A legal representative or "
            "someone you authorise may also ask, with a power of attorney. Information "
            "another law requires us to keep cannot be deleted on request; we then tell you "
            "why.</p>",
        ),
        (
            "safety",
            "8. How we keep personal information safe",
            "<ul>"
            "<li><b>Organisational</b>: an internal management plan, as few staff handling "
            "personal information as possible, regular training</li>"
            "<li><b>Technical</b>: passwords stored with one-way encryption, all connections "
            "encrypted (HTTPS), access by role (a space operator sees only the bookings of "
            "their own spaces), limits on log-in attempts, access logs of the processing "
            "system kept for at least a year and reviewed, security updates. Location and "
            "other metadata in uploaded photos are removed when they are stored.</li>"
            "<li><b>Physical</b>: controlled access to the server rooms and archives</li>"
            "</ul>",
        ),
        (
            "cookies",
            "9. Cookies",
            "<p>The portal uses only the cookies it needs to work.</p>"
            "<ul>"
            "<li><b>Session</b>: keeps you logged in; it stops working when you log out or "
            "after two weeks.</li>"
            "<li><b>Security</b>: stops other sites from sending requests in your name "
            "(CSRF).</li>"
            "<li><b>Language</b>: remembers the language you chose (Korean or English).</li>"
            "</ul>"
            "<p>There are no advertising or analytics cookies, and no other company's "
            "cookies. You can block cookies in your browser's settings, but you then cannot "
            "book or register, as those need you to be logged in.</p>",
        ),
        (
            "officer",
            "10. Privacy officer",
            "<p>For questions, complaints or remedies about how your personal information is "
            "handled, please contact:</p>"
            "<ul>"
            "<li><b>Privacy officer</b>: Director of the Local Community Division, "
            "Autonomous Administration Bureau, Seoul Metropolitan Government</li>"
            "<li><b>Department</b>: Community Space Team, Local Community Division</li>"
            "<li><b>Phone</b>: +82-2-0000-0000</li>"
            '<li><b>E-mail</b>: <a href="mailto:privacy@example.org">privacy@example.org'
            "</a></li>"
            "</ul>",
        ),
        (
            "remedies",
            "11. Remedies",
            "<p>If your rights have been infringed, you can ask these bodies for mediation or "
            "advice (the numbers work without an area code inside Korea).</p>"
            "<ul>"
            "<li>Personal Information Dispute Mediation Committee: 1833-6972, "
            "www.kopico.go.kr</li>"
            "<li>Personal Information Infringement Report Center: 118, "
            "privacy.kisa.or.kr</li>"
            "<li>Supreme Prosecutors' Office: 1301, www.spo.go.kr</li>"
            "<li>Korean National Police Agency: 182, ecrm.police.go.kr</li>"
            "</ul>"
            "<p>If a decision of the Seoul Metropolitan Government on a request under "
            "Articles 35 to 37 of the Personal Information Protection Act infringes your "
            "rights or interests, you can appeal under the Administrative Appeals Act "
            "(Central Administrative Appeals Commission, 110, www.simpan.go.kr).</p>",
        ),
        (
            "changes",
            "12. Changes to this policy and when it applies",
            f"<p>{APPLIES['en']} We announce changes on "
            "the portal at least 7 days before they apply, and 30 days before for changes "
            "that matter to your rights. Earlier versions are listed under “Previous "
            "versions” below.</p>",
        ),
    ]


CONTENT = {
    "ko": {
        "title": "개인정보처리방침",
        "intro": "<p>서울특별시는 커뮤니티 공간 포털을 운영하면서 「개인정보 보호법」 제30조에 "
        "따라 정보주체의 개인정보를 보호하고 관련 고충을 신속하고 원활하게 처리할 수 "
        "있도록 다음과 같이 개인정보처리방침을 둡니다.</p>",
        "previous_versions": "<p>이 방침이 포털의 첫 개인정보처리방침입니다.</p>",
        "search_description": "커뮤니티 공간 포털이 어떤 개인정보를 왜, 얼마나 오래 "
        "처리하는지와 내 정보를 내려받고, 고치고, 지우는 방법을 알려 드립니다.",
    },
    "en": {
        "title": "Privacy policy",
        "intro": "<p>The Seoul Metropolitan Government runs the Community Space portal. As "
        "Article 30 of the Personal Information Protection Act requires, this policy "
        "tells you how your personal information is protected and how any concern you "
        "have is dealt with quickly.</p>",
        "previous_versions": "<p>This is the portal's first privacy policy.</p>",
        "search_description": "What personal information the Community Space portal "
        "processes, why and for how long, and how to download, correct or delete "
        "yours.",
    },
}


def page_fields(content, sections, effective_from=None):
    """An InfoPage's fields: ``content`` (title, intro, …) and the body made of
    ``sections`` [(anchor, heading, html)] as StreamField raw data (the same in a
    migration and in the real model); in force from ``effective_from``, today (Seoul)
    unless given."""
    body = []
    for anchor, heading, html in sections:
        body.append(
            {
                "type": "heading",
                "value": {"heading": heading, "anchor": anchor},
                "id": str(uuid.uuid4()),
            }
        )
        body.append({"type": "text", "value": html, "id": str(uuid.uuid4())})
    effective_from = effective_from or timezone.localdate()
    return {**content, "effective_from": effective_from, "body": body}


def privacy_policy(language, effective_from=None):
    """The policy's fields in ``language`` ("ko" or "en")."""
    return page_fields(CONTENT[language], _sections(language), effective_from=effective_from)
