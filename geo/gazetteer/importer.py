"""`geo gazetteer import`: add places from a GeoNames dump the reader downloaded themselves.

Reads the tab-separated GeoNames format (allCountries.txt, cities1000.zip, a country file such
as FR.zip) into a second index beside the embedded one; lookups consult both.
"""

from __future__ import annotations

import io
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from geo.cachedir import mark_checked, set_aside
from geo.errors import InputError, warn
from geo.gazetteer.entry import useful_alternate
from geo.gazetteer.index import COLUMNS, SCHEMA, whole_import
from geo.names import name_key

_COUNTRY_CODES = {"PCLI", "PCLD", "PCLF", "PCLS", "PCL", "PCLIX", "TERR"}
_BATCH = 20000


def feature_kind(feature_class: str, code: str) -> tuple[str, str | None]:
    """geo's kind (and "capital" feature) for a GeoNames feature class and code."""
    if feature_class == "P":
        return "city", "capital" if code == "PPLC" else None
    if feature_class == "A":
        return ("country", None) if code in _COUNTRY_CODES else ("region", None)
    if feature_class == "L":
        return ("continent", None) if code == "CONT" else ("region", None)
    return ("landmark", None) if feature_class == "S" else ("other", None)


def import_dump(
    source: Path, target: Path, *, progress: Callable[[str], None] = lambda message: None
) -> int:
    """Add every well-formed record of `source` to the index at `target`; return the count.
    A damaged index there is set aside (with a warning) and a new one started."""
    if target.is_file() and not whole_import(target):
        moved = set_aside(target)
        warn(
            f"the imported gazetteer {target} was damaged; set aside as {moved.name}, "
            "starting a new one"
        )
    added = valid = bad = 0
    db = sqlite3.connect(target, timeout=30)
    try:
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'places'").fetchone():
            db.executescript(SCHEMA)
        with _lines(source) as lines:
            for batch in _batches(lines):
                rows = [r for r in map(_record, batch) if r is not None]
                valid, bad = valid + len(rows), bad + len(batch) - len(rows)
                added += _insert(db, rows)
                progress(f"gazetteer import: {added:,} places added")
        db.commit()
    except sqlite3.Error as err:
        raise InputError(f"cannot write the imported gazetteer {target}: {err}") from err
    finally:
        db.close()
    mark_checked(target)
    if valid == 0:
        raise InputError(f"{source} is not a GeoNames dump ({bad:,} lines not in its format)")
    return added


@contextmanager
def _lines(source: Path) -> Iterator[Iterator[str]]:
    try:
        if zipfile.is_zipfile(source):
            with zipfile.ZipFile(source) as archive:
                members = [
                    n
                    for n in archive.namelist()
                    if n.endswith(".txt") and "readme" not in n.lower()
                ]
                if not members:
                    raise InputError(f"{source} holds no GeoNames .txt file")
                member = max(members, key=lambda n: archive.getinfo(n).file_size)
                with archive.open(member) as raw:
                    yield io.TextIOWrapper(raw, encoding="utf-8")
        else:
            with open(source, encoding="utf-8") as handle:
                yield handle
    except FileNotFoundError:
        raise InputError(f"no such file: {source}") from None
    except (OSError, UnicodeDecodeError, zipfile.BadZipFile) as err:
        raise InputError(f"cannot read {source}: {err}") from err


def _batches(lines: Iterator[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) == _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _record(line: str) -> tuple[tuple, list[str]] | None:
    fields = line.rstrip("\n").split("\t")
    if len(fields) < 15:
        return None
    try:
        geonameid, lat, lon = int(fields[0]), float(fields[4]), float(fields[5])
        population = int(fields[14] or 0)
    except ValueError:
        return None
    kind, feature = feature_kind(fields[6], fields[7])
    place = (
        f"geonames:{geonameid}",
        fields[1],
        lat,
        lon,
        kind,
        fields[8] or None,
        population,
        "geonames",
        fields[10] or None,
        feature,
    )
    names = [fields[1], fields[2], *(n for n in fields[3].split(",") if useful_alternate(n))]
    return place, names


def _insert(db: sqlite3.Connection, rows: list[tuple[tuple, list[str]]]) -> int:
    added = 0
    for place, names in rows:
        cursor = db.execute(
            f"INSERT OR IGNORE INTO places ({COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)", place
        )
        if cursor.rowcount == 0:
            continue  # imported before
        added += 1
        keys = {name_key(n) for n in names} - {""}
        db.executemany(
            "INSERT OR IGNORE INTO names VALUES (?,?,'')", ((key, cursor.lastrowid) for key in keys)
        )
    return added
