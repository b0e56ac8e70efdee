"""Counting the points that lie within a distance of a place, looking only at the cells nearby.

Resolution asks, for every candidate of every name, how many other places of the text lie within
500 km: over all the text's places, that cost names x places. Points are kept in cells of one
degree; a query reads the cells its distance may reach, counts a cell whole when all of it is
inside, and measures the points of the other cells one by one, with the same haversine as
before, so that the count is the same.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable

Distance = Callable[[float, float, float, float], float]
_CELL = 1.0  # degrees
_EARTH_KM = 6371.0  # the radius of `geo.resolve.km`
_MARGIN_DEG = 0.01  # rows and columns read beyond the exact bound: rounding never loses a point
_MARGIN_KM = 0.01  # a cell is counted whole only this far inside the distance
_FEW = 4  # a cell with this few points is measured point by point (no corners to measure)
_SMALL = 32  # this few points are measured one by one: fewer steps than reading cells


class Points:
    """Points (lat, lon) to count within a distance of a place; `without` leaves one out."""

    __slots__ = ("_rows", "_odd", "_valid", "_excluded", "_distance")

    def __init__(self, points: Iterable[tuple[float, float]] = (), *, distance: Distance) -> None:
        self._distance = distance
        self._excluded: tuple[float, float] | None = None
        points = tuple(points)
        self._valid = tuple(p for p in points if _valid(*p))
        self._odd = tuple(p for p in points if not _valid(*p))  # NaN, out of range: always measured
        cells: dict[int, dict[int, list[tuple[float, float]]]] = {}
        for lat, lon in self._valid:
            cells.setdefault(_cell(lat), {}).setdefault(_cell(lon), []).append((lat, lon))
        self._rows = {row: (sorted(cols), cols) for row, cols in cells.items()}

    def __len__(self) -> int:
        return len(self._valid) + len(self._odd) - (self._excluded is not None)

    def without(self, point: tuple[float, float]) -> Points:
        """The same points but one occurrence of `point` (which must be among them)."""
        other = object.__new__(Points)
        other._rows, other._odd, other._valid = self._rows, self._odd, self._valid
        other._distance, other._excluded = self._distance, point
        return other

    def within(self, lat: float, lon: float, km: float) -> int:
        """How many points lie at most `km` from (lat, lon)."""
        count = sum(self._distance(lat, lon, *p) <= km for p in self._odd)
        if _valid(lat, lon) and len(self._valid) > _SMALL:
            count += self._nearby(lat, lon, km)
        else:
            # a point farther in latitude alone is farther: not measured
            reach = math.degrees(km / _EARTH_KM) + _MARGIN_DEG
            count += sum(
                self._distance(lat, lon, *p) <= km for p in self._valid if abs(p[0] - lat) <= reach
            )
        if self._excluded is not None:
            count -= self._distance(lat, lon, *self._excluded) <= km
        return count

    def _nearby(self, lat: float, lon: float, km: float) -> int:
        reach = math.degrees(km / _EARTH_KM) + _MARGIN_DEG
        spread = _longitudes(lat, reach)
        count = 0
        for row in range(_cell(max(-90.0, lat - reach)), _cell(min(90.0, lat + reach)) + 1):
            if row not in self._rows:
                continue
            cols, cells = self._rows[row]
            for first, last in _columns(lon, spread):
                for col in cols[bisect_left(cols, first) : bisect_right(cols, last)]:
                    count += self._count_cell(lat, lon, km, row, col, cells[col], spread < 90)
        return count

    def _count_cell(
        self,
        lat: float,
        lon: float,
        km: float,
        row: int,
        col: int,
        points: list[tuple[float, float]],
        bounded: bool,
    ) -> int:
        if (
            bounded
            and len(points) > _FEW
            and max(
                self._distance(lat, lon, row * _CELL + dy, col * _CELL + dx)
                for dy in (0, _CELL)
                for dx in (0, _CELL)
            )
            <= km - _MARGIN_KM
        ):
            # the farthest point of a cell this small and this near is one of its corners
            return len(points)
        return sum(self._distance(lat, lon, *p) <= km for p in points)


def _valid(lat: float, lon: float) -> bool:
    return -90 <= lat <= 90 and -180 <= lon <= 180  # False for NaN


def _cell(degrees: float) -> int:
    return math.floor(degrees / _CELL)


def _longitudes(lat: float, reach: float) -> float:
    """How many degrees of longitude a distance of `reach` degrees spans at its widest; 180 when
    it holds a pole."""
    if abs(lat) + reach >= 89.0:
        return 180.0
    ratio = math.sin(math.radians(reach)) / math.cos(math.radians(abs(lat) + reach))
    return 180.0 if ratio >= 1 else math.degrees(math.asin(ratio)) + _MARGIN_DEG


def _columns(lon: float, spread: float) -> list[tuple[int, int]]:
    """The ranges of cell columns (-180..180) that hold longitudes within `spread` of `lon`."""
    if spread >= 180:
        return [(_cell(-180.0), _cell(180.0))]
    low, high = lon - spread, lon + spread
    ranges = [(_cell(max(low, -180.0)), _cell(min(high, 180.0)))]
    if low < -180:
        ranges.append((_cell(low + 360), _cell(180.0)))
    if high > 180:
        ranges.append((_cell(-180.0), _cell(high - 360)))
    return ranges
