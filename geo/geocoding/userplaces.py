"""A geocoder over the reader's own places (CSV or GeoJSON files), asked before the gazetteer.

CSV: a header with at least `name,lat,lon`, optionally `kind`, `country_code`, `names`
(other names separated by `|`) and `id`. GeoJSON: Point features whose properties hold the
same keys (`names` may be a list).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from geo.errors import InputError
from geo.geocoding.base import Geocoder, locations, shape
from geo.ingest.invisible import visible
from geo.model import KINDS, Candidate
from geo.names import normalize

if TYPE_CHECKING:
    from geopy.location import Location


class UserPlaces(Geocoder):
    """An in-memory geocoder over places from files."""

    name = "user"

    def __init__(self, paths: Iterable[str | Path]) -> None:
        self._by_name: dict[str, list[Candidate]] = {}
        for path in paths:
            for candidate, names in _read(Path(path)):
                for key in {normalize(n) for n in names if n.strip()}:
                    self._by_name.setdefault(key, []).append(candidate)

    def __len__(self) -> int:
        return len({c.id for found in self._by_name.values() for c in found})

    def geocode(
        self, query: str, *, exactly_one: bool = True, language: str | None = None, limit: int = 25
    ) -> Location | list[Location] | None:
        return shape(locations(self._find(query, limit)), exactly_one)

    def candidates(
        self, query: str, *, language: str | None = None, limit: int = 25
    ) -> list[Candidate]:
        """The places of that name as read: no round trip through geopy Locations."""
        return self._find(visible(query).text, limit)

    def _find(self, query: str, limit: int) -> list[Candidate]:
        return self._by_name.get(normalize(query), [])[:limit]


def _read(path: Path) -> Iterator[tuple[Candidate, list[str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise InputError(f"cannot read the places file {path}: {err.strerror}") from err
    except UnicodeDecodeError as err:
        raise InputError(f"the places file {path} is not UTF-8 text") from err
    rows = (
        _geojson_rows(text, path)
        if path.suffix.lower() in {".geojson", ".json"}
        else csv.DictReader(text.splitlines())
    )
    for number, row in enumerate(rows, start=1):
        yield _candidate(row, f"{path.name}:{number}")


def _geojson_rows(text: str, path: Path) -> Iterator[dict]:
    try:
        data = json.loads(text)
        for feature in data["features"]:
            lon, lat = feature["geometry"]["coordinates"][:2]
            yield {**feature.get("properties", {}), "lat": lat, "lon": lon}
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as err:
        raise InputError(f"{path} is not a GeoJSON collection of points: {err}") from err


def _candidate(row: dict, where: str) -> tuple[Candidate, list[str]]:
    try:
        name = str(row["name"]).strip()
        lat, lon = float(row["lat"]), float(row["lon"])
    except (KeyError, TypeError, ValueError):
        raise InputError(f"{where}: a place needs a name, lat and lon") from None
    if not name or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(f"{where}: {name!r} has no name or coordinates out of range")
    kind = row.get("kind") or "other"
    if kind not in KINDS:
        raise InputError(f"{where}: kind must be one of {', '.join(KINDS)}")
    others = row.get("names") or []
    others = others.split("|") if isinstance(others, str) else list(others)
    candidate = Candidate(
        id=str(row.get("id") or f"user:{where}"),
        name=name,
        lat=lat,
        lon=lon,
        kind=kind,
        country_code=(row.get("country_code") or None),
        source="user",
    )
    return candidate, [name, *others]
