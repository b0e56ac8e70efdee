"""One contract for every geocoder: each implementation in geo.geocoding passes the same checks.

A new geocoder goes into IMPLEMENTATIONS (how to make one for a test, and the country of the
first "Paris" it gives); `test_every_geocoder_is_under_contract` fails until it does.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from geopy.location import Location

import geo.geocoding
from geo.gazetteer.index import Gazetteer
from geo.geocoding import (
    CachedGeocoder,
    FallbackGeocoder,
    GazetteerGeocoder,
    GeocodeCache,
    Geocoder,
    MergedGeocoder,
    OnlineGeocoder,
    UserPlaces,
    candidates,
    health,
)
from geo.model import Candidate
from tests.conftest import ROOT
from tests.fake_nominatim import ANSWERS, serve

PLACES = ROOT / "tests" / "fixtures" / "places.csv"  # holds one Paris, in Texas
# the fake Nominatim's answer for Paris, as the tiny gazetteer knows it: two of them
PARIS_ANSWERS = [
    {
        "place_id": 3,
        "osm_type": "relation",
        "osm_id": 71525,
        "lat": "48.8535",
        "lon": "2.3484",
        "display_name": "Paris, Île-de-France, France",
        "name": "Paris",
        "addresstype": "city",
        "address": {"country_code": "fr"},
    },
    {
        "place_id": 4,
        "osm_type": "relation",
        "osm_id": 115357,
        "lat": "33.6609",
        "lon": "-95.5555",
        "display_name": "Paris, Lamar County, Texas, United States",
        "name": "Paris",
        "addresstype": "city",
        "address": {"country_code": "us"},
    },
]


@dataclass(frozen=True)
class Parts:
    """What the geocoders under test are made of: the tiny gazetteer, the fake Nominatim on
    127.0.0.1, a folder for the cache."""

    gazetteer: Gazetteer
    domain: str
    folder: Path

    def offline(self) -> GazetteerGeocoder:
        return GazetteerGeocoder(self.gazetteer)

    def online(self) -> OnlineGeocoder:
        return OnlineGeocoder(
            "nominatim", domain=self.domain, scheme="http", min_delay=0, timeout=1, retry_wait=0
        )

    def cached(self) -> CachedGeocoder:
        return CachedGeocoder(self.online(), GeocodeCache(self.folder / "cache.sqlite"))

    def fallback(self) -> FallbackGeocoder:
        return FallbackGeocoder(self.cached(), self.offline())

    def merged(self) -> MergedGeocoder:
        return MergedGeocoder(self.user(), self.fallback())

    def user(self) -> UserPlaces:
        return UserPlaces([PLACES])


# every geocoder: how to make one, and the country of the first Paris it gives
IMPLEMENTATIONS: dict[type[Geocoder], tuple[Callable[[Parts], Geocoder], str]] = {
    GazetteerGeocoder: (Parts.offline, "FR"),
    OnlineGeocoder: (Parts.online, "FR"),
    CachedGeocoder: (Parts.cached, "FR"),
    FallbackGeocoder: (Parts.fallback, "FR"),
    MergedGeocoder: (Parts.merged, "US"),  # the reader's places first
    UserPlaces: (Parts.user, "US"),
}


@pytest.fixture(scope="module")
def nominatim():
    """The fake Nominatim's "host:port", one for the module (each stop takes half a second)."""
    with pytest.MonkeyPatch.context() as patch, serve() as (domain, _calls):
        patch.setitem(ANSWERS, "paris", PARIS_ANSWERS)
        yield domain


@pytest.fixture(params=list(IMPLEMENTATIONS), ids=lambda cls: cls.__name__)
def geocoder(request, tiny_gazetteer, nominatim, tmp_path):
    made = IMPLEMENTATIONS[request.param][0](Parts(tiny_gazetteer, nominatim, tmp_path))
    assert type(made) is request.param
    return made


def test_is_a_geocoder_with_a_name(geocoder):
    assert isinstance(geocoder, Geocoder)
    assert isinstance(geocoder.name, str) and geocoder.name


def test_exactly_one_is_the_first_of_all(geocoder):
    one = geocoder.geocode("Paris", exactly_one=True)
    every = geocoder.geocode("Paris", exactly_one=False)
    assert isinstance(one, Location)
    assert isinstance(every, list) and all(isinstance(loc, Location) for loc in every)
    assert one == every[0]


def test_each_location_keeps_its_candidate(geocoder):
    for location in geocoder.geocode("Paris", exactly_one=False):
        candidate = Candidate(**location.raw["candidate"])
        assert candidate.name == "Paris"
        assert location.point[:2] == pytest.approx((candidate.lat, candidate.lon))


def test_candidates_are_what_geocode_finds(geocoder):
    found = geocoder.candidates("Paris")
    assert found and all(isinstance(c, Candidate) for c in found)
    located = geocoder.geocode("Paris", exactly_one=False)
    assert found == [Candidate(**location.raw["candidate"]) for location in located]
    assert candidates(geocoder, "Paris") == found
    country = IMPLEMENTATIONS[type(geocoder)][1]
    assert (found[0].name, found[0].kind, found[0].country_code) == ("Paris", "city", country)


def test_an_unknown_name_finds_nothing(geocoder):
    assert geocoder.geocode("Xyzzyville", exactly_one=True) is None
    assert geocoder.geocode("Xyzzyville", exactly_one=False) is None  # geopy's "nothing"
    assert geocoder.candidates("Xyzzyville") == []


def test_health_is_a_line_of_text(geocoder):
    assert isinstance(geocoder.health(), str)
    assert set(geocoder.health().split(",")) == {"ok"}  # nothing has failed
    assert health(geocoder) == geocoder.health()


@pytest.mark.parametrize("limit", [1, 2])
def test_limit_is_honoured(geocoder, limit):
    every = geocoder.candidates("Paris")
    assert geocoder.candidates("Paris", limit=limit) == every[:limit]
    assert len(geocoder.geocode("Paris", exactly_one=False, limit=limit)) == len(every[:limit])


@pytest.mark.parametrize("query", ["Par\u200bis", "\u200eParis\ufeff", "Pa\u00adris"])
def test_invisible_characters_are_ignored(geocoder, query):
    assert geocoder.candidates(query) == geocoder.candidates("Paris")
    assert candidates(geocoder, query) == geocoder.candidates("Paris")


def concrete_geocoders() -> set[type[Geocoder]]:
    """Every class of geo.geocoding's modules that implements the whole contract."""
    for module in pkgutil.walk_packages(geo.geocoding.__path__, "geo.geocoding."):
        importlib.import_module(module.name)
    found, todo = set(), [Geocoder]
    while todo:
        for subclass in todo.pop().__subclasses__():
            todo.append(subclass)
            if subclass.__module__.startswith("geo.geocoding.") and not inspect.isabstract(
                subclass
            ):
                found.add(subclass)
    return found


def test_every_geocoder_is_under_contract():
    assert concrete_geocoders() == set(IMPLEMENTATIONS)
