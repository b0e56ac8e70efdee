"""One row of the gazetteer: a place and the names it is found by, whatever source it comes from."""

from __future__ import annotations

from dataclasses import dataclass

from geo.model import Candidate


@dataclass(frozen=True, slots=True)
class Entry:
    """A gazetteer place and the names it can be found by: (name, language or ""); `exact`
    names are found only as written, with their capitals and points ("Ill.", "Va.", "D.C."),
    since their normalised key is an ordinary word ("ill", "va")."""

    candidate: Candidate
    names: tuple[tuple[str, str], ...]
    exact: tuple[str, ...] = ()


def useful_alternate(name: str) -> bool:
    # Lower-case ASCII alternates are machine transliterations ("saul" for Seoul) and short
    # capitals are airport codes ("WAS", "MOW"); both match ordinary words in news text.
    if not name or (name.isascii() and name == name.lower()):
        return False
    return not (len(name) <= 4 and name.isupper())
