import pytest

from core.demo import DemoContext, ensure_child
from events import demo as events_demo
from home import demo as home_demo
from home.site import ensure_locales, ensure_site
from spaces import demo as spaces_demo
from spaces.models import SpaceIndexPage


@pytest.fixture
def home(db):
    """The Korean home page at the site root (rebuilt if a transactional test flushed it)."""
    return ensure_site()


@pytest.fixture
def demo_ctx(db):
    return DemoContext(seed=1, spaces=0, password="changeme")


@pytest.fixture
def bilingual_site(demo_ctx):
    """Home, space directory and program listing in Korean, each translated to English."""
    home_demo.load_site(demo_ctx)
    spaces_demo.load(demo_ctx)
    events_demo.load(demo_ctx)
    return demo_ctx


@pytest.fixture
def korean_only_site(demo_ctx):
    """Korean pages only, nothing translated: the English site must still show them."""
    demo_ctx.locales = ensure_locales()
    demo_ctx.home = ensure_site()
    ensure_child(demo_ctx.home, SpaceIndexPage, "spaces", title="공간 찾기", show_in_menus=True)
    return demo_ctx
