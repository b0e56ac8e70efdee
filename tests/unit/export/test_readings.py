"""Readings kept on disk: found again by what they were asked with, lost with any change of
geo, its models or its place indexes, and never an error to the reader."""

from __future__ import annotations

import json
import os
import time
from dataclasses import replace

import pytest

from geo.export import readings
from geo.export.formats import to_dict
from geo.export.readings import ReadingStore, reading_key, sources_version
from tests.helpers import TRIP, many_journeys

ASKED = {"doc_id": "trip.txt", "language": "auto", "provider": "gazetteer", "date": None}


@pytest.fixture
def store(tmp_path) -> ReadingStore:
    return ReadingStore(tmp_path / "readings")


def files(store: ReadingStore) -> list[str]:
    return sorted(p.name for p in store.folder.iterdir())


def test_a_reading_kept_comes_back_with_its_time(store):
    key = reading_key(TRIP.text, **ASKED)
    assert store.get(key) is None
    assert store.put(key, TRIP, 2.5)
    assert store.get(key) == (TRIP, 2.5)
    assert files(store) == [f"{key}.json"]
    assert os.stat(store.folder / f"{key}.json").st_mode & 0o777 == 0o600  # the article is in it


def test_another_reading_is_a_miss(store):
    store.put(reading_key(TRIP.text, **ASKED), TRIP, 2.5)
    assert store.get(reading_key(TRIP.text + " ", **ASKED)) is None


@pytest.mark.parametrize(
    "changed",
    [
        {"doc_id": "other.txt"},
        {"language": "fr"},
        {"provider": "nominatim"},
        {"date": "2023-09-05"},
    ],
)
def test_each_thing_asked_is_in_the_key(changed):
    assert reading_key(TRIP.text, **ASKED) != reading_key(TRIP.text, **{**ASKED, **changed})


def test_another_geo_or_other_models_do_not_find_the_reading(store, monkeypatch):
    key = reading_key(TRIP.text, **ASKED)
    store.put(key, TRIP, 2.5)
    monkeypatch.setattr(readings, "code_version", lambda: "a later geo")
    assert reading_key(TRIP.text, **ASKED) != key


def test_a_rebuilt_index_or_new_own_places_change_the_key(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path))
    places = tmp_path / "places.csv"
    places.write_text("name,lat,lon\nHome,1,2\n", encoding="utf-8")
    monkeypatch.setenv("GEO_USER_PLACES", str(places))
    before = sources_version()
    (tmp_path / "gazetteer-500.sqlite").write_bytes(b"built")
    assert sources_version() != before
    before = sources_version()
    places.write_text("name,lat,lon\nHome,1,30\n", encoding="utf-8")  # another size
    assert sources_version() != before


DAMAGED = {
    "not JSON": b'{"format": 1, "key"',
    "not UTF-8": b"\xff\xfe{}",
    "a list": b"[]",
    "an older format": json.dumps({"format": 0}).encode(),
    "another key": None,  # a whole reading, but of another key
    "a bad result": None,
    "no time": None,
}


@pytest.mark.parametrize("damage", DAMAGED)
def test_a_damaged_file_is_a_miss_and_is_removed(store, damage):
    key = reading_key(TRIP.text, **ASKED)
    store.put(key, TRIP, 2.5)
    path = store.folder / f"{key}.json"
    data = json.loads(path.read_bytes())
    if damage == "another key":
        data["key"] = "0" * 64
    elif damage == "a bad result":
        data["result"]["places"][0]["lat"] = "north"
    elif damage == "no time":
        del data["seconds"]
    path.write_bytes(DAMAGED[damage] or json.dumps(data).encode())
    assert store.get(key) is None
    assert files(store) == []


def test_a_folder_that_cannot_be_written_keeps_nothing_silently(tmp_path):
    (tmp_path / "taken").write_text("a file where the folder would be", encoding="utf-8")
    store = ReadingStore(tmp_path / "taken" / "readings")
    key = reading_key(TRIP.text, **ASKED)
    assert store.put(key, TRIP, 2.5) is False
    assert store.get(key) is None


def test_a_file_that_cannot_be_read_is_a_miss(store):
    key = reading_key(TRIP.text, **ASKED)
    (store.folder / f"{key}.json").mkdir(parents=True)  # reading it fails: not a file
    assert store.get(key) is None


def test_a_text_no_file_can_hold_is_not_kept(store):
    odd = replace(TRIP, text=TRIP.text + "\ud800")  # a lone surrogate: no UTF-8 for it
    assert store.put(reading_key(odd.text, **ASKED), odd, 1.0) is False
    assert not store.folder.exists() or files(store) == []


def test_writes_leave_no_temporary_file_and_old_ones_are_cleared(store):
    store.folder.mkdir()
    stale, fresh = store.folder / ".stale.part", store.folder / ".fresh.part"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")  # another process writing it now
    an_hour_ago = time.time() - 3700
    os.utime(stale, (an_hour_ago, an_hour_ago))
    key = reading_key(TRIP.text, **ASKED)
    store.put(key, TRIP, 2.5)
    assert files(store) == [".fresh.part", f"{key}.json"]


def test_the_least_recently_used_readings_go_first(tmp_path):
    store = ReadingStore(tmp_path, keep=3)
    keys = [reading_key(f"{TRIP.text} {i}", **ASKED) for i in range(4)]
    for age, key in enumerate(keys[:3]):
        store.put(key, TRIP, 1.0)
        os.utime(tmp_path / f"{key}.json", (1e9 + age, 1e9 + age))  # the first is the oldest
    assert store.get(keys[0]) is not None  # used again: now the most recent
    store.put(keys[3], TRIP, 1.0)
    assert files(store) == sorted(f"{k}.json" for k in (keys[0], keys[2], keys[3]))


def test_the_store_holds_at_most_its_bytes(tmp_path):
    big = many_journeys()
    size = len(json.dumps(to_dict(big, include_text=True), ensure_ascii=False).encode())
    store = ReadingStore(tmp_path, max_bytes=int(size * 2.5))
    keys = [reading_key(f"{big.text} {i}", **ASKED) for i in range(3)]
    for age, key in enumerate(keys):
        assert store.put(key, big, 1.0)
        os.utime(tmp_path / f"{key}.json", (1e9 + age, 1e9 + age))
    assert files(store) == sorted(f"{k}.json" for k in keys[1:])
    assert ReadingStore(tmp_path / "small", max_bytes=size // 2).put(keys[0], big, 1.0) is False
