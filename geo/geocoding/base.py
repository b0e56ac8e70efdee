"""The geocoder contract every geocoder implements, and the helpers that build its answers.

The contract is geopy's: `geocode(query, *, exactly_one=True, language=None, limit=...)`
returning `geopy.location.Location` objects (or one, or None) whose `raw` keeps the provider's
record, plus `raw["candidate"]`, the record in geo's own terms. Caching and fallback wrap a
geocoder instead of living inside it.
"""

from __future__ import annotations

import abc
from dataclasses import asdict
from typing import TYPE_CHECKING

from geo.ingest.invisible import visible
from geo.model import Candidate

if TYPE_CHECKING:
    from geopy.location import Location
# geopy itself is imported where it is used: importing it loads every provider it knows, a
# tenth of a second of each command's start that the offline gazetteer does not need


class Geocoder(abc.ABC):
    """What every geocoder offers: a name, geopy's `geocode`, and `candidates` and `health`,
    which a geocoder overrides when it can do better than the defaults here."""

    name: str  # what answers and the cache say they came from ("gazetteer", "nominatim", ...)

    @abc.abstractmethod
    def geocode(
        self, query: str, *, exactly_one: bool = True, language: str | None = None, limit: int = 25
    ) -> Location | list[Location] | None:
        """geopy's answer: the best Location or None; with `exactly_one=False`, at most `limit`
        Locations or None. Each keeps `raw["candidate"]`, the place as a Candidate's fields."""

    def candidates(
        self, query: str, *, language: str | None = None, limit: int = 25
    ) -> list[Candidate]:
        """All candidates for a name, in this geocoder's order (characters that show nothing,
        a zero-width space pasted with the name, taken out). An override must take them out
        too: the contract test checks it."""
        query = visible(query).text
        found = self.geocode(query, exactly_one=False, language=language, limit=limit) or []
        return [Candidate(**loc.raw["candidate"]) for loc in found]

    def health(self) -> str:
        """What answers depend on besides the query: "ok", unless an online provider behind
        this geocoder has failed (see FallbackGeocoder.health)."""
        return "ok"


def candidates(
    geocoder: Geocoder, query: str, *, language: str | None = None, limit: int = 25
) -> list[Candidate]:
    """A geocoder's candidates for a name: `geocoder.candidates(...)`, as a function."""
    return geocoder.candidates(query, language=language, limit=limit)


def health(geocoder: Geocoder) -> str:
    """A geocoder's health: `geocoder.health()`, as a function."""
    return geocoder.health()


def locations(found: list[Candidate], raws: list[dict] | None = None) -> list[Location]:
    """geopy Locations for candidates, each keeping its provider record and the candidate."""
    from geopy.location import Location

    raws = raws or [{} for _ in found]
    return [
        Location(
            f"{c.name}, {c.country_code or ''}".rstrip(", "),
            (c.lat, c.lon),
            {**raw, "candidate": asdict(c)},
        )
        for c, raw in zip(found, raws, strict=False)
    ]


def shape(found: list[Location], exactly_one: bool) -> Location | list[Location] | None:
    """geopy's answer shape: one Location or None, or a non-empty list or None."""
    if exactly_one:
        return found[0] if found else None
    return found or None
