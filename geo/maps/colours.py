"""The travelers' colours, shared by the map and the journeys list (which needs no folium)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from geo.model import Route

ROUTE_COLOUR = "#b2182b"
# one colour per traveler (after ColorBrewer Set1/Dark2, apart from the place colours), each
# at least 3:1 against white (a line on the map, a name in the journeys list), for the ten
# travelers with the most journeys: more hues than that are not told apart at a glance
ROUTE_COLOURS = (
    ROUTE_COLOUR,
    "#2166ac",
    "#762a83",
    "#d97b0d",
    "#1a9850",
    "#c51b7d",
    "#8c510a",
    "#01665e",
    "#8c7a00",
    "#0097c4",
)
NO_TRAVELER_COLOUR = "#555555"  # journeys of no one known, and of travelers past the ten


def route_colours(routes: Iterable[Route]) -> dict[str | None, str]:
    """One colour per traveler, in order of first journey, for the len(ROUTE_COLOURS)
    travelers with the most journeys (the first named first among equals); the others, and
    journeys of no one known, in grey."""
    counts = Counter(route.traveler for route in routes if route.traveler is not None)
    kept = {who for who, _ in counts.most_common(len(ROUTE_COLOURS))}
    palette = iter(ROUTE_COLOURS)
    colours: dict[str | None, str] = {None: NO_TRAVELER_COLOUR}
    for who in counts:  # in order of first journey
        colours[who] = next(palette) if who in kept else NO_TRAVELER_COLOUR
    return colours
