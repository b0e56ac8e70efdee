"""Missing and misplaced gazetteer data: French départements, AP state abbreviations found only
as written, large areas at GeoNames' points, and alternate names that are words of the text."""

from __future__ import annotations

import pytest

from geo.gazetteer.entry import Entry
from geo.gazetteer.index import Gazetteer, _build, open_gazetteer
from geo.gazetteer.sources import _exact_names, regions
from geo.model import Candidate
from geo.pipeline import parse
from geo.resolve import km

ILLINOIS = Candidate("iso3166-2:US-IL", "Illinois", 40.08, -89.43, "region", "US", 12_800_000)


@pytest.fixture(scope="module")
def abbreviated(tmp_path_factory) -> Gazetteer:
    path = tmp_path_factory.mktemp("gaz") / "abbreviated.sqlite"
    _build(path, [Entry(ILLINOIS, (("Illinois", "en"),), exact=("Ill.",))], "v", lambda *_: None)
    return Gazetteer(path)


@pytest.mark.parametrize("name, found", [("Ill.", True), (" Ill. ", True), ("Ill", False)])
def test_an_exact_name_is_found_only_as_written(abbreviated, name, found):
    assert ([c.id for c in abbreviated.lookup(name)] == [ILLINOIS.id]) is found
    assert (name in abbreviated) is found


@pytest.mark.parametrize("name", ["ill", "ILL.", "ill.", "I.L.L."])
def test_an_exact_name_never_meets_the_ordinary_word(abbreviated, name):
    assert abbreviated.lookup(name) == [] and name not in abbreviated


def test_every_abbreviation_names_a_place_of_the_gazetteer():
    ids = {e.candidate.id for e in regions.region_entries()} | {"geonames:4140963"}
    exact = _exact_names()
    assert len(exact) == 43 and set(exact) <= ids  # the AP's 42 states and D.C.
    assert all("." in form for forms in exact.values() for form in forms)


# Sentence shapes of US news: a city, then its state as the AP writes it.
@pytest.mark.parametrize(
    "text, name, code",
    [
        ("Police in Bolingbrook, Ill., said the man was found on Monday.", "Ill.", "US-IL"),
        ("HAMMOND, Ind. (AP) - The Indiana Department of Revenue wants boaters.", "Ind.", "US-IN"),
        ("The plant in Joplin, Mo., will close next year, the company said.", "Mo.", "US-MO"),
        ("She moved to Richmond, Va., after the war.", "Va.", "US-VA"),
    ],
)
def test_ap_state_abbreviations_in_a_sentence(text, name, code):
    places = {m.text: p for p in parse(text, language="en").places for m in p.mentions}
    assert (places[name].kind, places[name].id) == ("region", f"iso3166-2:{code}")


def test_dc_is_the_capital_city():
    [first, *_] = open_gazetteer().lookup("D.C.")
    assert (first.id, first.feature) == ("geonames:4140963", "capital")


def test_french_departements_are_regions_of_their_own_level():
    entries = {e.candidate.id: e for e in regions.region_entries()}
    lot = entries["iso3166-2:FR-46"].candidate
    assert (lot.name, lot.kind, lot.feature) == ("Lot", "region", "department")
    assert entries["iso3166-2:FR-OCC"].candidate.feature is None  # its region, one level up


@pytest.mark.parametrize(
    "text, name",
    [
        ("Un incendie a détruit trente hectares de forêt dans le Lot, près de Cahors.", "Lot"),
        ("Les gendarmes du Finistère ont retrouvé le bateau au large de Brest.", "Finistère"),
        ("La Gironde a été placée en vigilance orange pour les orages.", "Gironde"),
    ],
)
def test_a_departement_in_french_news(text, name):
    places = {m.text: p for p in parse(text, language="fr").places for m in p.mentions}
    assert (places[name].kind, places[name].country_code) == ("region", "FR")


def test_a_departement_counts_its_towns_apart_from_its_region():
    found = {c.id: c for c in open_gazetteer().lookup("Lot")}
    occitanie = open_gazetteer().lookup("Occitanie")[0]
    lot = found["iso3166-2:FR-46"]
    assert 100_000 < lot.population < occitanie.population / 10


# GeoNames' feature points, which gazetteers and annotators use (GeoWebNews, LGL)
@pytest.mark.parametrize(
    "name, point, within",
    [
        ("Middle East", (33.139, 35.859), 20),  # GeoNames 6269133
        ("Moyen-Orient", (33.139, 35.859), 20),
        ("Tibet", (31.5, 88.0), 60),  # not Lhasa, 330 km away
        ("New York State", (43.0, -75.5), 60),  # not New York City, 270 km away
        ("West Coast", (44.08, -124.14), 20),  # GeoNames 9881904
    ],
)
def test_large_areas_lie_at_the_usual_point(name, point, within):
    first = open_gazetteer().lookup(name)[0]
    assert km(first.lat, first.lon, *point) < within, first


def test_the_middle_east_in_a_sentence():
    text = "Tensions are rising across the Middle East after the strike."
    [place] = parse(text, language="en").places
    assert km(place.lat, place.lon, 33.139, 35.859) < 20


def test_a_historical_name():
    first = open_gazetteer().lookup("Nouvelle-France")[0]
    assert (first.kind, first.country_code) == ("region", "CA")


# Former regions: their point is the mean of their départements' and lies in their box
@pytest.mark.parametrize(
    "text, name, box",
    [
        (
            "Les éleveurs de Basse-Normandie manifestent à Caen.",
            "Basse-Normandie",
            (48.2, 49.8, -2.0, 0.9),
        ),
        (
            "Le TGV relie désormais Lyon au reste de Rhône-Alpes.",
            "Rhône-Alpes",
            (44.1, 46.5, 3.7, 7.2),
        ),
    ],
)
def test_a_former_french_region_lies_amid_its_departements(text, name, box):
    [entry] = [e for e in regions.former_region_entries() if e.candidate.name == name]
    south, north, west, east = box
    c = entry.candidate
    assert (c.country_code, south <= c.lat <= north, west <= c.lon <= east) == ("FR", True, True)
    places = {m.text: p for p in parse(text, language="fr").places for m in p.mentions}
    assert (places[name].kind, places[name].id) == ("region", c.id)
