"""Where geo keeps its runtime files (gazetteer index, geocoding cache), and what to do with a
damaged one."""
from __future__ import annotations

import os
import time
from pathlib import Path


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


def set_aside(path: Path) -> Path:
    """Rename a damaged file out of the way (kept for inspection); return its new path."""
    moved = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        os.replace(path, moved)
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    except OSError:
        path.unlink(missing_ok=True)
    return moved
