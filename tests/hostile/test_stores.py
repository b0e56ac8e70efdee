"""geo's stores under attack: damaged gazetteer indexes, a build killed half way, corrections
written by another version or another user, a home folder that cannot be read. Each costs a
warning or one clear line, never every run."""
import signal
import sqlite3
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

from geo import gazetteer as gaz
from geo.geocoders import GazetteerGeocoder
from geo.geonames_import import import_dump
from tests.conftest import MOSCOW, PARIS, ROOT, TINY

HOW_TO_IMPORT = "gazetteer import"
SAMPLE_DUMP = ROOT / "tests" / "fixtures" / "geonames_sample.txt"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """A cache folder of its own, whose main index is built from the tiny entries."""
    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(gaz, "entries", lambda min_population: iter(TINY))
    gaz.open_gazetteer.cache_clear()
    yield tmp_path
    gaz.open_gazetteer.cache_clear()


def damage(path: Path) -> None:
    """Overwrite the root page of the names index: same size, most lookups fail."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    page = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'names'").fetchone()[0]
    size = db.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    with open(path, "r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(b"\xff" * size)


def messages(caught) -> list[str]:
    return [str(w.message) for w in caught]


# --- the main index -----------------------------------------------------------------------

def test_an_index_damaged_inside_keeping_its_size_is_set_aside_and_rebuilt(cache):
    path = gaz.built_index(cache)
    size = path.stat().st_size
    time.sleep(0.02)  # damaged later than built
    damage(path)
    assert path.stat().st_size == size
    with pytest.warns(UserWarning, match="damaged; set aside"):
        gazetteer = gaz.open_gazetteer()
    assert gazetteer.lookup("Moscou")[0].id == MOSCOW.id
    assert list(cache.glob("gazetteer-500.sqlite.damaged-*"))


def test_damage_found_by_lookups_costs_one_warning_not_failures(cache):
    gazetteer = gaz.open_gazetteer()
    damage(gazetteer.paths[0])  # while in use (an app running for days)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = [gazetteer.lookup(name) for name in ("Moscow", "Paris", "Russie") * 20]
        assert "Washington" in gazetteer
    assert all(found) and len(caught) == 1 and "set aside" in messages(caught)[0]
    assert list(cache.glob("gazetteer-500.sqlite.damaged-*"))
    assert GazetteerGeocoder(gaz.open_gazetteer()).geocode("Paris").raw["candidate"]["id"] == PARIS.id


def test_an_index_checked_once_is_not_checked_again(cache, monkeypatch):
    gaz.open_gazetteer()
    gaz.open_gazetteer.cache_clear()
    checks = []
    monkeypatch.setattr(gaz, "_quick_check", lambda db: checks.append(1) or True)
    gaz.open_gazetteer()
    assert checks == []


# --- the imported index -------------------------------------------------------------------

@pytest.mark.parametrize("how", ["garbage", "inside"])
def test_a_damaged_imported_index_is_set_aside_with_how_to_import_again(cache, how):
    imported = gaz.imported_path()
    import_dump(SAMPLE_DUMP, imported)
    if how == "garbage":
        imported.write_bytes(b"not a database, garbage " * 2000)
    else:
        time.sleep(0.02)
        damage(imported)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gazetteer = gaz.open_gazetteer()
        assert gazetteer.lookup("Moscou")[0].id == MOSCOW.id
        assert GazetteerGeocoder(gazetteer).geocode("Paris") is not None
    (warning,) = messages(caught)
    assert "set aside" in warning and HOW_TO_IMPORT in warning
    assert not imported.exists() and list(cache.glob("gazetteer-imported.sqlite.damaged-*"))
    assert import_dump(SAMPLE_DUMP, imported) == 4  # imported again


def test_an_imported_index_damaged_in_use_is_dropped_with_one_warning(cache):
    imported = gaz.imported_path()
    import_dump(SAMPLE_DUMP, imported)
    gazetteer = gaz.open_gazetteer()
    damage(imported)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert all(gazetteer.lookup("Paris") for _ in range(20))
    (warning,) = messages(caught)
    assert HOW_TO_IMPORT in warning and list(cache.glob("gazetteer-imported.sqlite.damaged-*"))


def test_importing_over_a_damaged_index_starts_afresh(cache):
    imported = gaz.imported_path()
    imported.write_bytes(b"garbage " * 1000)
    with pytest.warns(UserWarning, match="set aside"):
        assert import_dump(SAMPLE_DUMP, imported) == 4


# --- a build killed half way --------------------------------------------------------------

_KILLED_BUILD = """
import sys, time
from pathlib import Path
from geo import gazetteer as gaz
from tests.conftest import TINY

def stuck(min_population):
    yield from TINY
    print("building", flush=True)
    time.sleep(600)

gaz.entries = stuck
gaz.source_version = lambda min_population: "a newer version"
gaz.ensure_built(Path(sys.argv[1]))
"""


def test_the_temporary_of_a_killed_build_is_removed_at_the_next_open(cache):
    path = gaz.open_gazetteer().paths[0]
    gaz.open_gazetteer.cache_clear()
    build = subprocess.Popen([sys.executable, "-c", _KILLED_BUILD, str(path)], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert build.stdout.readline() == "building\n"
        assert gaz.open_gazetteer().lookup("Paris")
        assert list(cache.glob("gazetteer-500.tmp*"))  # a running build's: left alone
    finally:
        build.send_signal(signal.SIGKILL)
        build.wait()
    gaz.open_gazetteer.cache_clear()
    assert gaz.open_gazetteer().lookup("Paris")
    assert not list(cache.glob("gazetteer-500.tmp*"))


def test_a_leftover_temporary_is_removed_at_the_next_build(cache):
    leftover = cache / "gazetteer-500.tmp99999"
    leftover.write_bytes(b"half an index" * 1000)
    another = cache / "gazetteer-5000.tmp99999"  # another index's: not this build's business
    another.write_bytes(b"half an index")
    assert gaz.open_gazetteer().lookup("Paris")
    assert not leftover.exists() and another.exists()


_KILLED_IMPORT = """
import sqlite3, sys, time
from geo.geonames_import import _insert, import_dump
from tests.conftest import ROOT

def stuck(db, rows):
    _insert(db, rows)
    db.executemany("INSERT INTO names VALUES (?, 0, '')",  # a big dump: pages reach the file
                   ((f"filler {i}",) for i in range(100000)))
    print("importing", flush=True)
    time.sleep(600)

import geo.geonames_import as imp
imp._insert = stuck
import_dump(ROOT / "tests" / "fixtures" / "geonames_sample.txt", __import__("pathlib").Path(sys.argv[1]))
"""


def test_an_import_killed_half_way_does_not_stop_lookups(cache):
    imported = gaz.imported_path()
    run = subprocess.Popen([sys.executable, "-c", _KILLED_IMPORT, str(imported)], cwd=ROOT,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert run.stdout.readline() == "importing\n"
    finally:
        run.send_signal(signal.SIGKILL)
        run.wait()
    assert Path(f"{imported}-journal").exists()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert gaz.open_gazetteer().lookup("Moscou")[0].id == MOSCOW.id
    assert import_dump(SAMPLE_DUMP, imported) == 4
