"""The embedded gazetteer: building, versioning, concurrency, and real lookups."""

import sqlite3
import threading

import pytest

from geo.gazetteer import index as gaz
from geo.gazetteer.index import Gazetteer, ensure_built, open_gazetteer
from tests.conftest import TINY


def test_tiny_lookup_by_any_spelling(tiny_gazetteer):
    assert [c.id for c in tiny_gazetteer.lookup("MOSCOU")] == ["geonames:524901"]
    assert "moscou" in tiny_gazetteer and "Mordor" not in tiny_gazetteer
    assert tiny_gazetteer.lookup("Mordor") == []


def test_a_name_asked_again_is_answered_from_memory_with_a_list_of_its_own(tiny_gazetteer):
    first = tiny_gazetteer.lookup("Moscou")
    first.clear()  # a caller's list is its own
    queries = tiny_gazetteer._found.cache_info().misses
    assert [c.id for c in tiny_gazetteer.lookup("Moscou")] == ["geonames:524901"]
    assert tiny_gazetteer._found.cache_info().misses == queries


def test_countries_come_before_their_namesakes(tiny_gazetteer):
    assert tiny_gazetteer.lookup("Russie")[0].kind == "country"


def _fake_sources(monkeypatch, builds: list):
    def entries(min_population, reading=None):
        builds.append(min_population)
        if reading is not None:
            reading("reading the tiny places", 0.0)
            reading("reading them again", 0.5)
        return iter(TINY)

    monkeypatch.setattr(gaz, "entries", entries)


def test_built_once_then_rebuilt_when_a_source_changes(tmp_path, monkeypatch):
    builds = []
    _fake_sources(monkeypatch, builds)
    path = tmp_path / "g.sqlite"
    ensure_built(path)
    ensure_built(path)
    assert builds == [500]
    monkeypatch.setattr(gaz, "source_version", lambda n: "another version")
    ensure_built(path)
    assert len(builds) == 2
    assert Gazetteer(path).lookup("Paris")[0].country_code == "FR"


def test_two_builders_at_once_build_once(tmp_path, monkeypatch):
    builds = []
    _fake_sources(monkeypatch, builds)
    path = tmp_path / "g.sqlite"
    threads = [threading.Thread(target=ensure_built, args=(path,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert builds == [500]


def test_a_corrupt_index_is_rebuilt(tmp_path, monkeypatch):
    builds = []
    _fake_sources(monkeypatch, builds)
    path = tmp_path / "g.sqlite"
    path.write_bytes(b"this is not a database")
    ensure_built(path)
    assert builds == [500] and Gazetteer(path).lookup("Moscow")


@pytest.mark.parametrize(
    "name, country, kind",
    [
        ("Moscou", "RU", "city"),
        ("Washington", "US", "city"),
        ("Pékin", "CN", "city"),
        ("Séoul", "KR", "city"),
        ("RPDC", "KP", "country"),
        ("Corée du Nord", "KP", "country"),
        ("République populaire démocratique de Corée", "KP", "country"),
        ("États-Unis", "US", "country"),
        ("Allemagne", "DE", "country"),
        ("Kremlin", "RU", "landmark"),
        ("Europe", None, "continent"),
    ],
)
def test_real_gazetteer_first_candidates(name, country, kind):
    from geo.resolve import rank

    first = rank(open_gazetteer().lookup(name), query=name)[0].candidate
    assert (first.country_code, first.kind) == (country, kind)


def test_landmarks_used_as_metonyms_are_candidates():
    found = open_gazetteer().lookup("Maison Blanche")
    assert any(c.kind == "landmark" and c.country_code == "US" for c in found)


def test_capitals_are_marked():
    first = next(c for c in open_gazetteer().lookup("Washington") if c.kind == "city")
    assert first.feature == "capital" and abs(first.lat - 38.895) < 0.1


def test_country_points_lie_inside_the_country():
    russia = open_gazetteer().lookup("Russie")[0]
    assert 41 <= russia.lat <= 82 and 19 <= russia.lon <= 180  # not the bbox centre


@pytest.mark.parametrize("name, code", [("Benue State", "NG"), ("Oaxaca State", "MX")])
def test_a_type_word_after_a_region_name_is_understood(name, code):
    first = open_gazetteer().lookup(name)[0]
    assert (first.kind, first.country_code) == ("region", code)


def test_the_eu_is_a_place_in_europe():
    from geo.resolve import rank

    first = rank(open_gazetteer().lookup("UE"))[0].candidate
    assert 40 < first.lat < 55 and 0 < first.lon < 20


@pytest.mark.parametrize(
    "lat, lon, code",
    [(43.1, 131.9, "RU"), (39.0, 125.7, "KP"), (48.85, 2.35, "FR"), (0.0, -30.0, None)],
)
def test_point_in_country(lat, lon, code):
    from geo.world.countries import country_at

    assert country_at(lat, lon) == code


def test_every_country_point_is_inside_its_outline():
    from geo.world.countries import country_at, country_shape

    db = sqlite3.connect(f"file:{open_gazetteer().paths[0]}?mode=ro", uri=True)
    for code, lat, lon in db.execute(
        "SELECT country_code, lat, lon FROM places WHERE kind = 'country'"
    ):
        if country_shape(code) is not None:
            assert country_at(lat, lon) == code, code


def test_a_build_says_what_it_does_and_how_far_it_is(tmp_path, monkeypatch):
    _fake_sources(monkeypatch, [])
    steps: list[tuple[str, float]] = []
    ensure_built(
        tmp_path / "g.sqlite", progress=lambda message, done: steps.append((message, done))
    )
    shares = [done for _, done in steps]
    assert shares[0] == 0.0 and shares[-1] == 1.0
    assert shares == sorted(shares) and len(set(shares)) >= 4
    assert ("gazetteer: reading them again", 0.5 * gaz._READING) in steps
    assert "names indexed" in steps[-1][0]
