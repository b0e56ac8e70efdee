"""Where geo keeps its runtime files (gazetteer index, geocoding cache), what to do with a
damaged one, and how to check a large one once rather than at every start."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

# A file's version: size, modification and change times, inode. Any write moves a time.
Identity = tuple[int, int, int, int]


def cache_dir() -> Path:
    """`$GEO_CACHE_DIR`, else `cache/` of the source checkout, else `~/.cache/geo`."""
    configured = os.environ.get("GEO_CACHE_DIR")
    if configured:
        path = Path(configured)
    else:
        checkout = Path(__file__).resolve().parent.parent
        if (checkout / "pyproject.toml").is_file():
            path = checkout / "cache"
        else:
            path = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "geo"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # each user of the folder copes with one it cannot write
    return path


PART = ".part"  # the suffix of a file being written (its name starts with a dot)


def write_whole(path: Path, data: bytes) -> None:
    """Write `data` at `path` whole or not at all: into a temporary file beside it (readable by
    this user only), renamed once complete; OSError if the folder cannot be written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=PART)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    finally:  # a write that failed half way leaves nothing
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def aside_path(path: Path) -> Path:
    """Where a damaged file (or the damaged part of one) is kept for inspection."""
    return path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")


def set_aside(path: Path) -> Path:
    """Rename a damaged file out of the way (kept for inspection); return its new path."""
    moved = aside_path(path)
    try:
        os.replace(path, moved)
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    except OSError:
        path.unlink(missing_ok=True)
    return moved


def is_damage(err: sqlite3.DatabaseError) -> bool:
    """Whether SQLite says the file is not (or no longer) a whole database."""
    message = str(err)
    return any(m in message for m in ("not a database", "malformed", "disk image"))


def identity(path: Path) -> Identity | None:
    """The version of the file at `path`; None if there is none."""
    try:
        s = path.stat()
    except OSError:
        return None
    return s.st_size, s.st_mtime_ns, s.st_ctime_ns, s.st_ino


def checked_once(path: Path, check: Callable[[], bool]) -> bool:
    """`check()` of the file at `path`, run once per version of the file: a check passed is
    remembered in a `.checked` stamp beside it."""
    version = identity(path)
    with contextlib.suppress(OSError, UnicodeDecodeError):
        if _stamp(path).read_text(encoding="ascii") == repr(version):
            return True
    if not check():
        return False
    mark_checked(path, version)
    return True


def mark_checked(path: Path, version: Identity | None = None) -> None:
    """Remember that the file at `path` (as it is now, or at `version`) is whole: checked, or
    just written by geo."""
    with contextlib.suppress(OSError):  # a folder geo may not write: checked at each start
        _stamp(path).write_text(repr(version or identity(path)), encoding="ascii")


def _stamp(path: Path) -> Path:
    real = path.resolve()  # a link to an index (a test's cache folder) shares its stamp
    return real.with_name(f"{real.name}.checked")
