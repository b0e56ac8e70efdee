"""Normalising place names so that "Saint-Étienne", "St. Etienne" and "saint etienne" meet."""

from __future__ import annotations

import functools
import re
import sys
import unicodedata

_APOSTROPHES = str.maketrans(
    {"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'", "œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae"}
)
_SEPARATORS = re.compile(r"[\s\-‐‑–—_'`.,]+")  # "`" as written, the others once translated
_SAINT = re.compile(r"^(st|ste|sainte?)\b ?")
_SAINT_INNER = re.compile(r" (st|ste|saint|sainte) ")
_SAINTS = {"st": "saint", "saint": "saint", "ste": "sainte", "sainte": "sainte"}


def name_key(name: str) -> str:
    """Lower-case, strip accents and punctuation, unify "St."/"Saint": the index key of a name
    (`normalize` remembers the latest; a gazetteer's build, which meets each name once, calls
    this).

    >>> name_key("Saint-Étienne") == name_key("St. Etienne")
    True
    """
    text = name
    if not text.isascii():  # an ASCII name has no accent to take apart, nor ligature
        text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES)).translate(_marks())
    text = _SEPARATORS.sub(" ", text.casefold()).strip()
    if "st" in text:
        text = _SAINT.sub(lambda m: _SAINTS[m.group(1)] + " ", text, count=1)
        text = _SAINT_INNER.sub(lambda m: f" {_SAINTS[m.group(1)]} ", text)
    return text.strip()


# the same names come back in every passage and every text
normalize = functools.lru_cache(maxsize=1 << 16)(name_key)


@functools.cache
def _marks() -> dict[int, None]:
    """str.translate's table that deletes the combining marks (accents once taken apart)."""
    return dict.fromkeys(c for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c)))
