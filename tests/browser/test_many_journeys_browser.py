"""A round-up of 22 journeys, exported and opened offline: every drawn journey has its own
path, and pointing at it or clicking it names its own traveler. A screenshot of the map is
left beside the test's files (and in GEO_SCREENSHOTS, a folder, when set) to be looked at."""

from __future__ import annotations

import os
from pathlib import Path

from geo.export.html import to_html
from tests.helpers import many_journeys

# Each route path: its traveler (from the popup's <b>, parsed, never run), its status class,
# and the screen point half way along its drawn path, after bringing it to the front so that
# no other arc or marker takes the pointer there. Popups here do not pan the map: a pan still
# running under load moved the map between finding a route's point and clicking it.
ROUTES = """() => {
  const map = Object.values(window).find(v => window.L && v instanceof L.Map);
  window.__map = map;
  const found = [];
  map.eachLayer(layer => {
    const popup = layer.getPopup && layer.getPopup();
    if (popup) popup.options.autoPan = false;
    if (!(layer instanceof L.Polyline) || !layer._path
        || !layer._path.classList.contains('geo-route')) return;
    const html = String(layer.getPopup().getContent().innerHTML
                        ?? layer.getPopup().getContent());
    const bold = new DOMParser().parseFromString(html, 'text/html').querySelector('b');
    found.push({layer, traveler: bold ? bold.textContent : null});
  });
  window.__routes = found.map(f => f.layer);
  return found.map(({layer, traveler}, index) => ({index, traveler,
    d: layer._path.getAttribute('d') || '', status: layer._path.getAttribute('class')}));
}"""
POINT = """(index) => {
  const layer = window.__routes[index];
  layer.bringToFront();
  const path = layer._path, half = path.getTotalLength() / 2;
  // the point on a dash nearest the middle: a dashed line takes no pointer in its gaps
  for (let step = 0; step < 40; step++) {
    const length = half + (step % 2 ? 1 : -1) * Math.ceil(step / 2);
    const on = path.getPointAtLength(length);
    const at = new DOMPoint(on.x, on.y).matrixTransform(path.getScreenCTM());
    if (document.elementFromPoint(at.x, at.y) === path) return {x: at.x, y: at.y};
  }
  return null;
}"""
# The element under a screen point: the route's own path, or what covers it.
IS_ROUTE_AT = (
    """([index, x, y]) => document.elementFromPoint(x, y) === window.__routes[index]._path"""
)


def test_every_journey_is_drawn_and_names_its_own_traveler(offline_page, tmp_path):
    result = many_journeys()
    drawn = [r for r in result.routes if r.from_id is not None]
    path = tmp_path / "many-journeys.html"
    path.write_text(to_html(result), encoding="utf-8")
    page = offline_page.page
    page.goto(path.as_uri())
    page.locator("path.geo-route").first.wait_for()

    routes = page.evaluate(ROUTES)
    # none crosses ±180 here: one path per drawn journey, in the order of the journeys
    assert [r["traveler"] for r in routes] == [r.traveler or "Journey" for r in drawn]
    assert all(len(r["d"]) > 10 for r in routes)
    assert len({r["d"] for r in routes}) == len(routes)  # no two share a line
    tooltip = page.locator(".leaflet-tooltip")
    popup = page.locator(".leaflet-popup-content")
    for route, journey in zip(routes, drawn, strict=True):
        # the point is found again if the map was still settling (a layer drawn late under
        # load, or circles spread after the last popup panned the map, moved what lies
        # there between the look and the click); a route covered for good fails all tries
        for _ in range(3):
            at = page.evaluate(POINT, route["index"])
            assert at is not None, route
            page.mouse.move(at["x"], at["y"])
            tooltip.first.wait_for()
            if page.evaluate(IS_ROUTE_AT, [route["index"], at["x"], at["y"]]):
                assert tooltip.first.inner_text().startswith(f"{route['traveler']}: "), route
                page.mouse.click(at["x"], at["y"])
                popup.wait_for()
                if popup.locator("b").first.inner_text() == route["traveler"]:
                    break
                page.evaluate("() => { window.__map.closePopup(); }")
            page.mouse.move(0, 0)
            page.wait_for_timeout(300)  # let the map settle
        else:
            raise AssertionError(f"something else lies on {route}")
        assert popup.locator("mark").inner_text() == journey.evidence
        page.mouse.move(0, 0)
        # returns nothing: Playwright would take seconds to copy the map it returns
        page.evaluate("() => { window.__map.closePopup(); }")
        popup.wait_for(state="detached")
        page.wait_for_function("() => !window.__map._panAnim || !window.__map._panAnim._inProgress")

    # the legend scrolls rather than cover the map, and none of its rows is cut short
    legend = page.locator(".geo-legend")
    assert legend.evaluate("e => e.scrollHeight > e.clientHeight")
    rows = legend.locator(".geo-legend-row")
    assert rows.count() == 2 + 4 + 11 + 1  # places, line styles, colours, the undrawn one
    cut = legend.evaluate(
        "e => [...e.querySelectorAll('.geo-legend-row')]"
        ".filter(r => r.scrollWidth > r.clientWidth).map(r => r.textContent)"
    )
    assert cut == []
    shot = page.screenshot(full_page=False)
    assert shot[:8] == b"\x89PNG\r\n\x1a\n"
    (tmp_path / "many-journeys.png").write_bytes(shot)
    if folder := os.environ.get("GEO_SCREENSHOTS"):
        (Path(folder) / "many-journeys.png").write_bytes(shot)
    assert offline_page.errors == [] and page.evaluate("window.__pwned") is None
