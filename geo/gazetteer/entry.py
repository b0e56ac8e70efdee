"""One row of the gazetteer: a place and the names it is found by, whatever source it comes from."""

from __future__ import annotations

from dataclasses import dataclass

from geo.model import Candidate
from geo.names import name_key

# Names that are only directions or landforms ("Centre", "North-West", "Littoral") match
# ordinary words of news text; such a name is dropped, and so is a region left without names.
GENERIC_WORDS = frozenset(
    """
north south east west northern southern eastern western central centre center centrale middle
upper lower far extreme nord sud est ouest norte sur sul este leste oeste centro northeast
northwest southeast southwest northeastern northwestern southeastern southwestern capital
administrative national federal district distrito coast coastal littoral litoral maritime
plateau plateaux lakes lacs rivers rivieres delta savanes islands iles interior oriental
occidental orientale occidentale septentrional septentrionale meridional meridionale cote pays
zone region province the la le l de du of and et
""".split()
)
_HEADS = frozenset(w[:2] for w in GENERIC_WORDS)


@dataclass(frozen=True, slots=True)
class Entry:
    """A gazetteer place and the names it can be found by: (name, language or ""); `exact`
    names are found only as written, with their capitals and points ("Ill.", "Va.", "D.C."),
    since their normalised key is an ordinary word ("ill", "va")."""

    candidate: Candidate
    names: tuple[tuple[str, str], ...]
    exact: tuple[str, ...] = ()


def useful_alternate(name: str) -> bool:
    """Whether a GeoNames alternate name (which has no language) can find its place in news.

    Lower-case ASCII alternates are machine transliterations ("saul" for Seoul) and short
    capitals are airport codes ("WAS", "MOW"); one or two letters ("No" for Ho, Ghana; "‘Ai"
    for ‘Ayy, Jordan: "AI") and direction words ("Sud" for "Thalwil / Süd") are ordinary
    words of the text. A place's main name is never filtered: Ho stays Ho.
    """
    if not name or (name.isascii() and name == name.lower()):
        return False
    if len(name) <= 4 and name.isupper():
        return False
    if len(name) > 3 and name[:2].casefold() not in _HEADS:
        return True  # neither short nor a direction word: normalising a million names costs
    key = name_key(name)
    return len(key.replace(" ", "")) > 2 and not all(w in GENERIC_WORDS for w in key.split())
