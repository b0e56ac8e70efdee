"""A fresh clone's first run: the page shows the place index being built, with a progress bar
saying what is being built, then the sample's map and how long the first reading took."""

from __future__ import annotations

import os
import re

import pytest

from tests.browser.conftest import FIRST_MAP_MS, marker, served, wait_ms

pytestmark = pytest.mark.slow  # the whole place index is built (15 to 60 s on two cores)

BUILD_MS = 180_000  # the build under a loaded machine, with room


def test_a_first_run_shows_the_index_being_built_then_the_map(
    browser, offline_page_allowing, tmp_path
):
    from playwright.sync_api import expect

    cache = tmp_path / "cache"  # nothing built in it, as on a fresh clone
    cache.mkdir()
    env = {**os.environ, "GEO_CACHE_DIR": str(cache)}
    with served(tmp_path, env=env) as app:
        state = offline_page_allowing(*app.prefixes)
        page = state.page
        page.goto(app.url)
        bar = page.get_by_test_id("stProgress")
        expect(bar).to_be_visible(timeout=wait_ms(FIRST_MAP_MS))
        expect(bar).to_contain_text(
            "building the offline place index", timeout=wait_ms(FIRST_MAP_MS)
        )
        expect(bar).to_contain_text(re.compile(r"[\d,]+ of [\d,]+ cities read"), timeout=BUILD_MS)
        shares = bar.get_by_role("progressbar")
        first = float(shares.get_attribute("aria-valuenow") or 0)
        expect(bar).to_be_hidden(timeout=BUILD_MS)
        marker(page, "Vladivostok")
        caption = page.get_by_text(re.compile(r"^Read in [\d.]+ s, of which [\d.]+ s building"))
        expect(caption).to_be_visible()
        assert 0 <= first < 100
        assert (cache / "gazetteer-500.sqlite").is_file()

        # a new reader's page, with the index built: no bar, and the reading from the cache
        again = offline_page_allowing(*app.prefixes).page
        again.goto(app.url)
        marker(again, "Vladivostok")
        expect(again.get_by_test_id("stProgress")).to_have_count(0)
        expect(again.get_by_text(re.compile(r"shown from the cache$"))).to_be_visible()
