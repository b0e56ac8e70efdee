"""The offline base map: which names show from which zoom, borders, the layer, inert names."""

from __future__ import annotations

import math
import re
from dataclasses import replace

import folium
import jinja2
import pytest

from geo.maps import basemap
from geo.maps.basemap import (
    COUNTRIES_UNTIL,
    NAME,
    BaseMap,
    Label,
    add_basemap,
    admin1_lines,
    basemap_json,
    labels,
    shown_at,
)
from geo.maps.document import build_map
from tests.helpers import MOSCOW, SCRIPT, make_result, place

QUEBEC = place("qc", "Québec", 46.812, -71.215, country="CA")


def named(name: str, kind: str) -> Label:
    (found,) = [x for x in labels() if (x.name, x.kind) == (name, kind) and _big(x)]
    return found


def _big(label: Label) -> bool:
    return label.kind != "city" or label.min_zoom <= 9  # not Moscow, Idaho


def km(a: Label, lat: float, lon: float) -> float:
    dy = math.radians(a.lat - lat)
    dx = math.radians(a.lon - lon) * math.cos(math.radians(lat))
    return 6371 * math.hypot(dx, dy)


@pytest.mark.parametrize(
    "name, kind, first_zoom",
    [
        ("Russia", "country", 1),  # the largest from the world's view
        ("Canada", "country", 1),
        ("Mongolia", "country", 2),
        ("France", "country", 3),
        ("Belgium", "country", 4),
        ("Luxembourg", "country", 6),
        ("Moscow", "capital", 3),
        ("Ottawa", "capital", 3),
        ("Reykjavík", "capital", 4),  # small capitals a zoom later
        ("Saint Petersburg", "city", 4),
        ("Québec", "city", 6),
        ("Khimki", "city", 8),  # a town beside Moscow
        ("Lévis", "city", 8),  # across the river from Québec
    ],
)
def test_each_kind_of_name_shows_from_its_zoom(name, kind, first_zoom):
    label = named(name, kind)
    assert label.min_zoom == first_zoom
    assert not label.shown_at(first_zoom - 1) and label.shown_at(first_zoom)


def test_zoomed_out_only_countries_then_capitals_then_towns():
    assert {label.kind for label in shown_at(1)} == {"country"}
    assert {"Russia", "United States", "China", "Brazil"} <= {x.name for x in shown_at(1)}
    assert {label.kind for label in shown_at(2)} == {"country"}
    assert {label.kind for label in shown_at(3)} == {"country", "capital"}
    assert "city" in {label.kind for label in shown_at(4)}
    # country names give way to towns when zoomed in
    assert named("Russia", "country").shown_at(COUNTRIES_UNTIL)
    assert {label.kind for label in shown_at(COUNTRIES_UNTIL + 1)} == {"capital", "city"}


def test_every_country_s_capital_is_named_from_zoom_3_or_4():
    capitals = [label for label in labels() if label.kind == "capital"]
    assert len(capitals) > 230
    assert {label.min_zoom for label in capitals} == {3, 4}
    assert {"Moscow", "Washington", "Pyongyang", "Paris", "Vaduz"} <= {x.name for x in capitals}
    assert not [x for x in labels() if x.kind == "city" and x.name == "Moscow" and _big(x)]


@pytest.mark.parametrize(
    "where, lat, lon, at_least",
    [("Moscow", 55.752, 37.618, 8), ("Québec", 46.812, -71.215, 2)],
)
def test_a_place_at_zoom_10_has_names_around_it(where, lat, lon, at_least):
    # what a map framed on a town shows (about 100 km across at zoom 10), before collisions
    around = [x.name for x in shown_at(10) if km(x, lat, lon) < 50]
    assert where in around and len(around) >= at_least


def test_districts_of_a_big_city_come_after_the_towns_around_it():
    (district,) = [x for x in labels() if x.name == "Mar’ino"]  # a district of Moscow
    assert district.min_zoom == basemap.DISTRICT_ZOOM
    assert named("Khimki", "city").min_zoom < district.min_zoom
    # within a kind, the most important first: that is the order in which names are placed
    towns = [x for x in labels() if x.kind == "city"]
    assert [x.min_zoom for x in towns] == sorted(x.min_zoom for x in towns)


def test_a_sparse_region_has_its_largest_town():
    # Yakutia: no town of 100,000 people for hundreds of km around Mirny
    (mirny,) = [x for x in labels() if x.name == "Mirny" and x.lon > 100]
    assert mirny.min_zoom == basemap.LOCAL_ZOOM


def test_country_names_in_the_language_of_the_text():
    fr = {x.name for x in labels("fr") if x.kind == "country"}
    assert {"Russie", "États-Unis", "Corée du Nord", "Canada"} <= fr
    # towns keep their GeoNames name; an unknown language gives English
    assert "Moscow" in {x.name for x in labels("fr") if x.kind == "capital"}
    assert "Russia" in {x.name for x in labels("zz") if x.kind == "country"}


def test_names_lie_in_their_country():
    russia, canada = named("Russia", "country"), named("Canada", "country")
    assert 50 < russia.lat < 75 and 30 < russia.lon < 180
    assert 45 < canada.lat < 75 and -140 < canada.lon < -55


def test_prepared_once_per_language():
    assert labels("fr") == labels("fr")
    assert basemap.country_labels("fr") is basemap.country_labels("fr")
    assert basemap.town_labels() is basemap.town_labels()
    assert basemap_json("fr") is basemap_json("fr")


def test_first_level_borders_of_the_big_countries_natural_earth_has():
    lines = admin1_lines()
    assert [f["properties"]["country"] for f in lines["features"]] == ["AUS", "BRA", "CAN", "USA"]
    for feature in lines["features"]:
        geometry = feature["geometry"]
        assert geometry["type"] in ("LineString", "MultiLineString")
        parts = geometry["coordinates"]
        points = parts if geometry["type"] == "LineString" else [p for line in parts for p in line]
        assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in points)


def test_a_light_layer_that_the_layer_control_turns_off():
    m = build_map(make_result(["Moscow."], [MOSCOW]))
    (layer,) = [c for c in m._children.values() if isinstance(c, BaseMap)]
    assert layer.layer_name == NAME == "Base map (offline)"
    assert layer.overlay and layer.control and layer.show
    page = m.get_root().render()
    assert f'"{NAME}" : {layer.get_name()}' in page  # an overlay of the layer control
    assert page.count("L.GeoBaseMap = L.Layer.extend") == 1
    assert "</" not in layer.code  # the script stays one <script>
    # under the tiles (200), on panes that take no pointer events
    for pane, z_index in (("geo-basemap-lines", 155), ("geo-basemap-labels", 160)):
        created = rf'createPane\(\s*"{pane}"\);\s*\w+\.style\.zIndex = {z_index};'
        assert re.search(created + r"\s*\w+\.style\.pointerEvents = 'none'", page)
    # a few hundred kB at most
    assert len(basemap_json("en").encode()) < 320_000


def test_the_text_s_language_names_the_countries():
    m = build_map(replace(make_result(["Québec."], [QUEBEC]), language="fr"))
    page = m.get_root().render()
    assert '"États-Unis"' in page and '"Québec"' in page


def test_names_are_data_never_template_source(monkeypatch):
    hostile = f"Zq9 {{{{ 7*7 }}}} {SCRIPT}"
    monkeypatch.setattr(basemap, "labels", lambda language="en": (Label(hostile, 1, 2, "city", 8),))
    basemap_json.cache_clear()
    sources: list[str] = []
    compile_source = jinja2.Environment.from_string

    def recording(self, source, *args, **kwargs):
        sources.append(str(source))
        return compile_source(self, source, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "from_string", recording)
    try:
        m = folium.Map(tiles=None)
        add_basemap(m)
        page = m.get_root().render()
    finally:
        basemap_json.cache_clear()
    assert not [s for s in sources if "Zq9" in s]
    assert "Zq9 {{ 7*7 }} \\u003cscript\\u003ewindow.__pwned=1\\u003c/script\\u003e" in page
    assert SCRIPT not in page
