"""Caches that crash, rot or cannot be written never stop geo, and lose no entry."""

import multiprocessing
import os
import sqlite3
import threading

import pytest

from geo.gazetteer import index as gaz
from geo.gazetteer.index import Gazetteer, ensure_built
from geo.geocoding.cache import GeocodeCache
from tests.conftest import MOSCOW_CANDIDATE, TINY


def test_a_damaged_geocode_cache_is_set_aside_and_restarted(tmp_path):
    path = tmp_path / "geocode.sqlite"
    path.write_bytes(b"garbage, not a database" * 100)
    with pytest.warns(UserWarning, match="damaged"):
        cache = GeocodeCache(path)
    cache.put("p", "", "Moscow", [MOSCOW_CANDIDATE])
    assert cache.get("p", "", "moscow") == [MOSCOW_CANDIDATE]
    assert list(tmp_path.glob("geocode.sqlite.damaged-*"))


def test_a_damaged_entry_is_a_miss(tmp_path):
    cache = GeocodeCache(tmp_path / "c.sqlite")
    with sqlite3.connect(cache.path) as db:
        db.execute("INSERT INTO answers VALUES ('p', '', 'moscow', '{not json', 0)")
    assert cache.get("p", "", "Moscow") is None


def test_an_unwritable_cache_turns_caching_off(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(GeocodeCache, "_open", refuse)
    with pytest.warns(UserWarning, match="will not be cached"):
        cache = GeocodeCache(tmp_path / "c.sqlite")
    cache.put("p", "", "Moscow", [MOSCOW_CANDIDATE])
    assert cache.get("p", "", "Moscow") is None


def test_a_cache_folder_that_cannot_be_written(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    with pytest.warns(UserWarning, match="will not be cached"):
        cache = GeocodeCache(blocker / "c.sqlite")
    cache.put("p", "", "Moscow", [MOSCOW_CANDIDATE])
    assert cache.get("p", "", "Moscow") is None


def _writer(path: str, start: int, count: int) -> None:
    cache = GeocodeCache(__import__("pathlib").Path(path))
    for i in range(start, start + count):
        cache.put("p", "", f"name {i}", [MOSCOW_CANDIDATE])


@pytest.mark.slow  # starts two Python processes
def test_threads_and_processes_write_at_once_and_lose_nothing(tmp_path):
    path = tmp_path / "c.sqlite"
    GeocodeCache(path)
    workers = [threading.Thread(target=_writer, args=(str(path), 100 * i, 100)) for i in range(8)]
    context = multiprocessing.get_context("spawn")
    workers += [
        context.Process(target=_writer, args=(str(path), 1000 + 200 * i, 200)) for i in range(2)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
    assert all(getattr(w, "exitcode", 0) == 0 for w in workers)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM answers").fetchone()[0] == 8 * 100 + 2 * 200


def _fake_sources(monkeypatch):
    monkeypatch.setattr(gaz, "entries", lambda min_population, reading=None: iter(TINY))


@pytest.mark.parametrize("damage", ["garbage", "truncate"])
def test_a_damaged_index_is_set_aside_and_rebuilt(tmp_path, monkeypatch, damage):
    _fake_sources(monkeypatch)
    path = tmp_path / "g.sqlite"
    ensure_built(path)
    if damage == "garbage":
        path.write_bytes(b"x" * 5000)
    else:
        with open(path, "r+b") as handle:
            handle.truncate(os.path.getsize(path) // 2)
    with pytest.warns(UserWarning, match="set aside"):
        ensure_built(path)
    assert Gazetteer(path).lookup("Moscou")[0].id == MOSCOW_CANDIDATE.id
    assert list(tmp_path.glob("g.sqlite.damaged-*"))


def test_an_unwritable_cache_folder_builds_the_index_elsewhere(tmp_path, monkeypatch):
    _fake_sources(monkeypatch)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    with pytest.warns(UserWarning, match="kept in"):
        path = gaz.built_index(blocker)
    assert path.parent.parent == tmp_path / "tmp" and Gazetteer(path).lookup("Paris")
