"""Airports from airportsdata: found by their names, ranked below towns of the same name."""

from __future__ import annotations

from collections import Counter

import pytest

from geo.gazetteer.index import open_gazetteer
from geo.gazetteer.sources import airports
from geo.gazetteer.sources.regions import city_and_country_keys
from geo.model import Candidate
from geo.names import normalize
from geo.resolve import Focus, km, rank


@pytest.fixture(scope="module")
def entries():
    return {e.candidate.id: e for e in airports.airport_entries(city_and_country_keys())}


# (name as the news writes it, IATA code, country, the airport's point)
KNOWN = [
    ("Heathrow Airport", "LHR", "GB", (51.470, -0.454)),
    ("Heathrow", "LHR", "GB", (51.470, -0.454)),
    ("Gatwick", "LGW", "GB", (51.153, -0.182)),
    ("O'Hare", "ORD", "US", (41.978, -87.905)),
    ("O'Hare Airport", "ORD", "US", (41.978, -87.905)),
    ("Sheremetyevo", "SVO", "RU", (55.973, 37.415)),
    ("Charles de Gaulle Airport", "CDG", "FR", (49.010, 2.548)),
    ("John F. Kennedy International Airport", "JFK", "US", (40.640, -73.779)),
]


@pytest.mark.parametrize("name, iata, country, point", KNOWN)
def test_known_airports_are_found_with_their_country_and_point(entries, name, iata, country, point):
    entry = entries[f"iata:{iata}"]
    assert normalize(name) in {normalize(n) for n, _ in entry.names}
    c = entry.candidate
    assert (c.kind, c.feature, c.country_code) == ("landmark", "airport", country)
    assert km(c.lat, c.lon, *point) <= 3


def test_thousands_of_airports_each_once(entries):
    assert 7000 < len(entries) < 10000
    assert all(e.candidate.population == 0 for e in entries.values())


@pytest.mark.parametrize(
    "name",
    [
        "Luton",
        "Kobe",
        "Capital",
        "International",
        "Charles de Gaulle",
        "John F Kennedy",
        "Manchester",
        "Dubai",
    ],
)
def test_towns_generic_words_and_persons_name_no_airport_alone(entries, name):
    key = normalize(name)
    assert not any(key in {normalize(n) for n, _ in e.names} for e in entries.values())


def test_no_airport_name_is_a_lone_type_word(entries):
    counts = Counter(normalize(n) for e in entries.values() for n, _ in e.names)
    assert not {"airport", "international airport", "city airport"} & set(counts)


def test_a_town_outranks_an_airport_of_its_name_unless_the_text_is_elsewhere():
    found = open_gazetteer().lookup("Heathrow")
    assert {c.id for c in found} >= {"iata:LHR"}
    assert rank(found, query="heathrow")[0].candidate.kind == "city"  # Heathrow, Florida
    british = Focus(countries=Counter({"GB": 4}))
    assert rank(found, british, query="heathrow")[0].candidate.id == "iata:LHR"


def test_an_airport_weighs_less_than_the_smallest_town():
    airport = Candidate("iata:XXX", "Xville", 0, 0, "landmark", "US", feature="airport")
    town = Candidate("geonames:1", "Xville", 1, 1, "city", "US", population=500)
    assert rank([airport, town], query="xville")[0].candidate is town
