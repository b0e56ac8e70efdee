"""geo's stores under attack: damaged gazetteer indexes, a build killed half way, corrections
written by another version or another user, a home folder that cannot be read. Each costs a
warning or one clear line, never every run."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

from geo import config
from geo.corrections import Correction, CorrectionStore, document_key
from geo.errors import GeoError
from geo.gazetteer import index as gaz
from geo.gazetteer.importer import import_dump
from geo.geocoding import GazetteerGeocoder
from geo.model import Candidate
from tests.conftest import MOSCOW_CANDIDATE, PARIS, ROOT, TINY

HOW_TO_IMPORT = "gazetteer import"
SAMPLE_DUMP = ROOT / "tests" / "fixtures" / "geonames_sample.txt"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """A cache folder of its own, whose main index is built from the tiny entries."""
    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(gaz, "entries", lambda min_population, reading=None: iter(TINY))
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
    assert gazetteer.lookup("Moscou")[0].id == MOSCOW_CANDIDATE.id
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
    assert (
        GazetteerGeocoder(gaz.open_gazetteer()).geocode("Paris").raw["candidate"]["id"] == PARIS.id
    )


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
        assert gazetteer.lookup("Moscou")[0].id == MOSCOW_CANDIDATE.id
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
from geo.gazetteer import index as gaz
from tests.conftest import TINY

def stuck(min_population, reading=None):
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
    build = subprocess.Popen(
        [sys.executable, "-c", _KILLED_BUILD, str(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
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
from geo.gazetteer.importer import _insert, import_dump
from tests.conftest import ROOT

def stuck(db, rows):
    _insert(db, rows)
    db.executemany("INSERT INTO names VALUES (?, 0, '')",  # a big dump: pages reach the file
                   ((f"filler {i}",) for i in range(100000)))
    print("importing", flush=True)
    time.sleep(600)

import geo.gazetteer.importer as imp
imp._insert = stuck
import_dump(ROOT / "tests" / "fixtures" / "geonames_sample.txt", __import__("pathlib").Path(sys.argv[1]))
"""


def test_an_import_killed_half_way_does_not_stop_lookups(cache):
    imported = gaz.imported_path()
    run = subprocess.Popen(
        [sys.executable, "-c", _KILLED_IMPORT, str(imported)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert run.stdout.readline() == "importing\n"
    finally:
        run.send_signal(signal.SIGKILL)
        run.wait()
    assert Path(f"{imported}-journal").exists()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert gaz.open_gazetteer().lookup("Moscou")[0].id == MOSCOW_CANDIDATE.id
    assert import_dump(SAMPLE_DUMP, imported) == 4


# --- corrections --------------------------------------------------------------------------

ISSUE_STORE = {"corrections": [{"kind": "choose", "start": 0, "end": 6, "candidate": {"foo": 1}}]}
TEXT = "Moscow is far from Paris."
KEY = document_key(TEXT)


def good(**more) -> dict:
    return {
        "document": KEY,
        "kind": "choose",
        "start": 0,
        "end": 6,
        "text": "Moscow",
        "candidate": {
            "id": MOSCOW_CANDIDATE.id,
            "name": "Moscow",
            "lat": MOSCOW_CANDIDATE.lat,
            "lon": MOSCOW_CANDIDATE.lon,
            "kind": "city",
            "country_code": "RU",
            **more,
        },
    }


def test_the_store_from_the_issue_is_one_warning_not_a_type_error(tmp_path):
    store = CorrectionStore(tmp_path / "corrections.json")
    store.path.write_text(json.dumps(ISSUE_STORE), encoding="utf-8")
    with pytest.warns(UserWarning, match="set aside"):
        assert store.for_document(TEXT) == []
    (aside,) = tmp_path.glob("corrections.json.damaged-*")
    assert (
        json.loads(aside.read_text(encoding="utf-8"))["corrections"] == ISSUE_STORE["corrections"]
    )


@pytest.mark.parametrize(
    "bad",
    [
        {"kind": "choose", "start": 0, "end": 6, "candidate": {"foo": 1}},
        {
            "kind": "choose",
            "start": 0,
            "end": 6,
            "candidate": {**good()["candidate"], "lat": "north"},
        },
        {"kind": "choose", "start": 0, "end": 6, "candidate": [1, 2]},
        {"kind": "choose", "start": 6, "end": 0},
        {"kind": "teleport", "start": 0, "end": 6},
        "not an object",
    ],
)
def test_a_bad_entry_is_set_aside_and_the_rest_of_the_store_kept(tmp_path, bad):
    store = CorrectionStore(tmp_path / "corrections.json")
    store.path.write_text(
        json.dumps({"version": 1, "corrections": [good(), bad]}), encoding="utf-8"
    )
    with pytest.warns(UserWarning, match="1 correction.* set aside"):
        (kept,) = store.for_document(TEXT)
    assert kept.candidate == Candidate(**good()["candidate"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # said once: the store no longer holds it
        assert len(CorrectionStore(store.path).all()) == 1


def test_unknown_keys_are_ignored(tmp_path):
    store = CorrectionStore(tmp_path / "corrections.json")
    entry = {**good(population=5, wikidata="Q649"), "confidence": 0.9, "author": "someone"}
    store.path.write_text(json.dumps({"version": 2, "corrections": [entry]}), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        (kept,) = store.for_document(TEXT)
    assert kept.candidate.id == MOSCOW_CANDIDATE.id and kept.candidate.population == 5


def test_the_cli_reads_the_store_from_the_issue(tmp_path, monkeypatch, capsys):
    from geo.cli.main import main
    from tests.conftest import isolated_cache

    folder = isolated_cache(tmp_path / "cache")
    monkeypatch.setenv("GEO_CACHE_DIR", str(folder))
    (folder / "corrections.json").write_text(json.dumps(ISSUE_STORE), encoding="utf-8")
    article = tmp_path / "article.txt"
    article.write_text("Moscou est loin de Paris.", encoding="utf-8")
    monkeypatch.setattr(warnings, "showwarning", warnings.showwarning)
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        assert main(["parse", str(article)]) == 0
    out, err = capsys.readouterr()
    assert {p["name"] for p in json.loads(out)["places"]} >= {"Paris"}
    assert "set aside" in err and "Traceback" not in err


def test_the_app_runs_with_the_store_from_the_issue(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import isolated_cache
    from tests.helpers import APP, APP_TIMEOUT, shown

    folder = isolated_cache(tmp_path / "cache")
    monkeypatch.setenv("GEO_CACHE_DIR", str(folder))
    monkeypatch.setenv("GEO_SERVED", "0")
    (folder / "corrections.json").write_text(json.dumps(ISSUE_STORE), encoding="utf-8")
    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    for run in range(2):  # the first run sets the entry aside, the next ones do not meet it
        at.run()
        assert not at.exception and not at.error, (at.exception, at.error)
        assert any("set aside" in shown(w) for w in at.warning) == (run == 0)
    assert list(folder.glob("corrections.json.damaged-*"))


def unreadable(path: Path, monkeypatch) -> None:
    """Make `path` a file of another user's, mode 0600. Root reads any file: then its reads
    fail as they fail for others."""
    path.chmod(0o600)
    if os.geteuid() != 0:
        path.chmod(0o000)
        return
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if Path(self) == path:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)


def test_a_store_of_another_user_is_said_once_and_never_overwritten(tmp_path, monkeypatch):
    store = CorrectionStore(tmp_path / "corrections.json")
    store.path.write_text(json.dumps({"version": 1, "corrections": [good()]}), encoding="utf-8")
    before = store.path.read_bytes()
    unreadable(store.path, monkeypatch)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert store.for_document(TEXT) == [] and CorrectionStore(store.path).all() == []
    (warning,) = messages(caught)
    assert "cannot be read" in warning and str(store.path) in warning
    with pytest.raises(GeoError, match="cannot save corrections"):
        store.add(Correction(KEY, "remove", 0, 6, "Moscow"))
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == [
        "corrections.json"
    ]


# --- configuration ------------------------------------------------------------------------


def test_an_unreadable_home_means_no_configuration_there(tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / ".config" / "geo").mkdir(parents=True)
    home.chmod(0o000)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("GEO_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    real_is_file = Path.is_file

    def refuse(self):
        if home in Path(self).absolute().parents:
            raise PermissionError(13, "Permission denied", str(self))  # as for any user
        return real_is_file(self)

    monkeypatch.setattr(Path, "is_file", refuse)
    try:
        with pytest.warns(UserWarning, match="cannot look for a configuration"):
            assert config.config_path() is None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            assert config.load_settings().provider == "gazetteer"
    finally:
        home.chmod(0o700)


def test_no_home_at_all_means_no_configuration_there(tmp_path, monkeypatch):
    monkeypatch.delenv("GEO_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)

    def nowhere(cls):
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", classmethod(nowhere))
    assert config.config_path() is None


def test_an_unreadable_configuration_is_one_line(tmp_path, monkeypatch):
    path = tmp_path / "geo.toml"
    path.write_text('[geocoder]\nprovider = "gazetteer"\n', encoding="utf-8")
    monkeypatch.setenv("GEO_CONFIG", str(path))
    unreadable(path, monkeypatch)
    with pytest.raises(GeoError, match="cannot read the configuration") as caught:
        config.load_settings()
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("toml", ['geocoder = "nominatim"', "[app]\nserved = [1]", "gazetteer = 3"])
def test_a_configuration_of_the_wrong_shape_is_one_line(tmp_path, monkeypatch, toml):
    path = tmp_path / "geo.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(GeoError, match="configuration"):
        config.load_settings(path)
