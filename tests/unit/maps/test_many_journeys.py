"""A round-up of 22 journeys on one map (issue 14): each of the ten most travelled gets a colour
of their own that reads on white, the rest share grey, the legend stays short, journeys
between the same two places each have their own arc, and every arc names its traveler."""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from dataclasses import replace

import folium
import pytest

from geo.maps.arcs import bend
from geo.maps.colours import NO_TRAVELER_COLOUR, ROUTE_COLOURS, route_colours
from geo.maps.document import (
    build_map,
    geodesic_points,
    journey_highlight,
    map_legend,
    route_line,
)
from geo.maps.inert import Popup, Tooltip
from geo.model import Route
from tests.helpers import MOSCOW, VLADIVOSTOK, make_result, many_journeys

MANY = many_journeys()
DRAWN = [r for r in MANY.routes if r.from_id is not None]


def route_lines(m: folium.Map) -> list[folium.PolyLine]:
    layer = next(c for c in m._children.values() if getattr(c, "layer_name", "") == "Routes")
    return [
        c
        for c in layer._children.values()
        if isinstance(c, folium.PolyLine) and "geo-route" in c.options["className"]
    ]


def lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of a #rrggbb colour."""
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    xyz = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    )
    x, y, z = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz]
    return 116 * y - 16, 500 * (x - y), 200 * (y - z)


def contrast_on_white(colour: str) -> float:
    """WCAG contrast ratio of a #rrggbb colour against white."""
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def test_the_palette_tells_travelers_apart_and_reads_on_white():
    colours = (*ROUTE_COLOURS, NO_TRAVELER_COLOUR)
    assert len(set(colours)) == len(ROUTE_COLOURS) + 1 == 11
    for a, b in itertools.combinations(colours, 2):
        assert math.dist(lab(a), lab(b)) > 25, (a, b)  # CIE76: apart at a glance
    for colour in colours:
        assert contrast_on_white(colour) >= 3, colour  # WCAG 1.4.11, and the list's names


def test_the_ten_most_travelled_get_colours_of_their_own_the_rest_grey():
    colours = route_colours(MANY.routes)
    travelers = list(dict.fromkeys(r.traveler for r in MANY.routes if r.traveler))
    assert len(travelers) == 11
    own = {who: colours[who] for who in travelers if colours[who] != NO_TRAVELER_COLOUR}
    assert len(own) == 10 and len(set(own.values())) == 10
    # everyone with two journeys or more, then the first named of those with one
    assert set(travelers) - set(own) == {"Typhoon Saola"}
    assert colours["Kim Jong Un"] == ROUTE_COLOURS[0] and colours[None] == NO_TRAVELER_COLOUR


@pytest.mark.parametrize("count", [1, 9, 10, 11, 40])
def test_colours_and_legend_rows_stay_few_however_many_travel(count):
    routes = tuple(Route("vl", "mo", f"T{i}", None, None, "past", 0, "") for i in range(count))
    result = make_result(["Vladivostok, Moscow."], [VLADIVOSTOK, MOSCOW], routes=routes)
    colours = route_colours(routes)
    assert len({colours[r.traveler] for r in routes} - {NO_TRAVELER_COLOUR}) == min(count, 10)
    rows = re.findall(
        r'<div class="geo-legend-row" title="([^"]*)"><svg width="28"', legend(result)
    )
    travelers = [row for row in rows if row not in ("past", "planned", "hypothetical", "unknown")]
    assert len(travelers) == min(count, 11)
    if count > 10:
        assert travelers[-1] == f"{count - 10} other traveler{'s' if count > 11 else ''}"


def test_a_traveler_with_more_journeys_keeps_a_colour_over_earlier_ones():
    routes = tuple(Route("vl", "mo", f"T{i}", None, None, "past", 0, "") for i in range(10))
    late = Route("mo", "vl", "Late", None, None, "past", 0, "")
    colours = route_colours((*routes, late, late))
    assert colours["Late"] != NO_TRAVELER_COLOUR and colours["T9"] == NO_TRAVELER_COLOUR


def legend(result) -> str:
    return map_legend(result).html


def test_the_legend_lists_each_colour_of_the_map_once_and_every_status():
    m = build_map(MANY)
    page = legend(MANY)
    rows = re.findall(r'title="([^"]*)"><svg width="28"[^>]*><line [^>]*stroke="(#\w+)"', page)
    named = dict(rows)
    # the line styles first (four), then the eleven colours: ten travelers and one grey row
    assert [label for label, _ in rows[:4]] == ["past", "planned", "hypothetical", "unknown"]
    travelers = rows[4:]
    assert len(travelers) == 11 and len({colour for _, colour in travelers}) == 11
    assert travelers[-1] == ("1 other traveler or unknown", NO_TRAVELER_COLOUR)
    for line, route in zip(route_lines(m), DRAWN, strict=True):
        colour = line.options["color"]
        assert named.get(route.traveler or "", colour) == colour  # as the legend says
        assert colour in {c for _, c in travelers}
    assert "1 journey with no origin: not drawn" in page  # the delegation to Tokyo


def test_every_drawn_journey_has_a_popup_and_tooltip_naming_its_traveler():
    lines = route_lines(build_map(MANY))
    assert len(lines) == len(DRAWN) == 21  # none crosses ±180
    for line, route in zip(lines, DRAWN, strict=True):
        (popup,) = [c for c in line._children.values() if isinstance(c, Popup)]
        (tooltip,) = [c for c in line._children.values() if isinstance(c, Tooltip)]
        who = route.traveler or "Journey"
        html = popup.html.render()
        assert f"<b>{who}</b>" in html and f"<mark>{route.evidence}</mark>" in html
        assert tooltip.text.startswith(f"{who}: ") and f"({route.status})" in tooltip.text


def pairs() -> dict[frozenset, list[tuple[Route, list]]]:
    by_pair = defaultdict(list)
    for line, route in zip(route_lines(build_map(MANY)), DRAWN, strict=True):
        by_pair[frozenset((route.from_id, route.to_id))].append((route, line.locations))
    return by_pair


def middle(locations: list) -> tuple[float, float]:
    return tuple(locations[len(locations) // 2])


def test_journeys_between_the_same_places_either_way_each_have_their_own_arc():
    shared = {k: v for k, v in pairs().items() if len(v) > 1}
    # Moscow-Beijing three times, Vladivostok-Moscow, Beijing-Paris, Odesa-Istanbul twice
    assert sorted(len(v) for v in shared.values()) == [2, 2, 2, 3]
    for journeys in shared.values():
        for (a, first), (b, second) in itertools.combinations(journeys, 2):
            ends = {tuple(first[0]), tuple(first[-1])}
            assert ends == {tuple(second[0]), tuple(second[-1])}  # on the same two places
            (lat1, lon1), (lat2, lon2) = middle(first), middle(second)
            apart = math.hypot(lat1 - lat2, (lon1 - lon2) * math.cos(math.radians(lat1)))
            span = math.dist(first[0], first[-1])
            assert apart > 0.1 * span, (a.traveler, b.traveler)  # at least a tenth apart


def test_the_first_journey_between_two_places_is_the_shortest_path():
    for (route, locations), *_ in pairs().values():
        start, end = MANY.place(route.from_id), MANY.place(route.to_id)
        expected = geodesic_points(start.lat, start.lon, end.lat, end.lon)
        assert [tuple(p) for p in locations] == expected


def test_a_bent_arc_keeps_its_ends_and_its_sides_mirror():
    line = route_line(MANY, DRAWN[0])
    left, right = bend(line, 1), bend(line, -1)
    assert left.coords[0] == right.coords[0] == line.coords[0]
    assert left.coords[-1] == right.coords[-1] == line.coords[-1]
    assert bend(line, 0) is line
    centre = line.interpolate(0.5, normalized=True)
    out = [c.interpolate(0.5, normalized=True) for c in (left, right)]
    assert out[0].distance(centre) == pytest.approx(out[1].distance(centre), rel=0.05)
    assert out[0].distance(out[1]) > out[0].distance(centre)


def test_a_short_journey_bends_too():
    routes = tuple(Route(a, b, "X", None, None, "past", 0, "") for a, b in (("k", "l"), ("l", "k")))
    near = (("k", "Kherson", 46.6354, 32.6169), ("l", "Lviv", 46.0, 32.0))  # 85 km
    result = make_result(["Kherson, Lviv."], near, routes=routes)
    first, second = (route_line(result, r) for r in routes)
    assert len(first.coords) == 2 and len(second.coords) > 10
    assert second.interpolate(0.5, normalized=True).distance(first.centroid) > 0.05


def test_the_chosen_journey_glows_along_its_own_arc():
    m = build_map(MANY)
    for line, route in zip(route_lines(m), DRAWN, strict=True):
        (glow,) = journey_highlight(MANY, route)._children.values()
        assert glow.locations == line.locations


def test_the_same_journey_told_twice_still_has_two_arcs():
    twice = replace(MANY, routes=(DRAWN[0], replace(DRAWN[0])))
    lines = route_lines(build_map(twice))
    assert len(lines) == 2 and lines[0].locations != lines[1].locations
