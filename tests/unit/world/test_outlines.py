"""Country outlines: TopoJSON decoding and the antimeridian fix."""

from __future__ import annotations

import pytest

from geo.world import outlines
from geo.world.outlines import country_outlines

# a topology with two arcs sharing a point, quantized with scale 1 and translate (10, 20)
TINY = {
    "transform": {"scale": [1, 1], "translate": [10, 20]},
    "arcs": [[[0, 0], [2, 0], [0, 2]], [[2, 2], [-2, 0], [0, -2]]],
}


def feature(name: str) -> dict:
    return next(f for f in country_outlines()["features"] if f["properties"]["name"] == name)


def rings(f: dict) -> list[list[list[float]]]:
    g = f["geometry"]
    polygons = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
    return [ring for polygon in polygons for ring in polygon]


def test_decode_delta_encoded_arcs():
    arcs = outlines._decode_arcs(TINY)
    assert arcs == [[[10, 20], [12, 20], [12, 22]], [[12, 22], [10, 22], [10, 20]]]
    assert outlines._ring([0, 1], arcs) == [[10, 20], [12, 20], [12, 22], [10, 22], [10, 20]]
    assert outlines._ring([~1, ~0], arcs)[:3] == [[10, 20], [10, 22], [12, 22]]


def test_feature_collection_with_name_and_numeric_id():
    fc = country_outlines()
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 177
    assert feature("Russia")["properties"] == {"name": "Russia", "id": "643"}
    assert all(set(f["properties"]) == {"name", "id"} for f in fc["features"])


def test_cached():
    assert country_outlines() is country_outlines()


def test_russia_has_no_ring_spanning_half_the_world():
    for ring in rings(feature("Russia")):
        lons = [lon for lon, _ in ring]
        assert max(lons) - min(lons) <= 180


@pytest.mark.parametrize("name", ["Russia", "Fiji"])
def test_split_at_the_antimeridian(name):
    parts = rings(feature(name))
    for ring in parts:
        lons = [lon for lon, _ in ring]
        assert -180 <= min(lons) and max(lons) <= 180
        assert max(abs(b - a) for a, b in zip(lons, lons[1:], strict=False)) <= 180
    # the cut leaves a piece on each side of the line
    assert any(max(lon for lon, _ in r) == 180 for r in parts)
    assert any(min(lon for lon, _ in r) == -180 for r in parts)


def test_every_country_within_range():
    for f in country_outlines()["features"]:
        for ring in rings(f):
            assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in ring)
            assert ring[0] == ring[-1]


def test_antarctica_closes_over_the_pole():
    (main, *_) = sorted(rings(feature("Antarctica")), key=len, reverse=True)
    assert min(lat for _, lat in main) == -90
    assert {min(lon for lon, _ in main), max(lon for lon, _ in main)} == {-180, 180}


def test_outlines_are_decoded_once():
    # every map of the app draws them: decoded once a process (its time: geo bench maps)
    outlines.country_outlines.cache_clear()
    assert country_outlines() is country_outlines()
    assert outlines.country_outlines.cache_info().misses == 1
