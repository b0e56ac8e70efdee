"""Airports for the embedded gazetteer, from the airportsdata package (MIT).

Only airports with an IATA code: the ones with airline service, which the news names. Each is
a landmark with feature "airport" and no population, so that resolution ranks it below any
town of the same name unless the text's context says otherwise.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

from geo.gazetteer.entry import Entry
from geo.model import Candidate
from geo.names import normalize

AIRPORT_PREFIX = "iata:"
# Type words at the end of an airport's name: "London Heathrow Airport" -> "London Heathrow"
_TYPE = re.compile(
    r"(?:\s+(?:International|Intl\.?|Int'l|Int’l|Int\.?|Intercontinental|Regional|"
    r"Municipal|Domestic|National|Airport|Airfield|Aerodrome|A/P|Apt))+$",
    re.I,
)
# Short names that say nothing alone (Beijing "Capital", Dubai "International")
_GENERIC = frozenset({"capital", "international", "city", "city airport", "airport"})


def airport_entries(taken: frozenset[str]) -> Iterator[Entry]:
    """Every IATA airport ("iata:LHR", London Heathrow Airport, GB).

    Found by its full name and by its name with "Airport" after what is left once the city and
    the type words are gone ("Heathrow Airport", "O'Hare Airport"). The short names of the
    airports of cities that have several ("Heathrow", "Orly", "Dulles"), as the IATA lists
    them, are found alone too when they are one word and no town or country in `taken` (the
    normalised names of towns of 15,000 people and countries): "Luton" stays the town.
    """

    short = _short_names()
    for row in _rows():
        candidate = Candidate(
            id=AIRPORT_PREFIX + row["iata"],
            name=row["name"],
            lat=round(float(row["lat"]), 5),
            lon=round(float(row["lon"]), 5),
            kind="landmark",
            country_code=row["country"] or None,
            feature="airport",
        )
        names = {row["name"]}
        core = _core(row["name"], row["city"])
        if core:
            names.add(f"{core} Airport")
        bare = short.get(row["iata"], "")
        if bare and " " not in bare and normalize(bare) not in taken | _GENERIC:
            names |= {bare, f"{bare} Airport"}
        yield Entry(candidate, tuple(sorted((n, "") for n in names)))


def source_version() -> str:
    """A key that changes with the airportsdata release (for the index's version)."""
    return f"airportsdata={metadata.version('airportsdata')}"


def _core(name: str, city: str) -> str:
    """The airport's own name: without type words, and without its city in front."""
    base = _TYPE.sub("", name).strip()
    if city and base.startswith(city + " "):
        base = base[len(city) :].strip(" -/")
    if not base or normalize(base) in (normalize(city), *_GENERIC):
        return ""
    return base


def _short_names() -> dict[str, str]:
    """IATA code -> the short name IATA gives the airports of multi-airport cities."""
    found = {}
    with (_folder() / "iata_macs.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = _TYPE.sub("", row["Airport Name"]).strip()
            if name and not any(ch in name for ch in "/()."):
                found[row["Airport Code"]] = name
    return found


def _rows() -> Iterator[dict]:
    with (_folder() / "airports.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["iata"] and row["lat"] and row["lon"]:
                yield row


def _folder() -> Path:
    import airportsdata

    return Path(airportsdata.__file__).parent
