"""A persistent geocoding cache (SQLite under the cache folder) and the geocoder it fronts.

It never stops geo from working: a corrupt file is set aside and started afresh, a cache folder
that cannot be written turns caching off, each with one warning. WAL mode and a busy timeout let
several threads and processes write at once.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from geo.cachedir import cache_dir, is_damage, set_aside
from geo.errors import warn
from geo.geocoding.base import Geocoder, locations, shape
from geo.ingest.invisible import visible
from geo.model import Candidate
from geo.names import normalize

if TYPE_CHECKING:
    from geopy.location import Location

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    provider TEXT, language TEXT, query TEXT, candidates TEXT, stored REAL,
    PRIMARY KEY (provider, language, query))
"""


class GeocodeCache:
    """Answers keyed by provider, language and normalised query; errors are never stored."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_dir() / "geocode.sqlite"
        self._local = threading.local()
        self.enabled = True
        try:
            self._open()
        except sqlite3.DatabaseError as err:
            if not is_damage(err):
                self._disable(err)  # a folder or file we may not write
                return
            moved = set_aside(self.path)
            warn(
                f"the geocoding cache {self.path} was damaged ({err}); "
                f"set aside as {moved.name}, starting afresh"
            )
            self._local = threading.local()
            try:
                self._open()
            except sqlite3.DatabaseError as again:
                self._disable(again)

    def _open(self) -> None:
        db = self._connect()
        db.execute(_SCHEMA)
        db.execute("SELECT count(*) FROM answers").fetchone()
        db.commit()

    def _disable(self, err: Exception) -> None:
        self.enabled = False
        warn(f"geocoding answers will not be cached: cannot write {self.path} ({err})")

    def _connect(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30)
            db.execute("PRAGMA busy_timeout = 30000")
            db.execute("PRAGMA journal_mode = WAL")
            self._local.db = db
        return db

    def get(self, provider: str, language: str, query: str) -> list[Candidate] | None:
        """The stored candidates, or None when this query was never answered (or unreadable)."""
        if not self.enabled:
            return None
        try:
            row = (
                self._connect()
                .execute(
                    "SELECT candidates FROM answers WHERE provider = ? AND language = ? AND query = ?",
                    (provider, language, normalize(query)),
                )
                .fetchone()
            )
            return None if row is None else [Candidate(**item) for item in json.loads(row[0])]
        except (sqlite3.DatabaseError, ValueError, TypeError):
            return None  # a damaged entry is a miss: the provider is asked again

    def put(self, provider: str, language: str, query: str, found: list[Candidate]) -> None:
        """Store an answer (an empty list is a real "nothing found")."""
        if not self.enabled:
            return
        payload = json.dumps([asdict(c) for c in found], ensure_ascii=False)
        try:
            with self._connect() as db:
                db.execute(
                    "INSERT OR REPLACE INTO answers VALUES (?,?,?,?,?)",
                    (provider, language, normalize(query), payload, time.time()),
                )
        except sqlite3.DatabaseError as err:
            self._disable(err)


class CachedGeocoder(Geocoder):
    """A geocoder with the persistent cache in front: a query reaches the provider once."""

    def __init__(self, inner: Geocoder, cache: GeocodeCache | None = None) -> None:
        self.inner = inner
        self.name = inner.name
        self.cache = cache or GeocodeCache()

    def geocode(
        self, query: str, *, exactly_one: bool = True, language: str | None = None, limit: int = 25
    ) -> Location | list[Location] | None:
        return shape(locations(self.candidates(query, language=language, limit=limit)), exactly_one)

    def candidates(
        self, query: str, *, language: str | None = None, limit: int = 25
    ) -> list[Candidate]:
        """The stored answer, else the inner geocoder's (then stored; its errors are not)."""
        query = visible(query).text
        found = self.cache.get(self.name, language or "", query)
        if found is None:
            found = self.inner.candidates(query, language=language, limit=limit)
            self.cache.put(self.name, language or "", query, found)
        return found[:limit]

    def health(self) -> str:
        return self.inner.health()
