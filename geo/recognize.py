"""Toponym recognition: spaCy entities, cleaned and filtered, plus gazetteer matches.

Compute, then filter: `candidate_spans` proposes spans from the model (or from the gazetteer
when no model is installed), then each filter removes what is not a place: people, media and
other organisations, weapons, and names the gazetteer cannot place.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span

PLACE_LABELS = {"LOC", "GPE", "FAC"}
PERSON_LABELS = {"PER", "PERSON"}
_LEADING = {"le", "la", "les", "l'", "l’", "the", "du", "des", "de", "d'", "d’", "au", "aux"}
_MEDIA = {"times", "post", "journal", "herald", "tribune", "gazette", "news", "daily", "globe",
          "chronicle", "observer", "telegraph", "standard", "express", "mail", "today", "press",
          "review", "magazine", "monde", "matin", "figaro", "soir", "libération", "parisien",
          "presse", "courrier", "dépêche", "républicain", "examiner", "sentinel", "inquirer"}
_WEAPONS = {"missile", "missiles", "fusée", "fusées", "roquette", "roquettes", "icbm", "rocket",
            "rockets", "drone", "drones", "char", "chars", "tank", "tanks", "lanceur", "engin",
            "sous-marin", "submarine", "destroyer", "frégate", "frigate", "navire", "vaisseau"}
_TITLES = {"m.", "mme", "mlle", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir",
           "président", "president", "général", "general", "ministre", "minister", "senator",
           "sénateur", "gouverneur", "governor", "king", "roi", "reine", "queen", "pope", "pape",
           "saint", "st."}
_LOCATIVE = {"à", "en", "au", "aux", "vers", "depuis", "dans", "near", "in", "at", "to", "from",
             "towards", "près", "via", "outside", "across"}
_CAPITALISED = re.compile(r"^[A-ZÀ-ÖØ-Þ]")
_CONNECTORS = {"de", "du", "des", "la", "le", "of", "the", "-", "upon", "on", "sur", "en", "del"}


@dataclass(frozen=True, slots=True)
class Toponym:
    """A recognised place name: offsets into the document, and where it came from."""

    start: int
    end: int
    text: str
    origin: str  # "ner" or "gazetteer"


def recognize(docs: Iterable[tuple[Doc, int]], known: Callable[[str], bool], *,
              use_ner: bool = True) -> list[Toponym]:
    """Place names in parsed passages (each doc with its offset in the document)."""
    docs = list(docs)
    persons = _person_words(doc for doc, _ in docs)
    found: list[Toponym] = []
    for doc, offset in docs:
        spans = list(_ner_spans(doc, known)) if use_ner else []
        taken = {i for span in spans for i in range(span.start, span.end)}
        for span in _gazetteer_spans(doc, known, taken, strict=use_ner):
            spans.append(span)
        for span in sorted(spans, key=lambda s: s.start):
            if _is_place(span, persons, known):
                origin = "gazetteer" if span.label_ == "GAZ" else "ner"
                found.append(Toponym(offset + span.start_char, offset + span.end_char,
                                     span.text, origin))
    return found


def _ner_spans(doc: Doc, known: Callable[[str], bool]) -> Iterable[Span]:
    for ent in doc.ents:
        span = _trim(ent)
        if span is None:
            continue
        if ent.label_ in PLACE_LABELS:
            yield span
        elif ent.label_ not in PERSON_LABELS and _is_country_like(span, known):
            # Models often tag countries acting as agents ("la Russie a déclaré") as ORG/MISC.
            yield span


def _is_country_like(span: Span, known: Callable[[str], bool]) -> bool:
    return known(span.text) and len(span) <= 6 and span.text[:1].isupper()


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and (span.doc[start].lower_ in _LEADING or span.doc[start].is_punct):
        start += 1
    while end > start and span.doc[end - 1].is_punct:
        end -= 1
    if start >= end:
        return None
    return Span(span.doc, start, end, label=span.label_)


def _gazetteer_spans(doc: Doc, known: Callable[[str], bool], taken: set[int], *,
                     strict: bool) -> Iterable[Span]:
    """Capitalised runs that the gazetteer knows; with a model, only after a locative word."""
    i = 0
    while i < len(doc):
        if i in taken or not _CAPITALISED.match(doc[i].text) or doc[i].is_sent_start and strict:
            i += 1
            continue
        end = _longest_known(doc, i, taken, known)
        if end is None:
            i += 1
            continue
        previous = doc[i - 1].lower_ if i > 0 else ""
        if not strict or previous in _LOCATIVE:
            yield Span(doc, i, end, label="GAZ")
        i = end


def _longest_known(doc: Doc, start: int, taken: set[int], known: Callable[[str], bool]) -> int | None:
    end, best = start, None
    while end < len(doc) and end - start < 6 and end not in taken:
        token = doc[end]
        if not (_CAPITALISED.match(token.text) or (end > start and token.lower_ in _CONNECTORS)):
            break
        end += 1
        if _CAPITALISED.match(doc[end - 1].text) and known(doc[start:end].text):
            best = end
    # A known name that is only the start of a longer capitalised name ("New York Times") is
    # part of that name, not a place.
    if best is not None and best < len(doc) and _CAPITALISED.match(doc[best].text) \
            and best not in taken and not doc[best].is_sent_start:
        return None
    return best


def _is_place(span: Span, persons: set[str], known: Callable[[str], bool]) -> bool:
    return not (_is_person(span, persons) or _in_media_name(span) or _after_weapon(span)
                or _after_title(span)) and known(span.text)


def _person_words(docs: Iterable[Doc]) -> set[str]:
    """Words that name people somewhere in the document ("Choïgou" of "Sergueï Choïgou")."""
    words = set()
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ in PERSON_LABELS:
                words.add(ent.text.lower())
                words.update(t.lower_ for t in ent if t.is_alpha and t.text[:1].isupper())
    return words


def _is_person(span: Span, persons: set[str]) -> bool:
    return span.text.lower() in persons


def _in_media_name(span: Span) -> bool:
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return nxt is not None and nxt.lower_ in _MEDIA and nxt.text[:1].isupper()


def _after_weapon(span: Span) -> bool:
    window = span.doc[max(0, span.start - 3):span.start]
    return any(t.lower_ in _WEAPONS for t in window) and not any(
        t.lower_ in _LOCATIVE for t in window)


def _after_title(span: Span) -> bool:
    return span.start > 0 and span.doc[span.start - 1].lower_ in _TITLES
