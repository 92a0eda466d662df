"""Each space type's map icon: one per seeded type, all different, served from the
portal's own static files (npm ``lucide-static``), a fallback for a type added later,
and the directory's legend and filter counts as the server writes them."""

import re

from django.contrib.staticfiles import finders

import pytest

from spaces.models import SpaceType
from spaces.models.taxonomies import FALLBACK_ICON, TYPE_ICONS, icon_static_path
from spaces.seed import SPACE_TYPES


def test_every_seeded_type_has_an_icon_of_its_own():
    slugs = [slug for slug, *_ in SPACE_TYPES]
    assert set(TYPE_ICONS) == set(slugs)
    assert len(set(TYPE_ICONS.values())) == len(slugs)
    assert FALLBACK_ICON not in TYPE_ICONS.values()


@pytest.mark.parametrize("name", [*TYPE_ICONS.values(), FALLBACK_ICON])
def test_each_icon_is_a_static_file_of_the_portal(name):
    found = finders.find(icon_static_path(name))
    assert found, f"{name}.svg is missing: run npm ci"
    with open(found, encoding="utf-8") as svg:
        assert "<svg" in svg.read()


@pytest.mark.django_db
def test_a_type_added_later_gets_the_fallback_icon():
    garden = SpaceType(name="마을정원", name_en="Community garden", slug="community-garden")
    assert garden.icon == FALLBACK_ICON
    assert SpaceType.objects.get(slug="shared-kitchen").icon == "chef-hat"


def test_the_legend_and_the_filter_counts_come_from_the_server(client, make_space):
    make_space(title="성수 공유부엌", space_type="shared-kitchen")
    page = client.get("/spaces/?type=shared-kitchen&type=workshop&open_now=1").content.decode()
    legend = page.split('class="map-legend"')[1].split("</ul>")[0]
    assert len(re.findall(r'data-icon="([a-z0-9-]+)"', legend)) == len(SPACE_TYPES)
    assert (
        'data-type-icon="shared-kitchen" data-icon="chef-hat"' in legend
        and 'src="/static/vendor/lucide-static/chef-hat.svg"' in legend
    )
    assert (
        'data-fallback-icon><span class="type-icon" data-type-icon="" data-icon="map-pin"' in page
    )
    assert re.search(r"필터 <span data-filters-count>\(3\)</span>", page)
    assert re.search(r"공간 유형 <span[^>]*data-filter-count>\(2\)</span>", page)
    assert re.search(r"자치구 <span[^>]*data-filter-count></span>", page)
