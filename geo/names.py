"""Normalising place names so that "Saint-Étienne", "St. Etienne" and "saint etienne" meet."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans(
    {"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'", "œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae"}
)
_SEPARATORS = re.compile(r"[\s\-‐‑–—_'.,]+")
_SAINT = re.compile(r"^(st|ste|sainte?)\b ?")
_SAINT_INNER = re.compile(r" (st|ste|saint|sainte) ")


@lru_cache(maxsize=1 << 16)  # the same names come back in every passage and every text
def normalize(name: str) -> str:
    """Lower-case, strip accents and punctuation, unify "St."/"Saint": the index key of a name.

    >>> normalize("Saint-Étienne") == normalize("St. Etienne")
    True
    """
    text = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _SEPARATORS.sub(" ", text).strip()
    text = _SAINT.sub(lambda m: _SAINTS[m.group(1)] + " ", text, count=1)
    return _SAINT_INNER.sub(lambda m: f" {_SAINTS[m.group(1)]} ", text).strip()


_SAINTS = {"st": "saint", "saint": "saint", "ste": "sainte", "sainte": "sainte"}
