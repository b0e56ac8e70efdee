"""Country outlines for the offline base map: world-atlas TopoJSON decoded to GeoJSON.

The 110m file is "stitched": rings that cross the antimeridian jump from +180 to -180,
which a flat map draws as a stripe across the world. Such rings are unwrapped and then
cut at ±180, so every coordinate lies within [-180, 180].
"""

from __future__ import annotations

import functools
import json
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING

from geo.kept import kept

if TYPE_CHECKING:
    from shapely.geometry import Polygon

ATLAS = {
    "110m": "assets/world-atlas/countries-110m.json",  # the base map: small and fast
    "50m": "assets/world-atlas/countries-50m.json",
}  # points inside countries, tests
_DIGITS = 4  # ~10 m: finer than the 110m data, and keeps the export small

Ring = list[list[float]]


def _resource(path: str) -> Traversable:
    node = files("geo")
    for part in path.split("/"):
        node = node / part
    return node


@functools.cache
@kept("country-outlines")  # decoded once per version of geo, not at each start
def country_outlines(scale: str = "110m") -> dict:
    """A GeoJSON FeatureCollection of countries, properties `name` and ISO numeric `id`.

    `scale` is Natural Earth's "110m" (the base map) or "50m" (finer: small countries and
    islands). Cached and shared: do not mutate it.
    """
    topology = json.loads(_resource(ATLAS[scale]).read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    return {
        "type": "FeatureCollection",
        "features": [_feature(g, arcs) for g in topology["objects"]["countries"]["geometries"]],
    }


def _decode_arcs(topology: dict) -> list[Ring]:
    """Absolute [lon, lat] points of every arc (quantized, delta-encoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append([round(x * sx + tx, _DIGITS), round(y * sy + ty, _DIGITS)])
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    """Join arcs into a ring; a negative index ~i means arc i reversed."""
    ring: Ring = []
    for i in indexes:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        # consecutive arcs share their junction point
        ring.extend(points if not ring else points[1:])
    return ring


def _feature(geometry: dict, arcs: list[Ring]) -> dict:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    out: list[list[Ring]] = []
    for polygon in polygons:
        rings = [_ring(r, arcs) for r in polygon]
        out.extend(_split_antimeridian(rings) if any(map(_crosses, rings)) else [rings])
    shape = (
        {"type": "Polygon", "coordinates": out[0]}
        if len(out) == 1
        else {"type": "MultiPolygon", "coordinates": out}
    )
    properties = {"name": geometry.get("properties", {}).get("name"), "id": geometry.get("id")}
    return {"type": "Feature", "properties": properties, "geometry": shape}


def _crosses(ring: Ring) -> bool:
    return any(abs(b[0] - a[0]) > 180 for a, b in zip(ring, ring[1:], strict=False))


def _unwrap(ring: Ring) -> Ring:
    """The ring with longitudes made continuous (they may leave [-180, 180])."""
    offset = 0.0
    out = [ring[0]]
    for a, b in zip(ring, ring[1:], strict=False):
        step = b[0] - a[0]
        if step > 180:
            offset -= 360
        elif step < -180:
            offset += 360
        out.append([b[0] + offset, b[1]])
    return out


def _split_antimeridian(rings: list[Ring]) -> list[list[Ring]]:
    """Polygons (shell, holes...) of one polygon cut at ±180 and shifted back into range."""
    import shapely  # only four rings need it: keep it off the import path
    from shapely.geometry import Polygon, box

    shell = _unwrap(rings[0])
    if shell[-1][0] != shell[0][0]:
        # it went once round the globe, so it encloses a pole (Antarctica): close via the pole
        pole = -90.0 if sum(p[1] for p in shell) < 0 else 90.0
        shell += [[shell[-1][0], pole], [shell[0][0], pole], shell[0]]
    west = min(p[0] for p in shell)
    holes = []
    for hole in map(_unwrap, rings[1:]):
        # put the hole in the same copy of the world as its shell
        shift = (hole[0][0] - west) % 360 - (hole[0][0] - west)
        holes.append([[x + shift, y] for x, y in hole])
    whole = shapely.make_valid(Polygon(shell, holes))
    pieces: list[list[Ring]] = []
    for k in (-1, 0, 1):
        part = shapely.intersection(whole, box(-180 + 360 * k, -90, 180 + 360 * k, 90))
        for poly in shapely.get_parts(part):
            if isinstance(poly, Polygon) and not poly.is_empty and poly.area > 0:
                pieces.append(_coords(poly, -360 * k))
    return pieces


def _coords(poly: Polygon, xoff: float) -> list[Ring]:
    return [
        [[round(x + xoff, _DIGITS), round(y, _DIGITS)] for x, y in ring.coords]
        for ring in (poly.exterior, *poly.interiors)
    ]
