"""Named sites: a place's name after the common noun that says what it is ("le pont Mathilde",
"la place Tahrir", "le mont Maudit", "le musée du Louvre").

Recognition: the noun (the pack's `sites` words), its linking words ("du", "de la") and the
capitalised name after it make one name. Placement: a site the gazetteer does not know is put
at the place the text puts it in, named just after it ("le pont Mathilde de Rouen", "la place
Tahrir au Caire", "au mont Maudit, près de Chamonix"), else at the latest town named before it;
its point is that place's, and its reason says so.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from geo.lang import pack
from geo.model import Candidate, Mention, Place
from geo.names import normalize
from geo.nlp.pipelines import matching

if TYPE_CHECKING:  # spaCy is imported when a model is loaded (geo.nlp), not with geo
    from spacy.tokens import Doc, Span

_NEAR = 40  # characters after a site where the place it stands in may be named
_BACK = 2000  # characters before it where the latest town may be
_LONGEST = 5  # words of a site's own name
_NOT_NAMES = {"DET", "PRON", "ADP", "AUX", "VERB", "CCONJ", "SCONJ"}  # "The Street", "On Street"
_TOWNS = {"city", "landmark"}  # what a site stands in
_WORDS = re.compile(r"[^\W\d_]+['’]?")  # the words between a site and its town
Lookup = Callable[[str], Sequence[Candidate]]


def site_spans(doc: Doc, lookup: Lookup) -> Iterable[tuple[Span, bool]]:
    """The named sites of a parsed passage, each with whether it is surely one. A name set
    beside its noun is the site's own ("le pont Wilson", named after a man, not after Wilson,
    North Carolina), and so is one linked to it ("le mont du Chat") that the gazetteer does not
    know; a known one ("le port de Marseille", "le musée du Louvre") is a site only where
    nothing else reads a place in it."""
    names = pack(doc.lang_).names
    if names.sites_after:
        yield from ((span, True) for span in _named_before(doc, names.sites_after))
    sites, linking = names.sites, names.connectors | names.leading
    end = 0
    for at in matching(doc, sites.__contains__, _known(sites)):
        token = doc[at]
        if at < end:
            continue
        start = token.i + 1
        while start < len(doc) and doc[start].lower_ in linking and start - token.i <= 2:
            start += 1
        end = start
        while end < len(doc) and end - start < _LONGEST and _named(doc[end]):
            end += 1
        if end > start:
            linked = start > token.i + 1
            yield doc[token.i : end], not (linked and lookup(doc[start:end].text))


def _named_before(doc: Doc, nouns: frozenset[str]) -> Iterable[Span]:
    """Sites whose name comes before their noun ("Third Street", "Trump Tower"): the
    capitalised words or ordinals right before it, in the same sentence."""
    for at in matching(doc, nouns.__contains__, _known(nouns)):
        token = doc[at]
        if at == 0:
            continue
        start = token.i
        while (
            start > 0
            and token.i - start < _LONGEST
            and not doc[start - 1].is_sent_end
            and (_named(doc[start - 1]) or _ordinal(doc[start - 1]))
            and doc[start - 1].pos_ not in _NOT_NAMES
        ):
            start -= 1
        if start < token.i:
            yield doc[start : token.i + 1]


@functools.lru_cache(maxsize=8)
def _known(words: frozenset[str]) -> dict[int, bool]:
    return {}  # `matching`'s answers for these words, by word


def _ordinal(token) -> bool:
    return token.like_num and not token.is_digit  # "14th", not "2700"


def _named(token) -> bool:
    return token.text[:1].isupper() and (token.is_alpha or "-" in token.text)


def place_sites(
    sites: Sequence[Mention], places: Sequence[Place], text: str, language: str
) -> tuple[Place, ...]:
    """Places for the sites that resolution left unplaced: each at the town the text puts it
    in, or none; two mentions of one site name are one place."""
    said = sorted(((m, p) for p in places for m in p.mentions), key=lambda found: found[0].start)
    names = pack(language).names
    linking = names.connectors | names.leading | names.locative | names.where
    found: dict[str, Place] = {}
    for site in sites:
        container = _container(site, said, text, linking)
        if container is None:
            continue
        key = f"site:{normalize(site.text)}:{container.id}"
        if key in found:
            found[key] = replace(found[key], mentions=(*found[key].mentions, site))
            continue
        found[key] = Place(
            key,
            site.text,
            container.lat,
            container.lon,
            "landmark",
            container.country_code,
            "context",
            0.3,
            (site,),
            f"not in the gazetteer: placed at {container.name}, where the text puts it",
        )
    return tuple(found.values())


def _container(
    site: Mention, said: list[tuple[Mention, Place]], text: str, linking: frozenset[str]
) -> Place | None:
    """The town named right after the site, by linking words only ("de Rouen", "au Caire",
    ", près de Chamonix"), else the latest town named before it."""
    for mention, place in said:
        if not 0 <= mention.start - site.end <= _NEAR or mention.demonym:
            continue
        between = _WORDS.findall(text[site.end : mention.start].lower())
        if place.kind in _TOWNS and all(word in linking for word in between):
            return place
        break  # the first place after is the only one that may say where the site is
    before = [
        place
        for mention, place in said
        if mention.end <= site.start
        and site.start - mention.end <= _BACK
        and place.kind in _TOWNS
        and not mention.demonym
    ]
    return before[-1] if before else None
