"""Text of the demo stories, in the manner of the city's news listings (title, date,
author, a summary, then the story): news of community spaces and what happens in them.

Each story names the kind of space it is about (``kind``, a space type slug, or None
for the city's own news); the loader relates it to a demo space of that kind and names
and links it (with its district) in the story. Optional keys: ``kinds`` the space types
it tells of when there are several (its own first), ``spaces`` how many spaces of its
kind it is about, ``public`` when the story says a district runs the space. ``en``
holds an English translation for a handful."""

AUTHORS = [
    "커뮤니티 공간 편집팀",
    "마을기자단 박서연",
    "시민기자 이도윤",
    "마을기자단 김하늘",
    "시민기자 정민호",
]

# The bylines and topics of the English translations.
AUTHORS_EN = {
    "커뮤니티 공간 편집팀": "Community Space editorial team",
    "마을기자단 박서연": "Park Seo-yeon, neighbourhood reporter",
    "시민기자 이도윤": "Lee Do-yun, citizen reporter",
    "마을기자단 김하늘": "Kim Ha-neul, neighbourhood reporter",
    "시민기자 정민호": "Jeong Min-ho, citizen reporter",
    "서울시 지역공동체과": "Community Division, Seoul Metropolitan Government",
}
TAGS_EN = {
    "작은도서관": "small libraries",
    "독서": "reading",
    "자원활동": "volunteering",
    "공유부엌": "shared kitchens",
    "어르신": "seniors",
    "나눔": "sharing",
    "요리": "cooking",
    "동네책방": "bookshops",
    "문화예술": "arts and culture",
    "공방": "workshops",
    "환경": "environment",
    "청년": "young people",
    "마을축제": "neighbourhood festivals",
    "배움": "learning",
    "아이돌봄": "childcare",
    "주민모임": "residents' groups",
    "마을카페": "community cafés",
    "다문화": "multicultural",
    "메이커": "makers",
    "공간공유": "space sharing",
    "마을기록": "local history",
    "일자리": "jobs",
    "운영자": "operators",
}

# Paragraph about the spaces the story relates to; {spaces} is their names (linked to
# their pages) with their districts, joined.
SPACES_PARAGRAPH = (
    "<p>이 이야기에 나온 {spaces}의 위치와 운영 시간, 대관 방법은 커뮤니티 공간 포털의 "
    "공간 페이지에서 확인할 수 있다. 프로그램이 열리는 날짜도 함께 볼 수 있다.</p>"
)
SPACES_PARAGRAPH_EN = (  # one space, several
    "<p>Location, opening hours, booking and program dates for {spaces}: see its page "
    "in the Community Space portal.</p>",
    "<p>Location, opening hours, booking and program dates for {spaces}: see their "
    "pages in the Community Space portal.</p>",
)

CLOSINGS = [
    "<p>서울시는 주민이 스스로 운영하는 커뮤니티 공간이 동네의 사랑방 역할을 할 수 있도록 "
    "공간 운영자 교육과 홍보를 계속 지원할 계획이다.</p>",
    "<p>공간을 운영하는 단체나 개인은 누구나 커뮤니티 공간 포털에 무료로 공간을 등록하고 "
    "프로그램을 알릴 수 있다.</p>",
    "<p>이웃과 함께하고 싶은 활동이 있다면 가까운 커뮤니티 공간의 문을 두드려 보자. "
    "작은 모임 하나가 동네를 바꾸는 시작이 될 수 있다.</p>",
    "<p>참여 방법과 다음 모임 일정은 각 공간의 프로그램 안내에서 확인할 수 있으며, "
    "대부분의 프로그램은 무료로 운영된다.</p>",
]
CLOSINGS_EN = [
    "<p>The city will keep supporting the residents who run community spaces with "
    "training for operators and help getting the word out.</p>",
    "<p>Any group or person running a space can register it in the Community Space "
    "portal for free and announce its programs there.</p>",
]

VIDEO_URL = "https://video.example.org/community-space/{slug}"

STORIES = [
    {
        "slug": "small-library-open-late",
        "kind": "small-library",
        "title": "밤 9시까지 불 켜진 작은도서관, 퇴근길 주민의 쉼표가 되다",
        "lead": "평일 저녁 운영 시간을 늘린 동네 작은도서관에 퇴근길 직장인과 수험생 발길이 이어지고 있다. "
        "자원활동가 열두 명이 돌아가며 문을 지킨다.",
        "tags": ["작은도서관", "독서", "자원활동"],
        "paragraphs": [
            "<p>저녁 7시, 아파트 상가 2층의 작은도서관에 하나둘 불이 켜진다. 지난봄부터 평일 운영 시간을 "
            "밤 9시까지 늘리자 퇴근길에 들르는 직장인과 조용히 공부할 곳을 찾는 학생들이 늘었다.</p>",
            "<p>늘어난 시간은 자원활동가 열두 명이 요일을 나눠 맡는다. 대출과 반납은 물론 신간 안내문을 "
            "직접 손으로 써 붙이는 것도 이들의 몫이다. 한 달에 한 번은 늦은 밤 낭독회도 연다.</p>",
        ],
        "quote": (
            "늦게까지 문을 열어 두니 ‘우리 동네에도 이런 곳이 있었네’ 하는 분들이 많아요.",
            "자원활동가 최은정 씨",
        ),
        "en": {
            "title": "A small library open until 9 pm becomes a pause on the way home",
            "lead": "Since a neighbourhood small library stayed open later on weekday evenings, "
            "commuters and students keep dropping in. Twelve volunteers take turns at the desk.",
            "paragraphs": [
                "<p>At seven in the evening the lights come on in the small library on the second "
                "floor of an apartment complex's shops. Since it began opening until 9 pm last "
                "spring, more people come by after work, and students looking for a quiet desk.</p>",
                "<p>Twelve volunteers share the extra hours between them. Besides lending and "
                "returns, they hand-write the notices about new books, and once a month they hold "
                "a late-night reading.</p>",
            ],
            "quote": (
                "Now that we stay open late, many people tell us they never knew there was a "
                "place like this in the neighbourhood.",
                "Choi Eun-jeong, volunteer",
            ),
        },
    },
    {
        "slug": "shared-kitchen-lunch-for-elders",
        "kind": "shared-kitchen",
        "title": "공유부엌에서 차린 한 끼, 홀로 사는 어르신 밥상을 잇다",
        "lead": "주민들이 함께 쓰는 공유부엌에서 매주 목요일 반찬을 만들어 홀로 사는 어르신 서른 가구에 전한다. "
        "요리하는 사람도, 받는 사람도 이웃이 됐다.",
        "tags": ["공유부엌", "어르신", "나눔", "요리"],
        "paragraphs": [
            "<p>목요일 아침 10시, 공유부엌의 조리대 네 개가 모두 바쁘다. 멸치볶음과 나물무침, 계란말이가 "
            "차례로 완성되면 포장을 맡은 주민들이 반찬통에 나눠 담는다.</p>",
            "<p>처음에는 요리 모임 회원 다섯 명이 시작했지만 지금은 스무 명이 넘는 주민이 함께한다. "
            "반찬을 전하러 간 길에 안부를 묻는 일이 자연스럽게 돌봄이 됐다.</p>",
        ],
        "quote": (
            "반찬을 드리러 가면 어르신들이 먼저 문을 열고 기다리세요. 그게 제일 반갑죠.",
            "요리 모임 대표 김미숙 씨",
        ),
        "en": {
            "title": "Meals cooked in a shared kitchen reach elders who live alone",
            "lead": "Every Thursday, residents cook side dishes in a shared kitchen for thirty "
            "elderly neighbours living alone. The cooks and the people they cook for have "
            "become neighbours.",
            "paragraphs": [
                "<p>At ten on Thursday morning all four counters of the shared kitchen are busy. "
                "Stir-fried anchovies, seasoned greens and rolled omelettes come out one after "
                "another, and the residents on packing duty share them out into boxes.</p>",
                "<p>Five members of a cooking club started it; now more than twenty residents "
                "take part. Asking after people while delivering the food has quietly turned into "
                "care.</p>",
            ],
            "quote": (
                "When we bring the dishes, the elders are already waiting at the door. "
                "That's the best part.",
                "Kim Mi-suk, who leads the cooking club",
            ),
        },
    },
    {
        "slug": "village-bookstore-book-talk",
        "kind": "village-bookstore",
        "title": "골목 동네책방의 북토크, 작가와 주민이 한 테이블에 앉다",
        "lead": "열 평 남짓한 동네책방이 한 달에 두 번 작가를 초대해 북토크를 연다. "
        "서른 석이 매번 일찍 마감될 만큼 동네의 문화 행사가 됐다.",
        "tags": ["동네책방", "독서", "문화예술"],
        "paragraphs": [
            "<p>책장을 벽 쪽으로 밀고 접이식 의자를 펴면 책방은 금세 작은 강연장이 된다. "
            "이번 달 손님은 동네를 배경으로 소설을 쓴 작가였다.</p>",
            "<p>참가자들은 책 속 골목이 실제 어디인지 묻고, 작가는 산책하며 메모한 수첩을 꺼내 보였다. "
            "행사가 끝난 뒤에도 한 시간 넘게 이야기가 이어졌다.</p>",
        ],
        "quote": (
            "책방은 책을 파는 곳이기도 하지만, 동네 사람들이 서로를 알아가는 곳이기도 해요.",
            "책방지기 윤서진 씨",
        ),
    },
    {
        "slug": "woodworking-workshop-repair-cafe",
        "kind": "workshop",
        "title": "고장 난 의자 들고 오세요, 목공 공방의 ‘수리 카페’",
        "lead": "매달 마지막 토요일, 동네 목공 공방이 주민들의 낡은 가구를 함께 고치는 수리 카페로 변한다. "
        "버려질 뻔한 물건 마흔여 점이 새 삶을 얻었다.",
        "tags": ["공방", "환경", "나눔"],
        "paragraphs": [
            "<p>흔들리는 식탁 의자, 문짝이 떨어진 수납장, 손잡이가 빠진 서랍. 수리 카페가 열리는 날이면 "
            "공방 앞에 주민들이 들고 온 가구가 줄을 선다.</p>",
            "<p>공방 운영자와 목공 동아리 회원들이 공구 쓰는 법을 알려 주면, 주인이 직접 사포질을 하고 "
            "나사를 조인다. 고치는 법을 배운 주민이 다음 달엔 도우미로 돌아오기도 한다.</p>",
        ],
        "quote": (
            "직접 고친 의자에는 애착이 생기잖아요. 쉽게 버리지 않게 되죠.",
            "공방 운영자 한지훈 씨",
        ),
        "video": True,
    },
    {
        "slug": "youth-space-band-festival",
        "kind": "youth-space",
        "title": "청소년 공간에서 시작된 밴드, 마을축제 무대에 서다",
        "lead": "방과 후 청소년 공간 연습실에서 만난 중고생 다섯 명이 처음으로 마을축제 무대에 올랐다. "
        "석 달 동안 일주일에 두 번씩 합주한 결과다.",
        "tags": ["청년", "마을축제", "문화예술"],
        "paragraphs": [
            "<p>기타를 처음 잡아 본 학생도 있었다. 청소년 공간이 연습실과 악기를 무료로 빌려주고, "
            "동네 음악 강사가 한 달에 두 번 합주를 봐 주었다.</p>",
            "<p>축제 당일 네 곡을 마친 밴드에게 관객석의 박수가 길게 이어졌다. 멤버들은 다음 목표로 "
            "직접 만든 곡을 연주하는 것을 꼽았다.</p>",
        ],
        "quote": (
            "학교 말고도 우리가 마음껏 소리 낼 수 있는 곳이 있다는 게 좋았어요.",
            "밴드 보컬 이서준 학생",
        ),
    },
    {
        "slug": "senior-space-smartphone-class",
        "kind": "senior-space",
        "title": "손주에게 영상통화 거는 날까지, 어르신 스마트폰 교실",
        "lead": "어르신 공간에서 열린 스마트폰 교실이 8주 과정을 마쳤다. "
        "대학생 자원활동가와 어르신이 일대일로 짝을 이뤄 배웠다.",
        "tags": ["어르신", "청년", "배움"],
        "paragraphs": [
            "<p>첫 시간의 목표는 전화번호 저장이었다. 마지막 시간에는 모두가 가족에게 영상통화를 걸고, "
            "버스 도착 시간을 찾아보고, 사진을 보내는 데 성공했다.</p>",
            "<p>일대일로 짝을 이룬 대학생 자원활동가들은 같은 질문을 몇 번이고 반갑게 받았다. "
            "수업이 끝난 뒤에도 서로 안부 문자를 주고받는 짝이 많다.</p>",
        ],
        "quote": (
            "물어볼 데가 없어 답답했는데, 이제는 내가 친구들한테 알려 줘요.",
            "수강생 박순자 어르신",
        ),
        "en": {
            "title": "Until the day they video-call their grandchildren: a smartphone class for elders",
            "lead": "The smartphone class at a senior space finished its eight weeks. Elders and "
            "student volunteers learned in pairs, one to one.",
            "paragraphs": [
                "<p>The first lesson's goal was saving a phone number. By the last one, everybody "
                "had video-called their family, looked up when the next bus comes and sent a "
                "photo.</p>",
                "<p>The student volunteers, each paired with one elder, welcomed the same question "
                "as many times as it came. Many pairs still text each other now that the course "
                "is over.</p>",
            ],
            "quote": (
                "I had no one to ask and it was frustrating. Now I'm the one teaching my friends.",
                "Park Sun-ja, who took the class",
            ),
        },
    },
    {
        "slug": "childcare-room-shared-toys",
        "kind": "childcare-room",
        "title": "장난감도 육아도 함께, 공동육아방 ‘품앗이’ 3년",
        "lead": "영유아 부모들이 돌아가며 아이들을 함께 돌보는 공동육아방이 문을 연 지 3년이 됐다. "
        "장난감 도서관과 육아 상담 모임도 생겼다.",
        "tags": ["아이돌봄", "나눔", "주민모임"],
        "paragraphs": [
            "<p>오전 10시부터 12시까지, 부모 세 명이 당번을 맡아 여덟 명 남짓한 아이들을 함께 돌본다. "
            "당번이 아닌 부모는 그 시간에 병원에 가거나 잠시 쉰다.</p>",
            "<p>집집마다 작아진 장난감을 모아 만든 장난감 도서관에는 이제 이백 점이 넘는 물건이 있다. "
            "빌려 간 장난감은 깨끗이 닦아 돌려주는 것이 유일한 규칙이다.</p>",
        ],
        "quote": (
            "혼자 키운다고 생각했는데, 여기 오면 아이를 같이 키우는 이웃이 있어요.",
            "공동육아방 회원 정하은 씨",
        ),
    },
    {
        "slug": "community-cafe-language-exchange",
        "kind": "community-cafe",
        "title": "마을카페의 목요일 밤, 이웃끼리 나누는 언어 교환",
        "lead": "동네에 사는 외국인 주민과 한국인 주민이 마을카페에서 매주 목요일 언어 교환 모임을 연다. "
        "한국어와 영어, 베트남어가 한 테이블에서 오간다.",
        "tags": ["마을카페", "주민모임", "다문화"],
        "paragraphs": [
            "<p>테이블마다 두 언어가 적힌 이름표가 놓여 있다. 30분은 한국어로, 30분은 상대의 언어로 "
            "이야기하는 것이 규칙이다.</p>",
            "<p>모임은 이사 온 지 얼마 안 된 외국인 주민이 동네 친구를 사귀고 싶다며 카페에 제안하면서 "
            "시작됐다. 이제는 함께 시장을 보고 명절 음식을 만드는 사이가 됐다.</p>",
        ],
        "quote": (
            "처음엔 길을 묻는 것도 어려웠는데, 지금은 단골 가게 사장님과 농담도 해요.",
            "모임 참가자 응우옌 티 란 씨",
        ),
        "en": {
            "title": "Thursday nights at the community café: neighbours swap languages",
            "lead": "Residents from abroad and Korean residents meet every Thursday at a community "
            "café to swap languages. Korean, English and Vietnamese go round one table.",
            "paragraphs": [
                "<p>Each table has name tags written in two languages. The rule: thirty minutes in "
                "Korean, thirty in the other person's language.</p>",
                "<p>It began when a newly arrived resident told the café she wanted to make friends "
                "in the neighbourhood. Now they shop at the market together and cook holiday food.</p>",
            ],
            "quote": (
                "At first even asking the way was hard. Now I joke with the owner of my "
                "favourite shop.",
                "Nguyen Thi Lan, who comes every week",
            ),
        },
    },
    {
        "slug": "maker-space-kids-robots",
        "kind": "maker-space",
        "title": "메이커스페이스에서 만든 재활용 로봇, 아이들 손끝에서 움직이다",
        "lead": "방학을 맞아 메이커스페이스가 연 어린이 로봇 교실에서 아이들이 페트병과 상자로 움직이는 로봇을 만들었다.",
        "tags": ["메이커", "아이돌봄", "환경", "배움"],
        "paragraphs": [
            "<p>재료는 집에서 가져온 페트병, 택배 상자, 병뚜껑이다. 여기에 작은 모터와 건전지를 달자 "
            "아이들의 로봇이 책상 위를 걸어 다니기 시작했다.</p>",
            "<p>3D 프린터로 바퀴를 직접 설계해 출력한 아이도 있었다. 마지막 날에는 부모님을 초대해 "
            "로봇 경주 대회를 열었다.</p>",
        ],
        "quote": (
            "버리는 물건으로도 뭐든 만들 수 있다는 걸 아이들이 먼저 알아차려요.",
            "메이커 교사 오승민 씨",
        ),
        "video": True,
    },
    {
        "slug": "club-room-knitting-for-winter",
        "kind": "club-room",
        "title": "동아리방 뜨개질 모임, 겨울 목도리 백 개를 떴다",
        "lead": "매주 화요일 동아리방에 모이는 뜨개질 모임이 올겨울 목도리 백 개를 떠 지역 복지관에 전했다.",
        "tags": ["주민모임", "나눔", "어르신"],
        "paragraphs": [
            "<p>가장 어린 회원은 스물여덟, 가장 나이 많은 회원은 여든둘이다. 실은 주민들이 집에서 "
            "쓰고 남은 것을 기부받았다.</p>",
            "<p>뜨개질을 처음 하는 사람에게는 오래 뜬 회원이 코 잡는 법부터 알려 준다. 모임이 끝나면 "
            "다 함께 차를 마시며 한 주 동안의 이야기를 나눈다.</p>",
        ],
        "quote": ("손은 바쁘고 마음은 편해지는 시간이에요.", "뜨개질 모임 회원 강영희 씨"),
    },
    {
        "slug": "seminar-room-job-study",
        "kind": "study-room",
        "public": True,
        "title": "청년 취업 스터디, 구립 세미나실에서 서로의 면접관이 되다",
        "lead": "구에서 무료로 빌려주는 세미나실에서 취업을 준비하는 청년들이 모의 면접 스터디를 이어 가고 있다.",
        "tags": ["청년", "공간공유", "배움"],
        "paragraphs": [
            "<p>스터디원 여섯 명은 매주 두 번 세미나실을 예약한다. 빔프로젝터와 화이트보드가 있어 "
            "발표 면접 연습에도 안성맞춤이다.</p>",
            "<p>카페를 전전하던 때보다 비용 부담이 줄었고, 무엇보다 큰 소리로 연습할 수 있어 좋다고 "
            "입을 모은다. 지난달에는 두 명이 합격 소식을 전했다.</p>",
        ],
        "quote": ("예약이 쉬워지니 모임이 끊기지 않더라고요.", "스터디 운영자 배지호 씨"),
    },
    {
        "slug": "multipurpose-hall-village-festival",
        "kind": "multipurpose-hall",
        "title": "주민이 기획한 마을축제, 다목적홀에 천 명이 모였다",
        "lead": "주민 기획단이 석 달 동안 준비한 마을축제가 다목적홀과 앞마당에서 열렸다. "
        "동아리 공연과 벼룩시장, 먹거리 장터에 천여 명이 찾았다.",
        "tags": ["마을축제", "주민모임", "문화예술"],
        "paragraphs": [
            "<p>기획단은 주민 열다섯 명으로 꾸려졌다. 공연 순서부터 벼룩시장 자리 배치, 쓰레기 줄이기 "
            "규칙까지 모두 회의로 정했다.</p>",
            "<p>다목적홀 무대에는 어르신 합창단, 어린이 방송댄스팀, 청년 밴드가 차례로 올랐다. "
            "앞마당에서는 다회용기를 쓰는 먹거리 장터가 열렸다.</p>",
        ],
        "quote": (
            "내 이웃이 무대에 서니까 다들 더 크게 박수를 치더라고요.",
            "주민 기획단장 서민재 씨",
        ),
        "en": {
            "title": "A village festival planned by residents draws a thousand people to the hall",
            "lead": "The festival a residents' committee prepared for three months filled the "
            "multipurpose hall and its yard: club performances, a flea market and food stalls.",
            "paragraphs": [
                "<p>Fifteen residents made up the committee. The running order, the flea-market "
                "pitches, even the rules for cutting waste were all decided in meetings.</p>",
                "<p>A senior choir, a children's dance team and a youth band took turns on the "
                "hall's stage. In the yard, food stalls served everything in reusable dishes.</p>",
            ],
            "quote": (
                "When it's your neighbour on stage, everyone claps louder.",
                "Seo Min-jae, head of the residents' committee",
            ),
        },
    },
    {
        "slug": "gallery-residents-photo-show",
        "kind": "gallery-practice-room",
        "title": "우리 동네 오래된 가게들, 주민 사진전으로 다시 만나다",
        "lead": "주민 사진 동아리가 1년 동안 찍은 동네 노포 사진 마흔 점을 갤러리에서 선보였다.",
        "tags": ["문화예술", "주민모임", "마을기록"],
        "paragraphs": [
            "<p>40년 된 방앗간, 3대째 이어 온 철물점, 골목 끝 이발소. 사진마다 가게 주인의 짧은 "
            "인터뷰가 함께 걸렸다.</p>",
            "<p>전시 기간 동안 사진 속 가게 주인들이 직접 갤러리를 찾아 자신의 모습을 보고 갔다. "
            "동아리는 사진을 모아 마을 기록집을 만들 계획이다.</p>",
        ],
        "quote": (
            "사라지기 전에 기록해 두고 싶었어요. 이 골목의 얼굴이니까요.",
            "사진 동아리 회장 임도현 씨",
        ),
    },
    {
        "slug": "small-library-picture-book-grandparents",
        "kind": "small-library",
        "title": "할머니가 읽어 주는 그림책, 작은도서관의 토요일 오전",
        "lead": "그림책 읽어 주기 교육을 받은 어르신들이 토요일마다 작은도서관에서 아이들에게 그림책을 읽어 준다.",
        "tags": ["작은도서관", "어르신", "아이돌봄", "독서"],
        "paragraphs": [
            "<p>어르신 여덟 명이 구립도서관의 읽어 주기 교육을 마친 뒤 작은도서관 무대에 섰다. "
            "목소리를 바꿔 가며 읽는 할머니의 그림책에 아이들이 숨을 죽인다.</p>",
            "<p>읽기가 끝나면 아이들이 그림을 그려 할머니 할아버지에게 선물한다. 세대가 다른 이웃이 "
            "자연스럽게 인사를 나누는 사이가 됐다.</p>",
        ],
        "quote": (
            "아이들 눈이 반짝이는 걸 보면 저도 다시 젊어지는 것 같아요.",
            "그림책 읽어 주는 어르신 조말순 씨",
        ),
    },
    {
        "slug": "shared-kitchen-young-singles",
        "kind": "shared-kitchen",
        "title": "혼밥 대신 ‘같이 밥’, 1인 가구 청년들의 공유부엌 저녁",
        "lead": "혼자 사는 청년들이 공유부엌에 모여 한 달에 두 번 저녁을 함께 만든다. "
        "장보기부터 설거지까지 모두 나눠 맡는다.",
        "tags": ["공유부엌", "청년", "요리"],
        "paragraphs": [
            "<p>메뉴는 참가자들이 단체 대화방에서 투표로 정한다. 이번 달 메뉴는 된장찌개와 제철 나물 "
            "비빔밥이었다.</p>",
            "<p>혼자서는 엄두가 안 나던 음식도 여럿이 함께하니 어렵지 않다. 남은 재료는 나눠 가져가 "
            "다음 날 도시락을 싼다.</p>",
        ],
        "quote": (
            "퇴근하고 누군가와 같이 밥을 먹는다는 게 이렇게 힘이 될 줄 몰랐어요.",
            "참가자 문예린 씨",
        ),
    },
    {
        "slug": "bookstore-poetry-transcription",
        "kind": "village-bookstore",
        "title": "한 줄씩 옮겨 적는 시, 동네책방 필사 모임",
        "lead": "한 동네책방의 필사 모임이 2년째 이어지고 있다. 회원들이 옮겨 적은 시는 책방 한쪽 벽을 가득 채웠다.",
        "tags": ["동네책방", "독서", "주민모임"],
        "paragraphs": [
            "<p>모임은 조용하다. 각자 고른 시집을 펼쳐 한 시간 동안 옮겨 적고, 마지막 20분은 가장 "
            "마음에 남은 한 줄을 소리 내 읽는다.</p>",
            "<p>책방은 회원들의 필사 노트를 모아 작은 전시를 열었다. 전시를 보고 모임에 들어온 새 "
            "회원도 여럿이다.</p>",
        ],
        "quote": ("바쁜 한 주 중에 유일하게 천천히 사는 시간이에요.", "필사 모임 회원 홍지우 씨"),
    },
    {
        "slug": "workshop-leather-social-enterprise",
        "kind": "workshop",
        "title": "가죽 공방에서 배운 기술, 경력 단절 여성의 새 일자리로",
        "lead": "동네 가죽 공방의 6개월 과정을 마친 수강생들이 협동조합을 만들어 첫 제품을 내놓았다.",
        "tags": ["공방", "일자리", "배움"],
        "paragraphs": [
            "<p>수강생 대부분은 아이를 키우며 일을 쉬었던 여성들이다. 재단부터 바느질, 마감까지 "
            "주 3회 수업을 빠짐없이 들었다.</p>",
            "<p>협동조합의 첫 제품은 동네 이름을 새긴 카드 지갑이다. 공방은 작업 공간을 저렴하게 "
            "빌려주며 판로를 함께 찾고 있다.</p>",
        ],
        "quote": (
            "다시 무언가를 만들어 팔 수 있다는 게 아직도 신기해요.",
            "협동조합 대표 유선희 씨",
        ),
    },
    {
        "slug": "youth-space-exam-night-study",
        "kind": "youth-space",
        "title": "시험 기간엔 밤 10시까지, 청소년 공간의 ‘함께 공부방’",
        "lead": "시험 기간 동안 청소년 공간이 밤 10시까지 공부방을 열고 대학생 멘토가 질문을 받는다.",
        "tags": ["청년", "배움", "공간공유"],
        "paragraphs": [
            "<p>학원에 다니지 않는 학생들에게 조용히 공부할 수 있는 공간과 물어볼 사람이 있다는 것은 "
            "큰 힘이다. 하루 평균 서른 명이 공부방을 찾는다.</p>",
            "<p>간식은 동네 빵집과 마을카페가 번갈아 후원한다. 멘토로 참여하는 대학생 상당수가 이 "
            "공간을 다니던 졸업생이다.</p>",
        ],
        "quote": (
            "저도 여기서 공부했으니까, 이번엔 제가 도와줄 차례예요.",
            "대학생 멘토 김태윤 씨",
        ),
    },
    {
        "slug": "senior-space-choir",
        "kind": "senior-space",
        "title": "평균 나이 일흔다섯, 어르신 합창단의 첫 정기 공연",
        "lead": "어르신 공간에서 연습해 온 합창단이 창단 2년 만에 첫 정기 공연을 열었다.",
        "tags": ["어르신", "문화예술", "마을축제"],
        "paragraphs": [
            "<p>단원 스물두 명은 매주 수요일 오후 두 시간씩 연습했다. 악보를 크게 확대해 나눠 주는 "
            "것은 지휘자의 오랜 습관이 됐다.</p>",
            "<p>공연에는 가족과 이웃 이백여 명이 찾았다. 마지막 곡에서는 관객이 함께 일어나 노래를 "
            "따라 불렀다.</p>",
        ],
        "quote": ("노래하러 나오는 날이면 아침부터 설레요.", "합창단원 이정자 어르신"),
    },
    {
        "slug": "community-cafe-repair-and-share",
        "kind": "community-cafe",
        "title": "안 쓰는 물건은 나누고 필요한 건 빌리고, 마을카페 ‘나눔 선반’",
        "lead": "마을카페 한쪽에 놓인 나눔 선반이 주민들의 물건 교환 창구가 됐다. 공구와 캠핑용품을 빌려주는 대여함도 생겼다.",
        "tags": ["마을카페", "나눔", "환경"],
        "paragraphs": [
            "<p>선반에는 아이 옷, 그릇, 책, 화분이 놓인다. 가져갈 때는 이름 대신 짧은 감사 메모를 "
            "남기는 것이 이곳의 약속이다.</p>",
            "<p>대여함의 전동드릴과 사다리는 예약 장부가 꽉 찰 만큼 인기다. 카페는 대여 물품 목록을 "
            "늘려 갈 계획이다.</p>",
        ],
        "quote": (
            "한 번 쓰고 말 물건을 사지 않아도 되니 집도 마음도 가벼워졌어요.",
            "카페 단골 신동훈 씨",
        ),
    },
    {
        "slug": "platform-opening-campaign",
        "kind": None,
        "kinds": ["small-library", "village-bookstore", "shared-kitchen"],
        "title": "“우리 동네 공간을 알려 주세요” 커뮤니티 공간 개설 기념 이벤트",
        "lead": "서울시가 커뮤니티 공간 플랫폼 개설을 기념해 시민과 공간 운영자가 함께하는 이벤트를 연다. "
        "좋아하는 공간을 소개하거나 새 공간을 등록하면 참여할 수 있다.",
        "tags": ["공간공유", "운영자"],
        "paragraphs": [
            "<p>커뮤니티 공간 플랫폼에서는 작은도서관, 동아리방, 동네책방, 공방, 공유부엌 등 서울 곳곳의 "
            "공유 공간을 지도에서 찾고, 예약하고, 프로그램을 신청할 수 있다.</p>",
            "<p>시민은 자주 찾는 공간을 사진과 함께 소개하고, 공간 운영자는 새 공간과 활동을 등록해 "
            "참여한다. 참여자 가운데 추첨을 거쳐 기념품과 전문 사진가의 공간 촬영을 제공한다.</p>",
        ],
        "quote": (
            "공공 공간뿐 아니라 주민이 운영하는 민간 공간까지 한곳에 모았다는 데 의미가 있습니다.",
            "서울시 지역공동체과장",
        ),
        "en": {
            "title": "“Tell us about your neighbourhood space”: an event for the platform's opening",
            "lead": "To mark the opening of the Community Space platform, the city invites "
            "residents and space operators to take part: introduce a space you love or register "
            "a new one.",
            "paragraphs": [
                "<p>On the Community Space platform you can find small libraries, club rooms, "
                "village bookstores, workshops and shared kitchens across Seoul on a map, book "
                "them and sign up for their programs.</p>",
                "<p>Residents take part by introducing a space they often visit, with a photo; "
                "operators by registering new spaces and activities. Participants drawn by lot "
                "receive a souvenir or a professional photo shoot of their space.</p>",
            ],
            "quote": (
                "What matters is that private spaces run by residents are here too, not "
                "only public ones.",
                "Head of the city's Local Community Division",
            ),
        },
    },
    {
        "slug": "operators-training-day",
        "kind": None,
        "kinds": ["small-library"],  # the operator quoted runs one
        "title": "공간 운영자를 위한 실무 교육, 예약 관리부터 프로그램 기획까지",
        "lead": "서울시가 커뮤니티 공간 운영자를 대상으로 플랫폼 활용과 공간 운영 노하우를 나누는 실무 교육을 열었다.",
        "tags": ["운영자", "배움", "공간공유"],
        "paragraphs": [
            "<p>교육은 공간 페이지를 알차게 꾸미는 법, 예약 요청을 승인하고 일정을 관리하는 법, "
            "주민 참여 프로그램을 기획하는 법으로 나뉘어 진행됐다.</p>",
            "<p>현장에서는 운영자들끼리 고민을 나누는 시간도 가졌다. 공과금 부담, 자원활동가 모집, "
            "이웃 소음 민원 같은 현실적인 질문이 이어졌다.</p>",
        ],
        "quote": (
            "혼자 고민하던 문제를 다른 운영자들도 똑같이 겪고 있다는 걸 알게 돼 위로가 됐어요.",
            "작은도서관 운영자 장미경 씨",
        ),
    },
    {
        "slug": "community-space-conference",
        "kind": "multipurpose-hall",
        "kinds": ["multipurpose-hall", "community-cafe", "shared-kitchen"],
        "title": "커뮤니티 공간 활성화 컨퍼런스, 운영 사례와 노하우를 나누다",
        "lead": "공간 운영자와 활동가 삼백여 명이 모여 공간 활성화 사례와 운영 노하우를 나누는 컨퍼런스가 열렸다.",
        "tags": ["운영자", "공간공유", "주민모임"],
        "paragraphs": [
            "<p>첫 세션에서는 주민 출자로 문을 연 마을카페, 자원활동으로 운영되는 작은도서관, "
            "청년들이 꾸린 공유부엌의 사례가 소개됐다.</p>",
            "<p>오후에는 공간 대관 규칙 만들기, 지속 가능한 재원 마련, 온라인 홍보 등을 주제로 "
            "분임 토론이 이어졌다. 발표 자료는 커뮤니티 공간 포털에 공개된다.</p>",
        ],
        "quote": (
            "공간은 결국 사람이 채우는 것이라는 말이 가장 기억에 남습니다.",
            "참가자 공유부엌 운영자 노은비 씨",
        ),
        "video": True,
    },
    {
        "slug": "club-room-board-games-seniors-kids",
        "kind": "club-room",
        "title": "바둑판 옆 보드게임, 세대가 함께 노는 동아리방",
        "lead": "어르신 바둑 동아리와 어린이 보드게임 모임이 같은 동아리방을 쓰다가 합동 놀이 모임을 만들었다.",
        "tags": ["어르신", "아이돌봄", "주민모임"],
        "paragraphs": [
            "<p>시간표가 겹치는 날이 많아 처음에는 자리다툼도 있었다. 그러다 한 어르신이 아이들에게 "
            "오목을 가르쳐 주면서 분위기가 바뀌었다.</p>",
            "<p>이제 매달 셋째 주 토요일은 합동 놀이의 날이다. 아이들은 바둑을, 어르신들은 "
            "보드게임을 배운다.</p>",
        ],
        "quote": (
            "손주 같은 친구들이 생겼어요. 이겨도 져도 웃음이 나요.",
            "바둑 동아리 회원 김종수 어르신",
        ),
    },
    {
        "slug": "maker-space-repair-electronics",
        "kind": "maker-space",
        "title": "버리기 전에 고쳐 보자, 메이커스페이스 전자제품 수리 교실",
        "lead": "메이커스페이스가 고장 난 소형 가전을 직접 고쳐 보는 수리 교실을 열었다. 선풍기와 전기포트가 가장 많이 들어왔다.",
        "tags": ["메이커", "환경", "배움"],
        "paragraphs": [
            "<p>수리 교실은 안전 교육으로 시작한다. 전원을 분리하고 내부를 여는 법, 멀티미터로 고장 "
            "부위를 찾는 법을 배운 뒤 각자 가져온 제품을 분해한다.</p>",
            "<p>참가자 열 명 가운데 일곱 명이 제품을 고쳐 돌아갔다. 고치지 못한 제품은 부품을 "
            "분리해 재활용했다.</p>",
        ],
        "quote": ("스위치 하나만 바꾸면 되는 걸 그동안 다 버렸더라고요.", "참가자 황보성 씨"),
    },
    {
        "slug": "study-room-sign-language",
        "kind": "study-room",
        "title": "주민 수어 교실, 이웃과 손으로 인사하는 법을 배우다",
        "lead": "청각장애인 주민이 강사로 나선 수어 교실이 세미나실에서 열려 주민 스무 명이 기초 과정을 마쳤다.",
        "tags": ["배움", "주민모임", "다문화"],
        "paragraphs": [
            "<p>첫 수업의 주제는 인사와 자기소개였다. 강사는 표정도 언어의 일부라며 수강생들에게 "
            "거울을 보고 연습하라고 권했다.</p>",
            "<p>세미나실에는 히어링 루프와 큰 화면이 갖춰져 있어 수업 자료를 함께 보기 좋았다. "
            "수강생들은 심화 과정을 열어 달라고 요청했다.</p>",
        ],
        "quote": ("동네 가게에서 수어로 인사를 받았을 때 정말 기뻤어요.", "수어 강사 남궁현 씨"),
    },
    {
        "slug": "childcare-room-dads-saturday",
        "kind": "childcare-room",
        "kinds": ["childcare-room", "shared-kitchen"],
        "title": "토요일 오전은 아빠 차례, 공동육아방 아빠 모임",
        "lead": "공동육아방에 아빠들만의 토요일 모임이 생겼다. 아이와 함께 요리하고, 만들고, 뛰어논다.",
        "tags": ["아이돌봄", "주민모임"],
        "paragraphs": [
            "<p>모임은 평일에 아이와 시간을 보내기 어려운 아빠 세 명이 시작했다. 지금은 열두 가족이 "
            "함께한다.</p>",
            "<p>매주 한 아빠가 놀이를 준비한다. 지난주에는 종이 상자로 기차를 만들었고, 이번 주에는 "
            "공유부엌을 빌려 주먹밥을 만들었다.</p>",
        ],
        "quote": (
            "다른 아빠들을 보며 많이 배워요. 육아는 같이하면 덜 힘들어요.",
            "아빠 모임 회원 권혁진 씨",
        ),
    },
    {
        "slug": "community-cafe-climate-talk",
        "kind": "community-cafe",
        "kinds": ["community-cafe", "shared-kitchen"],
        "title": "다회용 컵부터 옥상 텃밭까지, 마을카페 기후 모임",
        "lead": "마을카페에서 시작된 기후 모임이 일회용 컵 없는 골목 만들기와 옥상 텃밭 가꾸기에 나섰다.",
        "tags": ["환경", "마을카페", "주민모임"],
        "paragraphs": [
            "<p>모임은 한 달에 한 번 기후 관련 책을 읽고 실천할 일을 하나씩 정한다. 첫 번째 실천은 "
            "골목 가게들과 함께한 다회용 컵 돌려쓰기였다.</p>",
            "<p>올봄에는 카페 건물 옥상에 텃밭을 만들었다. 수확한 상추와 토마토는 공유부엌 "
            "요리 모임과 나눴다.</p>",
        ],
        "quote": (
            "거창한 일보다 매일 할 수 있는 일을 같이 하는 게 중요해요.",
            "기후 모임 대표 염지수 씨",
        ),
    },
    {
        "slug": "gallery-practice-room-dance-crew",
        "kind": "gallery-practice-room",
        "public": True,
        "title": "연습실을 빌려 꿈을 연습하다, 중년 댄스 동아리",
        "lead": "구립 연습실을 빌려 연습하는 40~50대 댄스 동아리가 구민 체육대회 개막 무대에 섰다.",
        "tags": ["문화예술", "주민모임", "공간공유"],
        "paragraphs": [
            "<p>회원들은 퇴근 후 일주일에 두 번 연습실에 모인다. 거울이 있는 연습실을 저렴하게 빌릴 "
            "수 있어 동아리를 꾸준히 이어 올 수 있었다.</p>",
            "<p>개막 무대를 앞두고는 주말 연습도 더했다. 무대를 마친 회원들은 다음 목표로 어르신 "
            "공간 위문 공연을 정했다.</p>",
        ],
        "quote": (
            "나이는 숫자일 뿐이라는 걸 몸으로 증명하는 중이에요.",
            "댄스 동아리 회장 표은주 씨",
        ),
    },
    {
        "slug": "small-library-reading-challenge",
        "kind": "small-library",
        "spaces": 3,  # five libraries took part
        "title": "여름방학 독서 마라톤, 작은도서관 아이들이 천 권을 읽다",
        "lead": "작은도서관 다섯 곳이 함께 연 여름방학 독서 마라톤에서 아이들이 모두 천 권이 넘는 책을 읽었다.",
        "tags": ["작은도서관", "독서", "아이돌봄"],
        "paragraphs": [
            "<p>아이들은 책을 한 권 읽을 때마다 독서 여권에 도장을 받았다. 열 권을 채우면 도서관 "
            "벽에 자기 이름이 적힌 나뭇잎을 붙였다.</p>",
            "<p>방학이 끝날 무렵 도서관마다 나무 한 그루가 잎으로 가득 찼다. 마지막 날에는 다섯 "
            "도서관 아이들이 모여 책 이야기 잔치를 열었다.</p>",
        ],
        "quote": (
            "처음엔 도장 받는 재미로 읽다가 나중엔 책이 재미있어서 읽더라고요.",
            "작은도서관 관장 송현아 씨",
        ),
    },
]
