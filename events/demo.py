"""Demo content of the program listings."""

from core.demo import ensure_section

from .models import ProgramIndexPage


def load(ctx):
    ensure_section(
        ctx,
        ProgramIndexPage,
        "programs",
        ko={
            "title": "프로그램",
            "summary": "커뮤니티 공간에서 열리는 강좌, 동아리, 강연을 둘러보고 신청하세요.",
        },
        en={
            "title": "Programs",
            "summary": "Explore and join the classes, clubs and talks held in community spaces.",
        },
    )
