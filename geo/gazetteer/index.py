"""The embedded gazetteer: a SQLite index of names built once from packaged GeoNames data.

Opening is instant once built; the build (15 to 30 s on two cores) happens on first use, under a
file lock so that two processes starting together build it once, and again only when a source
version changes. An index is checked whole once per version of its file (SQLite's quick check,
remembered in a `.checked` stamp beside it); one found damaged then, or later by a lookup, is
set aside with a warning and built again (an imported one cannot be: it is left out).
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import math
import os
import re
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from geo.cachedir import (
    Identity,
    cache_dir,
    checked_once,
    identity,
    is_damage,
    mark_checked,
    set_aside,
)
from geo.errors import GazetteerError, warn
from geo.gazetteer.sources import Entry, entries, source_version
from geo.model import Candidate
from geo.names import name_key, normalize

DEFAULT_MIN_POPULATION = 500
COLUMNS = "id, name, lat, lon, kind, country_code, population, source, admin1, feature"
SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (rowid INTEGER PRIMARY KEY, {COLUMNS});
CREATE UNIQUE INDEX places_id ON places (id);
CREATE TABLE names (norm TEXT, place INTEGER, lang TEXT, PRIMARY KEY (norm, place)) WITHOUT ROWID;
"""


_REGION_TYPE = re.compile(
    r"^(state|province|county|region|oblast|governorate) of |"
    r" (state|province|county|region|oblast|governorate|lga)$"
)


# Told how a build goes: what it is doing, and the share of the work done (0 to 1)
Progress = Callable[[str, float], None]

# What to do with an index found damaged in use: True once it is whole again, False to leave it out
Repair = Callable[[Path, Identity | None], bool]


_REMEMBERED = 5_000  # names whose candidates are kept in memory (some MB)


class Gazetteer:
    """Read-only lookups in one or more built indexes (the embedded one, then imports).

    A lookup that finds an index damaged calls `repair` once (under a lock: other threads
    wait, then use the repaired index); without `repair` it is a GazetteerError.
    """

    def __init__(self, path: Path | str, *more: Path | str, repair: Repair | None = None) -> None:
        self.paths = tuple(Path(p) for p in (path, *more))
        self._repair = repair
        self._lock = threading.Lock()
        self._open: dict[Path, _Open | None] = {p: _Open.at(p) for p in self.paths}
        # the same names come back in text after text ("Paris", "Russie"): a query each time
        # was a tenth of recognition's time; emptied when an index is repaired or left out
        self._found = functools.lru_cache(maxsize=_REMEMBERED)(self._found_now)

    def lookup(self, name: str, *, limit: int = 25) -> list[Candidate]:
        """Candidates for a name, most populous first (countries before their namesakes).

        "Benue State", "Suffolk County": when the whole name is unknown, the regions named by
        what is left without the type word.
        """
        return list(self._found(name, limit))

    def _found_now(self, name: str, limit: int) -> tuple[Candidate, ...]:
        found = self._lookup(normalize(name), limit)
        written = name.strip()
        if "." in written:  # "Ill.": an exact name, whose key keeps its case and points
            exact = self._lookup(written, limit)
            found = exact + [c for c in found if c not in exact]
        if not found:
            base = _REGION_TYPE.sub("", normalize(name))
            if base != normalize(name):
                found = [c for c in self._lookup(base, limit) if c.kind == "region"]
        return tuple(found)

    def _lookup(self, key: str, limit: int) -> list[Candidate]:
        found: dict[str, Candidate] = {}
        for row in self._rows(
            f"SELECT {COLUMNS} FROM names JOIN places ON places.rowid = names.place "
            "WHERE names.norm = ? ORDER BY kind = 'country' DESC, population DESC LIMIT ?",
            (key, limit),
        ):
            found.setdefault(row[0], Candidate(*row))
        if len(self.paths) == 1:
            return list(found.values())
        ranked = sorted(found.values(), key=lambda c: (c.kind != "country", -c.population))
        return ranked[:limit]

    def __contains__(self, name: str) -> bool:
        keys = [normalize(name)] + ([name.strip()] if "." in name else [])
        sql = "SELECT 1 FROM names WHERE norm = ? LIMIT 1"
        return any(self._rows(sql, (key,)) for key in keys)

    def _rows(self, sql: str, parameters: tuple) -> list[tuple]:
        """The rows of every index, in order; one found damaged is repaired or left out."""
        rows = []
        for path in self.paths:
            opened = self._open.get(path)
            if opened is None:
                continue  # left out after damage
            try:
                rows += opened.db.execute(sql, parameters).fetchall()
            except sqlite3.DatabaseError as err:
                if not is_damage(err):
                    raise GazetteerError(f"cannot read the gazetteer index {path}: {err}") from err
                rows += self._after_damage(path, opened, err, sql, parameters)
        return rows

    def _after_damage(
        self, path: Path, failed: _Open, err: sqlite3.DatabaseError, sql: str, parameters: tuple
    ) -> list[tuple]:
        if self._repair is None:
            raise GazetteerError(f"the gazetteer index {path} is damaged: {err}") from err
        with self._lock:
            if self._open.get(path) is failed:  # else another thread repaired it meanwhile
                whole = self._repair(path, failed.identity)
                self._open[path] = _Open.at(path) if whole else None
                self._found.cache_clear()
            opened = self._open[path]
        if opened is None:
            return []
        try:
            return opened.db.execute(sql, parameters).fetchall()
        except sqlite3.DatabaseError as again:
            raise GazetteerError(f"the gazetteer index {path} is damaged: {again}") from again


@dataclass(frozen=True, slots=True)
class _Open:
    """A read-only connection to an index, and the version of the file it opened."""

    db: sqlite3.Connection
    identity: Identity | None

    @classmethod
    def at(cls, path: Path) -> _Open:
        version = identity(path)
        return cls(
            sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False), version
        )


@functools.cache
def open_gazetteer(min_population: int = DEFAULT_MIN_POPULATION) -> Gazetteer:
    """The default gazetteer, built under the cache folder if needed, with the places imported
    from GeoNames dumps if any (left out, with a warning, when damaged)."""
    path = built_index(cache_dir(), min_population)
    imported = imported_path()
    if imported.is_file() and not whole_import(imported):
        _set_aside_import(imported)
    imports = (imported,) if imported.is_file() else ()
    repair = functools.partial(_repair, main=path, min_population=min_population)
    return Gazetteer(path, *imports, repair=repair)


def _repair(path: Path, version: Identity | None, *, main: Path, min_population: int) -> bool:
    """open_gazetteer's repair: the embedded index is built again, an imported one set aside
    (unless it was imported again meanwhile)."""
    if path == main:
        ensure_built(path, min_population=min_population, damaged=version)
        return True
    if identity(path) != version and whole_import(path):
        return True  # imported again since it was opened
    _set_aside_import(path)
    return False


def whole_import(path: Path) -> bool:
    """Whether the imported index at `path` is whole."""
    # an import killed half way leaves a journal that only a writer can roll back
    mode = "rw" if Path(f"{path}-journal").exists() else "ro"
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode={mode}", uri=True)) as db:
            return _whole(path, db)
    except sqlite3.Error:
        return False


def _set_aside_import(path: Path) -> None:
    moved = set_aside(path)
    warn(
        f"the imported gazetteer {path} was damaged; set aside as {moved.name}. Import your "
        "GeoNames dump again: python -m geo gazetteer import FILE"
    )


def built_index(
    folder: Path,
    min_population: int = DEFAULT_MIN_POPULATION,
    *,
    progress: Progress | None = None,
) -> Path:
    """The path of an up-to-date index in `folder`, or, if that folder cannot be written, in a
    temporary folder (with a warning); a build says how it goes to `progress`."""
    path = _index_path(folder, min_population)
    try:
        ensure_built(path, min_population=min_population, progress=progress)
    except GazetteerError as err:
        spare = Path(tempfile.gettempdir()) / f"geo-{os.getuid()}"
        spare.mkdir(exist_ok=True)
        warn(f"{err}; the index is kept in {spare} instead")
        path = spare / path.name
        ensure_built(path, min_population=min_population, progress=progress)
    return path


def index_ready(min_population: int = DEFAULT_MIN_POPULATION) -> bool:
    """Whether the default index is built and up to date (opening it will build nothing)."""
    return _built_version(_index_path(cache_dir(), min_population)) == source_version(
        min_population
    )


def _index_path(folder: Path, min_population: int) -> Path:
    return folder / f"gazetteer-{min_population}.sqlite"


def imported_path() -> Path:
    """Where `geo gazetteer import` keeps the places it read from GeoNames dumps."""
    return cache_dir() / "gazetteer-imported.sqlite"


def ensure_built(
    path: Path,
    *,
    min_population: int = DEFAULT_MIN_POPULATION,
    progress: Progress | None = None,
    damaged: Identity | None = None,
) -> None:
    """Build the index at `path` unless a whole, up-to-date one is there. A damaged one (or,
    with `damaged`, the version of the file a lookup found damaged) is set aside with a
    warning and built again; what builds killed half way left is removed."""
    version = source_version(min_population)
    if damaged is None and _built_version(path) == version:
        if _leftovers(path):
            with _build_lock(path, wait=False) as free:
                if free:
                    _remove_leftovers(path)
        return
    with _build_lock(path):  # a second process waits here, then finds it built
        found = _built_version(path)
        if damaged is not None and identity(path) == damaged:
            found = _DAMAGED  # damage SQLite's quick check did not see
        if found == version:
            return
        if found == _DAMAGED:
            moved = set_aside(path)
            warn(
                f"the gazetteer index {path} was damaged; set aside as {moved.name} and built again"
            )
        _remove_leftovers(path)
        _build_in_place(path, min_population, version, progress or stderr_progress())


@contextlib.contextmanager
def _build_lock(path: Path, *, wait: bool = True) -> Iterator[bool]:
    """The lock a build of `path` holds; yields whether it was taken (without `wait`: only
    when no build is running)."""
    try:
        lock = open(path.with_suffix(".lock"), "w")
    except OSError as err:
        if not wait:
            yield False
            return
        raise GazetteerError(
            f"cannot write the gazetteer index in {path.parent}: {err.strerror}"
        ) from err
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True


def _build_in_place(path: Path, min_population: int, version: str, progress: Progress) -> None:
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    items = entries(
        min_population, reading=lambda what, share: progress(f"gazetteer: {what}", _READING * share)
    )
    try:
        _build(tmp, items, version, progress)
        os.replace(tmp, path)
    except (OSError, sqlite3.Error) as err:
        raise GazetteerError(f"cannot build the gazetteer index at {path}: {err}") from err
    finally:
        tmp.unlink(missing_ok=True)
    mark_checked(path)


def _leftovers(path: Path) -> list[Path]:
    """Temporaries of builds of `path` (`gazetteer-500.tmpPID`)."""
    pattern = re.compile(re.escape(path.stem) + r"\.tmp\d+")
    try:
        return [p for p in path.parent.iterdir() if pattern.fullmatch(p.name)]
    except OSError:
        return []


def _remove_leftovers(path: Path) -> None:
    """Remove what builds killed half way left; only under the build lock (none is running)."""
    for leftover in _leftovers(path):
        with contextlib.suppress(OSError):
            leftover.unlink()


_DAMAGED = "damaged"


def _built_version(path: Path) -> str | None:
    """The source version an index was built from; _DAMAGED if it is not a whole index."""
    if not path.is_file():
        return None
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            rows = dict(db.execute("SELECT key, value FROM meta").fetchall())
            # a truncated file can still show its first pages: its size must be the one recorded
            if rows.get("bytes") != str(path.stat().st_size) or not _whole(path, db):
                return _DAMAGED
    except sqlite3.Error:
        return _DAMAGED
    return rows.get("version")


def _whole(path: Path, db: sqlite3.Connection) -> bool:
    """Whether the index passes SQLite's quick check: once per version of the file (a third
    of a second for the embedded index)."""
    return checked_once(path, lambda: _quick_check(db))


def _quick_check(db: sqlite3.Connection) -> bool:
    try:
        db.execute("SELECT 1 FROM places JOIN names LIMIT 0").fetchall()  # its tables are there
        return db.execute("PRAGMA quick_check(1)").fetchone()[0] == "ok"
    except sqlite3.DatabaseError:
        return False


def _build(
    path: Path,
    items: Iterable[Entry],
    version: str,
    progress: Progress,
) -> None:
    """Write the index of `items` at `path`, telling `progress` how its writing goes (the
    share after `_READING`, which is the reading's, told by the source of `items`)."""
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    try:
        db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
        places: list[tuple] = []
        names: dict[tuple[str, int], str] = {}
        for rowid, entry in enumerate(items, start=1):
            c = entry.candidate
            places.append(
                (
                    rowid,
                    c.id,
                    c.name,
                    c.lat,
                    c.lon,
                    c.kind,
                    c.country_code,
                    c.population,
                    c.source,
                    c.admin1,
                    c.feature,
                )
            )
            for name, lang in entry.names:
                key = name_key(name)
                if key:
                    names.setdefault((key, rowid), lang)
            for written in entry.exact:
                # kept as written: a key with a point, which no normalised name has
                if "." in written:
                    names.setdefault((written.strip(), rowid), "")
        progress(f"gazetteer: writing {len(places):,} places", _READING)
        db.executemany(
            f"INSERT INTO places (rowid, {COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)", places
        )
        progress(f"gazetteer: writing the index of {len(names):,} names", _READING + 0.05)
        # in the table's order, for a compact file: by name, then place, which is the order
        # they were met in (a stable sort on the name alone, quicker than on both)
        db.executemany(
            "INSERT INTO names VALUES (?,?,?)",
            ((k, rowid, lang) for (k, rowid), lang in sorted(names.items(), key=_name_of)),
        )
        db.execute("INSERT INTO meta VALUES ('version', ?)", (version,))
        db.commit()
        db.execute("VACUUM")  # settle the file, then record its size to detect truncation
        pages, size = (db.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "page_size"))
        db.execute("INSERT INTO meta VALUES ('bytes', ?)", (str(pages * size),))
        db.commit()
        progress(f"gazetteer: {len(places):,} places, {len(names):,} names indexed", 1.0)
    finally:
        db.close()


def _name_of(item: tuple[tuple[str, int], str]) -> str:
    return item[0][0]


_READING = 0.75  # the share of a build's time spent reading its sources (measured)


def stderr_progress() -> Progress:
    """A build's progress on stderr: its first and last steps, and one line every 2 seconds."""
    last = [-math.inf]

    def show(message: str, done: float) -> None:
        if done in (0.0, 1.0) or time.monotonic() - last[0] >= 2:
            last[0] = time.monotonic()
            print(message, file=sys.stderr, flush=True)

    return show
