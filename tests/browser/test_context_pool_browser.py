"""The browser contexts the suite keeps (``tests/browser/conftest.py``): a test never
meets the cookies, storage, permissions or init scripts a test before it left, and
style sheets already fetched come from the context's cache."""

import pytest

from .conftest import kept_contexts

KIND = ((1280, 900), True, True)

pool = pytest.fixture(name="pool")(kept_contexts)


@pytest.fixture
def site(home, live_server):
    return live_server.url


def origins(site):
    port = site.rsplit(":", 1)[1]
    return [f"http://localhost:{port}", f"http://127.0.0.1:{port}"]


def test_a_context_given_back_is_lent_again_with_nothing_of_the_test_before(pool, site):
    context = pool.lend(KIND)
    page = context.new_page()
    page.goto(site + "/terms/")
    page.evaluate("localStorage.setItem('left', 'behind'); sessionStorage.setItem('s', '1')")
    context.add_cookies([{"name": "left", "value": "behind", "url": site}])
    context.grant_permissions(["geolocation"], origin=site)
    pool.give_back(KIND, context, origins(site))

    again = pool.lend(KIND)
    assert again is context  # the same context, kept
    page = again.new_page()
    page.goto(site + "/terms/")
    assert again.cookies() == []
    assert page.evaluate("[localStorage.length, sessionStorage.length]") == [0, 0]
    state = page.evaluate("navigator.permissions.query({name: 'geolocation'}).then(p => p.state)")
    assert state == "prompt"
    pool.give_back(KIND, again, origins(site))


def test_a_context_with_an_init_script_is_closed_not_lent_again(pool, site):
    context = pool.lend(KIND)
    context.add_init_script("window.leftBehind = true")
    context.new_page()
    pool.give_back(KIND, context, origins(site))

    again = pool.lend(KIND)
    assert again is not context
    page = again.new_page()
    page.goto(site + "/terms/")
    assert page.evaluate("window.leftBehind === undefined")
    pool.give_back(KIND, again, origins(site))


def test_a_kept_context_takes_the_style_sheet_from_its_cache(pool, site):
    context = pool.lend(KIND)
    page = context.new_page()
    page.goto(site + "/terms/")
    pool.give_back(KIND, context, origins(site))

    page = pool.lend(KIND).new_page()
    page.goto(site + "/terms/")
    sizes = page.evaluate(
        """performance.getEntriesByType('resource')
            .filter(e => e.name.endsWith('/portal.css')).map(e => e.transferSize)"""
    )
    assert sizes == [0]  # nothing came over the network
    pool.give_back(KIND, page.context, origins(site))
