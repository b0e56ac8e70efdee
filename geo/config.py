"""Settings from a TOML file and the environment (the environment wins).

The file is `$GEO_CONFIG`, else `geo.toml` in the working folder, else
`~/.config/geo/config.toml`; see the README for its keys.
"""

from __future__ import annotations

import ipaddress
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from geo.errors import GeoError, warn


@dataclass(frozen=True, slots=True)
class Settings:
    """How to geocode (which provider, with which options, the reader's own places) and how
    the app treats its readers (`served`: None means "decide from the server's address")."""

    provider: str = "gazetteer"
    user_agent: str | None = None
    min_delay: float = 1.0
    timeout: float = 10.0
    options: dict = field(default_factory=dict)
    user_places: tuple[str, ...] = ()
    served: bool | None = None
    allow_private_urls: bool | None = None


def config_path() -> Path | None:
    """The configuration file in use, if any. A folder that cannot be searched (a home
    folder of mode 000, no home at all) has none, with a warning when it may have one."""
    if os.environ.get("GEO_CONFIG"):
        return Path(os.environ["GEO_CONFIG"])
    places = [Path("geo.toml")]
    try:
        places.append(Path.home() / ".config" / "geo" / "config.toml")
    except (RuntimeError, KeyError, OSError):
        pass  # no home folder: no configuration there
    for path in places:
        try:
            if path.is_file():
                return path
        except OSError as err:
            warn(
                f"cannot look for a configuration in {path.parent} ({err.strerror or err}); "
                "going on without it"
            )
    return None


def load_settings(path: Path | None = None) -> Settings:
    """Settings from the file (if any), overridden by GEO_GEOCODER and GEO_USER_PLACES."""
    path = path or config_path()
    data: dict = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
            reason = err.strerror if isinstance(err, OSError) and err.strerror else err
            raise GeoError(f"cannot read the configuration {path}: {reason}") from err
    geocoder, app, gazetteer = (_table(data, key, path) for key in ("geocoder", "app", "gazetteer"))
    places = gazetteer.get("user_places", [])
    if os.environ.get("GEO_USER_PLACES"):
        places = os.environ["GEO_USER_PLACES"].split(os.pathsep)
    try:
        return Settings(
            provider=os.environ.get("GEO_GEOCODER") or geocoder.get("provider", "gazetteer"),
            user_agent=geocoder.get("user_agent"),
            min_delay=float(geocoder.get("min_delay", 1.0)),
            timeout=float(geocoder.get("timeout", 10.0)),
            options=dict(geocoder.get("options", {})),
            user_places=tuple(str(p) for p in places),
            served=_switch(os.environ.get("GEO_SERVED", app.get("served", "auto")), "served"),
            allow_private_urls=_switch(
                os.environ.get("GEO_ALLOW_PRIVATE_URLS", app.get("allow_private_urls", "auto")),
                "allow_private_urls",
            ),
        )
    except (TypeError, ValueError) as err:
        raise GeoError(f"bad value in the configuration {path}: {err}") from err


def _table(data: dict, name: str, path: Path | None) -> dict:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise GeoError(f"bad value in the configuration {path}: {name} must be a table ([{name}])")
    return table


def _switch(value: object, name: str) -> bool | None:
    """true/false (also 1/0, yes/no, on/off) or auto (None)."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in ("auto", ""):
        return None
    if word in ("1", "true", "yes", "on"):
        return True
    if word in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{name} must be true, false or auto, not {value!r}")


def served_to_others(settings: Settings, address: str | None) -> bool:
    """Whether the app is used by others than the person running it: as configured, else
    whenever Streamlit listens on more than a loopback address (unset means every
    interface; a Unix socket means a proxy in front). Behind a proxy on a loopback address,
    say so in the settings (`served = true`)."""
    if settings.served is not None:
        return settings.served
    if not address:
        return True
    if address.strip("[]").lower() == "localhost":
        return False
    try:
        return not ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return True  # a host name or socket path: assume others can reach it


def refuse_private_urls(settings: Settings, served: bool) -> bool:
    """Whether web addresses on private, loopback or link-local networks are refused: as
    configured, else whenever the app is served to others (so that it cannot be used to
    reach the machine's own network)."""
    if settings.allow_private_urls is not None:
        return not settings.allow_private_urls
    return served
