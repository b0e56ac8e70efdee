"""build_map: markers, popups (escaped, marked), geodesic routes, framing, selection."""

from __future__ import annotations

from dataclasses import replace

import folium
import pytest
import shapely
from folium.plugins import Fullscreen, MarkerCluster, PolyLineTextPath
from shapely.geometry import Point, shape

from geo.maps.colours import route_colours
from geo.maps.document import (
    CLUSTER_FROM,
    KIND_ZOOM,
    MAX_RADIUS,
    build_map,
    geodesic_points,
    map_legend,
    marker_radius,
    popup_html,
    reading_order_layer,
    route_popup_html,
)
from geo.maps.inert import TextPath
from geo.maps.labels import FitLabels
from geo.model import Result, Route
from tests.helpers import (
    INJECTIONS,
    MOSCOW,
    RUSSIA,
    TRAIN,
    TRIP,
    VLADIVOSTOK,
    WASHINGTON,
    children,
    descendants,
    make_result,
)

HOSTILE = make_result(
    [f"In Moscow: {payload}" for payload in INJECTIONS],
    [MOSCOW],
    routes=(),
)
EMPTY = make_result(["Nothing to see."], [])
SINGLE_CITY = make_result(["Moscow."], [MOSCOW])
SINGLE_COUNTRY = make_result(["Russia."], [RUSSIA])


def layer(m: folium.Map, name: str):
    (found,) = [c for c in descendants(m) if getattr(c, "layer_name", None) == name]
    return found


def circles(m: folium.Map, class_name: str) -> list[folium.CircleMarker]:
    return [c for c in children(m, folium.CircleMarker) if c.options["className"] == class_name]


def places_on(m: folium.Map) -> list[folium.CircleMarker]:
    return circles(m, "geo-place")


def html_of(m: folium.Map) -> str:
    return m.get_root().render()


@pytest.mark.parametrize(
    "result, expected", [(EMPTY, 0), (SINGLE_CITY, 1), (TRIP, 3), (HOSTILE, 1)]
)
def test_one_marker_per_place(result, expected):
    assert len(places_on(build_map(result))) == expected


@pytest.mark.parametrize("mentions, radius", [(1, 6.0), (2, 10.0), (5, 14.0), (10_000, MAX_RADIUS)])
def test_marker_radius(mentions, radius):
    assert marker_radius(mentions) == pytest.approx(radius)


def test_radius_grows_with_mentions():
    result = make_result(
        ["Moscow, Vladivostok.", "Moscow.", "Moscow.", "Moscow, Washington, Vladivostok."],
        [VLADIVOSTOK, MOSCOW, WASHINGTON],
    )
    radius = {c.location[0]: c.options["radius"] for c in places_on(build_map(result))}
    assert radius[MOSCOW.lat] > radius[VLADIVOSTOK.lat] > radius[WASHINGTON.lat]


def test_popup_lists_each_passage_with_mention_marked():
    popup = popup_html(TRIP.place("mo"), {p.id: p for p in TRIP.passages})
    assert popup.count("<li>") == 2
    assert popup.count("<mark>Moscow</mark>") == 3
    assert "city · RU · 55.7520, 37.6180" in popup


@pytest.mark.parametrize("payload", INJECTIONS)
def test_article_text_comes_out_escaped(payload):
    page = html_of(build_map(HOSTILE))
    assert payload not in page
    popup = popup_html(HOSTILE.place("mo"), {p.id: p for p in HOSTILE.passages})
    # folium puts popup and tooltip HTML inside a JS template literal: nothing may end it
    for breaker in ("`", "${", "\\", "<script", "<img"):
        assert breaker not in popup


def test_escaped_payload_is_still_readable():
    popup = popup_html(HOSTILE.place("mo"), {p.id: p for p in HOSTILE.passages})
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in popup
    assert "&lt;img src=x onerror=alert(1)&gt;" in popup


def test_route_tooltip_and_popup_escaped():
    route = Route("vl", "mo", "<b>Kim</b>", "`train`", "${now}", "past", 0, "<script>x</script>")
    result = make_result(["Vladivostok to Moscow."], [VLADIVOSTOK, MOSCOW], routes=(route,))
    page = html_of(build_map(result))
    assert "<b>Kim</b>" not in page and "&lt;b&gt;Kim&lt;/b&gt;" in page
    assert "<script>x</script>" not in page and "${now}" not in page


def test_geodesic_across_the_pacific_is_continuous():
    points = geodesic_points(VLADIVOSTOK.lat, VLADIVOSTOK.lon, WASHINGTON.lat, WASHINGTON.lon)
    lons = [lon for _, lon in points]
    assert max(abs(b - a) for a, b in zip(lons, lons[1:], strict=False)) < 180
    assert points[0] == pytest.approx((VLADIVOSTOK.lat, VLADIVOSTOK.lon))
    assert points[-1][0] == pytest.approx(WASHINGTON.lat)
    assert (points[-1][1] - WASHINGTON.lon) % 360 == pytest.approx(0, abs=1e-6)
    assert max(lons) > 180  # it went east over the Pacific, not back across Eurasia


def routes_on(m: folium.Map) -> list[folium.PolyLine]:
    return [c for c in children(m, folium.PolyLine) if "geo-route" in c.options["className"]]


def test_routes_drawn_with_labels_and_origin_less_skipped():
    m = build_map(TRIP)
    lines = routes_on(m)
    # the route with from_id=None is not drawn; the Pacific one is drawn in both worlds
    assert len(lines) == 3
    labels = children(m, PolyLineTextPath)
    assert len(labels) == 3
    assert {a.text for a in labels} == {"◄ Kim Jong Un", "Kim ►"}
    for line in lines:
        lons = [lon for _, lon in line.locations]
        assert max(abs(b - a) for a, b in zip(lons, lons[1:], strict=False)) < 180


def test_westward_labels_are_flipped_upright_with_the_arrow_pointing_west():
    (label,) = [a for a in children(build_map(TRIP), PolyLineTextPath) if a.text.startswith("◄")]
    assert label.options["orientation"] == "flip"


@pytest.mark.parametrize(
    "status, dashes",
    [("past", None), ("planned", "8 6"), ("hypothetical", "2 6"), ("unknown", "10 4 2 4")],
)
def test_route_dashes_tell_the_status(status, dashes):
    route = Route("vl", "mo", None, None, None, status, 0, "")
    result = make_result(["Vladivostok to Moscow."], [VLADIVOSTOK, MOSCOW], routes=(route,))
    (line,) = routes_on(build_map(result))
    assert line.options.get("dashArray") == dashes
    assert f"geo-{status}" in line.options["className"].split()


def test_one_colour_per_traveler():
    routes = (
        Route("vl", "mo", "Kim Jong Un", None, None, "past", 0, ""),
        Route("mo", "wa", "Kim Jong Un", None, None, "past", 0, ""),
        Route("wa", "mo", "Putin", None, None, "past", 0, ""),
        Route("mo", "vl", None, None, None, "past", 0, ""),
    )
    result = make_result(
        ["Vladivostok, Moscow, Washington."], [VLADIVOSTOK, MOSCOW, WASHINGTON], routes=routes
    )
    colours = [line.options["color"] for line in routes_on(build_map(result))]
    assert colours[0] == colours[1] != colours[2] != colours[3] != colours[0]
    assert route_colours(routes)[None] == colours[3]


def test_a_route_across_the_pacific_ends_on_both_places():
    pacific = [r for r in TRIP.routes if r.to_id == "wa"]
    lines = routes_on(build_map(replace(TRIP, routes=tuple(pacific))))
    starts = {line.locations[0][1] for line in lines}
    ends = {line.locations[-1][1] for line in lines}
    assert VLADIVOSTOK.lon in starts and WASHINGTON.lon in ends
    assert all(line.locations[-1][1] - line.locations[0][1] > 100 for line in lines)  # eastward
    (dot,) = circles(build_map(TRIP), "geo-route-end")  # Vladivostok one world to the west
    assert (
        dot.location == [VLADIVOSTOK.lat, VLADIVOSTOK.lon - 360] and not dot.options["interactive"]
    )


def test_routes_between_the_same_places_get_their_labels_on_separate_lanes():
    routes = (
        Route("vl", "mo", "A", None, None, "past", 0, ""),
        Route("vl", "mo", "B", None, None, "past", 0, ""),
    )
    result = make_result(["Vladivostok to Moscow."], [VLADIVOSTOK, MOSCOW], routes=routes)
    offsets = [a.options["offset"] for a in children(build_map(result), PolyLineTextPath)]
    assert len(set(offsets)) == 2


def test_route_popup_marks_the_evidence_in_its_passage():
    text = "Kim Jong Un left Vladivostok for Moscow by armoured train."
    route = replace(
        TRAIN,
        evidence=text,
        evidence_start=0,
        evidence_end=len(text),
        origin_inferred=True,
        origin_reason="capital of <North Korea>",
        when_iso="2023-09",
    )
    popup = route_popup_html(TRIP, route, {p.id: p for p in TRIP.passages})
    assert f"<mark>{text}</mark>" in popup
    assert "Vladivostok → Moscow" in popup and "by train" in popup
    assert "September (2023-09)" in popup and "capital of &lt;North Korea&gt;" in popup


def test_route_popup_without_offsets_finds_the_sentence():
    route = Route("vl", "mo", None, None, None, "past", 1, "Moscow was cold.")
    popup = route_popup_html(TRIP, route, {p.id: p for p in TRIP.passages})
    assert "In Moscow he met the president. <mark>Moscow was cold.</mark>" in popup


def test_reading_order_layer_only_when_asked():
    names = {c.layer_name for c in children(build_map(TRIP), folium.FeatureGroup)}
    assert "Places in reading order" not in names
    order = layer(build_map(TRIP, reading_order=True), "Places in reading order")
    steps = [c for c in order._children.values() if isinstance(c, folium.PolyLine)]
    # Vladivostok, Moscow (twice in passage 1: one stop), Vladivostok, Washington; the last
    # step crosses ±180 and is drawn in both worlds
    assert len(steps) == 4
    assert all(c.options["className"] == "geo-reading-order" for c in steps)
    assert steps[0].locations[0] == [VLADIVOSTOK.lat, VLADIVOSTOK.lon]


def test_reading_order_steps_are_numbered_and_escaped():
    hostile = ("x", "<b>`Vlad`</b>", VLADIVOSTOK.lat, VLADIVOSTOK.lon)
    result = make_result(["Moscow, then <b>`Vlad`</b>."], [hostile, MOSCOW])
    m = folium.Map()
    reading_order_layer(result).add_to(m)
    page = html_of(m)
    assert "1. Moscow → &lt;b&gt;&#96;Vlad&#96;&lt;/b&gt;" in page and "<b>" not in page


def test_frames_on_places_not_countries():
    m = build_map(TRIP)
    (fit,) = [c for c in m._children.values() if type(c).__name__ == "FitBounds"]
    assert fit.bounds == [[38.895, -77.036], [55.752, 131.874]]


@pytest.mark.parametrize(
    "result, location, zoom",
    [
        (EMPTY, [20.0, 0.0], 2),
        (SINGLE_CITY, [MOSCOW.lat, MOSCOW.lon], 10),
        (SINGLE_COUNTRY, [55.75204, 37.61781], 5),  # Russia drawn at Moscow, its capital
    ],
)
def test_view_without_fit_bounds(result, location, zoom):
    m = build_map(result)
    assert not [c for c in m._children.values() if type(c).__name__ == "FitBounds"]
    assert m.location == location and m.options["zoom"] == zoom


def test_selected_place_gets_a_bigger_ring():
    m = build_map(TRIP, selected="mo")
    rings = circles(m, "geo-selected")
    assert len(rings) == 1 and rings[0].location == [55.752, 37.618]
    moscow = next(c for c in places_on(m) if c.location == [55.752, 37.618])
    assert rings[0].options["radius"] > moscow.options["radius"]
    assert rings[0].options["interactive"] is False


@pytest.mark.parametrize("selected", [None, "nowhere"])
def test_no_ring_without_a_known_selection(selected):
    m = build_map(TRIP, selected=selected)
    assert len(places_on(m)) == 3 and not circles(m, "geo-selected")


def test_outlines_layer_is_underneath_and_inert():
    (layer,) = children(build_map(EMPTY), folium.GeoJson)
    assert layer.options["interactive"] is False
    assert layer.options["pane"] == "geo-outlines"
    assert len(layer.data["features"]) > 100


def test_a_map_of_200_places_has_them_all_clustered():
    # its build time is a figure of geo bench maps, not a timed test
    paragraphs = [f"Item {i}: Place{i:03d} and Place{(i * 7) % 200:03d}." for i in range(200)]
    places = [
        (f"p{i}", f"Place{i:03d}", -60 + i * 0.6, -180 + i * 1.8, "city", "XX") for i in range(200)
    ]
    m = build_map(make_result(paragraphs, places))
    assert isinstance(layer(m, "Places"), MarkerCluster) and len(places_on(m)) == 200


def many_places(count: int) -> Result:
    names = [f"Place{i:03d}" for i in range(count)]
    places = [
        (f"p{i}", name, 40 + (i % 10) * 0.3, 10 + (i // 10) * 0.3, "city", "XX")
        for i, name in enumerate(names)
    ]
    return make_result([" ".join(names)], places)


def test_places_countries_and_routes_are_layers_in_a_layer_control():
    m = build_map(TRIP)
    assert [c.layer_name for c in children(m, folium.FeatureGroup)] == [
        "Countries",
        "Routes",
        "Places",
    ]
    assert len(children(m, folium.LayerControl)) == 1
    assert len(places_on(m)) == len(layer(m, "Places")._children) == 3
    assert {type(c) for c in layer(m, "Routes")._children.values()} == {
        FitLabels,
        folium.PolyLine,
        TextPath,
        folium.CircleMarker,
    }  # the labels' script, arcs, labels, a far end
    page = html_of(m)
    assert "L.control.layers(" in page
    for name in ("Countries", "Routes", "Places"):
        assert f'"{name}" : feature_group_' in page


def test_fullscreen_control():
    m = build_map(TRIP)
    assert len(children(m, Fullscreen)) == 1
    assert "L.control.fullscreen(" in html_of(m)


@pytest.mark.parametrize(
    "count, clustered", [(3, False), (CLUSTER_FROM - 1, False), (CLUSTER_FROM, True), (300, True)]
)
def test_many_places_are_clustered(count, clustered):
    m = build_map(many_places(count))
    places = layer(m, "Places")
    assert isinstance(places, MarkerCluster) is clustered
    assert len(places_on(m)) == count
    if clustered:
        # a place framed at a city's zoom (the app's focus) is never inside a cluster
        assert places.options["disableClusteringAtZoom"] <= KIND_ZOOM["city"]
        assert "L.markerClusterGroup(" in html_of(m)


def test_countries_named_are_drawn_as_inert_shapes_across_the_antimeridian():
    assert not children(layer(build_map(TRIP), "Countries"), folium.GeoJson)
    (shapes,) = children(layer(build_map(SINGLE_COUNTRY), "Countries"), folium.GeoJson)
    assert shapes.options["interactive"] is False
    (feature,) = shapes.data["features"]
    geometry = shape(feature["geometry"])
    west, _, east, _ = geometry.bounds
    assert west < -169 and east > 179  # Chukotka is drawn, on the other side of ±180
    assert geometry.contains(Point(37.618, 55.752))  # Moscow
    assert 500 < shapely.get_num_coordinates(geometry) < 4000  # simplified for the page


def test_legend_shows_what_the_map_draws_escaped():
    hostile = Route("vl", "mo", "<img src=x onerror=alert(1)>", None, None, "planned", 0, "x")
    result = make_result(
        ["Vladivostok to Moscow; Russia."], [VLADIVOSTOK, MOSCOW, RUSSIA], routes=(hostile,)
    )
    legend = map_legend(result)
    for text in (
        "city",
        "country",
        "a country the text names",
        "planned",
        "&lt;img src=x onerror=alert(1)&gt;",
    ):
        assert text in legend.html
    assert "<img" not in legend.html and "past" not in legend.html
    assert "<img" not in html_of(build_map(result))
    assert "a cluster" in map_legend(many_places(CLUSTER_FROM)).html
    assert "Journeys" not in map_legend(SINGLE_CITY).html


def test_a_compact_map_folds_its_layer_control_and_legend():
    result = make_result(["Vladivostok to Moscow; Russia."], [VLADIVOSTOK, MOSCOW, RUSSIA])
    full, compact = html_of(build_map(result)), html_of(build_map(result, compact=True))
    assert '"collapsed": false' in full and '"collapsed": true' in compact
    assert "<details open><summary>Legend" in map_legend(result).html
    assert "<details><summary>Legend" in map_legend(result, folded=True).html
