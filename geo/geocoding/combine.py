"""Geocoders made of others: a fallback when the first fails, candidates merged from several."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from geo.errors import GeocoderError, warn
from geo.geocoding.base import Geocoder, locations, shape
from geo.model import Candidate

if TYPE_CHECKING:
    from geopy.location import Location


class FallbackGeocoder(Geocoder):
    """Ask `primary`; if it fails or finds nothing, warn and ask `fallback` (the gazetteer).

    After a failure the primary is left alone for `pause` seconds, so that a provider that is
    down costs one timeout per run, not one per name; what is answered meanwhile says so.
    Its candidates are the base's, through `geocode`: the fallback is decided in one place.
    """

    def __init__(
        self,
        primary: Geocoder,
        fallback: Geocoder,
        *,
        pause: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.primary, self.fallback = primary, fallback
        self.name = primary.name
        self._pause, self._clock = pause, clock
        self._failed_at: float | None = None

    def geocode(
        self, query: str, *, exactly_one: bool = True, language: str | None = None, limit: int = 25
    ) -> Location | list[Location] | None:
        found = None
        if self._paused():
            # not the failure's own message: it names another reader's place
            warn(
                f"{self.primary.name} failed less than {self._pause:.0f} s ago; using the "
                f"{self.fallback.name} instead"
            )
        else:
            try:
                found = self.primary.geocode(
                    query, exactly_one=exactly_one, language=language, limit=limit
                )
                self._failed_at = None
            except GeocoderError as err:
                self._failed_at = self._clock()
                warn(f"{err}; using the {self.fallback.name} instead")
        if found:
            return found
        return self.fallback.geocode(query, exactly_one=exactly_one, language=language, limit=limit)

    def _paused(self) -> bool:
        failed_at = self._failed_at
        return failed_at is not None and self._clock() - failed_at <= self._pause

    def health(self) -> str:
        """`ok`, or since when the primary has failed and whether it is still left alone:
        what an answer given now depends on (a cache of results keys on it)."""
        failed_at = self._failed_at
        if failed_at is None:
            return "ok"
        return f"{'paused' if self._paused() else 'due'} since {failed_at}"


class MergedGeocoder(Geocoder):
    """Candidates from several geocoders in turn (the reader's places first), without repeats."""

    def __init__(self, *geocoders: Geocoder) -> None:
        self.geocoders = geocoders
        self.name = geocoders[-1].name

    def geocode(
        self, query: str, *, exactly_one: bool = True, language: str | None = None, limit: int = 25
    ) -> Location | list[Location] | None:
        return shape(locations(self.candidates(query, language=language, limit=limit)), exactly_one)

    def candidates(
        self, query: str, *, language: str | None = None, limit: int = 25
    ) -> list[Candidate]:
        """Each geocoder's candidates in turn, the first of each id kept."""
        found: dict[str, Candidate] = {}
        for geocoder in self.geocoders:
            for candidate in geocoder.candidates(query, language=language, limit=limit):
                found.setdefault(candidate.id, candidate)
        return list(found.values())[:limit]

    def health(self) -> str:
        return ",".join(geocoder.health() for geocoder in self.geocoders)
