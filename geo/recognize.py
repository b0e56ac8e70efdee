"""Toponym recognition: spaCy entities, cleaned and filtered, plus gazetteer matches.

Compute, then filter: spans are proposed from the model's entities (places, and countries the
model took for organisations or people), from gazetteer names after a locative word or in a
dateline, and from other occurrences of names already found in the document (one sense per
discourse). Filters then remove what is not a place: people, media names, weapons, names after
a title, and names the gazetteer cannot place. The words around names are those of each
passage's language pack (`geo.lang.Names`).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geo.demonyms import demonym_spans
from geo.lang import Names, pack
from geo.model import Candidate
from geo.names import normalize
from geo.nlp.pipelines import text_of
from geo.sites import site_spans

if TYPE_CHECKING:  # spaCy is imported when a model is loaded (geo.nlp), not with geo
    from spacy.tokens import Doc, Span, Token

PLACE_LABELS = {"LOC", "GPE", "FAC"}
PERSON_LABELS = {"PER", "PERSON"}
# what the model may take a place for in a place's slot (not a date, nor a nationality)
_NAME_LABELS = PERSON_LABELS | {"ORG", "MISC"}
_AREA_KINDS = {"country", "region", "continent"}
_CAPITALISED = re.compile(r"^[A-ZÀ-ÖØ-Þ]")
_WORD = re.compile(r"\w+")  # as the lookarounds of _occurrences' expression see words
# a dateline opens a passage, or follows its headline or byline date: "Headline. HARTFORD —",
# "March 24, 2009 MANSFIELD --" ("\x97" is cp1252's dash read as Latin-1)
_DATELINE = re.compile(
    r"(?:^|(?<=[.!?])\s|(?<=\d{4})\s)\s*([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’ -]{2,40}?)"
    r"\s*(?:,|\(|—|–|\x97|:\s|-{1,2}\s)"
)
_DATELINE_PART = re.compile(r"[^&/,]+")  # "TIJUANA & SAN DIEGO"
_DATELINE_REACH = 300  # characters: how far into a passage a dateline may start

Lookup = Callable[[str], Sequence[Candidate]]


@dataclass(frozen=True, slots=True)
class Toponym:
    """A recognised place name: offsets into the document, and where it came from."""

    start: int
    end: int
    text: str
    origin: str  # "ner", "gazetteer", "propagated", "site" or "demonym"


def recognize(
    docs: Iterable[tuple[Doc, int]], lookup: Lookup, *, use_ner: bool = True
) -> list[Toponym]:
    """Place names in parsed passages (each doc with its offset in the document)."""
    docs = list(docs)
    if docs:
        lookup = _trusting(lookup, _stop_words(docs[0][0].lang_))
    # read once: spaCy joins every token's text at each `doc.text`, makes new spans at each
    # `doc.ents`
    texts = [text_of(doc) for doc, _ in docs]
    ents = [doc.ents for doc, _ in docs]
    persons = _person_words(ents, lookup)
    found: dict[int, list[Span]] = {}
    sites: dict[int, tuple[list[Span], list[Span]]] = {}  # sure sites, and maybe sites
    for index, (doc, _) in enumerate(docs):
        # a named site is one name: "le pont Wilson de Tours" has no Wilson in it
        found_sites = list(site_spans(doc, lookup))
        sure = [site for site, surely in found_sites if surely]
        sites[index] = (sure, [site for site, surely in found_sites if not surely])
        spans = list(_ner_spans(ents[index], lookup, persons)) if use_ner else []
        blocked = {i for e in ents[index] for i in range(e.start, e.end)} if use_ner else set()
        blocked |= {i for span in spans for i in range(span.start, span.end)}
        spans += _gazetteer_spans(doc, lookup, blocked, strict=use_ner)
        taken = {i for s in spans for i in range(s.start, s.end)}
        spans += _dateline(doc, texts[index], lookup, taken)
        found[index] = [s for s in _outside(spans, sure) if _is_place(s, persons, lookup)]
    names = _by_first_word({s.text for spans in found.values() for s in spans})
    toponyms = []
    for index, (doc, offset) in enumerate(docs):
        people = [e for e in ents[index] if e.label_ in PERSON_LABELS]
        present = _present(texts[index], names)
        others = _occurrences(doc, texts[index], present, [*found[index], *people])
        sure, maybe = sites[index]
        others = [s for s in _outside(others, sure) if _is_place(s, persons, lookup)]
        spans = found[index] + others
        # a site that may be another's name counts where no other name is read in it
        sure = sure + _outside(maybe, spans)
        taken = {i for s in [*spans, *sure] for i in range(s.start, s.end)}
        adjectives = [s for s, _ in demonym_spans(doc, taken)] if use_ner else []
        toponyms += [
            Toponym(
                offset + s.start_char,
                offset + s.end_char,
                s.text,
                {"GAZ": "gazetteer", "SAME": "propagated"}.get(s.label_, "ner"),
            )
            for s in sorted(spans, key=lambda s: s.start)
        ]
        toponyms += [
            Toponym(offset + s.start_char, offset + s.end_char, s.text, origin)
            for group, origin in ((sure, "site"), (adjectives, "demonym"))
            for s in group
        ]
    return sorted(toponyms, key=lambda t: t.start)


@functools.cache
def _stop_words(language: str) -> AbstractSet[str]:
    """spaCy's stop words of a language (finding its class costs a lookup in spaCy's registry:
    0.7 ms, once a document)."""
    from spacy.util import get_lang_class

    return get_lang_class(language).Defaults.stop_words


def _span(doc: Doc, start: int, end: int, label: str) -> Span:
    """The tokens `start` to `end` of `doc` as an entity labelled `label`."""
    from spacy.tokens import Span  # imported with the model already: a look-up

    return Span(doc, start, end, label=label)


def _ner_spans(ents: Sequence[Span], lookup: Lookup, persons: set[str]) -> Iterable[Span]:
    """Places among a passage's entities (`doc.ents`)."""
    for ent in ents:
        span = _trim(ent)
        if span is None:
            continue
        if ent.label_ in PLACE_LABELS:
            yield from _known_parts(span, lookup, _big)
        elif _is_area(span, lookup) and (
            ent.label_ not in PERSON_LABELS or span.text.lower() not in persons
        ):
            # Models often take countries acting as agents ("la Russie a déclaré") for
            # organisations, and regions for people ("Tamil Nadu moved the court").
            yield span
        elif (
            ent.label_ in _NAME_LABELS
            and len(span) <= 4
            and _in_place_slot(span, lookup)
            and _own_name(span.text, lookup)
        ):
            # "asylum seekers in Samos", "a stop in Frankston", "Wichita Falls, Texas": the
            # model's person or organisation stands where a place does; by a place's own
            # name, not an alternate one ("imposé à Samsung" is no Samseung)
            yield span
        elif not lookup(span.text):
            # OCR and tables glue words to names ("888 France", "Londres LONDRES", "BOURSE
            # DE PARIS"): inside an entity that is not a place, only big places count.
            yield from _known_parts(span, lookup, _big)


def _outside(spans: Iterable[Span], sites: Sequence[Span]) -> list[Span]:
    """The spans that overlap no site."""
    inside = {i for site in sites for i in range(site.start, site.end)}
    return [s for s in spans if not any(i in inside for i in range(s.start, s.end))]


def _own_name(name: str, lookup: Lookup) -> bool:
    """Whether a name is some place's own (main) name, not only an alternate one."""
    key = normalize(name)
    return any(normalize(c.name) == key for c in lookup(name))


def _big(candidate: Candidate) -> bool:
    return candidate.kind in _AREA_KINDS or candidate.population >= 100_000


def _known_parts(span: Span, lookup: Lookup, accept: Callable[[Candidate], bool]) -> list[Span]:
    """The span if the gazetteer knows it (with its article if only that is known: "la
    Flèche"), else the known capitalised runs inside it."""
    if lookup(span.text):
        return [span]
    doc = span.doc
    # "la Flèche" (a town), but not "la Chambre" (a village, and the parliament)
    if (
        span.start > 0
        and doc[span.start - 1].lower_ in _names(doc).leading
        and any(
            c.kind in _AREA_KINDS or c.population >= 10_000
            for c in lookup(doc[span.start - 1 : span.end].text)
        )
    ):
        return [_span(doc, span.start - 1, span.end, span.label_)]
    parts, i = [], span.start
    while i < span.end:
        end = None
        if _CAPITALISED.match(doc[i].text):
            for stop in range(min(span.end, i + 4), i, -1):
                if any(accept(c) for c in lookup(doc[i:stop].text)):
                    end = stop
                    break
        if end is not None:
            parts.append(_span(doc, i, end, span.label_))
        i = end or i + 1
    return parts


def _in_place_slot(span: Span, lookup: Lookup) -> bool:
    """Whether a name stands where a place does: after a preposition of place ("in", "à"),
    before ", State" ("Mansfield, Ohio"), or in a list of places ("Suwon and Incheon",
    "entre Alep et Homs")."""
    doc, names = span.doc, _names(span.doc)
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in names.locative | names.where:
        return True
    after = doc[span.end : span.end + 2]
    if len(after) == 2 and after[0].text == "," and _is_state(after[1], lookup):
        return True
    return _listed(doc, span.start - 1, -1) or _listed(doc, span.end, 1)


def _listed(doc: Doc, at: int, step: int) -> bool:
    """Whether the token at `at` joins a list ("," "and" "et") whose next name, in the
    direction of `step`, is a place the model found."""
    if not 0 <= at < len(doc) or doc[at].lower_ not in {",", ";", *_names(doc).lists}:
        return False
    other = at + step
    return 0 <= other < len(doc) and doc[other].ent_type_ in PLACE_LABELS


def _is_state(token: Token, lookup: Lookup) -> bool:
    """A state or province written after a town: "Ohio", "N.C.", "Québec"."""
    return bool(_CAPITALISED.match(token.text)) and (
        token.ent_type_ in PLACE_LABELS or any(c.kind == "region" for c in lookup(token.text))
    )


def _trusting(lookup: Lookup, stop_words: AbstractSet[str]) -> Lookup:
    """`lookup` without the candidates a name reaches only by an alternate name that cannot
    be trusted: a common word ("No" -> Ho, Ghana), or a short name or an acronym for
    anything but a country or region ("AI" -> 'Ayy, "MoD" -> Maud; "US", "UAE" and "N.C."
    stay). A place's own name is always trusted."""

    @functools.cache
    def trusted(name: str) -> Sequence[Candidate]:
        found = lookup(name)
        key = normalize(name)
        if not found or any(normalize(c.name) == key for c in found):
            return found
        if name.lower() in stop_words and not name.isupper():
            return []
        letters = [ch for ch in name if ch.isalpha()]
        if len(letters) <= 3 or (" " not in name and sum(ch.isupper() for ch in letters) > 1):
            return [c for c in found if c.kind in _AREA_KINDS]
        return found

    return trusted


def _is_area(span: Span, lookup: Lookup) -> bool:
    if len(span) > 6 or not span.text[:1].isupper():
        return False
    return any(c.kind in _AREA_KINDS for c in lookup(span.text))


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc, names = span.doc, _names(span.doc)
    while start < end and (doc[start].lower_ in names.leading or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in names.trailing):
        end -= 1
    if start >= end:
        return None
    return _span(doc, start, end, span.label_)


def _gazetteer_spans(doc: Doc, lookup: Lookup, blocked: set[int], *, strict: bool) -> list[Span]:
    """Capitalised runs that the gazetteer knows; with a model, only after a locative word."""
    spans, i, locative = [], 0, _names(doc).locative
    while i < len(doc):
        if i in blocked or not _CAPITALISED.match(doc[i].text) or (doc[i].is_sent_start and strict):
            i += 1
            continue
        end = _longest_known(doc, i, blocked, lookup)
        previous = doc[i - 1].lower_ if i > 0 else ""
        if end is not None and (
            not strict or previous in locative or _shouted_place(doc[i:end], lookup)
        ):
            spans.append(_span(doc, i, end, "GAZ"))
        i = end or i + 1
    return spans


def _shouted_place(span: Span, lookup: Lookup) -> bool:
    """An all-capitals name ("PARIS", "TEL-AVIV") that models miss: a country, region or
    city of 100,000 people or more."""
    if not (span.text.isupper() and len(span.text) >= 4):
        return False
    return any(c.kind in _AREA_KINDS or c.population >= 100_000 for c in lookup(span.text))


def _longest_known(doc: Doc, start: int, blocked: set[int], lookup: Lookup) -> int | None:
    end, best, connectors = start, None, _names(doc).connectors
    while end < len(doc) and end - start < 6 and end not in blocked:
        token = doc[end]
        if not (_CAPITALISED.match(token.text) or (end > start and token.lower_ in connectors)):
            break
        end += 1
        if _CAPITALISED.match(doc[end - 1].text) and lookup(doc[start:end].text):
            best = end
    # A known name that is only the start of a longer capitalised name ("New York Times") is
    # part of that name, not a place.
    if (
        best is not None
        and best < len(doc)
        and _CAPITALISED.match(doc[best].text)
        and best not in blocked
        and not doc[best].is_sent_start
    ):
        return None
    return best


def _dateline(doc: Doc, text: str, lookup: Lookup, taken: set[int]) -> list[Span]:
    """Places in capitals opening a passage (`doc`, whose text is `text`) or its first lines:
    "SAN DIEGO, March 29 --", "BEIRUT (Reuters) -", "Headline. HARTFORD —"."""
    match = _DATELINE.search(text, 0, _DATELINE_REACH)
    if not match:
        return []
    spans = []
    for part in _DATELINE_PART.finditer(text, match.start(1), match.end(1)):
        start = part.start() + len(part.group()) - len(part.group().lstrip())
        span = doc.char_span(start, part.end() - (len(part.group()) - len(part.group().rstrip())))
        if (
            span is not None
            and not taken & set(range(span.start, span.end))
            and any(c.kind in _AREA_KINDS | {"city"} for c in lookup(span.text))
        ):
            spans.append(_span(doc, span.start, span.end, "GAZ"))
    return spans


def _by_first_word(names: set[str]) -> dict[str | None, set[str]]:
    """Names by their first word (None for a name without one)."""
    index: dict[str | None, set[str]] = {}
    for name in names:
        first = _WORD.search(name)
        index.setdefault(first.group() if first else None, set()).add(name)
    return index


def _present(text: str, names: dict[str | None, set[str]]) -> set[str]:
    """The names that may occur in a text: those whose first word is one of its words. (A
    name found at a word boundary has its first word whole among the text's words.) One
    expression of every name of the document, run on every passage, cost names x passages."""
    found = set(names.get(None, ()))
    for word in names.keys() & set(_WORD.findall(text)):
        found |= names[word]
    return found


def _occurrences(doc: Doc, text: str, names: set[str], taken: list[Span]) -> list[Span]:
    """Other occurrences of names found elsewhere in the document, outside the spans taken
    (the places found and people's names)."""
    if not names:
        return []
    blocked = bytearray(len(doc))
    for span in taken:
        blocked[span.start : span.end] = b"\x01" * len(span)
    pattern = re.compile(
        "|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in sorted(names, key=len, reverse=True))
    )
    spans = []
    for match in pattern.finditer(text):
        hit = doc.char_span(match.start(), match.end())
        if hit is None or any(blocked[hit.start : hit.end]):
            continue
        spans.append(_span(doc, hit.start, hit.end, "SAME"))
        blocked[hit.start : hit.end] = b"\x01" * len(hit)
    return spans


def _is_place(span: Span, persons: set[str], lookup: Lookup) -> bool:
    # A lower-case word ("mars", "jersey") is not a proper name; a nationality ("les
    # Allemands", "Russe") names people, not their country.
    found = lookup(span.text)
    # "la Flèche" and "Arabie saoudite" are names, "mars" is not
    if not found or not (
        span[-1].text[:1].isupper() or (len(span) > 1 and span.text[:1].isupper())
    ):
        return False
    if pack(span.doc.lang_).demonym(span.text) and not any(c.kind == "country" for c in found):
        return False  # "Suisse" is both
    return not (
        span.text.lower() in persons
        or _in_media_name(span)
        or _after_weapon(span)
        or _after_title(span)
        or _abbreviated_title(span)
    )


def _person_words(ents: Sequence[Sequence[Span]], lookup: Lookup) -> set[str]:
    """Names of people, and the words of their multi-word names ("Choïgou" of "Sergueï
    Choïgou"). Left out: a one-word "person", a "person" named like a country or region or
    standing where a place does (models often take regions and towns for people), and a word
    in capitals or that the model tags as a place on its own at least as often as it finds
    it in people's names: one wrong "person" ("Rethinking Egypt", "Alexandria Police",
    "John Smith US") must not remove the place from the rest of the document."""
    votes: Counter[str] = Counter()  # a word's mentions as a place, less those in people's names
    for ent in (e for passage in ents for e in passage):
        if ent.label_ in PLACE_LABELS:
            votes[ent.text.lower()] += 1
        elif ent.label_ in PERSON_LABELS:
            votes.subtract({t.lower_ for t in ent})
    words = set()
    for passage in ents:
        for ent in passage:
            if (
                ent.label_ not in PERSON_LABELS
                or len(ent) < 2
                or _is_area(ent, lookup)
                or _in_place_slot(ent, lookup)
            ):
                continue
            words.add(ent.text.lower())
            words.update(
                t.lower_
                for t in ent
                if t.is_alpha and t.text[:1].isupper() and not t.is_upper and votes[t.lower_] < 0
            )
    return words


def _in_media_name(span: Span) -> bool:
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return nxt is not None and nxt.lower_ in _names(span.doc).media and nxt.text[:1].isupper()


def _after_weapon(span: Span) -> bool:
    window, names = span.doc[max(0, span.start - 3) : span.start], _names(span.doc)
    return any(t.lower_ in names.weapons for t in window) and not any(
        t.lower_ in names.locative for t in window
    )


def _after_title(span: Span) -> bool:
    return span.start > 0 and span.doc[span.start - 1].lower_ in _names(span.doc).titles


def _abbreviated_title(span: Span) -> bool:
    """A title's abbreviation, its point after it ("Mad. Murat", "chez Mad. Bourgeois"): no
    place, whatever town has the word for a name."""
    doc, titles = span.doc, _names(span.doc).titles
    word = span.text.lower()
    return (
        len(span) == 1
        and span.end < len(doc)
        and doc[span.end].text == "."
        and (word in titles or f"{word}." in titles)
    )


def _names(doc: Doc) -> Names:
    """The words around names of the document's language."""
    return pack(doc.lang_).names
