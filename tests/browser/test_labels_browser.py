"""Labels on the map in a real browser, offline: an arc's label is shown only along its own arc
and over no other label, at the map's first view and after zooming in and out; the reading
order's steps are numbered where they fit and cross ±180 the short way, ending on the markers.
Screenshots are left beside the test's files (and in GEO_SCREENSHOTS, a folder, when set)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from geo.export.html import to_html
from geo.maps.document import build_map
from geo.maps.labels import ARC_MARGIN, BADGE_ARC, SLACK
from geo.maps.offline import inline_assets
from tests.helpers import MOSCOW, SCRIPT, VLADIVOSTOK, WASHINGTON, make_result, many_journeys

# Each label along an arc (a Leaflet.TextPath text node) and each step badge, in the order they
# were made: shown or not, its screen box, its arc's screen box, how far off its arc's box it
# may stand (a label: its offset, its font's size and `slack`; a badge: half its size and
# `slack`), how long its arc must be on screen (a label: its text's length and `margin`) and is.
LABELS = """([slack, margin, badgeArc]) => {
  const map = Object.values(window).find(v => window.L && v instanceof L.Map);
  const box = e => { const r = e.getBoundingClientRect();
                     return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  const labels = [], badges = [];
  map.eachLayer(layer => {
    if (layer._textNode && layer._path) {
      const node = layer._textNode, options = layer._textOptions;
      labels.push({text: node.textContent, box: box(node), arc: box(layer._path),
                   shown: getComputedStyle(node).visibility !== 'hidden',
                   slack: Math.abs(options.offset || 0) + 12 + slack,
                   needs: node.getComputedTextLength() + margin,
                   arcLength: layer._path.getTotalLength()});
    }
    if (layer._geoBadge) {
      const element = layer._geoBadge.element, size = element.getBoundingClientRect();
      badges.push({text: element.textContent, box: box(element), arc: box(layer._path),
                   shown: getComputedStyle(element).visibility !== 'hidden',
                   slack: Math.max(size.width, size.height) / 2 + slack, needs: badgeArc,
                   arcLength: layer._path.getTotalLength()});
    }
  });
  return {labels, badges};
}"""
VIEW = """([lat, lon, zoom]) => {
  const map = Object.values(window).find(v => window.L && v instanceof L.Map);
  map.setView([lat, lon], zoom, {animate: false});
}"""


def labels(page, kind: str = "labels") -> list[dict]:
    return page.evaluate(LABELS, [SLACK, ARC_MARGIN, BADGE_ARC])[kind]


def check(labels: list[dict]) -> list[dict]:
    """The labels shown, once checked: each lies on its own arc (within its box, as long as
    it at most) and over no other shown; a label hidden would not fit, or lies over one shown
    (else the rule hid more than it must)."""
    shown = [label for label in labels if label["shown"]]
    for label in shown:
        assert fits(label), label
        assert [o["text"] for o in shown if o is not label and overlap(label, o)] == [], label
    for label in labels:
        if not label["shown"]:
            assert not fits(label) or any(overlap(label, o) for o in shown), label
    return shown


def fits(label: dict) -> bool:
    box, arc, slack = label["box"], label["arc"], label["slack"]
    return (
        label["needs"] <= label["arcLength"]
        and box["left"] >= arc["left"] - slack
        and box["right"] <= arc["right"] + slack
        and box["top"] >= arc["top"] - slack
        and box["bottom"] <= arc["bottom"] + slack
    )


def overlap(one: dict, other: dict) -> bool:
    a, b = one["box"], other["box"]
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


def shot(page, tmp_path: Path, name: str) -> None:
    image = page.screenshot(full_page=False)
    (tmp_path / name).write_bytes(image)
    if folder := os.environ.get("GEO_SCREENSHOTS"):
        (Path(folder) / name).write_bytes(image)


def open_page(offline_page, tmp_path: Path, html: str):
    path = tmp_path / "map.html"
    path.write_text(html, encoding="utf-8")
    page = offline_page.page
    page.goto(path.as_uri())
    page.locator("path.geo-place").first.wait_for()
    page.wait_for_timeout(100)  # the labels are fitted once the map has settled
    return page


@pytest.mark.parametrize(
    "view",
    [None, (48.0, 20.0, 4), (46.5, 31.0, 6), (30.0, 40.0, 1)],
    ids=["first view", "zoomed in", "zoomed in more", "zoomed out"],
)
def test_arc_labels_lie_on_their_own_arcs_and_over_no_other(offline_page, tmp_path, view):
    page = open_page(offline_page, tmp_path, to_html(many_journeys()))
    if view is not None:
        page.evaluate(VIEW, list(view))
        page.wait_for_timeout(100)
    found = labels(page)
    assert len(found) == 21  # one per drawn journey: none crosses ±180 here
    # with no rule, a label longer than its arc is drawn detached, in the map's corner
    assert check(found), "no label shown"
    shot(page, tmp_path, f"labels-{'first' if view is None else view[2]}.png")
    assert offline_page.errors == []


def test_a_label_hidden_on_a_short_arc_shows_when_zoomed_in(offline_page, tmp_path):
    page = open_page(offline_page, tmp_path, to_html(many_journeys()))
    # Odesa - Istanbul: about 20 px at the first view, some 250 px at zoom 6
    assert [label["shown"] for label in labels(page) if "grain" in label["text"]] == [False]
    page.evaluate(VIEW, [43.7, 29.8, 6])
    page.wait_for_timeout(100)
    assert [label["shown"] for label in labels(page) if "grain" in label["text"]] == [True]


def reading_result():
    """Moscow, then Vladivostok, then Washington (across the Pacific), then Moscow; no journey."""
    return make_result(
        [f"From Moscow to Vladivostok {SCRIPT}, on to Washington, and back to Moscow."],
        [MOSCOW, VLADIVOSTOK, WASHINGTON],
    )


# Each reading step's line: its tooltip (parsed, never run), its screen points' largest jump, and
# where it starts and ends; where each place's marker is.
STEPS = """() => {
  const map = Object.values(window).find(v => window.L && v instanceof L.Map);
  const px = ll => map.latLngToContainerPoint(ll);
  const text = html => new DOMParser().parseFromString(String(html), 'text/html')
                                      .body.textContent.trim();
  const steps = [], places = {};
  map.eachLayer(layer => {
    if (layer instanceof L.Polyline && layer._path
        && layer._path.classList.contains('geo-reading-order')) {
      const points = layer.getLatLngs().map(px);
      const jumps = points.slice(1).map((p, i) => Math.abs(p.x - points[i].x));
      steps.push({tip: text(layer.getTooltip().getContent()), maxJump: Math.max(...jumps),
                  first: points[0], last: points[points.length - 1]});
    }
    if (layer instanceof L.CircleMarker && layer._path
        && layer._path.classList.contains('geo-place')) {
      places[text(layer.getTooltip().getContent())] = px(layer.getLatLng());
    }
  });
  return {steps, places};
}"""


def near(a: dict, b: dict) -> bool:
    return abs(a["x"] - b["x"]) < 1.5 and abs(a["y"] - b["y"]) < 1.5


def test_reading_order_is_numbered_and_crosses_the_pacific_the_short_way(offline_page, tmp_path):
    m = inline_assets(build_map(reading_result(), reading_order=True))
    page = open_page(offline_page, tmp_path, m.get_root().render())
    page.evaluate(VIEW, [45, 180, 2])  # the Pacific in the middle
    page.wait_for_timeout(100)
    seen = page.evaluate(STEPS)
    at = seen["places"]
    # the step over the Pacific is drawn twice: one copy leaves Vladivostok's marker, the
    # other arrives on Washington's; each other step joins its two markers
    assert [step["tip"] for step in seen["steps"]] == [
        "1. Moscow → Vladivostok",
        "2. Vladivostok → Washington",
        "2. Vladivostok → Washington",
        "3. Washington → Moscow",
    ]
    one, pacific, copy, three = seen["steps"]
    assert near(one["first"], at["Moscow"]) and near(one["last"], at["Vladivostok"])
    assert near(pacific["first"], at["Vladivostok"]) and near(copy["last"], at["Washington"])
    assert pacific["last"]["x"] > pacific["first"]["x"]  # east, over the Pacific
    assert near(three["first"], at["Washington"]) and near(three["last"], at["Moscow"])
    assert all(step["maxJump"] < 60 for step in seen["steps"])  # no leap across the map
    badges = labels(page, "badges")
    assert [badge["text"] for badge in badges] == ["1", "2", "2", "3"]
    assert {badge["text"] for badge in check(badges)} == {"1", "2", "3"}
    shot(page, tmp_path, "reading-order.png")
    page.evaluate(VIEW, [45, 180, 1])
    page.wait_for_timeout(100)
    check(labels(page, "badges"))
    assert offline_page.errors == [] and page.evaluate("window.__pwned") is None
