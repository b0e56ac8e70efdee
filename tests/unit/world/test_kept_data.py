"""The map data kept on disk (geo.kept) come back equal to what geo makes from its sources."""

from __future__ import annotations

import json

import pytest

from geo.maps import basemap
from geo.maps.document import country_geometries
from geo.world import countries, outlines


def made_then_read(function, *args):
    """The value the kept layer makes (first call) and reads back (second), and the value of
    the function under it, made afresh."""
    kept_layer = function.__wrapped__  # under the in-memory cache
    return kept_layer(*args), kept_layer(*args), kept_layer.__wrapped__(*args)


@pytest.mark.parametrize(
    ("function", "args"),
    [
        (basemap.country_labels, ("fr",)),
        (basemap.town_labels, ()),
        (countries._capital_points, ()),
        (outlines.country_outlines, ("110m",)),
        (country_geometries, ()),
    ],
)
def test_read_back_equal_to_made(function, args, tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path))
    made, read, fresh = made_then_read(function, *args)
    if function is country_geometries:  # GeoJSON: tuples come back as lists, the same JSON
        made, read, fresh = (json.dumps(value, sort_keys=True) for value in (made, read, fresh))
    assert made == read == fresh
    assert type(read) is type(fresh)
    assert list((tmp_path / "derived").glob("*/*.json"))  # it was kept


def test_a_kept_capital_is_a_point_as_made(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path))
    _, read, _ = made_then_read(countries._capital_points)
    assert read["RU"] == pytest.approx((55.75, 37.62), abs=0.01)
    assert isinstance(read["RU"], tuple)
