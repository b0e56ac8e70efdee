"""The hostile article's standalone HTML export in Chromium: hovering and clicking every marker
and route runs nothing."""

from __future__ import annotations

import pytest

from geo.export.html import to_html
from geo.pipeline import parse
from tests.helpers import UNTRUSTED_ARTICLE, UNTRUSTED_PAYLOADS


@pytest.fixture(scope="module")
def result():
    return parse(UNTRUSTED_ARTICLE, doc_id=f"article {UNTRUSTED_PAYLOADS[0]}", language="fr")


def test_html_export_runs_nothing(result, offline_page, tmp_path):
    page = offline_page.page
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    path = tmp_path / "map.html"
    path.write_text(to_html(result), encoding="utf-8")
    page.goto(path.as_uri())
    page.locator("path.geo-place").first.wait_for()
    places = page.locator("path.geo-place")
    opened = 0
    for locator in (places, page.locator("path.geo-route")):
        for i in range(locator.count()):
            item = locator.nth(i)
            # Events go to the element itself: a popup's auto-pan can move later markers out of
            # the viewport, where a real mouse could not reach them.
            item.dispatch_event("mouseover")
            item.dispatch_event("click")
            opened += locator is places and page.locator(".leaflet-popup-content").count() > 0
    assert opened == places.count()  # every marker's popup opened
    assert page.evaluate("window.__pwned") is None and dialogs == []
    assert (
        page.locator(
            ".leaflet-popup-content script, .leaflet-popup-content img, "
            ".leaflet-tooltip script, .leaflet-tooltip img"
        ).count()
        == 0
    )
    assert offline_page.errors == []
