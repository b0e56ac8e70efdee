"""Routes in a real browser: an arc over the Pacific (Vladivostok -> Washington) is drawn as one
continuous arc, not as a line across the whole map, and its popup shows the passage, inert."""

from __future__ import annotations

from dataclasses import replace

from geo.export.html import to_html
from geo.model import Result
from tests.helpers import SCRIPT, VLADIVOSTOK, WASHINGTON, result_from

PARAGRAPHS = (f"Kim Jong Un flew from Vladivostok to Washington. {SCRIPT}",)

# For every route path: its SVG bounding box, the pixel jumps along its points, and where it
# starts and ends on screen; and where the two places are. The map is first set to world zoom.
MEASURE = """() => {
  const map = Object.values(window).find(v => window.L && v instanceof L.Map);
  map.setView([20, 0], 2, {animate: false});
  const px = ll => map.latLngToContainerPoint(ll);
  const routes = [], places = {};
  map.eachLayer(layer => {
    if (layer instanceof L.Polyline && layer._path
        && layer._path.classList.contains('geo-route')) {
      const points = layer.getLatLngs().map(px);
      const jumps = points.slice(1).map((p, i) => Math.abs(p.x - points[i].x));
      const box = layer._path.getBBox();
      routes.push({width: box.width, maxJump: Math.max(...jumps),
                   first: points[0], last: points[points.length - 1]});
    }
    if (layer instanceof L.CircleMarker && layer._path
        && layer._path.classList.contains('geo-place')) {
      const html = String(layer.getTooltip().getContent());  // parsed, never run
      const name = new DOMParser().parseFromString(html, 'text/html').body.textContent.trim();
      places[name] = px(layer.getLatLng());
    }
  });
  return {width: map.getSize().x, routes, places};
}"""


def pacific_result() -> Result:
    result = result_from(PARAGRAPHS, places=(VLADIVOSTOK, WASHINGTON), traveler=f"Kim {SCRIPT}")
    (route,) = result.routes
    return replace(result, routes=(replace(route, status="past", mode="plane", mode_kind="plane"),))


def open_export(offline_page, tmp_path):
    path = tmp_path / "pacific.html"
    path.write_text(to_html(pacific_result()), encoding="utf-8")
    page = offline_page.page
    page.goto(path.as_uri())
    page.locator("path.geo-route").first.wait_for()
    return page


def near(a: dict, b: dict) -> bool:
    return abs(a["x"] - b["x"]) < 1.5 and abs(a["y"] - b["y"]) < 1.5


def test_a_route_over_the_pacific_is_one_continuous_arc(offline_page, tmp_path):
    page = open_export(offline_page, tmp_path)
    seen = page.evaluate(MEASURE)
    half = seen["width"] / 2
    vladivostok, washington = seen["places"]["Vladivostok"], seen["places"]["Washington"]
    # a straight line between the two markers would cross most of the map
    assert abs(vladivostok["x"] - washington["x"]) > half
    assert len(seen["routes"]) == 2  # the arc, and its copy one world over
    for route in seen["routes"]:
        assert 0 < route["width"] < half, route
        assert route["maxJump"] < 40, route  # no segment leaps across the map
        assert route["last"]["x"] > route["first"]["x"]  # it heads east, over the Pacific
    # one copy leaves the Vladivostok marker, the other arrives on the Washington marker
    assert any(near(r["first"], vladivostok) for r in seen["routes"])
    assert any(near(r["last"], washington) for r in seen["routes"])
    assert offline_page.errors == []


def test_route_popup_shows_its_passage_and_runs_nothing(offline_page, tmp_path):
    page = open_export(offline_page, tmp_path)
    page.evaluate("""() => {
      const map = Object.values(window).find(v => window.L && v instanceof L.Map);
      const routes = [];
      map.eachLayer(l => { if (l instanceof L.Polyline && l._path
                               && l._path.classList.contains('geo-route')) routes.push(l); });
      routes[0].openPopup();
    }""")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "Vladivostok → Washington" in text and "by plane" in text and SCRIPT in text
    assert popup.locator("mark").inner_text().startswith("Kim Jong Un flew")
    labels = page.locator("text.geo-route-label")
    assert labels.count() == 2 and SCRIPT in labels.first.text_content()
    assert page.locator(".leaflet-popup-content script, svg script").count() == 0
    assert page.evaluate("window.__pwned") is None and offline_page.errors == []
