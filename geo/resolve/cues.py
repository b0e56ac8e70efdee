"""The words around a name that say a town or an area: "à Québec" is the city, "au Québec"
the province; "central Washington", "New York state"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from geo.model import Mention

_TOWN_BEFORE = re.compile(r"(?:^|[\s(])(?:à|À|downtown)\s+$")
_AREA_BEFORE = re.compile(
    r"(?:^|[\s(])(?:au|Au|du|Du|en|En|state of|State of|l'État de|province de"
    r"|central|eastern|western|northern|southern|upstate|rural|tout le|toute la)\s+$"
)
_AREA_AFTER = re.compile(r"^\s+state\b")


def cue(mentions: Sequence[Mention], text: str) -> float:
    """What the words around a name's mentions say it is, from 1 (a town: "à Québec") to -1
    (an area: "au Québec", "central Washington", "New York state"); 0 when they say nothing."""
    said = 0
    for m in mentions:
        before, after = text[max(0, m.start - 20) : m.start], text[m.end : m.end + 8]
        if _TOWN_BEFORE.search(before):
            said += 1
        elif _AREA_BEFORE.search(before) or _AREA_AFTER.match(after):
            said -= 1
    return said / len(mentions)
