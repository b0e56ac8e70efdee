"""The reading-order layer: a numbered, directed path joining the places in the order the text
names them, which takes the short way across ±180 and ends on the markers where they are."""

from __future__ import annotations

import folium
import pytest

from geo.maps.document import reading_order_layer, reading_steps
from geo.maps.inert import Tooltip
from geo.maps.labels import FitLabels, StepBadge
from tests.helpers import MOSCOW, VLADIVOSTOK, WASHINGTON, make_result

# Moscow, Vladivostok, then Washington over the Pacific
PACIFIC = make_result(
    ["Moscow first, then Vladivostok, then Vladivostok again, then Washington."],
    [MOSCOW, VLADIVOSTOK, WASHINGTON],
)


def lines(layer: folium.FeatureGroup) -> list[folium.PolyLine]:
    return [c for c in layer._children.values() if isinstance(c, folium.PolyLine)]


def tip(line: folium.PolyLine) -> str:
    (tooltip,) = [c for c in line._children.values() if isinstance(c, Tooltip)]
    return tooltip.text


def test_steps_follow_the_text_a_place_named_again_making_no_step():
    assert [(a.name, b.name) for a, b in reading_steps(PACIFIC)] == [
        ("Moscow", "Vladivostok"),
        ("Vladivostok", "Washington"),
    ]


def test_a_step_over_the_pacific_ends_on_both_markers():
    moscow_vladivostok, *pacific = lines(reading_order_layer(PACIFIC))
    assert len(pacific) == 2  # the step, and its copy one world over
    vladivostok = [VLADIVOSTOK.lat, VLADIVOSTOK.lon]
    washington = [WASHINGTON.lat, WASHINGTON.lon]
    assert pacific[0].locations[0] == vladivostok  # leaves the marker eastward ...
    assert pacific[1].locations[-1] == washington  # ... and its copy arrives on the other
    for line in pacific:
        lons = [lon for _, lon in line.locations]
        assert lons[-1] - lons[0] == pytest.approx(360 - (VLADIVOSTOK.lon - WASHINGTON.lon))
        assert max(abs(b - a) for a, b in zip(lons, lons[1:], strict=False)) < 10
    # the other step is drawn once, from marker to marker
    assert moscow_vladivostok.locations[0] == [MOSCOW.lat, MOSCOW.lon]
    assert moscow_vladivostok.locations[-1] == vladivostok


def test_each_step_is_numbered_on_its_line_and_in_its_tooltip():
    layer = reading_order_layer(PACIFIC)
    badges = [c for c in layer._children.values() if isinstance(c, StepBadge)]
    assert [(b.number, b.line) for b in badges] == list(zip([1, 2, 2], lines(layer), strict=True))
    assert [tip(line) for line in lines(layer)] == [
        "1. Moscow → Vladivostok",
        "2. Vladivostok → Washington",
        "2. Vladivostok → Washington",
    ]
    assert [type(c) for c in layer._children.values()][0] is FitLabels


def test_names_are_escaped_and_badges_carry_only_numbers():
    hostile = ("x", "<b>`Vlad`${x}</b>", VLADIVOSTOK.lat, VLADIVOSTOK.lon)
    result = make_result(["Moscow, then <b>`Vlad`${x}</b>."], [MOSCOW, hostile])
    layer = reading_order_layer(result)
    (line,) = lines(layer)
    assert tip(line) == "1. Moscow → &lt;b&gt;&#96;Vlad&#96;&#36;{x}&lt;/b&gt;"
    m = folium.Map()
    layer.add_to(m)
    page = m.get_root().render()
    assert "<b>`Vlad`" not in page and "geoLabels.badge(" in page


def test_places_on_one_point_make_a_step_with_no_line_and_keep_the_numbers():
    twin = ("tw", "Twin", MOSCOW.lat, MOSCOW.lon)
    result = make_result(["Moscow, Twin, Vladivostok."], [MOSCOW, twin, VLADIVOSTOK])
    layer = reading_order_layer(result)
    assert [tip(line) for line in lines(layer)] == ["2. Twin → Vladivostok"]


def test_no_step_no_script():
    layer = reading_order_layer(make_result(["Moscow."], [MOSCOW]))
    assert not layer._children
