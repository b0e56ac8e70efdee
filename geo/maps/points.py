"""Where the map draws a place: a country at its capital, where a reader looks for it.

A country's point in the gazetteer is near its middle (Russia's is in central Siberia), and a
reader takes the end of an arc for the destination: on the map, a journey to Russia ends in
Moscow and Russia's marker stands there, over its shaded outline. The data files keep the
gazetteer's point. A country whose capital is not among GeoNames' towns of 15,000 people
keeps its own point.
"""

from __future__ import annotations

from dataclasses import replace

from geo.model import Place, Result
from geo.world.countries import capital_point


def map_point(place: Place) -> tuple[float, float]:
    """(lat, lon) where the map draws `place`."""
    if place.kind == "country" and place.country_code:
        at = capital_point(place.country_code)
        if at is not None:
            return at
    return place.lat, place.lon


def as_drawn(result: Result) -> Result:
    """The result with every place at its map point: the routes, the frame and the rings that
    follow from it then meet the markers."""
    moved = []
    for place in result.places:
        lat, lon = map_point(place)
        moved.append(
            place if (lat, lon) == (place.lat, place.lon) else replace(place, lat=lat, lon=lon)
        )
    return replace(result, places=tuple(moved))
