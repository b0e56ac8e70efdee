"""Places named by their people's adjective: "Georgian troops", "the Palestinian side".

A demonym names its country (the language pack's table) when it is written as a proper
adjective: capitalised, tagged as an adjective or qualifying a noun, on its own (not the end of
"Central American" or "African-American"), and not inside the name of an organisation, a
person or a work ("American Legion", "Monica French"). A people's noun ("the Americans") or a
language ("spoke French") is not a place.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

from geo.lang import Pack, pack
from geo.names import normalize
from geo.nlp.pipelines import matching

if TYPE_CHECKING:  # spaCy is imported when a model is loaded (geo.nlp), not with geo
    from spacy.tokens import Doc, Span

_LONGEST = 3  # words of the longest demonym ("Papua New Guinean")
_QUALIFYING = {"amod", "compound", "nmod"}
_NAMES = {"ORG", "PERSON", "PER", "WORK_OF_ART", "FAC", "PRODUCT", "EVENT", "LAW", "MISC"}


def demonym_spans(doc: Doc, taken: set[int]) -> Iterable[tuple[Span, str]]:
    """Each demonym of a parsed passage that names a country, with the country's code; tokens
    in `taken` (other names) are skipped."""
    language = pack(doc.lang_)
    # inside a longer name; an entity that is only the demonym is the model's misreading
    named = {
        i
        for e in doc.ents
        if e.label_ in _NAMES and language.demonym(e.text) is None
        for i in range(e.start, e.end)
    }
    firsts = _first_words(language)
    # a proper adjective starts with a capital and a demonym's first word: most tokens are
    # gone before any span is made
    starts = matching(doc, functools.partial(_may_start, firsts=firsts), _known(language))
    free, end = 0, len(doc)  # the first token after the latest demonym found
    for i in starts:
        if i < free:
            continue
        for size in range(min(_LONGEST, end - i), 0, -1):
            span = doc[i : i + size]
            code = language.demonym(span.text)
            if code is not None and _proper_adjective(span, taken | named):
                yield span, code
                free = span.end
                break


def _may_start(word: str, firsts: frozenset[str]) -> bool:
    return word[:1].isupper() and normalize(word).partition(" ")[0] in firsts


@functools.lru_cache(maxsize=8)
def _known(language: Pack) -> dict[int, bool]:
    return {}  # `matching`'s answers for `_may_start`, by word


@functools.lru_cache(maxsize=8)
def _first_words(language: Pack) -> frozenset[str]:
    return frozenset(key.partition(" ")[0] for key in language.demonyms)


def _proper_adjective(span: Span, excluded: set[int]) -> bool:
    doc, last = span.doc, span[-1]
    if any(t.i in excluded for t in span) or not span.text[:1].isupper():
        return False
    if span.start > 0:
        before = doc[span.start - 1]
        if before.text == "-" or before.text[:1].isupper() and not before.is_sent_start:
            return False  # "Central American", "African-American"
    if span.end < len(doc) and doc[span.end].text == "-":
        return False  # "Anglo-" and "Georgian-controlled" are part of another word
    return last.pos_ == "ADJ" or (last.pos_ == "PROPN" and last.dep_ in _QUALIFYING)
