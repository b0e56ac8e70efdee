"""Journeys told in the text: who goes where, from where, when, how, and whether it happened.

A first reading built on the dependency parse and small lexicons of motion words. A journey with
no stated origin starts, marked as inferred, at the capital of the traveler's country when the
text gives a nationality ("le dirigeant nord-coréen Kim Jong Un").
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Span, Token

from geo.countries import country_of_demonym
from geo.model import Candidate, Place, Route

_VERBS = {"rendre", "aller", "voyager", "arriver", "partir", "quitter", "rejoindre", "visiter",
          "rentrer", "revenir", "venir", "gagner", "atterrir", "travel", "visit", "arrive", "fly",
          "go", "head", "leave", "return", "come", "journey", "land", "travelled", "traveled",
          "went", "flew", "arrived", "visited", "headed", "left"}
_NOUNS = {"visite", "voyage", "déplacement", "tournée", "séjour", "visit", "trip", "journey",
          "tour"}
_TO = {"à", "en", "au", "aux", "vers", "pour", "to", "in", "for", "towards", "toward", "into"}
_FROM = {"depuis", "from"}
_LEAVE = {"quitter", "leave"}
_MODES = {"train": "train", "avion": "plane", "plane": "plane", "jet": "plane", "bateau": "ship",
          "navire": "ship", "ship": "ship", "boat": "boat", "voiture": "car", "car": "car",
          "convoi": "convoy", "convoy": "convoy", "bus": "bus", "hélicoptère": "helicopter",
          "helicopter": "helicopter", "route": "road", "road": "road"}
_PLANNED = {"devoir", "pouvoir", "intention", "prévoir", "envisager", "projeter", "compter",
            "souhaiter", "vouloir", "will", "would", "plan", "plans", "planned", "intend",
            "expected", "should", "may", "might", "could", "aller"}
_SAME_AGENT = {"xcomp", "acl", "obj", "obl:arg", "ccomp:xcomp"}
_NEGATION = {"pas", "jamais", "not", "never", "n't", "plus"}
_WHEN = re.compile(
    r"\b(?:ce mois-ci|cette semaine|cette année|le mois (?:précédent|prochain|dernier)|"
    r"la semaine (?:prochaine|dernière|précédente)|l'an dernier|l'année (?:prochaine|dernière)|"
    r"hier|demain|aujourd'hui|this (?:month|week|year)|last (?:month|week|year)|"
    r"next (?:month|week|year)|yesterday|tomorrow|today|"
    r"(?:en |in )?(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
    r"novembre|décembre|January|February|March|April|May|June|July|August|September|"
    r"October|November|December)(?: \d{4})?|(?:en |in )\d{4})\b", re.IGNORECASE)

CapitalOf = Callable[[str], Candidate | None]


def find_routes(docs: Sequence[tuple[Doc, int]], places: Sequence[Place], *, language: str,
                lookup: CapitalOf) -> tuple[tuple[Route, ...], tuple[Place, ...]]:
    """Routes in parsed passages, and the inferred origin places they need."""
    at = {m.start: (place, m) for place in places for m in place.mentions}
    nationality = _nationalities(docs)
    routes, extra = [], {}
    last_person = None
    for passage, (doc, offset) in enumerate(docs):
        for sent in doc.sents:
            for trigger in (t for t in sent if _is_trigger(t)):
                traveler = _traveler(trigger, sent) or last_person
                found = _legs(trigger, sent, offset, at)
                if not found or _negated(trigger):
                    continue
                origin, destinations = found
                origin_inferred = False
                if origin is None and traveler:
                    code = nationality.get(traveler) or _country_in(traveler)
                    capital = lookup(code) if code else None
                    if capital is not None:
                        origin = _as_place(capital, places, extra)
                        origin_inferred = True
                for destination in destinations:
                    if origin is not None and origin.id == destination.id:
                        continue
                    routes.append(Route(
                        from_id=origin.id if origin else None, to_id=destination.id,
                        traveler=traveler, mode=_mode(sent), when=_when(sent.text),
                        status=_status(trigger), passage=passage, evidence=sent.text.strip(),
                        origin_inferred=origin_inferred))
            last_person = _last_person(sent) or last_person
    return tuple(routes), tuple(extra.values())


# Surface forms for pipelines without a tagger or lemmatiser (English with no model installed).
_EN_FORMS = {
    "travel": "travel", "travels": "travel", "travelled": "travel", "traveled": "travel",
    "travelling": "travel", "traveling": "travel", "visit": "visit", "visits": "visit",
    "visited": "visit", "visiting": "visit", "arrive": "arrive", "arrives": "arrive",
    "arrived": "arrive", "fly": "fly", "flies": "fly", "flew": "fly", "flown": "fly",
    "go": "go", "goes": "go", "went": "go", "gone": "go", "head": "head", "heads": "head",
    "headed": "head", "leave": "leave", "leaves": "leave", "left": "leave", "return": "return",
    "returned": "return", "returns": "return", "trip": "trip", "journey": "journey"}
_EN_PAST = {"travelled", "traveled", "visited", "arrived", "flew", "flown", "went", "gone",
            "headed", "left", "returned"}


def _lemma(token: Token) -> str:
    if token.doc.has_annotation("LEMMA"):
        return token.lemma_.lower()
    return _EN_FORMS.get(token.lower_, token.lower_)


def _is_trigger(token: Token) -> bool:
    lemma = _lemma(token)
    if not token.doc.has_annotation("POS"):
        return token.lower_ in _EN_FORMS
    if token.pos_ in {"VERB", "AUX"} and lemma in _VERBS:
        if lemma == "rendre":  # only "se rendre": to go
            return any(c.lower_ in {"se", "s'", "s’"} for c in _children(token))
        return lemma != "aller" or any(c.dep_ in {"obl:arg", "obl", "obl:mod"} for c in _children(token))
    return token.pos_ == "NOUN" and lemma in _NOUNS


def _legs(trigger: Token, sent: Span, offset: int, at: dict) -> tuple | None:
    """The origin (or None) and destinations of a trigger, from place mentions it governs."""
    origin, destinations = None, []
    subtree = {t.i for t in trigger.subtree} if _parsed(trigger) else {trigger.i}
    for token in sent:
        hit = at.get(offset + token.idx)
        if hit is None:
            continue
        place, _ = hit
        # A verb's places may hang off a badly parsed clause: accept the next few words too.
        # A noun ("protocoles de voyage") only governs its own phrase.
        near = token.i in subtree or (trigger.pos_ != "NOUN" and 0 < token.i - trigger.i <= 8)
        before = token.nbor(-1).lower_ if token.i > sent.start else ""
        if not near:
            continue
        if before in _FROM or (_lemma(trigger) in _LEAVE and token.dep_ == "obj"):
            origin = place
        elif before in _TO or token.dep_ == "obj":
            if all(d.id != place.id for d in destinations):
                destinations.append(place)
    return (origin, destinations) if destinations else None


def _negated(trigger: Token) -> bool:
    if not _parsed(trigger):
        scope = trigger.doc[max(0, trigger.i - 3):trigger.i + 1]
    else:
        scope = [trigger, *trigger.children, *trigger.head.children]
    return any(t.lower_ in _NEGATION for t in scope)


def _parsed(token: Token) -> bool:
    # Without a dependency parse (a blank English pipeline) spaCy's tree attributes are
    # meaningless, and reading them can even crash: use word order instead.
    return token.doc.has_annotation("DEP")


def _children(token: Token) -> list[Token]:
    return list(token.children) if _parsed(token) else []


def _traveler(trigger: Token, sent: Span) -> str | None:
    node = trigger
    for _ in range(4 if _parsed(trigger) else 0):
        for child in node.children:
            if child.dep_.startswith("nsubj") and child.pos_ != "PRON":
                return _phrase(child)
        # Climb only where the agent stays the same ("a l'intention de se rendre"), not out
        # of a subordinate clause ("la rencontre a eu lieu lorsque Kim est arrivé").
        if node.head.i == node.i or node.dep_ not in _SAME_AGENT:
            break
        node = node.head
    persons = [e for e in sent.ents if e.label_ in {"PER", "PERSON"} and e.end <= trigger.i]
    return persons[-1].text if persons else None


def _phrase(token: Token) -> str:
    if token.ent_type_ in {"PER", "PERSON"}:
        ent = next(e for e in token.doc.ents if e.start <= token.i < e.end)
        return ent.text
    words = []
    for t in (token.subtree if _parsed(token) else [token]):
        if t.is_punct and t.i > token.i:
            break
        words.append(t)
    return " ".join(t.text for t in words[:8])


def _last_person(sent: Span) -> str | None:
    persons = [e.text for e in sent.ents if e.label_ in {"PER", "PERSON"}]
    return persons[-1] if persons else None


def _nationalities(docs: Sequence[tuple[Doc, int]]) -> dict[str, str]:
    """People's countries from a nearby adjective: "le ministre russe ..., Sergueï Choïgou"."""
    found: dict[str, str] = {}
    for doc, _ in docs:
        for ent in doc.ents:
            if ent.label_ not in {"PER", "PERSON"}:
                continue
            for token in reversed(doc[max(0, ent.start - 8):ent.start]):
                code = country_of_demonym(token.text)
                if code:
                    found.setdefault(ent.text, code)
                    for word in ent.text.split():
                        found.setdefault(word, code)
                    break
    return found


def _country_in(phrase: str) -> str | None:
    return next((code for w in phrase.split() if (code := country_of_demonym(w))), None)


def _as_place(candidate: Candidate, places: Sequence[Place], extra: dict) -> Place:
    existing = next((p for p in places if p.id == candidate.id), None) or extra.get(candidate.id)
    if existing is None:
        existing = Place(id=candidate.id, name=candidate.name, lat=candidate.lat,
                         lon=candidate.lon, kind=candidate.kind,
                         country_code=candidate.country_code, source=candidate.source,
                         confidence=0.5, mentions=(), reason="inferred origin of a journey")
        extra[candidate.id] = existing
    return existing


def _mode(sent: Span) -> str | None:
    for token in sent:
        previous = token.nbor(-1).lower_ if token.i > sent.start else ""
        if token.lower_ in _MODES and previous in {"en", "par", "by", "a", "an", "in"}:
            return _MODES[token.lower_]
    return None


def _when(text: str) -> str | None:
    match = _WHEN.search(text)
    return match.group(0) if match else None


def _status(trigger: Token) -> str:
    if not trigger.doc.has_annotation("POS"):
        before = {t.lower_ for t in trigger.doc[max(0, trigger.i - 3):trigger.i]}
        if before & _PLANNED:
            return "planned"
        return "past" if trigger.lower_ in _EN_PAST else "unknown"
    chain = [trigger, trigger.head, trigger.head.head]
    words = {t for node in chain for t in (node, *node.children)}
    if any("Cnd" in t.morph.get("Mood") or t.lemma_.lower() in _PLANNED or
           t.lower_ in _PLANNED for t in words):
        return "planned"
    if any("Past" in t.morph.get("Tense") or "Imp" in t.morph.get("Tense") for t in words):
        return "past"
    return "unknown"
