"""US counties: names, points inside them, and no town or state shadowed by them."""

from __future__ import annotations

import pytest

from geo.gazetteer.index import open_gazetteer
from geo.gazetteer.sources import subregions
from geo.names import normalize
from geo.resolve import km, rank


@pytest.fixture(scope="module")
def counties():
    return {e.candidate.id: e for e in subregions.county_entries()}


# (FIPS, name, state, a point well inside the county, how far ours may be from it in km)
KNOWN = [
    ("06059", "Orange County", "US-CA", (33.70, -117.76), 20),  # Irvine-Santa Ana area
    ("17031", "Cook County", "US-IL", (41.84, -87.82), 25),  # Chicago's county
    ("12086", "Miami-Dade County", "US-FL", (25.61, -80.50), 50),  # much of it is Everglades
    ("22071", "Orleans Parish", "US-LA", (30.05, -89.93), 20),  # New Orleans
    ("02185", "North Slope Borough", "US-AK", (69.3, -153.5), 250),  # larger than most states
]


@pytest.mark.parametrize("fips, name, state, point, within", KNOWN)
def test_known_counties_have_their_name_state_and_a_point_inside(
    counties, fips, name, state, point, within
):
    c = counties[f"fips:{fips}"].candidate
    assert (c.name, c.country_code, c.admin1, c.kind, c.feature) == (
        name,
        "US",
        state,
        "region",
        "county",
    )
    assert km(c.lat, c.lon, *point) <= within


def test_every_state_has_counties_and_every_county_people(counties):
    states = {e.candidate.admin1 for e in counties.values()}
    assert len(states) == 50  # not the territories, which are countries in the gazetteer
    assert 3000 < len(counties) < 3300
    assert counties["fips:06037"].candidate.population > 5_000_000  # Los Angeles County


def test_counties_are_found_by_full_name_and_hyphenated_ones_bare(counties):
    names = {normalize(n) for e in counties.values() for n, _ in e.names}
    assert {"orange county", "miami dade", "matanuska susitna"} <= names
    assert not {"orange", "washington", "cook", "suffolk"} & names


def test_independent_cities_are_left_to_the_city_entries(counties):
    assert "fips:51760" not in counties  # Richmond city, Virginia
    assert not {"US-PR", "US-GU", "US-DC"} & {e.candidate.admin1 for e in counties.values()}


@pytest.mark.parametrize(
    "name, state", [("Orange County", "US-CA"), ("Cook County", "US-IL"), ("Miami-Dade", "US-FL")]
)
def test_real_gazetteer_ranks_the_most_populous_county_first(name, state):
    first = rank(open_gazetteer().lookup(name), query=name)[0].candidate
    assert (first.feature, first.admin1) == ("county", state)


@pytest.mark.parametrize(
    "name, kind, country",
    [("Orange", "city", "US"), ("Washington", "city", "US"), ("Los Angeles", "city", "US")],
)
def test_a_county_never_answers_for_a_town_of_its_bare_name(name, kind, country):
    found = open_gazetteer().lookup(name)
    assert not any(c.feature == "county" for c in found)
    first = rank(found, query=name)[0].candidate
    assert (first.kind, first.country_code) == (kind, country)
