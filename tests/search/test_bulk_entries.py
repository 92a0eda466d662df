"""The search backend's own way of adding index entries on PostgreSQL
(``search.backend._PostgresEntries``): the very rows Wagtail's index writes, with each
search field of an object read once instead of five times."""

from django.db import connection

from modelsearch.backends.database.postgres.postgres import PostgresIndex
from wagtail.search.backends import get_search_backend

import pytest

from spaces.models import SpacePage

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's search index only"
)


def entries(pages):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT content_type_id, object_id, title::text, autocomplete::text, body::text,"
            " title_norm, title_text, body_text FROM wagtailsearch_indexentry"
            " WHERE object_id = ANY(%s) ORDER BY object_id",
            [[str(p.pk) for p in pages]],
        )
        return cursor.fetchall()


@pytest.fixture
def spaces(make_space):
    return [
        make_space(title="망원 작은도서관 책마루", name_en="Mangwon Small Library"),
        make_space(title="빈칸", name_en="", summary="", nearest_station=""),
    ]


def test_entries_are_the_rows_wagtails_own_index_writes(spaces):
    backend = get_search_backend()
    index = backend.get_index_for_model(SpacePage)
    pages = list(SpacePage.get_indexed_objects().filter(pk__in=[p.pk for p in spaces]))

    PostgresIndex.add_items(index, SpacePage, pages)
    by_wagtail = entries(pages)
    index.add_items(SpacePage, pages)

    assert len(by_wagtail) == 2
    assert entries(pages) == by_wagtail


def test_each_search_field_is_read_once_per_object(spaces, monkeypatch):
    backend = get_search_backend()
    index = backend.get_index_for_model(SpacePage)
    pages = list(SpacePage.get_indexed_objects().filter(pk__in=[p.pk for p in spaces]))
    reads = []
    search_text = SpacePage.search_text

    def counted(self):
        reads.append(self.pk)
        return search_text(self)

    monkeypatch.setattr(SpacePage, "search_text", counted)

    index.add_items(SpacePage, pages)

    assert sorted(reads) == sorted(p.pk for p in pages)
