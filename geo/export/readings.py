"""Readings kept on disk: a text read once comes back as its Result with no language model.

One JSON file a reading under `cache/readings/`, named by a digest of all a reading depends
on: the text and how it was asked for (document id, language, geocoder, article date), geo's
own files, libraries and the spaCy models it may load (`geo.kept.code_version`), and the place
indexes it looked names up in (`sources_version`). A change to any of them leaves the old
files unread; the oldest go once the store is full.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from pathlib import Path

from geo.cachedir import PART, cache_dir, identity, write_whole
from geo.config import load_settings
from geo.errors import InputError
from geo.export.formats import to_dict
from geo.export.read import from_dict
from geo.gazetteer.index import DEFAULT_MIN_POPULATION, imported_path
from geo.kept import code_version
from geo.model import Result

FORMAT = 1  # of the files: one that says otherwise is removed
KEEP = 200  # readings kept, the most recently used first
MAX_BYTES = 50_000_000  # and at most this much of them (an article of 1M characters: ~5 MB)


def reading_key(
    text: str, *, doc_id: str, language: str, provider: str, date: str | None = None
) -> str:
    """The name of the reading of `text` asked for this way, by this geo, in these indexes."""
    asked = [FORMAT, code_version(), sources_version(), text, doc_id, language, provider, date]
    encoded = json.dumps(asked, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return hashlib.sha256(encoded).hexdigest()


def reading_slot(
    text: str, doc_id: str, language: str, provider: str, date: str | None
) -> tuple[ReadingStore, str] | None:
    """Where the reading of `text` asked for this way is kept on disk (store, key); None for
    an online provider, whose readings are not kept."""
    if provider != "gazetteer":
        return None
    key = reading_key(text, doc_id=doc_id, language=language, provider=provider, date=date)
    return ReadingStore(), key


def sources_version() -> str:
    """The place indexes a reading looked names up in, as they are now (a stat each): the
    gazetteer index, the places imported from GeoNames, the reader's own places files."""
    indexes = [cache_dir() / f"gazetteer-{DEFAULT_MIN_POPULATION}.sqlite", imported_path()]
    paths = indexes + [Path(p) for p in load_settings().user_places]
    return repr([(str(p), identity(p)) for p in paths])


class ReadingStore:
    """Readings as files in `folder` (default: `readings/` of the cache folder), at most `keep`
    of them and `max_bytes` in all. A file that cannot be read whole is removed and counts as
    missing; a folder that cannot be written keeps nothing, silently."""

    def __init__(
        self, folder: Path | None = None, *, keep: int = KEEP, max_bytes: int = MAX_BYTES
    ) -> None:
        self.folder = folder if folder is not None else cache_dir() / "readings"
        self.keep, self.max_bytes = keep, max_bytes

    def get(self, key: str) -> tuple[Result, float] | None:
        """The reading kept under `key` and the seconds it took when it was made; None if
        there is none (or none that can be read)."""
        path = self.folder / f"{key}.json"
        try:
            data = json.loads(path.read_bytes())
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise InputError(f"not a reading of format {FORMAT}")
            seconds, result = data["seconds"], from_dict(data["result"])
            if data.get("key") != key or not isinstance(seconds, int | float):
                raise InputError(f"not the reading {key}")
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, InputError):  # damaged, old, or not ours
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # used now: the last to go
        return result, float(seconds)

    def put(self, key: str, result: Result, seconds: float) -> bool:
        """Keep `result`, read in `seconds`, under `key` (written whole or not at all), then
        drop the least recently used readings beyond the bounds; whether it was kept."""
        result_data = to_dict(result, include_text=True)
        data = {"format": FORMAT, "key": key, "seconds": seconds, "result": result_data}
        try:
            encoded = json.dumps(data, ensure_ascii=False).encode("utf-8")
        except ValueError:  # a lone surrogate in the text: not worth a file
            return False
        if len(encoded) > self.max_bytes:
            return False
        try:  # readable by this user only: the article is in it
            write_whole(self.folder / f"{key}.json", encoded)
        except OSError:  # a folder geo may not write: the app reads again next time
            return False
        self._prune()
        return True

    def _prune(self) -> None:
        """Remove the least recently used readings beyond `keep` files or `max_bytes`, and
        what writes killed half way left an hour ago or more."""
        found = []
        for path in self.folder.glob("*.json"):
            with contextlib.suppress(OSError):
                stat = path.stat()
                found.append((stat.st_mtime_ns, stat.st_size, path))
        found.sort(reverse=True)
        total, old = 0, time.time() - 3600
        for number, (_, size, path) in enumerate(found):
            total += size
            if number >= self.keep or total > self.max_bytes:
                with contextlib.suppress(OSError):
                    path.unlink()
        for path in self.folder.glob(f".*{PART}"):
            with contextlib.suppress(OSError):
                if path.stat().st_mtime < old:
                    path.unlink()
