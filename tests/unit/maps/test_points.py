"""Where the map draws places: a country at its capital, with its routes ending there; towns
at their own point; the data keeps the gazetteer's point."""

from __future__ import annotations

import folium

from geo.export.formats import to_json
from geo.maps.document import AREA_RADIUS, build_map, place_radius
from geo.maps.points import as_drawn, map_point
from geo.maps.spread import SpreadMarkers
from geo.model import Route
from geo.world.countries import capital_point
from tests.helpers import (
    MOSCOW,
    RUSSIA,
    VLADIVOSTOK,
    children,
    make_result,
    place,
    synthetic_result,
)
from tests.unit.maps.test_document import places_on

CANADA = place("ca", "Canada", 60.108, -113.643, "country", country="CA")  # BC/Alberta border
ATLANTIS = place("at", "Atlantis", 10.0, -30.0, "country", country=None)


def test_a_country_is_drawn_at_its_capital():
    assert capital_point("RU") == (55.75204, 37.61781)
    assert map_point(RUSSIA) == capital_point("RU")
    assert map_point(CANADA) == capital_point("CA")  # Ottawa
    assert round(map_point(CANADA)[1]) == -76


def test_towns_and_countries_without_a_known_capital_keep_their_point():
    assert map_point(VLADIVOSTOK) == (VLADIVOSTOK.lat, VLADIVOSTOK.lon)
    assert map_point(ATLANTIS) == (10.0, -30.0)
    assert capital_point("AQ") is None  # Antarctica has none


def test_a_journey_to_a_country_ends_at_its_capital_on_the_map_only():
    trip = Route("vl", "ru", "Kim", "train", None, "past", 0, "Kim est allé en Russie.")
    result = make_result(["Kim went from Vladivostok to Russia."], [VLADIVOSTOK, RUSSIA], (trip,))
    drawn = as_drawn(result)
    assert drawn.place("ru").lat == capital_point("RU")[0]
    assert drawn.place("vl") == result.place("vl")
    m = build_map(result)
    (line,) = [p for p in children(m, folium.PolyLine) if "geo-route" in p.options["className"]]
    assert tuple(line.locations[-1]) == capital_point("RU")
    assert [tuple(c.location) for c in places_on(m)] == [
        capital_point("RU"),  # a country first, under the towns
        (VLADIVOSTOK.lat, VLADIVOSTOK.lon),
    ]
    assert '"lat": 61.524' in to_json(result)  # the data keeps the country's own point


def test_a_country_is_a_small_circle_drawn_under_the_towns():
    busy = make_result(["Russia. " * 30 + "Moscow."], [RUSSIA, MOSCOW])
    assert place_radius(busy.place("ru")) == AREA_RADIUS <= place_radius(busy.place("mo"))
    circles = places_on(build_map(busy))
    assert [tuple(c.location) for c in circles][0] == capital_point("RU")  # first: underneath


def test_the_spreading_script_comes_with_plain_circles_not_with_clusters():
    assert len(children(build_map(make_result(["Moscow."], [MOSCOW])), SpreadMarkers)) == 1
    assert not children(build_map(synthetic_result(300)), SpreadMarkers)
