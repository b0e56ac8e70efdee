"""Journeys told in the text: who goes where, from where, when, how, and whether it happened.

Each motion word (`geo.journeys.motion`) takes the places it governs as origin and destinations; a journey
naming two destinations gives two legs. A journey noun with no place of its own in a frame ("lors
d'une visite", "during a visit") goes where its clause happens ("des discussions avec la Corée du
Nord"). An origin the text does not state is inferred and marked: where the traveler's previous
journey ended, else the capital of the traveler's country (`geo.journeys.travelers`). Time expressions
are kept as written and normalised against the document date (`geo.journeys.timex`).
"""

from __future__ import annotations

import functools
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from geo.journeys.complements import (
    Mentions,
    complements,
    frame_places,
    named_sites,
    referred,
)
from geo.journeys.motion import mode, negated, status, triggers
from geo.journeys.timex import Timex, find_times, parse_date
from geo.journeys.travelers import (
    PLACE_TOKENS,
    Travelers,
    country_name,
    people_of,
    read_travelers,
    sentence_subject,
    traveler,
)
from geo.model import Candidate, Mention, Place, Route
from geo.nlp.pipelines import span_text

if TYPE_CHECKING:  # spaCy is imported when a model is loaded (geo.nlp), not with geo
    from spacy.tokens import Doc, Span, Token

CapitalOf = Callable[[str], Candidate | None]
_BACK = 2000  # characters back from a noun of place ("the city") to the place it points to
_NAMED = 200  # characters after a motion word where a site's own name may end ("appear at the X")
_SITE = [{"city", "landmark"}, {"region"}]  # where a site ("the school") is, in that order


def find_routes(
    docs: Sequence[tuple[Doc, int]],
    places: Sequence[Place],
    *,
    language: str,
    lookup: CapitalOf,
    date: date | str | None = None,
) -> tuple[tuple[Route, ...], tuple[Place, ...]]:
    """Routes in parsed passages, and the inferred origin places they need.

    `date` is the document's date: relative times ("le mois précédent") are normalised to it.
    The lexicons follow each document's own language (`doc.lang_`, the pipeline's `language`).
    """
    travelers = read_travelers(docs, places, language=language)
    reader = _Reader(places, lookup, travelers, parse_date(date))
    reader.sites = sorted(site for doc, offset in docs for site in named_sites(doc, offset))
    by_passage: dict[int, list[tuple[Mention, Place]]] = {}
    for place in places:
        for m in place.mentions:
            by_passage.setdefault(m.passage, []).append((m, place))
    for passage, (doc, offset) in enumerate(docs):
        mentions = _mentions(doc, offset, by_passage.get(passage, []))
        tokens = frozenset(i for span, _ in mentions for i in range(span.start, span.end))
        doc.user_data[PLACE_TOKENS] = tokens  # type: ignore[index]
        people = people_of(doc)
        # both in token order: a sentence's share is found by bisection, not by a pass over all
        starts, people_starts = [s.start for s, _ in mentions], [e.start for e in people]
        motions = triggers(doc)
        at = [t.i for t in motions]
        for sent in doc.sents:
            in_sent = mentions[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]
            for trigger in motions[bisect_left(at, sent.start) : bisect_left(at, sent.end)]:
                reader.read(trigger, sent, in_sent, passage, offset)
            last = bisect_left(people_starts, sent.end) - 1
            if last >= 0 and people[last].start >= sent.start:
                reader.last_person = people[last].text
            named = sentence_subject(sent)
            if named is not None:
                reader.last_subject[named[1]] = named[0]
    return tuple(reader.routes), tuple(reader.extra.values())


@dataclass
class _Reader:
    """Reads journeys trigger by trigger, remembering what earlier ones said."""

    places: Sequence[Place]
    capital_of: CapitalOf
    people: Travelers
    ref: date | None
    routes: list[Route] = field(default_factory=list)
    extra: dict[str, Place] = field(default_factory=dict)
    last_person: str | None = None
    # the latest named subject of a sentence, by number: what "they" or "il" point back to
    last_subject: dict[str, str] = field(default_factory=dict)
    journeys: int = 0
    sites: list[tuple[int, str]] = field(default_factory=list)  # named sites: start, noun

    def __post_init__(self) -> None:
        # indexes of what the reader asks for each trigger: a pass over every place or route
        # made a long text's cost grow with the square of its journeys
        self._by_id: dict[str, Place] = {}
        self._lands: dict[str, str] = {}  # country code -> the name of its place
        self._countries: dict[str | None, tuple[str, str] | None] = {}  # traveler -> country
        self._by_traveler: dict[str | None, list[int]] = {}  # indexes in self.routes
        self._by_journey: dict[int, list[int]] = {}
        # (traveler, destination, passage) -> evidence starts, in reading order: sorted
        self._sent: dict[tuple[str | None, str, int], list[int]] = {}
        # every mention's start and place, in reading order: what "the city" points back to
        said = sorted(((m.start, p) for p in self.places for m in p.mentions), key=lambda s: s[0])
        self._said_at, self._said = [s[0] for s in said], [s[1] for s in said]
        for place in self.places:
            self._by_id.setdefault(place.id, place)
            if place.kind == "country" and place.country_code is not None:
                self._lands.setdefault(place.country_code, place.name)

    def read(
        self, trigger: Token, sent: Span, mentions: Mentions, passage: int, offset: int
    ) -> None:
        """Add the legs of the journey that `trigger` tells, if it tells one."""
        if negated(trigger):
            return
        origin, destinations = complements(trigger, mentions)
        framed = not destinations and bool(destinations := frame_places(trigger, mentions))
        if not destinations and (noun := referred(trigger)) is not None:
            destinations = self._referent(*noun, offset + trigger.idx)
        how = mode(trigger, sent)
        if not destinations:  # "il voyagerait en train blindé": how an earlier journey goes
            if how is not None and self.routes:  # else nothing to read further
                self._add_mode(
                    self._who(trigger, sent), how, self._time_and_status(trigger, sent)[1]
                )
            return
        name = self._who(trigger, sent)
        when, state = self._time_and_status(trigger, sent)
        if name not in self._countries:
            self._countries[name] = self.people.country(name)  # of the places read with
        country = self._countries[name]
        if framed and country:  # a minister talks with his own country at home
            destinations = [d for d in destinations if d.country_code != country[0]]
        destinations = [d for d in destinations if self._new(name, d, passage, sent, offset)]
        if not destinations:
            return
        reason = None
        if origin is None:
            origin, reason = self._infer_origin(
                name, country, destinations[0], state, passage, offset + sent.start_char
            )
        said = span_text(sent)
        text = said.strip()
        start = offset + sent.start_char + (len(said) - len(said.lstrip()))
        base = Route(
            None,
            "",
            name,
            how[0] if how else None,
            when.text if when else None,
            state,
            passage,
            text,
            when_iso=when.value if when else None,
            evidence_start=start,
            evidence_end=start + len(text),
            mode_kind=how[1] if how else None,
        )
        if trigger.pos_ == "NOUN" and "Plur" in trigger.morph.get("Number", default=[]):
            for destination in destinations:  # "trips to Guam and Hawaii": one journey each
                self._add_legs(base, origin, reason, [destination])
        else:
            self._add_legs(base, origin, reason, destinations)

    def _who(self, trigger: Token, sent: Span) -> str | None:
        """The traveler: named, or the person or subject a pronoun points back to."""
        name, anaphor = traveler(trigger, sent)
        if name is None and anaphor is not None:
            # "il": the last person named, else the last singular subject ("le typhon")
            person = self.last_person if anaphor == "singular" else None
            number = "plural" if anaphor == "plural" else "singular"
            name = person or self.last_subject.get(number)
        return self.people.canonical(name)

    def _add_legs(
        self, base: Route, origin: Place | None, reason: str | None, destinations: list[Place]
    ) -> None:
        """One journey: a leg to each destination in turn, the first from `origin`."""
        base = replace(base, journey=self.journeys)
        self.journeys += 1
        for destination in destinations:
            if origin is not None and origin.id == destination.id:
                continue
            self._add(
                replace(
                    base,
                    from_id=origin.id if origin else None,
                    to_id=destination.id,
                    origin_inferred=reason is not None,
                    origin_reason=reason,
                    leg=len(self._by_journey.get(base.journey, ())) + 1,
                )
            )
            origin, reason = destination, f"where the previous leg ended ({destination.name})"

    def _add(self, route: Route) -> None:
        index = len(self.routes)
        self.routes.append(route)
        self._by_traveler.setdefault(route.traveler, []).append(index)
        self._by_journey.setdefault(route.journey, []).append(index)
        self._sent.setdefault((route.traveler, route.to_id, route.passage), []).append(
            route.evidence_start or -1
        )

    def _new(self, name: str | None, place: Place, passage: int, sent: Span, offset: int) -> bool:
        """Whether no other word of the same sentence already sent this traveler there."""
        start, end = offset + sent.start_char, offset + sent.end_char
        starts = self._sent.get((name, place.id, passage), [])
        at = bisect_left(starts, start)
        return not (at < len(starts) and starts[at] < end)

    def _time_and_status(self, trigger: Token, sent: Span) -> tuple[Timex | None, str]:
        """The time expression nearest the trigger, and the journey's status."""
        at, lang = trigger.idx - sent.start_char, trigger.doc.lang_
        said = span_text(sent)
        times = _times(said, self.ref, 0, lang)
        if not times:
            return None, status(trigger)
        nearest = min(times, key=lambda t: (min(abs(t.start - at), abs(t.end - at)), t.start < at))
        state = status(trigger, future_time=nearest.tense > 0)
        if state == "unknown" and nearest.tense < 0:
            state = "past"
        direction = {"past": -1, "planned": 1, "hypothetical": 1}.get(state, 0)
        again = _times(said, self.ref, direction, lang)
        return next((t for t in again if t.start == nearest.start), nearest), state

    def _infer_origin(
        self,
        name: str | None,
        country: tuple[str, str] | None,
        destination: Place,
        state: str,
        passage: int,
        before: int,
    ) -> tuple[Place | None, str | None]:
        """Where the traveler's previous journey (told just before) ended, else their capital."""
        last = self._last_route(name, passage, before)
        if last and state == last.status == "past" and last.to_id != destination.id:
            place = self._by_id.get(last.to_id) or self.extra[last.to_id]
            return place, f"where {name} was last ({place.name})"
        if country is None or destination.country_code == country[0]:
            return None, None  # a journey at home: from where, the text does not say
        capital = self.capital_of(country[0])
        if capital is None:
            return None, None
        origin = self._place_of(capital)
        land = self._lands.get(country[0]) or country_name(country[0])
        return origin, f"capital of {land}, the traveler's country (\u201c{country[1]}\u201d)"

    def _last_route(self, name: str | None, passage: int, before: int) -> Route | None:
        """The traveler's latest journey told before `before`, in this passage or the previous."""
        for index in reversed(self._by_traveler.get(name, []) if name else []):
            route = self.routes[index]
            if route.passage < passage - 1:  # routes are in reading order: none earlier either
                return None
            if (route.evidence_start or 0) < before:
                return route
        return None

    def _referent(self, noun: str, kind: str, country: str | None, at: int) -> list[Place]:
        """The place a noun of place points back to: the latest place of its kind named within
        `_BACK` characters before `at`; for a capital, the capital of the country its adjective
        names ("the Greek capital"), else of the latest place's country; for a site ("the
        school"), the latest town (else region), when the text names such a site, before or
        in the destination itself ("appear at the Airport Courthouse")."""
        last = bisect_left(self._said_at, at) - 1
        if kind == "site" and not any(
            word == noun and -_NAMED < at - start <= _BACK for start, word in self.sites
        ):
            return []  # "taken to the hospital": a site the text does not name
        if kind == "capital":
            code = country or next(
                (p.country_code for p in reversed(self._said[: last + 1]) if p.country_code), None
            )
            capital = self.capital_of(code) if code else None
            return [self._place_of(capital, "the capital a noun points to")] if capital else []
        # a site (a school, a prison) stands in a town, else in the region named
        for kinds in _SITE if kind == "site" else [{kind}]:
            for index in range(last, -1, -1):
                place = self._said[index]
                if at - self._said_at[index] > _BACK:
                    break
                fits = place.kind != "continent" if kind == "any" else place.kind in kinds
                if fits and country in (None, place.country_code):
                    return [place]
        return []

    def _place_of(
        self, candidate: Candidate, reason: str = "inferred origin of a journey"
    ) -> Place:
        existing = self._by_id.get(candidate.id)
        if existing is None:
            existing = self.extra.setdefault(
                candidate.id, Place.of(candidate, confidence=0.5, reason=reason)
            )
        return existing

    def _add_mode(self, name: str | None, how: tuple[str, str] | None, state: str) -> None:
        """Give the traveler's latest journey a mode told apart ("il voyagerait en train")."""
        mine = self._by_traveler.get(name) if name else None
        latest = self.routes[mine[-1]] if mine else None
        if how is None or latest is None or latest.mode is not None:
            return
        if (latest.status == "past") != (state == "past"):
            return
        for index in self._by_journey[latest.journey]:
            self.routes[index] = replace(self.routes[index], mode=how[0], mode_kind=how[1])


def _mentions(doc: Doc, offset: int, found_here: list[tuple[Mention, Place]]) -> Mentions:
    """The places' mentions in one passage, as token spans; a people's adjective names no
    destination."""
    found = []
    for m, place in found_here:
        if m.demonym:  # "the Kenyan capital" goes to Nairobi, not to Kenya
            continue
        span = doc.char_span(m.start - offset, m.end - offset, alignment_mode="expand")
        if span is not None and len(span):
            found.append((span, place))
    return sorted(found, key=lambda found_: found_[0].start)


@functools.lru_cache(maxsize=64)
def _times(text: str, ref: date | None, direction: int, language: str) -> tuple[Timex, ...]:
    """find_times, once per sentence: every trigger of a sentence asks about the same text."""
    return tuple(find_times(text, ref, language=language, direction=direction))
