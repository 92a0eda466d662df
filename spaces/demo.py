"""Demo content of the space directory."""

from core.demo import ensure_section

from .models import SpaceIndexPage


def load(ctx):
    ensure_section(
        ctx,
        SpaceIndexPage,
        "spaces",
        ko={
            "title": "공간 찾기",
            "summary": "유형, 자치구, 인원, 편의시설과 빈 시간으로 우리 동네 커뮤니티 공간을 찾아보세요.",
        },
        en={
            "title": "Find a space",
            "summary": "Find community spaces near you by type, district, size, amenities and free time.",
        },
    )
