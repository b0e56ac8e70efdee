"""The app's layout at 1440x900 and 1280x720: the map takes most of the width and at least
600 px of height; a click on any marker of the sample (at the first view, with no help from
the test) shows that place's panel beside the map without scrolling; the journeys list and
the download buttons are whole, and a journey clicked in the list is framed; the map stays in view while correcting. Screenshots are left
in GEO_SCREENSHOTS (a folder) when it is set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.conftest import (
    FIRST_MAP_MS,
    FRAME,
    heading,
    live_map,
    settled_circles,
    wait_ms,
)

VIEWPORTS = [(1440, 900), (1280, 720)]


def inside(box: dict, width: int, height: int) -> bool:
    """Whether a bounding box lies wholly in the window."""
    return (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= width + 0.5
        and box["y"] + box["height"] <= height + 0.5
    )


def screenshot(page, name: str) -> None:
    if folder := os.environ.get("GEO_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name))


@pytest.fixture(params=VIEWPORTS, ids=lambda v: f"{v[0]}x{v[1]}")
def window(request, app, offline_page_allowing):
    width, height = request.param
    page = offline_page_allowing(*app.prefixes, viewport=(width, height)).page
    page.goto(app.url)
    # the sample mapped, as drawn at first (no helper frames a marker)
    live_map(page).locator("path.geo-place").first.wait_for(timeout=wait_ms(FIRST_MAP_MS))
    return page, width, height


def test_the_map_is_wide_and_tall_and_wholly_in_view(window):
    page, width, height = window
    main = page.get_by_test_id("stMain").bounding_box()
    box = page.locator(FRAME).bounding_box()
    assert box["height"] >= 600 and inside(box, width, height), box
    assert box["width"] >= 0.6 * main["width"], (box, main)


def test_every_marker_opens_its_own_panel_beside_the_map(window):
    from playwright.sync_api import expect

    page, width, height = window
    names = [c["name"] for c in settled_circles(live_map(page))]
    assert len(names) >= 10
    for name in names:
        # the circle where it is drawn now (a rerun may have drawn the map again), clicked
        # where a reader would: at its centre, in the page
        circle = next(c for c in settled_circles(live_map(page)) if c["name"] == name)
        at = page.locator(FRAME).bounding_box()
        assert circle["own"], circle
        page.mouse.click(at["x"] + circle["x"], at["y"] + circle["y"])
        title = heading(page, name)
        expect(title).to_be_visible(timeout=wait_ms(FIRST_MAP_MS))
        facts = page.locator("table.geo-facts")
        passage = page.locator("blockquote.geo-passage").first
        expect(passage).to_be_visible()
        for part in (title, facts, passage):
            box = part.bounding_box()
            assert box and inside(box, width, height), (name, box)  # seen without scrolling
        assert page.evaluate("() => window.scrollY") == 0
    screenshot(page, f"app-panel-{width}x{height}.png")


def test_the_journeys_and_the_buttons_are_whole(window):
    page, width, _ = window
    table = page.locator("table.geo-journeys")
    table.scroll_into_view_if_needed()
    headers = table.locator("th").all_inner_texts()
    assert headers == ["Traveler", "From → To", "When", "How", "Status"], headers
    assert table.locator("tbody tr").count() == 5
    # the list fits the page's width, whole: nothing is cut or scrolled sideways
    fits = (
        "t => { const box = t.parentElement || t.getRootNode().host;"  # in a shadow root
        " return t.scrollWidth <= box.clientWidth + 1 && t.scrollWidth <= innerWidth; }"
    )
    assert table.evaluate(fits), "sideways scroll"
    for cell in table.locator("td").all():
        assert cell.evaluate("c => c.scrollWidth <= c.clientWidth + 1"), cell.inner_text()
    buttons = page.get_by_test_id("stDownloadButton").locator("button")
    assert buttons.count() == 5
    for i in range(buttons.count()):
        button = buttons.nth(i)
        assert button.evaluate("b => b.scrollWidth <= b.clientWidth"), button.inner_text()
        assert "…" not in button.inner_text()


def test_a_journey_clicked_in_the_list_shows_its_passage_and_frames_the_map(window):
    from playwright.sync_api import expect

    page, _, _ = window
    row = page.locator("table.geo-journeys tbody tr").nth(3)
    row.scroll_into_view_if_needed()
    row.click()
    passage = page.locator(".geo-journey")
    expect(passage).to_contain_text("Sergueï Choïgou", timeout=wait_ms(FIRST_MAP_MS))
    expect(row).to_have_attribute("aria-selected", "true")
    # the map draws that journey's glow over its arc
    selected = live_map(page).locator("path.geo-route-selected")
    selected.first.wait_for(state="attached", timeout=wait_ms(FIRST_MAP_MS))
    row = page.locator("table.geo-journeys tbody tr").nth(3)
    row.press("Enter")  # picked again, from the keyboard: unpicked
    expect(passage).to_have_count(0, timeout=wait_ms(FIRST_MAP_MS))
    expect(row).to_have_attribute("aria-selected", "false")
    expect(row).to_be_focused()  # the keyboard stays where it was


def test_the_map_stays_in_view_while_correcting(window):
    from playwright.sync_api import expect

    page, width, height = window
    circle = next(c for c in settled_circles(live_map(page)) if c["name"] == "Washington")
    at = page.locator(FRAME).bounding_box()
    page.mouse.click(at["x"] + circle["x"], at["y"] + circle["y"])
    expect(heading(page, "Washington")).to_be_visible(timeout=wait_ms(FIRST_MAP_MS))
    choice = page.get_by_test_id("stMain").get_by_text("Another candidate")
    choice.scroll_into_view_if_needed()  # within the panel, which scrolls inside
    expect(choice).to_be_visible()
    assert page.evaluate("() => window.scrollY") == 0
    box = page.locator(FRAME).bounding_box()
    assert inside(box, width, height), box
    screenshot(page, f"app-correcting-{width}x{height}.png")
