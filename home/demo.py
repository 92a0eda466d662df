"""Demo content for the portal: the site skeleton in both languages and the demo
users. Each domain app adds its own content through a ``demo.py`` module with a
``load(ctx)`` function; ``manage.py load_demo`` runs them in dependency order."""

from django.contrib.auth import get_user_model

from core.demo import ensure_translation, publish

from .models import HomePage
from .site import ensure_locales, ensure_site

DEMO_USERS = [
    # username, e-mail, first name, last name, role
    ("admin", "admin@example.org", "하늘", "정", "staff"),
    ("operator1", "operator1@example.org", "지은", "김", "operator"),
    ("operator2", "operator2@example.org", "민준", "이", "operator"),
    ("resident1", "resident1@example.org", "서연", "박", "resident"),
    ("resident2", "resident2@example.org", "도윤", "최", "resident"),
]


HOME_CONTENT = {
    "ko": {
        "title": "커뮤니티 공간",
        "lead": "우리 동네 작은도서관, 동아리방, 동네책방, 공방, 공유부엌을 지도에서 찾고, "
        "예약하고, 그곳에서 열리는 프로그램에 참여하세요.",
        "body": "<p>커뮤니티 공간 포털은 서울 25개 자치구의 공공·민간 커뮤니티 공간을 한곳에 모았습니다. "
        "공간 운영자는 누구나 무료로 공간을 등록하고 소개할 수 있습니다.</p>",
    },
    "en": {
        "title": "Community Space",
        "lead": "Find small libraries, club rooms, village bookstores, workshops and shared "
        "kitchens near you, book them, and join the programs held in them.",
        "body": "<p>The Community Space portal brings together public and private community "
        "spaces across Seoul's 25 districts. Any space operator can register and present "
        "their space for free.</p>",
    },
}


def load_site(ctx):
    ctx.locales = ensure_locales()
    home = ensure_site()
    if not home.lead:
        for name, value in HOME_CONTENT["ko"].items():
            setattr(home, name, value)
        publish(home)
    ctx.home = HomePage.objects.get(pk=home.pk)
    english = ensure_translation(ctx.home, ctx.locales["en"], slug="home-en", **HOME_CONTENT["en"])
    if not english.lead:  # made bare with the privacy policy's translation (home.site)
        for name, value in HOME_CONTENT["en"].items():
            setattr(english, name, value)
        publish(english)


def load_users(ctx):
    # Operators get their admin access with the spaces they run (operators.demo).
    User = get_user_model()
    for username, email, first_name, last_name, role in DEMO_USERS:
        user, __ = User.objects.get_or_create(username=username)
        user.email, user.first_name, user.last_name = email, first_name, last_name
        user.is_staff = user.is_superuser = role == "staff"
        user.set_password(ctx.password)
        user.save()
        ctx.users[username] = user
