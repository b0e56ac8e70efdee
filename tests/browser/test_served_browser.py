"""The app served to others, in chromium (one app for the module, its own cache folder, an
online provider that is down): two readers correct the same text differently and each sees
only their own correction, also after a reload; a provider that drips its answer costs the
first reading one bounded wait, with a warning, and the next reading none."""

from __future__ import annotations

import os
import re
import time

import pytest

from tests.browser.conftest import (
    CLICK_MS,
    FIRST_MAP_MS,
    heading,
    marker,
    marker_at,
    served,
    wait_ms,
    warm,
)
from tests.conftest import WASHINGTON_DC, isolated_cache
from tests.fake_nominatim import serve

DC = [WASHINGTON_DC.lat, WASHINGTON_DC.lon]  # geo's choice for "Washington" in the sample
TIMEOUT = 3  # the provider's timeout: its deadline is 2 x 3 + 2 (one retry) = 8 s
DEADLINE = 2 * TIMEOUT + 2


@pytest.fixture(scope="module")
def provider():
    with serve(fail="drip") as (domain, calls):  # 10 s of one byte every 0.25 s
        yield domain, calls


@pytest.fixture(scope="module")
def app(browser, provider, tmp_path_factory):
    folder = tmp_path_factory.mktemp("served")
    config = folder / "geo.toml"
    config.write_text(
        f"[geocoder]\nmin_delay = 0\ntimeout = {TIMEOUT}\n"
        f'[geocoder.options]\ndomain = "{provider[0]}"\nscheme = "http"\n',
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "GEO_CACHE_DIR": str(isolated_cache(folder / "cache")),
        "GEO_CONFIG": str(config),
        "GEO_SERVED": "1",
    }
    with served(folder, env) as app:
        yield warm(app, browser)


def reader(app, offline_page_allowing):
    """A new reader (a browser context of their own) on the sample."""
    from playwright.sync_api import expect

    state = offline_page_allowing(*app.prefixes)
    state.page.goto(app.url)
    expect(state.page.get_by_text("Click a marker to read the passages")).to_be_visible(
        timeout=wait_ms(FIRST_MAP_MS)
    )
    return state


def correct_washington(page, option: int) -> list[float]:
    """Choose geo's `option`-th alternative for Washington; where its marker now is."""
    from playwright.sync_api import expect

    page.locator("mark.geo-mention", has_text="Washington").first.click()
    expect(heading(page, "Washington")).to_be_visible(timeout=wait_ms(CLICK_MS))
    # another Washington: a candidate found by an alternate name ("Reisterstown") has another
    # name, and its marker another label
    options = page.get_by_role("option").filter(has_text="Washington")
    pick(page, "Another candidate", options.nth(option))
    page.get_by_role("button", name="Use this candidate").click()
    expect(page.get_by_text("chosen by the reader")).to_be_visible(timeout=wait_ms(CLICK_MS))
    return where_washington(page)


def pick(page, label: str, option) -> None:
    """Open a select box and click `option`; open it again if a rerun closed it first."""
    for attempt in range(3):
        page.get_by_test_id("stSelectbox").filter(has_text=label).click()
        try:
            option.click(timeout=wait_ms(5_000))
            return
        except Exception:
            if attempt == 2:
                raise


def where_washington(page) -> list[float]:
    marker(page, "Washington")  # the map is drawn (again)
    deadline = time.monotonic() + wait_ms(CLICK_MS) / 1000
    at = marker_at(page, "Washington")
    while at is None and time.monotonic() < deadline:
        page.wait_for_timeout(100)
        at = marker_at(page, "Washington")
    return at


def test_two_readers_see_only_their_own_corrections(app, offline_page_allowing):
    from playwright.sync_api import expect

    first, second = (reader(app, offline_page_allowing) for _ in range(2))
    at_first = correct_washington(first.page, 0)
    at_second = correct_washington(second.page, 1)
    assert at_first != pytest.approx(DC, abs=1e-3) and at_second != pytest.approx(DC, abs=1e-3)
    assert at_first != pytest.approx(at_second, abs=1e-3)
    tokens = [re.search(r"[?&]reader=([\w-]+)", s.page.url)[1] for s in (first, second)]
    assert tokens[0] != tokens[1]
    for state, at, token in ((first, at_first, tokens[0]), (second, at_second, tokens[1])):
        state.page.reload()
        expect(state.page.get_by_text("Click a marker to read the passages")).to_be_visible(
            timeout=wait_ms(FIRST_MAP_MS)
        )
        assert token in state.page.url
        assert where_washington(state.page) == pytest.approx(at, abs=1e-6)
    third = reader(app, offline_page_allowing)  # someone else, the same text
    assert where_washington(third.page) == pytest.approx(DC, abs=1e-3)
    for state in (first, second, third):
        assert state.errors == [], state.errors


def test_a_dead_provider_costs_one_bounded_wait(app, provider, offline_page_allowing):
    from playwright.sync_api import expect

    page = reader(app, offline_page_allowing).page
    sidebar = page.get_by_test_id("stSidebar")
    started = time.monotonic()
    pick(sidebar, "Geocoder", page.get_by_role("option", name="Nominatim (online)"))
    # the failure, or (after a rerun) the answers given while the provider is left alone
    warning = page.get_by_text(
        re.compile(
            r"nominatim (did not answer .* within \d+ s|failed "
            r"less than 60 s ago); using the gazetteer instead"
        )
    )
    expect(warning.first).to_be_visible(timeout=wait_ms(60_000))
    marker(page, "Vladivostok")  # the gazetteer placed the sample
    first = time.monotonic() - started
    assert provider[1], "the provider was not asked"

    sidebar.get_by_text("Paste text", exact=True).click()
    area = sidebar.get_by_label("Article text")
    area.fill("Le ministre est arrivé à Berlin puis à Madrid.")
    started = time.monotonic()
    area.press("Control+Enter")
    expect(page.get_by_text(re.compile(r"^pasted text · fr · 2 places"))).to_be_visible(
        timeout=wait_ms(60_000)
    )
    expect(
        page.get_by_text("nominatim failed less than 60 s ago; using the gazetteer instead")
    ).to_be_visible(timeout=wait_ms(CLICK_MS))
    second = time.monotonic() - started
    print(
        f"\ndripping provider: first reading {first:.1f} s (provider deadline {DEADLINE} s), "
        f"next reading {second:.1f} s"
    )
    assert first < DEADLINE + 30  # the deadline, then the sample's reading and drawing
    assert second < DEADLINE  # the provider is left alone: no wait for it
    assert not {"berlin", "madrid"} & set(provider[1])
