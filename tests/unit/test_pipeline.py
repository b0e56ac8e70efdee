"""The whole path on the sample article: what must be found, where, and what must not be."""

import pytest

from geo import resolve
from geo.errors import InputError
from geo.pipeline import parse

COUNTRIES = {
    "Russie": "RU",
    "Corée du Nord": "KP",
    "RPDC": "KP",
    "Ukraine": "UA",
    "Chine": "CN",
    "États-Unis": "US",
    "Corée du Sud": "KR",
    "Japon": "JP",
}
CITIES = {
    "Vladivostok": (43.106, 131.874),
    "Moscou": (55.752, 37.618),
    "Pyongyang": (39.034, 125.754),
    "Séoul": (37.566, 126.978),
    "Washington": (38.895, -77.036),
}
NOT_PLACES = ["Vladimir", "New York", "Hwasong", "Choïgou", "Kim", "CBS", "BBC", "Kirby", "Poutine"]


def km(a, b):
    return resolve.km(*a, *b)


def by_mention(result):
    return {m.text: p for p in result.places for m in p.mentions}


@pytest.mark.parametrize("name, code", COUNTRIES.items())
def test_countries(seed_result, name, code):
    place = by_mention(seed_result)[name]
    assert (place.kind, place.country_code) == ("country", code)


@pytest.mark.parametrize("name, point", CITIES.items())
def test_cities(seed_result, name, point):
    place = by_mention(seed_result)[name]
    assert km((place.lat, place.lon), point) < 25


@pytest.mark.parametrize("word", NOT_PLACES)
def test_non_places(seed_result, seed_text, word):
    at = seed_text.find(word)
    while at >= 0:
        for place in seed_result.places:
            for m in place.mentions:
                assert not (m.start < at + len(word) and at < m.end), (word, place.name)
        at = seed_text.find(word, at + 1)


def test_every_mention_of_a_place_is_attached(seed_result, seed_text):
    russia = by_mention(seed_result)["Russie"]
    assert len(russia.mentions) == seed_text.count("Russie")


def test_offsets_are_exact(seed_result, seed_text):
    for place in seed_result.places:
        for m in place.mentions:
            assert seed_text[m.start : m.end] == m.text
            passage = seed_result.passages[m.passage]
            assert passage.start <= m.start < m.end <= passage.end


def test_routes_point_at_places(seed_result):
    ids = {p.id for p in seed_result.places}
    assert seed_result.routes
    for route in seed_result.routes:
        assert route.to_id in ids and (route.from_id is None or route.from_id in ids)
        assert route.evidence in seed_result.passages[route.passage].text


@pytest.mark.parametrize("text", ["", "   \n\t"])
def test_empty_text_is_refused(text):
    with pytest.raises(InputError):
        parse(text)


def test_unknown_language_is_refused():
    with pytest.raises(InputError, match="language"):
        parse("Bonjour", language="de")


def test_text_without_places():
    result = parse("Il fait beau aujourd'hui et les enfants jouent dans le jardin.")
    assert result.places == () and result.routes == ()


def test_english_text():
    result = parse("Officials flew from London to Nairobi on Monday, then on to Kampala.")
    assert result.language == "en"
    assert {p.country_code for p in result.places} >= {"GB", "KE", "UG"}


def test_second_run_of_the_same_text_makes_no_provider_call(tmp_path):
    from geo.geocoding import CachedGeocoder, OnlineGeocoder
    from geo.geocoding.cache import GeocodeCache
    from tests.fake_nominatim import serve

    text = "Le président est arrivé à Moscow. La Russia prépare la rencontre."
    with serve() as (domain, calls):

        def run():  # a fresh geocoder each time: only the cache on disk is shared
            online = OnlineGeocoder("nominatim", domain=domain, scheme="http", min_delay=0)
            return parse(text, geocoder=CachedGeocoder(online, GeocodeCache(tmp_path / "c.sqlite")))

        first = run()
        after_first = len(calls)
        second = run()
    assert after_first > 0 and len(calls) == after_first
    assert first.places == second.places
    assert {(p.country_code, p.source) for p in first.places} == {("RU", "nominatim")}
