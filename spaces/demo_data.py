"""Word lists and templates for the demo spaces (``spaces.demo``).

Everything here is demo *content* in Korean and English — data, not interface strings,
so nothing is marked for translation. Neighbourhoods (법정동/행정동) and road names are
real places in each district; names, operators, phone numbers and web addresses are
made up and look it: phone numbers are 02-0000-xxxx (no real line has the exchange
0000), web and e-mail addresses are under ``example.org``, public bodies are marked
"(데모)" and private operators are residents' groups, not real businesses.
"""

import datetime as dt

# Demo dates are relative to this day, not to "today", so the output only depends on
# the seed.
DEMO_TODAY = dt.date(2026, 11, 1)

# How far from the district's centre a space may lie.
MAX_OFFSET_KM = 1.0

# district slug -> (weight ~ population in 10,000s, neighbourhoods, roads).
# A neighbourhood is (Korean name, romanised stem): ("망원동", "Mangwon") gives
# "망원동" / "Mangwon-dong", shortened to "망원" / "Mangwon".
DISTRICTS = {
    "jongno": (
        14,
        [
            ("혜화동", "Hyehwa"),
            ("부암동", "Buam"),
            ("삼청동", "Samcheong"),
            ("창신동", "Changsin"),
            ("이화동", "Ihwa"),
            ("평창동", "Pyeongchang"),
            ("숭인동", "Sungin"),
        ],
        ["대학로", "율곡로", "창경궁로", "자하문로", "평창문화로", "종로", "지봉로"],
    ),
    "jung": (
        12,
        [
            ("신당동", "Sindang"),
            ("회현동", "Hoehyeon"),
            ("필동", "Pil"),
            ("약수동", "Yaksu"),
            ("황학동", "Hwanghak"),
            ("중림동", "Jungnim"),
            ("을지로동", "Euljiro"),
        ],
        ["다산로", "퇴계로", "을지로", "동호로", "청구로", "서애로", "중림로"],
    ),
    "yongsan": (
        22,
        [
            ("이태원동", "Itaewon"),
            ("후암동", "Huam"),
            ("한남동", "Hannam"),
            ("효창동", "Hyochang"),
            ("청파동", "Cheongpa"),
            ("원효로동", "Wonhyoro"),
            ("보광동", "Bogwang"),
        ],
        ["이태원로", "두텁바위로", "한남대로", "효창원로", "청파로", "원효로", "보광로"],
    ),
    "seongdong": (
        28,
        [
            ("성수동", "Seongsu"),
            ("왕십리동", "Wangsimni"),
            ("금호동", "Geumho"),
            ("옥수동", "Oksu"),
            ("행당동", "Haengdang"),
            ("마장동", "Majang"),
            ("응봉동", "Eungbong"),
        ],
        ["성수일로", "아차산로", "왕십리로", "금호로", "독서당로", "행당로", "마장로", "뚝섬로"],
    ),
    "gwangjin": (
        34,
        [
            ("자양동", "Jayang"),
            ("구의동", "Guui"),
            ("화양동", "Hwayang"),
            ("중곡동", "Junggok"),
            ("군자동", "Gunja"),
            ("능동", "Neung"),
            ("광장동", "Gwangjang"),
        ],
        ["자양로", "능동로", "아차산로", "천호대로", "군자로", "광나루로", "긴고랑로"],
    ),
    "dongdaemun": (
        34,
        [
            ("회기동", "Hoegi"),
            ("휘경동", "Hwigyeong"),
            ("전농동", "Jeonnong"),
            ("답십리동", "Dapsimni"),
            ("장안동", "Jangan"),
            ("이문동", "Imun"),
            ("청량리동", "Cheongnyangni"),
        ],
        ["회기로", "휘경로", "전농로", "답십리로", "장한로", "이문로", "왕산로"],
    ),
    "jungnang": (
        38,
        [
            ("면목동", "Myeonmok"),
            ("상봉동", "Sangbong"),
            ("중화동", "Junghwa"),
            ("묵동", "Muk"),
            ("망우동", "Mangu"),
            ("신내동", "Sinnae"),
        ],
        ["면목로", "상봉로", "동일로", "봉화산로", "망우로", "신내로", "용마산로"],
    ),
    "seongbuk": (
        43,
        [
            ("성북동", "Seongbuk"),
            ("정릉동", "Jeongneung"),
            ("길음동", "Gireum"),
            ("돈암동", "Donam"),
            ("안암동", "Anam"),
            ("장위동", "Jangwi"),
            ("석관동", "Seokgwan"),
            ("삼선동", "Samseon"),
        ],
        ["성북로", "정릉로", "동소문로", "보문로", "인촌로", "장위로", "화랑로", "삼선교로"],
    ),
    "gangbuk": (
        29,
        [
            ("수유동", "Suyu"),
            ("미아동", "Mia"),
            ("번동", "Beon"),
            ("우이동", "Ui"),
            ("삼양동", "Samyang"),
            ("인수동", "Insu"),
        ],
        ["도봉로", "삼양로", "한천로", "삼각산로", "우이천로", "솔매로", "인수봉로"],
    ),
    "dobong": (
        31,
        [
            ("쌍문동", "Ssangmun"),
            ("방학동", "Banghak"),
            ("창동", "Chang"),
            ("도봉동", "Dobong"),
        ],
        ["도봉로", "방학로", "노해로", "해등로", "우이천로", "시루봉로"],
    ),
    "nowon": (
        50,
        [
            ("상계동", "Sanggye"),
            ("중계동", "Junggye"),
            ("하계동", "Hagye"),
            ("공릉동", "Gongneung"),
            ("월계동", "Wolgye"),
        ],
        ["동일로", "노원로", "한글비석로", "공릉로", "화랑로", "광운로", "상계로"],
    ),
    "eunpyeong": (
        46,
        [
            ("불광동", "Bulgwang"),
            ("응암동", "Eungam"),
            ("녹번동", "Nokbeon"),
            ("진관동", "Jingwan"),
            ("갈현동", "Galhyeon"),
            ("역촌동", "Yeokchon"),
            ("신사동", "Sinsa"),
            ("수색동", "Susaek"),
        ],
        ["통일로", "연서로", "진관2로", "은평로", "갈현로", "서오릉로", "수색로"],
    ),
    "seodaemun": (
        31,
        [
            ("연희동", "Yeonhui"),
            ("신촌동", "Sinchon"),
            ("홍제동", "Hongje"),
            ("북가좌동", "Bukgajwa"),
            ("남가좌동", "Namgajwa"),
            ("북아현동", "Bugahyeon"),
            ("천연동", "Cheonyeon"),
        ],
        ["연희로", "신촌로", "통일로", "가좌로", "증가로", "모래내로", "북아현로", "명지대길"],
    ),
    "mapo": (
        37,
        [
            ("망원동", "Mangwon"),
            ("연남동", "Yeonnam"),
            ("합정동", "Hapjeong"),
            ("서교동", "Seogyo"),
            ("성산동", "Seongsan"),
            ("상수동", "Sangsu"),
            ("공덕동", "Gongdeok"),
            ("도화동", "Dohwa"),
        ],
        [
            "망원로",
            "월드컵로",
            "양화로",
            "동교로",
            "성미산로",
            "독막로",
            "포은로",
            "마포대로",
            "와우산로",
        ],
    ),
    "yangcheon": (
        44,
        [("목동", "Mok"), ("신정동", "Sinjeong"), ("신월동", "Sinwol")],
        ["목동동로", "목동서로", "오목로", "신월로", "중앙로", "남부순환로", "신정로"],
    ),
    "gangseo": (
        56,
        [
            ("화곡동", "Hwagok"),
            ("등촌동", "Deungchon"),
            ("가양동", "Gayang"),
            ("염창동", "Yeomchang"),
            ("방화동", "Banghwa"),
            ("발산동", "Balsan"),
            ("마곡동", "Magok"),
        ],
        ["화곡로", "강서로", "공항대로", "양천로", "등촌로", "방화대로", "마곡중앙로"],
    ),
    "guro": (
        40,
        [
            ("구로동", "Guro"),
            ("개봉동", "Gaebong"),
            ("오류동", "Oryu"),
            ("고척동", "Gocheok"),
            ("신도림동", "Sindorim"),
            ("가리봉동", "Garibong"),
            ("항동", "Hang"),
        ],
        ["구로중앙로", "디지털로", "경인로", "개봉로", "오리로", "고척로", "새말로"],
    ),
    "geumcheon": (
        23,
        [("가산동", "Gasan"), ("독산동", "Doksan"), ("시흥동", "Siheung")],
        ["가산로", "독산로", "시흥대로", "금하로", "범안로", "벚꽃로"],
    ),
    "yeongdeungpo": (
        38,
        [
            ("문래동", "Mullae"),
            ("당산동", "Dangsan"),
            ("여의도동", "Yeouido"),
            ("신길동", "Singil"),
            ("대림동", "Daerim"),
            ("양평동", "Yangpyeong"),
            ("도림동", "Dorim"),
        ],
        ["문래로", "당산로", "여의대로", "신길로", "도림로", "선유로", "영등포로", "양산로"],
    ),
    "dongjak": (
        38,
        [
            ("노량진동", "Noryangjin"),
            ("상도동", "Sangdo"),
            ("흑석동", "Heukseok"),
            ("사당동", "Sadang"),
            ("대방동", "Daebang"),
            ("신대방동", "Sindaebang"),
        ],
        ["노량진로", "상도로", "흑석로", "사당로", "여의대방로", "장승배기로", "동작대로"],
    ),
    "gwanak": (
        49,
        [
            ("봉천동", "Bongcheon"),
            ("신림동", "Sillim"),
            ("남현동", "Namhyeon"),
            ("낙성대동", "Nakseongdae"),
            ("서원동", "Seowon"),
            ("난곡동", "Nangok"),
            ("청룡동", "Cheongnyong"),
        ],
        ["관악로", "남부순환로", "봉천로", "신림로", "난곡로", "낙성대로", "호암로"],
    ),
    "seocho": (
        41,
        [
            ("서초동", "Seocho"),
            ("반포동", "Banpo"),
            ("방배동", "Bangbae"),
            ("양재동", "Yangjae"),
            ("잠원동", "Jamwon"),
            ("내곡동", "Naegok"),
        ],
        ["서초대로", "반포대로", "방배로", "강남대로", "사평대로", "양재천로", "효령로"],
    ),
    "gangnam": (
        53,
        [
            ("역삼동", "Yeoksam"),
            ("대치동", "Daechi"),
            ("개포동", "Gaepo"),
            ("논현동", "Nonhyeon"),
            ("삼성동", "Samseong"),
            ("도곡동", "Dogok"),
            ("일원동", "Irwon"),
            ("세곡동", "Segok"),
        ],
        ["테헤란로", "언주로", "선릉로", "삼성로", "도곡로", "개포로", "봉은사로", "남부순환로"],
    ),
    "songpa": (
        66,
        [
            ("잠실동", "Jamsil"),
            ("석촌동", "Seokchon"),
            ("방이동", "Bangi"),
            ("가락동", "Garak"),
            ("문정동", "Munjeong"),
            ("오금동", "Ogeum"),
            ("풍납동", "Pungnap"),
            ("거여동", "Geoyeo"),
        ],
        [
            "올림픽로",
            "백제고분로",
            "송파대로",
            "오금로",
            "중대로",
            "가락로",
            "석촌호수로",
            "위례성대로",
        ],
    ),
    "gangdong": (
        46,
        [
            ("천호동", "Cheonho"),
            ("성내동", "Seongnae"),
            ("길동", "Gil"),
            ("둔촌동", "Dunchon"),
            ("명일동", "Myeongil"),
            ("고덕동", "Godeok"),
            ("암사동", "Amsa"),
            ("상일동", "Sangil"),
        ],
        ["천호대로", "올림픽로", "성내로", "양재대로", "명일로", "고덕로", "상암로", "구천면로"],
    ),
}

# Spaces of a district the word lists do not know (an editor added it) still get a
# believable neighbourhood and road.
FALLBACK_DISTRICT = (20, [("중앙동", "Jungang")], ["중앙로", "마을로"])

# How a space's name is built. ``dong``/``short`` are the neighbourhood ("망원동" /
# "망원"), ``word`` names the kind of space ("작은도서관"), ``nick`` is its own name
# ("책마루"); each has an English counterpart. Every name carries its neighbourhood:
# within a neighbourhood and type each nick is used once, then again as a branch
# ("책마루 2호점"), so no two demo spaces share a name (spaces.demo._name).
NAME_PATTERNS = [
    # Korean, English, weight
    ("{dong} {word} {nick}", "{dong_en} {word_en} {nick_en}", 4),
    ("{short} {word} {nick}", "{short_en} {word_en} {nick_en}", 3),
]
BRANCH = ("{name} {number}호점", "{name} {number}")  # the second "책마루" of a neighbourhood

# Floors: (Korean suffix of the address, weight, is the ground floor).
FLOORS = [("1층", 45, True), ("2층", 28, False), ("3층", 12, False), ("지하 1층", 15, False)]

# Probability that a space offers an amenity, unless its type says otherwise.
BASE_AMENITIES = {
    "wifi": 0.85,
    "projector": 0.25,
    "whiteboard": 0.3,
    "sound-system": 0.15,
    "kitchen": 0.12,
    "tables-chairs": 0.95,
    "piano": 0.04,
    "printer": 0.2,
    "air-conditioning": 0.92,
    "lockers": 0.15,
    "kids-corner": 0.08,
    "bookshelves": 0.25,
}

PUBLIC_OPERATORS = [
    "{district}청",
    "{district}시설관리공단",
    "{district}문화재단",
    "서울시 마을공동체지원센터",
    "{dong} 주민센터",
]
PRIVATE_OPERATORS = [
    "{short}마을협동조합",
    "{dong} 주민자치회",
    "{nick} 운영위원회",
    "{dong} 주민모임",
]

FREE_NOTES = ["무료 (사전 예약 필수)", "무료, 재료비 실비", "주민 무료, 외부 단체 유료"]

BOOKING_SENTENCES = {
    True: [
        "포털에서 빈 시간을 확인하고 바로 예약할 수 있습니다.",
        "대관은 포털에서 신청하며, 운영자가 확인한 뒤 확정됩니다.",
    ],
    False: [
        "이용 전에 전화로 문의해 주세요.",
        "정기 모임 이용은 운영자와 상의해 주세요.",
    ],
}

# Per space type (slugs of ``spaces.seed.SPACE_TYPES``):
#   weight       how common the type is among the demo spaces
#   words        (Korean, English) names for this kind of space
#   nicks        (Korean, romanised) names of individual spaces
#   capacity     (min, max) people; area_per_person (min, max) m²
#   hours        (opening hours rule, weight) in OpenStreetMap syntax
#   public       probability that a public body runs it
#   paid         probability that it charges (halved for public operators); fees
#   bookable     probability that it can be booked through the portal
#   amenities    probabilities that override BASE_AMENITIES
#   summaries    one-sentence summaries ({dong}, {district}, {capacity})
#   activities   a sentence on what happens there
#   public_operators / private_operators   operator name templates
TYPES = {
    "small-library": {
        "weight": 18,
        "words": [("작은도서관", "Small Library"), ("마을도서관", "Village Library")],
        "nicks": [
            ("책마루", "Chaekmaru"),
            ("책숲", "Chaeksup"),
            ("햇살", "Haetsal"),
            ("도토리", "Dotori"),
            ("꿈틀", "Kkumteul"),
            ("책나무", "Chaeknamu"),
            ("글마당", "Geulmadang"),
            ("책봄", "Chaekbom"),
            ("민들레", "Mindeulle"),
            ("느티나무", "Neutinamu"),
            ("새싹", "Saessak"),
            ("별빛", "Byeolbit"),
            ("다솜", "Dasom"),
        ],
        "capacity": (10, 40),
        "area_per_person": (2.5, 4.0),
        "hours": [
            ("Tu-Su 10:00-18:00; PH off", 4),
            ("Mo-Fr 10:00-19:00; Sa 10:00-17:00; PH off", 4),
            ("Tu-Sa 10:00-18:00; PH off", 3),
            ("Mo-Fr 09:00-12:00,13:00-18:00; PH off", 2),
        ],
        "public": 0.6,
        "paid": 0.04,
        "fees": ["대출 회원 연회비 5,000원"],
        "bookable": 0.45,
        "amenities": {"bookshelves": 1.0, "kids-corner": 0.55, "printer": 0.5, "whiteboard": 0.2},
        "summaries": [
            "{dong} 주민들이 함께 가꾸는 작은도서관으로, 그림책과 생활 인문서를 갖추고 독서 모임을 엽니다.",
            "아이와 어른이 함께 책을 읽고 빌리는 동네 도서관이며, 열람실을 모임 공간으로도 씁니다.",
            "골목 안 조용한 열람실과 어린이 서가가 있는 {district}의 작은도서관입니다.",
        ],
        "activities": "독서 모임, 그림책 읽어주기, 작가와의 만남이 정기적으로 열립니다.",
        "public_operators": ["{district}립도서관", "{dong} 주민센터", "{district}청"],
        "private_operators": [
            "{nick} 작은도서관 운영위원회",
            "{short} 마을도서관 협동조합",
            "{short} 책 읽는 엄마아빠 모임",
        ],
    },
    "club-room": {
        "weight": 16,
        "words": [
            ("동아리방", "Club Room"),
            ("주민 동아리방", "Residents' Club Room"),
            ("마을 사랑방", "Village Sarangbang"),
        ],
        "nicks": [
            ("모락", "Morak"),
            ("어울림", "Eoullim"),
            ("두레", "Dure"),
            ("마실", "Masil"),
            ("품앗이", "Pumasi"),
            ("함께", "Hamkke"),
            ("온새미", "Onsaemi"),
            ("다온", "Daon"),
            ("울림", "Ullim"),
            ("너나들이", "Neonadeuri"),
        ],
        "capacity": (4, 20),
        "area_per_person": (2.0, 3.5),
        "hours": [
            ("Mo-Fr 09:00-22:00; Sa 09:00-18:00; PH off", 4),
            ("Mo-Su 09:00-22:00", 3),
            ("Mo-Sa 10:00-21:00; Su off", 3),
            ("Mo-Fr 09:00-18:00; Sa 10:00-14:00; PH off", 2),
        ],
        "public": 0.5,
        "paid": 0.35,
        "fees": ["시간당 5,000원", "2시간 10,000원 (주민 50% 할인)", "월 정기 이용 40,000원"],
        "bookable": 0.8,
        "amenities": {"whiteboard": 0.7, "projector": 0.55, "lockers": 0.45},
        "summaries": [
            "{dong} 주민 동아리와 소모임이 회의하고 연습하는 아담한 방입니다.",
            "최대 {capacity}명이 둘러앉을 수 있는 테이블이 있어 소모임과 회의에 알맞습니다.",
            "주민 누구나 모임을 열 수 있는 {district}의 동아리방입니다.",
        ],
        "activities": "독서·외국어 소모임, 주민 회의, 동아리 연습에 많이 쓰입니다.",
        "public_operators": ["{dong} 주민센터", "{district}청"],
        "private_operators": ["{dong} 주민자치회", "{short}마을협동조합"],
    },
    "village-bookstore": {
        "weight": 7,
        "words": [
            ("책방", "Bookshop"),
            ("북카페", "Book Café"),
            ("동네서점", "Neighbourhood Bookshop"),
        ],
        "nicks": [
            ("다락", "Darak"),
            ("오늘", "Oneul"),
            ("한권", "Hangwon"),
            ("쉼표", "Swimpyo"),
            ("책거리", "Chaekgeori"),
            ("고요", "Goyo"),
            ("여름", "Yeoreum"),
            ("소소", "Soso"),
            ("달빛", "Dalbit"),
            ("모퉁이", "Motungi"),
            ("산책", "Sanchaek"),
        ],
        "capacity": (8, 30),
        "area_per_person": (2.5, 4.5),
        "hours": [
            ("Tu-Su 12:00-21:00", 4),
            ("Mo-Sa 11:00-20:00; Su off", 3),
            ("We-Su 13:00-21:00", 3),
            ("Tu-Su 10:00-22:00", 2),
        ],
        "public": 0.0,
        "paid": 0.5,
        "fees": ["모임 시 음료 1잔 주문", "대관 시간당 15,000원", "북토크 참가비 10,000원"],
        "bookable": 0.25,
        "amenities": {"bookshelves": 1.0, "kitchen": 0.2, "projector": 0.15, "sound-system": 0.2},
        "summaries": [
            "{dong} 골목의 작은 책방으로, 독립출판물과 그림책을 고르고 북토크에 참여할 수 있습니다.",
            "책을 사고 읽고 이야기하는 동네서점이며, 저녁에는 독서 모임 공간이 됩니다.",
            "주인이 고른 책과 커피가 있는 {district}의 책방입니다.",
        ],
        "activities": "북토크, 낭독회, 필사 모임과 글쓰기 수업이 열립니다.",
        "public_operators": [],
        "private_operators": ["{nick} 책방 협동조합", "{short} 동네책방 모임"],
    },
    "workshop": {
        "weight": 7,
        "words": [
            ("공방", "Workshop"),
            ("도예공방", "Pottery Studio"),
            ("목공방", "Woodworking Studio"),
            ("뜨개공방", "Knitting Studio"),
        ],
        "nicks": [
            ("손끝", "Sonkkeut"),
            ("나무결", "Namugyeol"),
            ("실타래", "Siltarae"),
            ("바늘땀", "Baneulttam"),
            ("물레", "Mulle"),
            ("꼼지락", "Kkomjirak"),
            ("옻칠", "Otchil"),
            ("흙마당", "Heungmadang"),
            ("뚝딱", "Ttukttak"),
        ],
        "capacity": (4, 16),
        "area_per_person": (3.0, 5.5),
        "hours": [
            ("Tu-Sa 11:00-19:00", 4),
            ("Mo-Sa 10:00-19:00; Su off", 4),
            ("We-Su 13:00-21:00", 2),
        ],
        "public": 0.1,
        "paid": 0.8,
        "fees": [
            "1회 체험 30,000원 (재료비 포함)",
            "시간당 10,000원, 재료비 별도",
            "4주 과정 120,000원",
        ],
        "bookable": 0.45,
        "amenities": {"tables-chairs": 1.0, "lockers": 0.3, "projector": 0.1, "wifi": 0.7},
        "summaries": [
            "{dong}의 공예 공방으로, 하루 체험부터 정기 수업까지 손으로 만드는 시간을 나눕니다.",
            "작업대와 공구를 갖춘 공방이며, 주민 공예 모임에 작업 공간을 빌려줍니다.",
            "최대 {capacity}명이 함께 만들 수 있는 {district}의 작은 공방입니다.",
        ],
        "activities": "원데이 클래스, 정기 공예 수업과 주민 공예 장터 준비 모임이 열립니다.",
        "public_operators": ["{district}문화재단"],
        "private_operators": ["{short} 공예인 협동조합", "{nick} 공방 운영위원회"],
    },
    "shared-kitchen": {
        "weight": 6,
        "words": [("공유부엌", "Shared Kitchen"), ("마을부엌", "Village Kitchen")],
        "nicks": [
            ("한솥", "Hansot"),
            ("두레밥상", "Durebapsang"),
            ("부뚜막", "Buttumak"),
            ("함께밥", "Hamkkebap"),
            ("온기", "Ongi"),
            ("소반", "Soban"),
            ("아궁이", "Agungi"),
            ("밥심", "Bapsim"),
            ("식구", "Sikgu"),
        ],
        "capacity": (6, 20),
        "area_per_person": (3.0, 5.0),
        "hours": [
            ("Mo-Fr 10:00-21:00; Sa 10:00-16:00; PH off", 4),
            ("Mo-Sa 10:00-19:00; Su off", 3),
            ("Tu-Su 10:00-22:00", 2),
        ],
        "public": 0.4,
        "paid": 0.6,
        "fees": ["시간당 15,000원 (식재료 별도)", "4시간 40,000원", "요리 모임 1인 8,000원"],
        "bookable": 0.75,
        "amenities": {"kitchen": 1.0, "projector": 0.15, "kids-corner": 0.15},
        "summaries": [
            "{dong} 이웃이 함께 요리하고 밥을 나누는 공유부엌입니다.",
            "조리 도구와 큰 식탁을 갖춘 마을부엌으로, 요리 모임과 반찬 나눔에 쓰입니다.",
            "최대 {capacity}명이 함께 요리할 수 있는 {district}의 공유부엌입니다.",
        ],
        "activities": "1인 가구 요리 교실, 반찬 나눔, 마을 잔치 준비가 이곳에서 이루어집니다.",
        "public_operators": ["{district}청", "서울시 마을공동체지원센터"],
        "private_operators": ["{short} 부엌협동조합", "{short} 1인 가구 밥상모임"],
    },
    "study-room": {
        "weight": 10,
        "words": [
            ("스터디룸", "Study Room"),
            ("세미나실", "Seminar Room"),
            ("공유 학습실", "Shared Study Room"),
        ],
        "nicks": [
            ("몰입", "Morip"),
            ("배움터", "Baeumteo"),
            ("생각", "Saenggak"),
            ("한걸음", "Hangeoreum"),
            ("이음", "Ieum"),
            ("공감", "Gonggam"),
            ("지혜", "Jihye"),
            ("라온", "Raon"),
            ("마루", "Maru"),
        ],
        "capacity": (4, 30),
        "area_per_person": (2.0, 3.0),
        "hours": [
            ("Mo-Fr 09:00-22:00; Sa,Su 10:00-18:00", 4),
            ("Mo-Su 08:00-23:00", 3),
            ("Mo-Fr 09:00-18:00; Sa 10:00-14:00; PH off", 2),
            ("24/7", 1),
        ],
        "public": 0.4,
        "paid": 0.5,
        "fees": ["시간당 2,000원", "1일 8,000원", "세미나실 시간당 10,000원"],
        "bookable": 0.9,
        "amenities": {"whiteboard": 0.85, "projector": 0.8, "printer": 0.5, "lockers": 0.35},
        "summaries": [
            "스터디와 세미나를 위한 조용한 공간으로, 화이트보드와 빔프로젝터를 갖추고 있습니다.",
            "{dong} 주민과 청년이 공부 모임과 세미나에 쓰는 학습 공간입니다.",
            "최대 {capacity}명이 쓸 수 있는 {district}의 세미나실입니다.",
        ],
        "activities": "취업 준비 스터디, 강연과 주민 교육 프로그램이 열립니다.",
        "public_operators": ["{district}청", "{district}평생학습관"],
        "private_operators": ["{short} 청년 학습공동체", "{nick} 스터디 모임"],
    },
    "maker-space": {
        "weight": 4,
        "words": [("메이커스페이스", "Maker Space"), ("공작소", "Makers' Workshop")],
        "nicks": [
            ("뚝딱", "Ttukttak"),
            ("상상", "Sangsang"),
            ("두드림", "Dudeurim"),
            ("만지작", "Manjijak"),
            ("궁리", "Gungni"),
            ("틔움", "Tium"),
            ("꿈공장", "Kkumgongjang"),
        ],
        "capacity": (6, 25),
        "area_per_person": (3.5, 6.0),
        "hours": [
            ("Tu-Fr 13:00-21:00; Sa 10:00-18:00; PH off", 4),
            ("Mo-Fr 10:00-20:00; PH off", 3),
            ("Mo-Sa 10:00-19:00; Su off", 2),
        ],
        "public": 0.5,
        "paid": 0.5,
        "fees": ["장비 사용료 시간당 3,000원", "재료비 실비", "3D 프린터 1시간 2,000원"],
        "bookable": 0.6,
        "amenities": {"printer": 0.8, "projector": 0.5, "whiteboard": 0.6, "lockers": 0.5},
        "summaries": [
            "3D 프린터, 레이저 커터와 목공 장비를 주민 누구나 배워 쓸 수 있는 메이커스페이스입니다.",
            "{dong}에서 만들고 고치고 배우는 공작소로, 장비 교육을 받으면 혼자 작업할 수 있습니다.",
            "{district} 주민의 아이디어를 시제품으로 만드는 작업 공간입니다.",
        ],
        "activities": "장비 안전 교육, 수리 카페, 어린이 코딩과 만들기 수업이 열립니다.",
        "public_operators": ["{district} 혁신교육지원센터", "{district}청"],
        "private_operators": ["{short} 메이커 협동조합", "{nick} 만들기 모임"],
    },
    "youth-space": {
        "weight": 5,
        "words": [
            ("청소년 공간", "Youth Space"),
            ("청소년 아지트", "Youth Hangout"),
            ("청소년문화의집", "Youth Culture House"),
        ],
        "nicks": [
            ("나래", "Narae"),
            ("틈", "Teum"),
            ("놀터", "Nolteo"),
            ("오름", "Oreum"),
            ("별별", "Byeolbyeol"),
            ("푸른", "Pureun"),
            ("하랑", "Harang"),
            ("비상", "Bisang"),
        ],
        "capacity": (15, 60),
        "area_per_person": (2.5, 4.0),
        "hours": [
            ("Mo-Fr 13:00-21:00; Sa 10:00-18:00; Su,PH off", 4),
            ("Tu-Sa 12:00-20:00; PH off", 3),
            ("Mo-Fr 14:00-22:00; Sa 12:00-18:00", 2),
        ],
        "public": 0.8,
        "paid": 0.02,
        "fees": ["프로그램 재료비 3,000원"],
        "bookable": 0.5,
        "amenities": {"sound-system": 0.5, "projector": 0.5, "kitchen": 0.3, "piano": 0.15},
        "summaries": [
            "{district} 청소년이 방과 후에 머물며 쉬고 동아리 활동을 하는 공간입니다.",
            "보드게임, 밴드 연습실과 라운지가 있는 {dong}의 청소년 아지트입니다.",
            "청소년이 직접 운영위원으로 참여해 프로그램을 기획하는 공간입니다.",
        ],
        "activities": "청소년 동아리, 진로 탐색 프로그램, 방학 캠프가 열립니다.",
        "public_operators": ["{district} 청소년수련관", "서울시 청소년활동진흥센터"],
        "private_operators": ["청소년자치모임 {nick}", "{short} 청소년 활동 지원 모임"],
    },
    "senior-space": {
        "weight": 5,
        "words": [
            ("어르신 사랑방", "Seniors' Lounge"),
            ("경로당", "Senior Centre"),
            ("어르신 쉼터", "Seniors' Rest House"),
        ],
        "nicks": [
            ("청춘", "Cheongchun"),
            ("은빛", "Eunbit"),
            ("솔향", "Solhyang"),
            ("해오름", "Haeoreum"),
            ("늘봄", "Neulbom"),
            ("화목", "Hwamok"),
            ("느티나무", "Neutinamu"),
        ],
        "capacity": (10, 50),
        "area_per_person": (2.5, 4.0),
        "hours": [
            ("Mo-Fr 09:00-17:00; PH off", 4),
            ("Mo-Sa 09:00-18:00; Su off", 3),
            ("Mo-Fr 09:00-12:00,13:00-18:00; PH off", 2),
        ],
        "public": 0.8,
        "paid": 0.02,
        "fees": ["월 회비 5,000원"],
        "bookable": 0.35,
        "amenities": {"kitchen": 0.6, "sound-system": 0.3, "piano": 0.1, "wifi": 0.6},
        "summaries": [
            "{dong} 어르신들이 모여 쉬고 건강 체조와 여가 프로그램에 참여하는 사랑방입니다.",
            "따뜻한 좌식 거실과 프로그램실이 있는 {district}의 어르신 공간입니다.",
            "어르신과 이웃이 함께 식사하고 배우는 동네 쉼터입니다.",
        ],
        "activities": "건강 체조, 스마트폰 교실, 노래 교실과 함께 밥상이 열립니다.",
        "public_operators": [
            "{district} 노인복지관",
            "대한노인회 {district}지회",
            "{dong} 주민센터",
        ],
        "private_operators": ["{dong} 경로당 운영회", "{short} 어르신 돌봄 모임"],
    },
    "childcare-room": {
        "weight": 5,
        "words": [
            ("공동육아나눔터", "Childcare Sharing Centre"),
            ("공동육아방", "Childcare Room"),
            ("아이 놀이방", "Children's Playroom"),
        ],
        "nicks": [
            ("아이둥지", "Aidungji"),
            ("새싹", "Saessak"),
            ("콩콩", "Kongkong"),
            ("꼬물꼬물", "Kkomulkkomul"),
            ("햇님", "Haetnim"),
            ("방울", "Bangul"),
            ("토닥", "Todak"),
            ("아이랑", "Airang"),
            ("꿈나무", "Kkumnamu"),
        ],
        "capacity": (6, 25),
        "area_per_person": (3.0, 5.0),
        "hours": [
            ("Mo-Fr 10:00-18:00; Sa 10:00-14:00; PH off", 4),
            ("Mo-Fr 09:30-17:30; PH off", 3),
            ("Tu-Sa 10:00-18:00; PH off", 2),
        ],
        "public": 0.8,
        "paid": 0.15,
        "fees": ["연회비 10,000원", "프로그램 1회 5,000원"],
        "bookable": 0.5,
        "amenities": {"kids-corner": 1.0, "bookshelves": 0.7, "kitchen": 0.4, "projector": 0.1},
        "summaries": [
            "{dong} 부모들이 아이를 함께 돌보고 육아 정보를 나누는 공간입니다.",
            "영유아 놀이 공간과 그림책 코너가 있는 {district}의 공동육아나눔터입니다.",
            "아이와 보호자가 함께 놀고 배우는 동네 공동육아방입니다.",
        ],
        "activities": "품앗이 육아, 부모 교육, 아이와 함께하는 놀이 프로그램이 열립니다.",
        "public_operators": ["{district} 가족센터", "{district}청"],
        "private_operators": ["{short} 공동육아협동조합", "{nick} 부모모임"],
    },
    "community-cafe": {
        "weight": 8,
        "words": [
            ("마을카페", "Community Café"),
            ("카페", "Café"),
            ("사랑방 카페", "Sarangbang Café"),
        ],
        "nicks": [
            ("마중물", "Majungmul"),
            ("마실", "Masil"),
            ("쉼", "Swim"),
            ("다정", "Dajeong"),
            ("도란도란", "Dorandoran"),
            ("이웃", "Iut"),
            ("봄날", "Bomnal"),
            ("두런두런", "Dureondureon"),
            ("동행", "Donghaeng"),
        ],
        "capacity": (10, 40),
        "area_per_person": (2.0, 3.5),
        "hours": [
            ("Mo-Sa 10:00-21:00; Su 12:00-18:00", 4),
            ("Tu-Su 10:00-22:00", 3),
            ("Mo-Sa 10:00-19:00; Su off", 3),
        ],
        "public": 0.3,
        "paid": 0.6,
        "fees": ["음료 1잔 주문", "대관 시간당 20,000원", "모임 1인 음료 주문"],
        "bookable": 0.45,
        "amenities": {"kitchen": 0.8, "bookshelves": 0.4, "projector": 0.3, "sound-system": 0.25},
        "summaries": [
            "{dong} 주민이 함께 운영하는 마을카페로, 모임과 작은 장터가 열립니다.",
            "커피 한 잔으로 이웃을 만나는 {district}의 사랑방 카페입니다.",
            "수익을 마을 활동에 쓰는 협동조합 카페이며, 모임 공간을 빌려줍니다.",
        ],
        "activities": "주민 소모임, 작은 음악회, 플리마켓이 열립니다.",
        "public_operators": ["{district}청", "서울시 마을공동체지원센터"],
        "private_operators": ["{short} 마을카페 협동조합", "{nick} 카페 운영위원회"],
    },
    "multipurpose-hall": {
        "weight": 6,
        "words": [
            ("다목적홀", "Multipurpose Hall"),
            ("주민 강당", "Community Auditorium"),
            ("마을회관", "Village Hall"),
        ],
        "nicks": [
            ("한마음", "Hanmaeum"),
            ("어울림", "Eoullim"),
            ("누리", "Nuri"),
            ("열린", "Yeollin"),
            ("하늘", "Haneul"),
            ("해맞이", "Haemaji"),
            ("으뜸", "Eutteum"),
            ("모두", "Modu"),
        ],
        "capacity": (40, 150),
        "area_per_person": (1.2, 2.0),
        "hours": [
            ("Mo-Fr 09:00-18:00; Sa 10:00-14:00; PH off", 4),
            ("Mo-Su 09:00-22:00; PH off", 3),
            ("Mo-Fr 09:00-21:00; Sa 09:00-17:00; Su,PH off", 3),
        ],
        "public": 0.8,
        "paid": 0.5,
        "fees": [
            "시간당 30,000원 (주민단체 할인)",
            "반일 100,000원",
            "시간당 20,000원, 냉난방비 별도",
        ],
        "bookable": 0.85,
        "amenities": {"sound-system": 0.95, "projector": 0.9, "piano": 0.35, "whiteboard": 0.3},
        "summaries": [
            "무대와 음향 장비를 갖춘 {dong}의 다목적홀로, 주민 총회와 공연에 쓰입니다.",
            "최대 {capacity}명이 모일 수 있는 {district}의 주민 강당입니다.",
            "강연, 발표회, 주민 행사를 여는 마을의 큰 방입니다.",
        ],
        "activities": "주민 총회, 작은 음악회, 강연과 발표회가 열립니다.",
        "public_operators": ["{district}청", "{district}시설관리공단", "{dong} 주민센터"],
        "private_operators": ["{dong} 주민자치회", "{short} 마을회관 운영위원회"],
    },
    "gallery-practice-room": {
        "weight": 4,
        "words": [
            ("갤러리", "Gallery"),
            ("연습실", "Practice Room"),
            ("음악 연습실", "Music Practice Room"),
            ("전시·연습실", "Gallery and Practice Room"),
        ],
        "nicks": [
            ("틈새", "Teumsae"),
            ("소리", "Sori"),
            ("오선지", "Oseonji"),
            ("담", "Dam"),
            ("바람", "Baram"),
            ("무대", "Mudae"),
            ("공명", "Gongmyeong"),
            ("여백", "Yeobaek"),
            ("채움", "Chaeum"),
        ],
        "capacity": (4, 40),
        "area_per_person": (2.0, 4.0),
        "hours": [
            ("Tu-Su 11:00-19:00", 3),
            ("Mo-Su 10:00-23:00", 3),
            ("Mo-Sa 10:00-22:00; Su 12:00-18:00", 2),
            ("24/7", 1),
        ],
        "public": 0.3,
        "paid": 0.7,
        "fees": ["시간당 12,000원", "전시 1주 150,000원", "개인 연습 시간당 5,000원"],
        "bookable": 0.75,
        "amenities": {"piano": 0.45, "sound-system": 0.6, "projector": 0.2},
        "summaries": [
            "주민 작가의 전시와 밴드·합창 연습에 쓰는 {dong}의 작은 갤러리 겸 연습실입니다.",
            "방음 연습실과 흰 벽 전시 공간을 빌려 쓸 수 있는 {district}의 문화 공간입니다.",
            "동네 예술가와 주민 동아리가 전시하고 연습하는 공간입니다.",
        ],
        "activities": "주민 작가 전시, 합창·밴드 연습, 작은 발표회가 열립니다.",
        "public_operators": ["{district}문화재단", "{district}청"],
        "private_operators": ["{short} 생활예술 모임", "{nick} 예술인 협동조합"],
    },
}

# A type the lists do not know (added by an editor) gets neutral words.
FALLBACK_TYPE = {
    "weight": 3,
    "words": [],  # filled from the type's own names
    "nicks": [("어울림", "Eoullim"), ("함께", "Hamkke"), ("이음", "Ieum"), ("마루", "Maru")],
    "capacity": (6, 30),
    "area_per_person": (2.5, 4.0),
    "hours": [("Mo-Fr 09:00-18:00; Sa 10:00-14:00; PH off", 1)],
    "public": 0.5,
    "paid": 0.3,
    "fees": ["시간당 10,000원"],
    "bookable": 0.6,
    "amenities": {},
    "summaries": ["{dong} 주민 누구나 쓸 수 있는 커뮤니티 공간입니다."],
    "activities": "주민 모임과 프로그램이 열립니다.",
    "public_operators": [],
    "private_operators": [],
}

# How many drawn pictures each type has in the shared image pool: four scenes in two
# colour moods (spaces.illustrations, which also says what each shows, for alt text).
PHOTOS_PER_TYPE = 8

# Getting there: real stations of each district; exits, walks, bus numbers and stops
# are made up (spaces.demo._getting_there).
STATIONS = {
    "jongno": ["혜화역", "종각역", "안국역", "동대문역", "창신역", "광화문역"],
    "jung": ["을지로입구역", "충무로역", "신당역", "약수역", "회현역", "동대입구역"],
    "yongsan": ["이태원역", "숙대입구역", "효창공원앞역", "한강진역", "삼각지역", "녹사평역"],
    "seongdong": ["왕십리역", "성수역", "뚝섬역", "행당역", "금호역", "옥수역"],
    "gwangjin": ["건대입구역", "구의역", "군자역", "아차산역", "광나루역", "어린이대공원역"],
    "dongdaemun": ["회기역", "청량리역", "신설동역", "제기동역", "장한평역", "답십리역"],
    "jungnang": ["상봉역", "면목역", "중화역", "사가정역", "먹골역", "망우역"],
    "seongbuk": ["성신여대입구역", "길음역", "한성대입구역", "안암역", "월곡역", "보문역"],
    "gangbuk": ["수유역", "미아역", "미아사거리역", "솔샘역", "삼양역"],
    "dobong": ["창동역", "쌍문역", "방학역", "도봉산역", "도봉역"],
    "nowon": ["노원역", "상계역", "중계역", "하계역", "공릉역", "태릉입구역"],
    "eunpyeong": ["연신내역", "불광역", "응암역", "구산역", "역촌역", "새절역"],
    "seodaemun": ["신촌역", "홍제역", "무악재역", "충정로역", "독립문역", "가좌역"],
    "mapo": ["망원역", "합정역", "홍대입구역", "상수역", "마포구청역", "공덕역"],
    "yangcheon": ["목동역", "오목교역", "신정역", "양천구청역", "신정네거리역"],
    "gangseo": ["발산역", "마곡역", "화곡역", "우장산역", "가양역", "등촌역"],
    "guro": ["구로디지털단지역", "신도림역", "구로역", "개봉역", "오류동역", "대림역"],
    "geumcheon": ["가산디지털단지역", "독산역", "금천구청역"],
    "yeongdeungpo": ["영등포역", "당산역", "여의도역", "문래역", "영등포구청역", "신길역"],
    "dongjak": ["노량진역", "사당역", "이수역", "상도역", "장승배기역", "흑석역"],
    "gwanak": ["서울대입구역", "봉천역", "신림역", "낙성대역", "신대방역"],
    "seocho": ["교대역", "서초역", "방배역", "양재역", "고속터미널역", "남부터미널역"],
    "gangnam": ["강남역", "역삼역", "선릉역", "삼성역", "대치역", "압구정역"],
    "songpa": ["잠실역", "석촌역", "송파역", "가락시장역", "문정역", "방이역"],
    "gangdong": ["천호역", "강동역", "길동역", "명일역", "고덕역", "암사역"],
}

BUS_STOPS = ["{dong} 주민센터", "{dong} 시장 입구", "{dong} 우체국", "{dong} 도서관 앞"]

PARKING_NOTES = [
    "주차 공간이 없습니다. 인근 공영주차장을 이용해 주세요.",
    "건물 주차장 2대 (사전 문의)",
    "장애인 전용 주차 1면, 일반 차량은 인근 공영주차장 이용",
    "지하주차장 1시간 무료 (안내데스크에서 확인)",
    "주차 불가 — 대중교통을 이용해 주세요.",
]
