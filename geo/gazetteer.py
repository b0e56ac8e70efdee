"""The embedded gazetteer: a SQLite index of names built once from packaged GeoNames data.

Opening is instant once built; the build (about half a minute) happens on first use, under a
file lock so that two processes starting together build it once, and again only when a source
version changes.
"""
from __future__ import annotations

import fcntl
import functools
import os
import re
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from geo.cachedir import cache_dir, set_aside
from geo.errors import GazetteerError, warn
from geo.gazetteer_sources import Entry, entries, source_version
from geo.model import Candidate
from geo.names import normalize

DEFAULT_MIN_POPULATION = 500
COLUMNS = "id, name, lat, lon, kind, country_code, population, source, admin1, feature"
SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (rowid INTEGER PRIMARY KEY, {COLUMNS});
CREATE UNIQUE INDEX places_id ON places (id);
CREATE TABLE names (norm TEXT, place INTEGER, lang TEXT, PRIMARY KEY (norm, place)) WITHOUT ROWID;
"""


_REGION_TYPE = re.compile(r"^(state|province|county|region|oblast|governorate) of |"
                          r" (state|province|county|region|oblast|governorate|lga)$")


class Gazetteer:
    """Read-only lookups in one or more built indexes (the embedded one, then imports)."""

    def __init__(self, path: Path, *more: Path) -> None:
        self.paths = (path, *more)
        self._dbs = [sqlite3.connect(f"file:{p}?mode=ro", uri=True, check_same_thread=False)
                     for p in self.paths]

    def lookup(self, name: str, *, limit: int = 25) -> list[Candidate]:
        """Candidates for a name, most populous first (countries before their namesakes).

        "Benue State", "Suffolk County": when the whole name is unknown, the regions named by
        what is left without the type word.
        """
        found = self._lookup(normalize(name), limit)
        if not found:
            base = _REGION_TYPE.sub("", normalize(name))
            if base != normalize(name):
                found = [c for c in self._lookup(base, limit) if c.kind == "region"]
        return found

    def _lookup(self, key: str, limit: int) -> list[Candidate]:
        found = {}
        for db in self._dbs:
            for row in db.execute(
                    f"SELECT {COLUMNS} FROM names JOIN places ON places.rowid = names.place "
                    "WHERE names.norm = ? ORDER BY kind = 'country' DESC, population DESC LIMIT ?",
                    (key, limit)):
                found.setdefault(row[0], Candidate(*row))
        if len(self._dbs) == 1:
            return list(found.values())
        ranked = sorted(found.values(), key=lambda c: (c.kind != "country", -c.population))
        return ranked[:limit]

    def __contains__(self, name: str) -> bool:
        key = normalize(name)
        return any(db.execute("SELECT 1 FROM names WHERE norm = ? LIMIT 1", (key,)).fetchone()
                   for db in self._dbs)


@functools.cache
def open_gazetteer(min_population: int = DEFAULT_MIN_POPULATION) -> Gazetteer:
    """The default gazetteer, built under the cache folder if needed."""
    path = built_index(cache_dir(), min_population)
    imported = imported_path()
    return Gazetteer(path, imported) if imported.is_file() else Gazetteer(path)


def built_index(folder: Path, min_population: int = DEFAULT_MIN_POPULATION) -> Path:
    """The path of an up-to-date index in `folder`, or, if that folder cannot be written, in a
    temporary folder (with a warning)."""
    path = folder / f"gazetteer-{min_population}.sqlite"
    try:
        ensure_built(path, min_population=min_population)
    except GazetteerError as err:
        spare = Path(tempfile.gettempdir()) / f"geo-{os.getuid()}"
        spare.mkdir(exist_ok=True)
        warn(f"{err}; the index is kept in {spare} instead")
        path = spare / path.name
        ensure_built(path, min_population=min_population)
    return path


def imported_path() -> Path:
    """Where `geo gazetteer import` keeps the places it read from GeoNames dumps."""
    return cache_dir() / "gazetteer-imported.sqlite"


def ensure_built(path: Path, *, min_population: int = DEFAULT_MIN_POPULATION,
                 progress: Callable[[str], None] | None = None) -> None:
    """Build the index at `path` unless an up-to-date one is there; a damaged one is set
    aside (with a warning) and built again."""
    version = source_version(min_population)
    if _built_version(path) == version:
        return
    lock_path = path.with_suffix(".lock")
    try:
        lock = open(lock_path, "w")
    except OSError as err:
        raise GazetteerError(f"cannot write the gazetteer index in {path.parent}: {err.strerror}") from err
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a second process waits here, then finds it built
        found = _built_version(path)
        if found == version:
            return
        if found == _DAMAGED:
            moved = set_aside(path)
            warn(f"the gazetteer index {path} was damaged; set aside as {moved.name} "
                 "and built again")
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        try:
            _build(tmp, entries(min_population), version, progress or _stderr_progress)
            os.replace(tmp, path)
        except (OSError, sqlite3.Error) as err:
            raise GazetteerError(f"cannot build the gazetteer index at {path}: {err}") from err
        finally:
            tmp.unlink(missing_ok=True)


_DAMAGED = "damaged"


def _built_version(path: Path) -> str | None:
    """The source version an index was built from; _DAMAGED if it is not a whole index."""
    if not path.is_file():
        return None
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            rows = dict(db.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error:
        return _DAMAGED
    # a truncated file can still show its first pages: its size must be the one recorded
    if rows.get("bytes") != str(path.stat().st_size):
        return _DAMAGED
    return rows.get("version")


def _build(path: Path, items: Iterable[Entry], version: str,
           progress: Callable[[str], None]) -> None:
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    try:
        db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
        places, names = [], {}
        for rowid, entry in enumerate(items, start=1):
            c = entry.candidate
            places.append((rowid, c.id, c.name, c.lat, c.lon, c.kind, c.country_code,
                           c.population, c.source, c.admin1, c.feature))
            for name, lang in entry.names:
                key = normalize(name)
                if key:
                    names.setdefault((key, rowid), lang)
            if rowid % 50000 == 0:
                progress(f"gazetteer: {rowid:,} places read")
        db.executemany(f"INSERT INTO places (rowid, {COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                       places)
        db.executemany("INSERT INTO names VALUES (?,?,?)",
                       ((k, rowid, lang) for (k, rowid), lang in sorted(names.items())))
        db.execute("INSERT INTO meta VALUES ('version', ?)", (version,))
        db.commit()
        db.execute("VACUUM")  # settle the file, then record its size to detect truncation
        pages, size = (db.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "page_size"))
        db.execute("INSERT INTO meta VALUES ('bytes', ?)", (str(pages * size),))
        db.commit()
        progress(f"gazetteer: {len(places):,} places, {len(names):,} names indexed")
    finally:
        db.close()


def _stderr_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
