import pytest


@pytest.fixture
def library(make_space):
    """A bookable space, open Mo-Sa 09:00-21:00, for 12 people."""
    return make_space(
        title="망원 작은도서관",
        name_en="Mangwon Small Library",
        bookable=True,
        opening_hours="Mo-Sa 09:00-21:00",
        capacity=12,
        email="operator@example.org",
    )
