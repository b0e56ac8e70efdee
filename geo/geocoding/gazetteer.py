"""The embedded offline gazetteer as a geocoder: geo's default, needing no network."""

from __future__ import annotations

from typing import TYPE_CHECKING

from geo.gazetteer.index import Gazetteer, open_gazetteer
from geo.geocoding.base import Geocoder, locations, shape
from geo.ingest.invisible import visible
from geo.model import Candidate

if TYPE_CHECKING:
    from geopy.location import Location


class GazetteerGeocoder(Geocoder):
    """The embedded offline gazetteer as a geocoder (the default), opened when first asked."""

    name = "gazetteer"

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = open_gazetteer()
        return self._gazetteer

    def geocode(
        self, query: str, *, exactly_one: bool = True, language: str | None = None, limit: int = 25
    ) -> Location | list[Location] | None:
        return shape(locations(self.gazetteer.lookup(query, limit=limit)), exactly_one)

    def candidates(
        self, query: str, *, language: str | None = None, limit: int = 25
    ) -> list[Candidate]:
        """The gazetteer's candidates as they are: no round trip through geopy Locations."""
        return self.gazetteer.lookup(visible(query).text, limit=limit)
