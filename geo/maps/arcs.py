"""Journeys as lines on the Earth: geodesic arcs as shapely LineStrings, split at the antimeridian.

Coordinates are (lon, lat), as in shapely and GeoJSON. `geodesic_line` unrolls longitudes so that
an arc over the Pacific is continuous (Vladivostok 131.9 -> Washington 283.0): Leaflet draws that
as one arc. GeoJSON wants longitudes within [-180, 180] and a line crossing the antimeridian cut
in two (RFC 7946, 3.1.9): `split_antimeridian`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from geographiclib.geodesic import Geodesic
from shapely import LineString, MultiLineString
from shapely.affinity import translate

from geo.model import Place

_STEP_M = 200_000  # one point per 200 km looks smooth at any zoom a journey is seen
_MAX_POINTS = 64
_BEND = 0.15  # how far a bent arc bows out per lane, as a share of the distance it spans
_BENT_POINTS = 33  # a bent arc has at least this many points, so that a short one curves too
TILE = 256  # pixels of the world at zoom 0 (Web Mercator)


def geodesic_line(lat1: float, lon1: float, lat2: float, lon2: float) -> LineString:
    """The shortest path on WGS84 from the first point to the second, longitudes unrolled.

    >>> line = geodesic_line(43.106, 131.874, 38.895, -77.036)
    >>> round(line.coords[-1][0], 3)  # Washington, one world to the east
    282.964
    """
    arc = Geodesic.WGS84.InverseLine(lat1, lon1, lat2, lon2)
    n = max(2, min(_MAX_POINTS, int(arc.s13 / _STEP_M) + 2))
    mask = Geodesic.LATITUDE | Geodesic.LONGITUDE | Geodesic.LONG_UNROLL
    points = []
    for i in range(n):
        pos = arc.Position(arc.s13 * i / (n - 1), mask)
        points.append((round(pos["lon2"], 5), round(pos["lat2"], 5)))
    return LineString(points)


def arc_between(start: Place, end: Place) -> LineString | None:
    """The geodesic arc from one place to another, or None if they stand on the same point."""
    if (start.lat, start.lon) == (end.lat, end.lon):
        return None
    return geodesic_line(start.lat, start.lon, end.lat, end.lon)


def bend(line: LineString, side: int) -> LineString:
    """The line bowed out to its left (`side` > 0) or right (< 0), the more the larger `side`,
    its ends kept: journeys between the same two places then each have their own arc.

    The bow is drawn in a plane where a degree of longitude is shrunk by the cosine of the
    latitude half way, as the map shows it near there; the points stay where they were along
    the line and move across it, most at the middle (a sine), not at all at the ends.

    >>> bent = bend(LineString([(0, 0), (10, 0)]), 1)
    >>> bent.coords[0], bent.coords[-1], round(bent.interpolate(0.5, normalized=True).y, 2)
    ((0.0, 0.0), (10.0, 0.0), 1.5)
    """
    if side == 0:
        return line
    (x0, y0), (x1, y1) = line.coords[0], line.coords[-1]
    shrink = math.cos(math.radians((y0 + y1) / 2)) or 1e-9
    dx, dy = (x1 - x0) * shrink, y1 - y0
    span = math.hypot(dx, dy)
    if span == 0:
        return line
    nx, ny = -dy / span, dx / span  # a unit step to the left of the way the line goes
    n = max(_BENT_POINTS, len(line.coords))
    points = []
    for i in range(n):
        at = line.interpolate(i / (n - 1), normalized=True)
        out = side * _BEND * span * math.sin(math.pi * i / (n - 1))
        lat = max(-89.0, min(89.0, at.y + out * ny))
        points.append((round(at.x + out * nx / shrink, 5), round(lat, 5)))
    points[0], points[-1] = line.coords[0], line.coords[-1]
    return LineString(points)


def crosses_antimeridian(line: LineString) -> bool:
    """Whether an unrolled line leaves [-180, 180]."""
    west, _, east, _ = line.bounds
    return west < -180 or east > 180


def other_world(line: LineString) -> LineString:
    """The same line one world over, so that it ends (or starts) at its place's own longitude."""
    west, _, east, _ = line.bounds
    return translate(line, xoff=-360 if east > 180 else 360)


def split_antimeridian(line: LineString) -> LineString | MultiLineString:
    """The line with longitudes in [-180, 180], cut where it crosses ±180 (RFC 7946).

    >>> split_antimeridian(LineString([(170, 0), (190, 10)])).geom_type
    'MultiLineString'
    """
    points = list(line.coords)
    parts: list[list[tuple[float, float]]] = [[(_wrap(points[0][0]), points[0][1])]]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        w0, w1 = _world(x0), _world(x1)
        if w0 != w1:  # the segment crosses the antimeridian of the world it leaves
            edge = 360 * max(w0, w1) - 180
            y = round(y0 + (y1 - y0) * (edge - x0) / (x1 - x0), 5)
            east = x1 > x0
            parts[-1].append((180.0 if east else -180.0, y))
            parts.append([(-180.0 if east else 180.0, y)])
        parts[-1].append((_wrap(x1), y1))
    kept = [p for p in parts if len(set(p)) > 1] or [parts[0] * 2]
    return LineString(kept[0]) if len(kept) == 1 else MultiLineString(kept)


def _world(lon: float) -> int:
    """Which copy of the world an unrolled longitude is in: 0 for [-180, 180)."""
    return math.floor((lon + 180) / 360)


def _wrap(lon: float) -> float:
    """A longitude brought into [-180, 180)."""
    return round(lon - 360 * _world(lon), 5)


def view(
    lines: Iterable[LineString],
    width: int,
    height: int,
    *,
    max_zoom: int = 10,
    padding: float = 0.85,
) -> tuple[tuple[float, float], int]:
    """Centre (lat, lon) and the largest whole zoom showing the lines on a map of that many pixels.

    The centre may lie beyond ±180 for an arc over the Pacific: Leaflet then shows that arc whole.
    """
    west, south, east, north = _bounds(lines)
    x0, x1 = (west + 180) / 360, (east + 180) / 360
    y0, y1 = _mercator_y(north), _mercator_y(south)
    dx, dy = max(x1 - x0, 1e-9), max(y1 - y0, 1e-9)
    zoom = math.floor(math.log2(min(width * padding / (dx * TILE), height * padding / (dy * TILE))))
    centre_y = (y0 + y1) / 2
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * centre_y))))
    return (round(lat, 5), round((west + east) / 2, 5)), max(1, min(max_zoom, zoom))


def _bounds(lines: Iterable[LineString]) -> tuple[float, float, float, float]:
    boxes = [line.bounds for line in lines]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _mercator_y(lat: float) -> float:
    """Web Mercator y of a latitude, 0 at the top of the world and 1 at the bottom."""
    lat = max(min(lat, 85.0511), -85.0511)
    s = math.sin(math.radians(lat))
    return 0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)
