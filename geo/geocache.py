"""A persistent geocoding cache (SQLite under the cache folder) in front of any geocoder."""
from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import asdict
from pathlib import Path

from geo.cachedir import cache_dir
from geo.model import Candidate
from geo.names import normalize

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
        with self._connect() as db:
            db.execute(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30)
            db.execute("PRAGMA journal_mode = WAL")
            self._local.db = db
        return db

    def get(self, provider: str, language: str, query: str) -> list[Candidate] | None:
        """The stored candidates, or None when this query was never answered."""
        row = self._connect().execute(
            "SELECT candidates FROM answers WHERE provider = ? AND language = ? AND query = ?",
            (provider, language, normalize(query))).fetchone()
        if row is None:
            return None
        return [Candidate(**item) for item in json.loads(row[0])]

    def put(self, provider: str, language: str, query: str, found: list[Candidate]) -> None:
        """Store an answer (an empty list is a real "nothing found")."""
        payload = json.dumps([asdict(c) for c in found], ensure_ascii=False)
        with self._connect() as db:
            db.execute("INSERT OR REPLACE INTO answers VALUES (?,?,?,?,?)",
                       (provider, language, normalize(query), payload, time.time()))
