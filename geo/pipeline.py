"""The whole path from text to a Result: passages, toponyms, places, routes."""

from __future__ import annotations

import datetime
import functools
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from geo.errors import InputError, collect
from geo.geocoding import Geocoder, candidates, make_geocoder
from geo.ingest.invisible import restore, visible
from geo.ingest.text import check_length, detect_language, split_passages
from geo.journeys.routes import find_routes
from geo.journeys.timex import parse_date
from geo.lang import pack, supported
from geo.model import Candidate, Mention, Passage, Place, Result
from geo.nlp.pipelines import has_ner, load, pipe
from geo.recognize import Toponym, recognize
from geo.resolve import Lookup, resolve
from geo.sites import place_sites

if TYPE_CHECKING:  # spaCy is imported when a model is loaded (geo.nlp), not with geo
    from spacy.tokens import Doc


def parse(
    text: str,
    *,
    doc_id: str = "document",
    language: str = "auto",
    geocoder: Geocoder | None = None,
    date: datetime.date | str | None = None,
) -> Result:
    """Find, place and connect the places of one document.

    `date` (a date or "YYYY-MM-DD") is when the document was written: the journeys' relative
    times ("le mois précédent", "last week") are then given ISO values.
    """
    if not text.strip():
        raise InputError("the text is empty")
    check_length(text)
    seen = visible(text)  # zero-width spaces, direction marks, soft hyphens hide names
    if language == "auto":
        language = detect_language(seen.text)
    elif language not in supported():
        raise InputError(
            f"unknown language {language!r}; choose one of: auto, {', '.join(supported())}"
        )
    with collect() as collected:  # this thread's only: other sessions parse at once
        found = _parse(seen.text, doc_id, language, geocoder or make_geocoder(), parse_date(date))
        result = restore(found, seen, text)
    messages = tuple(dict.fromkeys(collected))  # once each, in order
    return replace(result, warnings=messages) if messages else result


def _parse(
    text: str, doc_id: str, language: str, geocoder: Geocoder, date: datetime.date | None
) -> Result:
    lookup = functools.cache(lambda name: candidates(geocoder, name, language=language))
    reading = read_names(text, language, lookup)
    places = place_names(reading, text, language, lookup)
    routes, origins = find_routes(
        reading.docs, places, language=language, lookup=_capital_lookup(lookup), date=date
    )
    return Result(
        id=doc_id,
        language=language,
        text=text,
        passages=reading.passages,
        places=places + origins,
        routes=routes,
    )


@dataclass(frozen=True)
class Reading:
    """A text's passages, parsed, and the place names recognised in them."""

    passages: tuple[Passage, ...]
    docs: tuple[tuple[Doc, int], ...]  # each passage's parse and its offset in the text
    toponyms: tuple[Toponym, ...]
    mentions: tuple[Mention, ...]  # one for each toponym, in the same order


def read_names(text: str, language: str, lookup: Lookup) -> Reading:
    """Parse a text's passages and recognise its place names."""
    nlp = load(language)
    passages = split_passages(text)
    docs = tuple(
        zip(pipe(nlp, (p.text for p in passages)), (p.start for p in passages), strict=False)
    )
    toponyms = tuple(recognize(docs, lookup, use_ner=has_ner(nlp)))
    passage_of = _passage_finder(passages)
    mentions = tuple(
        Mention(t.start, t.end, t.text, passage_of(t.start), t.origin == "demonym")
        for t in toponyms
    )
    return Reading(passages, docs, toponyms, mentions)


def place_names(reading: Reading, text: str, language: str, lookup: Lookup) -> tuple[Place, ...]:
    """The places of the names read: resolved in the gazetteer, and the named sites it does
    not know placed at their towns."""
    toponyms, mentions = reading.toponyms, reading.mentions
    adjectives = {t.text for t in toponyms if t.origin == "demonym"}
    places = resolve(
        mentions, _demonym_lookup(lookup, adjectives, language), text, language=language
    )
    placed = {(m.start, m.end) for p in places for m in p.mentions}
    sites = [
        m
        for m, t in zip(mentions, toponyms, strict=True)
        if t.origin == "site" and (m.start, m.end) not in placed
    ]
    if found_sites := place_sites(sites, places, text, language):
        places = tuple(sorted((*places, *found_sites), key=lambda p: p.mentions[0].start))
    return places


def _passage_finder(passages: tuple[Passage, ...]) -> Callable[[int], int]:
    """The id of the passage holding an offset (the previous one in a gap): `text.passage_at`
    with the starts listed once, not once a mention."""
    starts = [p.start for p in passages]
    return lambda offset: passages[max(bisect_right(starts, offset) - 1, 0)].id if passages else 0


def _demonym_lookup(lookup, adjectives: set[str], language: str):
    """The lookup, but for the demonyms read as places: their country, and it alone."""
    from geo.world.countries import country_name

    def find(name: str) -> list[Candidate]:
        code = pack(language).demonym(name) if name in adjectives else None
        if code is None:
            return lookup(name)
        country = country_name(code)
        found = [c for c in lookup(country) if c.kind == "country" and c.country_code == code]
        return found[:1] if country else []

    return find


def _capital_lookup(lookup):
    """Capital city of a country code, found through the same geocoder."""
    from geo.world.countries import capital_name

    def capital(code: str) -> Candidate | None:
        name = capital_name(code)
        found = [c for c in lookup(name) if c.country_code == code] if name else []
        return max(found, key=lambda c: (c.feature == "capital", c.population), default=None)

    return capital
