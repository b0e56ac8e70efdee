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

from spacy.tokens import Doc, Span, Token

from geo.journeys.motion import (
    agent_chain,
    is_trigger,
    lemma,
    mode,
    negated,
    on_the_way,
    parsed,
    status,
    words,
)
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
from geo.lang import pack
from geo.model import Candidate, Mention, Place, Route

CapitalOf = Callable[[str], Candidate | None]
Mentions = list[tuple[Span, Place]]
_VERBAL = {"VERB", "AUX"}
_WINDOW = 8  # words after a verb where a badly parsed complement may still be its own
_CLIMB = 2  # the place, then at most the one noun it qualifies, may attach to the motion word
_NOMINAL = {"NOUN", "PROPN"}  # what a place may qualify on its way up
_QUALIFIES = {"amod", "compound", "nmod", "appos", "flat"}  # relations of a noun to a noun


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
        for sent in doc.sents:
            in_sent = mentions[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]
            for trigger in [t for t in sent if is_trigger(t)]:
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
        name, anaphor = traveler(trigger, sent)
        if name is None and anaphor is not None:
            # "il": the last person named, else the last singular subject ("le typhon")
            person = self.last_person if anaphor == "singular" else None
            number = "plural" if anaphor == "plural" else "singular"
            name = person or self.last_subject.get(number)
        name = self.people.canonical(name)
        when, state = self._time_and_status(trigger, sent)
        how = mode(trigger, sent)
        if not destinations:  # "il voyagerait en train blindé": how an earlier journey goes
            self._add_mode(name, how, state)
            return
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
        text = sent.text.strip()
        start = offset + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
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
        times = _times(sent.text, self.ref, 0, lang)
        if not times:
            return None, status(trigger)
        nearest = min(times, key=lambda t: (min(abs(t.start - at), abs(t.end - at)), t.start < at))
        state = status(trigger, future_time=nearest.tense > 0)
        if state == "unknown" and nearest.tense < 0:
            state = "past"
        direction = {"past": -1, "planned": 1, "hypothetical": 1}.get(state, 0)
        again = _times(sent.text, self.ref, direction, lang)
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

    def _place_of(self, candidate: Candidate) -> Place:
        existing = self._by_id.get(candidate.id)
        if existing is None:
            existing = self.extra.setdefault(
                candidate.id,
                Place.of(candidate, confidence=0.5, reason="inferred origin of a journey"),
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
    """The places' mentions in one passage, as token spans."""
    found = []
    for m, place in found_here:
        span = doc.char_span(m.start - offset, m.end - offset, alignment_mode="expand")
        if span is not None and len(span):
            found.append((span, place))
    return sorted(found, key=lambda found_: found_[0].start)


def complements(trigger: Token, mentions: Mentions) -> tuple[Place | None, list[Place]]:
    """The origin (or None) and the destinations, in order, that a motion word governs."""
    origin: Place | None = None
    destinations: list[Place] = []
    roots: set[int] = set()
    last: tuple[Span, Place] | None = None  # the latest destination
    for span, place in mentions:
        root = span.root if parsed(trigger) else span[0]
        if last is not None and _qualifier(last, span, place):
            continue
        conjoined = (parsed(trigger) and _conjunct(root, roots)) or (
            last is not None and _coordinated(last[0], span)
        )
        if root.i == trigger.i or not (conjoined or _governed(trigger, span, root)):
            continue
        role = _role(trigger, span, root, roots)
        if role == "from" and origin is None:
            origin = place
        elif role == "to" or (conjoined and role is None):
            roots.add(root.i)
            last = (span, place)
            if all(d.id != place.id for d in destinations):
                destinations.append(place)
    return _most_specific(origin, destinations)


def frame_places(trigger: Token, mentions: Mentions) -> list[Place]:
    """Where a journey noun with no place of its own happened, from the clause it frames:
    "a entamé des discussions avec la Corée du Nord lors d'une visite" -> North Korea."""
    if not parsed(trigger) or trigger.pos_ != "NOUN":
        return []
    chain = agent_chain(trigger)
    verb, frames = chain[-1], words("frame", trigger.doc.lang_)
    context = [*chain[1:], *trigger.doc[max(0, trigger.i - 3) : trigger.i]]
    if verb.pos_ not in _VERBAL or not any(t.lower_ in frames for t in context):
        return []
    subjects = {t.i for c in verb.children if c.dep_.startswith("nsubj") for t in c.subtree}
    accepted = words("to", trigger.doc.lang_) | words("with", trigger.doc.lang_)
    found: list[Place] = []
    for span, place in mentions:
        root = span.root
        if root.i in subjects or verb not in root.ancestors or _clause_between(root, verb):
            continue
        if _words_before(span)[0] in accepted and place not in found:
            found.append(place)
    return found


def _coordinated(previous: Span, span: Span) -> bool:
    """ "à Paris et à Berlin", "Paris, Berlin and Rome": only a list's words in between."""
    between, lang = span.doc[previous.end : span.start], span.doc.lang_
    joining = words("list", lang) | words("article", lang)
    return all(t.text == "," or t.lower_ in joining for t in between)


def _conjunct(root: Token, roots: set[int]) -> bool:
    """Whether a place is, or qualifies the noun that is, a conjunct of a destination: "à Paris
    et Berlin", "vers Taiwan et le sud-est de la Chine", "to Afghanistan and the Middle East"."""
    return any(node.dep_ == "conj" and node.head.i in roots for node in (root, _qualified(root)))


def _qualified(node: Token) -> Token:
    """The noun a place qualifies ("le sud-est de la Chine", "the Garden City area"), or the
    place itself."""
    case = _case(node)
    link = case.head if case is not None and case.dep_ == "prep" else node.head
    if link.pos_ not in _NOMINAL or link.i == node.i:
        return node
    if case is None:
        return link if node.dep_.split(":")[0] in _QUALIFIES else node
    return link if case.lower_ in words("of", node.doc.lang_) else node


def _qualifier(last: tuple[Span, Place], span: Span, place: Place) -> bool:
    """ "Sacramento, California": a region or country after a comma says where the place is."""
    previous, before = last
    comma = span.start == previous.end + 1 and span.doc[previous.end].text == ","
    return (
        place.kind in {"region", "country"}
        and comma
        and place.country_code == before.country_code
        and before.kind != place.kind
    )


def _governed(trigger: Token, span: Span, root: Token) -> bool:
    """Whether a place belongs to the trigger's own phrase (no other clause in between)."""
    if parsed(trigger) and trigger in root.ancestors:
        return not _clause_between(root, trigger)
    if parsed(trigger) and trigger.pos_ == "NOUN":  # "protocoles de voyage": its phrase only
        return _next_to(trigger, span, root)
    # a verb's places may hang off a badly parsed clause: accept the next few words too
    between = trigger.doc[trigger.i + 1 : span.start]
    return 0 < span.start - trigger.i <= _WINDOW and not any(
        t.is_punct or t.pos_ in _VERBAL or is_trigger(t) for t in between
    )


def _next_to(trigger: Token, span: Span, root: Token) -> bool:
    """A journey noun's destination the parser hung on the noun's verb instead: the "to" (or
    "at") phrase right after the noun ("faces deportation to Turkey", "participer à la tournée
    en Italie", "made a stopover in Dubai")."""
    found = _attachment(trigger.head, root) if trigger.head.i != trigger.i else None
    if found is None or found[1] is None or found[0].head.i == trigger.i:
        return False
    case, lang = found[1], trigger.doc.lang_
    return (
        case.i == trigger.i + 1
        and _words_before(span)[0] == case.lower_
        and case.lower_ in words("to", lang) | words("at", lang)  # the role says which counts
        and not is_trigger(trigger.head)
    )


def _clause_between(token: Token, top: Token) -> bool:
    for ancestor in token.ancestors:
        if ancestor.i == top.i:
            return False
        if ancestor.pos_ in _VERBAL or is_trigger(ancestor):
            return True
    return False


def _role(trigger: Token, span: Span, root: Token, roots: set[int]) -> str | None:
    """ "from", "to" or None for a place the trigger governs, from its preposition and role."""
    if parsed(trigger) and root.dep_.startswith("nsubj"):
        return None
    prep, before = _words_before(span)
    # without a parse, a place right after the verb is its object: "visited Nairobi"
    direct = root.dep_ in {"obj", "dobj"} if parsed(trigger) else span.start == trigger.i + 1
    role = _role_of(trigger, prep, before, root, direct)
    if role is not None:
        return role
    if parsed(trigger) and root.dep_ == "conj" and root.head.i in roots:  # "Paris and Berlin"
        return "to"
    if parsed(trigger) and root.dep_ == "compound" and root.head.i == trigger.i:  # "Moscow visit"
        return "to"
    # the word before was no role word ("to central Washington", "to the city of Puebla"):
    # the preposition on the place's own path to the trigger may be
    found = _attachment(trigger, root) if parsed(trigger) else None
    # an object is a destination when the place names it through a preposition ("visited the
    # city of Puebla"), not when the place only qualifies it ("expel US diplomats")
    if found is None or found[1] is None and _case(root) is None:
        return None
    node, case = found
    if case is None:
        return _role_of(trigger, "", "", node, node.dep_ in {"obj", "dobj"})
    if any(t.is_punct for t in trigger.doc[trigger.i + 1 : case.i]):
        return None  # a phrase set off by a comma is an aside: "attendu jeudi, au nord de X"
    previous = trigger.doc[case.i - 1].lower_ if case.i > 0 else ""
    return _role_of(trigger, case.lower_, previous, node, False)


def _role_of(trigger: Token, prep: str, before: str, node: Token, direct: bool) -> str | None:
    """The role a preposition (and the word before it) gives the phrase `node` heads."""
    lang = trigger.doc.lang_
    if prep in words("from", lang) or (direct and lemma(trigger) in words("leave", lang)):
        return "from"
    if prep in words("from_de", lang):  # "à destination de", "en provenance de", "revenu de"
        if before in words("destination", lang):
            return "to"
        if before in words("provenance", lang) or (
            trigger.pos_ != "NOUN"  # a verb, or one the tagger missed ("ira" as an adverb)
            and parsed(trigger)
            and node.head.i == trigger.i
            and node.i - trigger.i <= 4
        ):
            return "from"
        return None
    halt = trigger.lower_.rstrip("".join(words("plural_letter", lang))) in words("halt", lang)
    if halt and words("at", lang) and prep not in words("at", lang):
        return None  # "a campaign stop in Juarez", not "put a stop to"
    if prep in words("for", lang) and not (
        lemma(trigger) in words("depart", lang) or on_the_way(trigger)
    ):
        return None  # "left for Paris", not "came too late for Tanesha Melbourne-Blake"
    if prep in words("at", lang):  # "arrived in Moscow", "a visit in Paris"; not "comes in"
        # "appear" only with "at": "will appear at a forum in Red Oak", not "appeared in"
        at_only = pack(lang).motion.pairs("arrive_at").get(lemma(trigger)) == prep
        return "to" if lemma(trigger) in words("arrive", lang) or at_only or halt else None
    if prep in words("to", lang) or direct:
        return "to"
    return None


def _attachment(trigger: Token, root: Token) -> tuple[Token, Token | None] | None:
    """The phrase that attaches a place to the trigger, and that phrase's preposition (None for
    an object): climbing from the place through the nouns it qualifies ("central Washington",
    "the city of Puebla", "states such as Utah", "le sud-est de la Chine", "the Garden City
    area"): one noun at most ("in celebration of Independence anniversary" is too far), never
    through a verb, nor through a word that gives a role itself ("officials from Paris")."""
    lang = trigger.doc.lang_
    stops = words("from", lang) | words("to", lang) | words("with", lang)
    node = root
    for _ in range(_CLIMB):
        case = _case(node)
        link = case.head if case is not None and case.dep_ == "prep" else node.head
        if link.i == trigger.i:
            return node, case
        if link.i == node.i or link.pos_ not in _NOMINAL:
            return None
        if case is None and node.dep_.split(":")[0] not in _QUALIFIES:
            return None
        if case is not None and case.lower_ in stops:
            return None
        node = link
    return None


def _case(node: Token) -> Token | None:
    """A noun's preposition: its head in English's parse ("to" > "Puebla"), its `case`
    dependent in Universal Dependencies ("vers" < "sud-est")."""
    if node.dep_ == "pobj" and node.head.dep_ == "prep":
        return node.head
    return next((c for c in node.children if c.dep_ == "case"), None)


def _words_before(span: Span) -> tuple[str, str]:
    """The word before a place (articles skipped) and the word before that one."""
    doc, i, articles = span.doc, span.start - 1, words("article", span.doc.lang_)
    while i >= 0 and doc[i].lower_ in articles:
        i -= 1
    return (doc[i].lower_ if i >= 0 else "", doc[i - 1].lower_ if i > 0 else "")


def _most_specific(
    origin: Place | None, destinations: list[Place]
) -> tuple[Place | None, list[Place]]:
    """ "à Vladivostok, en Russie" goes to Vladivostok: a country holding another place goes."""
    inner = {d.country_code for d in destinations if d.kind != "country" and d.country_code}
    kept = [d for d in destinations if not (d.kind == "country" and d.country_code in inner)]
    if (
        origin is not None
        and origin.kind == "country"
        and origin.country_code in ({d.country_code for d in kept})
    ):
        origin = None
    return origin, kept


@functools.lru_cache(maxsize=64)
def _times(text: str, ref: date | None, direction: int, language: str) -> tuple[Timex, ...]:
    """find_times, once per sentence: every trigger of a sentence asks about the same text."""
    return tuple(find_times(text, ref, language=language, direction=direction))
