"""No hidden markers: at the map's first view, every place of the sample can be clicked where
its circle is drawn and opens its own popup, even where places share a point (Russia drawn at
Moscow, the Kremlin in Moscow, the White House in Washington) or lie under the legend (which
then starts folded); zoomed in far enough, each circle is back on its own point."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.export.html import to_html
from geo.pipeline import parse
from tests.browser.conftest import CIRCLES, open_map, settled_circles

SEED = Path(__file__).resolve().parents[2] / "seeds" / "kim-putin-fr.txt"


@pytest.fixture(scope="module")
def sample():
    return parse(SEED.read_text(encoding="utf-8"), doc_id="kim-putin-fr.txt")


def test_every_marker_of_the_sample_opens_its_own_place(offline_page, tmp_path, sample):
    page = open_map(offline_page, to_html(sample), tmp_path)
    # settled: every circle its own, and none moved in the last 200 ms (spread, legend folded)
    circles = settled_circles(page.main_frame)
    assert sorted(c["name"] for c in circles) == sorted(p.name for p in sample.places)
    assert any(c["moved"] for c in circles)  # some shared a point and were spread
    popup = page.locator(".leaflet-popup-content")
    for circle in circles:
        page.mouse.click(circle["x"], circle["y"])
        under = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).outerHTML.slice(0, 120)",
            [circle["x"], circle["y"]],
        )
        assert 'class="geo-place' in under, (circle, under)
        popup.wait_for(timeout=5_000)
        assert popup.locator("b").first.inner_text() == circle["name"], circle
        page.evaluate("() => window.__map.closePopup()")
        popup.wait_for(state="detached")


def test_zoomed_in_each_circle_is_back_on_its_own_point(offline_page, tmp_path, sample):
    page = open_map(offline_page, to_html(sample), tmp_path)
    near = "c => ['Washington', 'Maison Blanche', 'United States'].includes(c.name)"
    page.wait_for_function(
        f"() => ({CIRCLES})().filter({near}).every(c => c.moved)", polling=100, timeout=10_000
    )
    # the White House is 300 m from Washington's point, the country drawn at its capital
    page.evaluate("() => window.__map.setView([38.8967, -77.0365], 17, {animate: false})")
    # (the country is drawn 10 m from Washington's point: still pushed apart at zoom 17)
    page.wait_for_function(
        f"() => ({CIRCLES})().filter({near}).filter(c => !c.moved).map(c => c.name).join() "
        "=== 'Maison Blanche'",
        polling=100,
        timeout=10_000,
    )
