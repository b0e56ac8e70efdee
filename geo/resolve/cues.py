"""The words around a name that say a town or an area: "à Québec" is the city, "au Québec"
the province; "central Washington", "Washington state". The words are the text's language's
(its pack's `names.town_before`, `area_before`, `area_after`), matched as written."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence, Set

from geo.lang import Names, pack, supported
from geo.model import Mention

_BEFORE, _AFTER = 20, 8  # characters read before and after a mention


def cue(mentions: Sequence[Mention], text: str, language: str | None) -> float:
    """What the words around a name's mentions say it is, from 1 (a town: "à Québec") to -1
    (an area: "au Québec", "central Washington", "New York state"); 0 when they say nothing
    or the text's language has no such words."""
    if language not in supported():
        return 0.0
    town, area, area_after = _patterns(pack(language).names)
    said = 0
    for m in mentions:
        before = text[max(0, m.start - _BEFORE) : m.start]
        if town and town.search(before):
            said += 1
        elif (area and area.search(before)) or (
            area_after and area_after.match(text[m.end : m.end + _AFTER])
        ):
            said -= 1
    return said / len(mentions)


@functools.cache
def _patterns(names: Names) -> tuple[re.Pattern[str] | None, ...]:
    """A pack's words before a name that say a town, before and after it that say an area."""
    return (
        _either(names.town_before, r"(?:^|[\s(])(?:{})\s+$"),
        _either(names.area_before, r"(?:^|[\s(])(?:{})\s+$"),
        _either(names.area_after, r"^\s+(?:{})\b"),
    )


def _either(words: Set[str], shape: str) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile(shape.format("|".join(re.escape(w) for w in sorted(words))))
