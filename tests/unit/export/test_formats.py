"""Routes in the JSON contract and as GeoJSON lines (RFC 7946: lon/lat, cut at the antimeridian)."""

from __future__ import annotations

import json

import pytest
from shapely import LineString

from geo.export.formats import to_dict, to_geojson, to_json
from geo.maps.arcs import split_antimeridian
from geo.model import STATUSES
from tests.helpers import TRIP

OLD_KEYS = {
    "from",
    "to",
    "traveler",
    "mode",
    "when",
    "status",
    "passage",
    "evidence",
    "origin_inferred",
}
NEW_KEYS = {
    "when_iso",
    "evidence_start",
    "evidence_end",
    "origin_reason",
    "journey",
    "leg",
    "mode_kind",
}


def route_features(result=TRIP) -> list[dict]:
    return [f for f in to_geojson(result)["features"] if f["geometry"]["type"] != "Point"]


def test_route_keys_keep_the_old_contract_and_add_the_new():
    for route in to_dict(TRIP)["routes"]:
        assert set(route) == OLD_KEYS | NEW_KEYS
        assert route["status"] in STATUSES
    assert json.loads(to_json(TRIP))["routes"][0]["from"] == "vl"


def test_seed_routes_in_json_point_at_places(seed_result):
    data = to_dict(seed_result)
    ids = {p["id"] for p in data["places"]}
    for route in data["routes"]:
        assert route["to"] in ids and route["from"] in ids
        assert (
            seed_result.text[route["evidence_start"] : route["evidence_end"]] == route["evidence"]
        )


def test_geojson_routes_are_geodesic_lines_in_lon_lat_order():
    first, pacific = route_features()  # the origin-less route has no line
    coords = first["geometry"]["coordinates"]
    assert first["geometry"]["type"] == "LineString" and len(coords) > 2
    assert coords[0] == [131.874, 43.106] and coords[-1] == [37.618, 55.752]  # lon, lat
    assert (
        first["properties"]["from_name"] == "Vladivostok"
        and first["properties"]["document"] == "sample"
    )
    assert set(first["properties"]) >= OLD_KEYS | NEW_KEYS


def test_a_route_across_the_antimeridian_is_cut_in_two():
    pacific = route_features()[1]["geometry"]
    assert pacific["type"] == "MultiLineString"
    east, west = pacific["coordinates"]
    assert east[0] == [131.874, 43.106] and west[-1] == [-77.036, 38.895]
    assert east[-1][0] == 180.0 and west[0][0] == -180.0 and east[-1][1] == west[0][1]
    for part in (east, west):
        assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in part)


@pytest.mark.parametrize(
    "coords, parts",
    [
        ([(10, 0), (20, 5)], 1),
        ([(170, 0), (190, 10)], 2),
        ([(-170, 0), (-190, 10)], 2),
        ([(100, 0), (200, 0), (300, 0)], 2),
        ([(190, 0), (200, 5)], 1),
    ],
)
def test_split_antimeridian(coords, parts):
    split = split_antimeridian(LineString(coords))
    pieces = list(getattr(split, "geoms", [split]))
    assert len(pieces) == parts
    assert all(-180 <= x <= 180 for piece in pieces for x, _ in piece.coords)
