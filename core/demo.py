"""Helpers shared by every app's ``demo.py``: a seeded context and idempotent page
creation in both languages. ``manage.py load_demo`` (app ``home``) runs the steps."""

from dataclasses import dataclass, field
from random import Random


@dataclass
class DemoContext:
    seed: int
    spaces: int
    password: str
    quiet: bool = False  # no progress bars (verbosity 0)
    random: Random = field(init=False)
    home: object = None  # the Korean HomePage
    locales: dict = field(default_factory=dict)  # language code -> Locale
    users: dict = field(default_factory=dict)  # username -> User

    def __post_init__(self):
        self.random = Random(self.seed)


def publish(page):
    page.save_revision().publish()
    return page


def ensure_translation(page, locale, **fields):
    """The page's translation in ``locale``: created and published with ``fields`` the
    first time, left as editors made it afterwards."""
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=True)
        for name, value in fields.items():
            setattr(translation, name, value)
        publish(translation)
    return translation


def ensure_child(parent, model, slug, **fields):
    """A published child page of ``parent`` with ``slug``, created once."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    return publish(parent.add_child(instance=model(slug=slug, **fields)))


def ensure_section(ctx, model, slug, ko, en):
    """A top-level section of the portal (spaces, programs …) under the home page, in
    Korean with its English translation, shown in the main menu."""
    page = ensure_child(ctx.home, model, slug, show_in_menus=True, **ko)
    ensure_translation(page, ctx.locales["en"], **en)
    return page
