"""Settings from a TOML file and the environment (the environment wins).

The file is `$GEO_CONFIG`, else `geo.toml` in the working folder, else
`~/.config/geo/config.toml`; see the README for its keys.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from geo.errors import GeoError


@dataclass(frozen=True, slots=True)
class Settings:
    """How to geocode: which provider, with which options, and the reader's own places."""

    provider: str = "gazetteer"
    user_agent: str | None = None
    min_delay: float = 1.0
    timeout: float = 10.0
    options: dict = field(default_factory=dict)
    user_places: tuple[str, ...] = ()


def config_path() -> Path | None:
    """The configuration file in use, if any."""
    if os.environ.get("GEO_CONFIG"):
        return Path(os.environ["GEO_CONFIG"])
    for path in (Path("geo.toml"), Path.home() / ".config" / "geo" / "config.toml"):
        if path.is_file():
            return path
    return None


def load_settings(path: Path | None = None) -> Settings:
    """Settings from the file (if any), overridden by GEO_GEOCODER and GEO_USER_PLACES."""
    path = path or config_path()
    data: dict = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
            raise GeoError(f"cannot read the configuration {path}: {err}") from err
    geocoder = data.get("geocoder", {})
    places = data.get("gazetteer", {}).get("user_places", [])
    if os.environ.get("GEO_USER_PLACES"):
        places = os.environ["GEO_USER_PLACES"].split(os.pathsep)
    try:
        return Settings(
            provider=os.environ.get("GEO_GEOCODER") or geocoder.get("provider", "gazetteer"),
            user_agent=geocoder.get("user_agent"),
            min_delay=float(geocoder.get("min_delay", 1.0)),
            timeout=float(geocoder.get("timeout", 10.0)),
            options=dict(geocoder.get("options", {})),
            user_places=tuple(str(p) for p in places))
    except (TypeError, ValueError) as err:
        raise GeoError(f"bad value in the configuration {path}: {err}") from err
