"""Where geo keeps its runtime files (gazetteer index, geocoding cache)."""
from __future__ import annotations

import os
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
    path.mkdir(parents=True, exist_ok=True)
    return path
