"""Which places a motion word governs: its origin and its destinations, read from the parse
(the place's preposition and its path up to the word), or from the words around it without one.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from geo.journeys.motion import agent_chain, idiom, is_trigger, lemma, on_the_way, parsed, words
from geo.lang import Pack, pack
from geo.model import Place
from geo.nlp.pipelines import matching

if TYPE_CHECKING:  # spaCy is imported when a model is loaded (geo.nlp), not with geo
    from spacy.tokens import Doc, Span, Token

Mentions = list[tuple["Span", Place]]
_VERBAL = {"VERB", "AUX"}
_WINDOW = 8  # words after a verb where a badly parsed complement may still be its own
_CLIMB = 2  # the place, then at most the one noun it qualifies, may attach to the motion word
_NOMINAL = {"NOUN", "PROPN"}  # what a place may qualify on its way up
_PREDICATIVE = {"acomp", "advcl", "oprd", "xcomp"}  # an adjective that says the traveler's state
_QUALIFIES = {"amod", "compound", "nmod", "appos", "flat"}  # relations of a noun to a noun


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
    if not destinations and parsed(trigger):
        destinations = _located(trigger, mentions)
    return _most_specific(origin, destinations)


def _located(trigger: Token, mentions: Mentions) -> list[Place]:
    """A destination that is no place, in a place the text names: "sent to the New Bilibid
    Prison in Muntinlupa", "visited the office of the Supreme People's Court in Beijing",
    "transféré dans un hôpital à Tulle" go there."""
    goals = _goals(trigger)
    if not goals:
        return []
    within, lang = words("within", trigger.doc.lang_), trigger.doc.lang_
    found: list[Place] = []
    for span, place in mentions:
        node = span.root
        for _ in range(_CLIMB):  # "Beijing weekly" read as a compound of a noun
            if node.dep_.split(":")[0] not in _QUALIFIES or node.head.pos_ not in _NOMINAL:
                break
            node = node.head
        case = _case(node)
        if case is None or case.lower_ not in within or case.lower_ in words("from", lang):
            continue
        for above in node.ancestors:
            if above.i in goals or (above.i == trigger.i and span.start > min(goals)):
                if place not in found:
                    found.append(place)
                break
            if above.i == trigger.i or above.pos_ in _VERBAL or is_trigger(above):
                break
    return found


def referred(trigger: Token) -> tuple[str, str, str | None] | None:
    """A destination named by a noun of place that points back ("came to this island", "will
    reach the Greek capital", "a regagné la ville"): the noun, the kind of place it says
    (`place_noun`), and the country its adjective names ("Greek"), if any."""
    lang = trigger.doc.lang_
    kinds, definite = pack(lang).motion.pairs("place_noun"), words("definite", lang)
    for i in sorted(_goals(trigger)):
        noun = trigger.doc[i]
        kind = kinds.get(noun.lower_)
        if kind is None or not any(c.lower_ in definite for c in noun.children):
            continue
        named = kind == "site" and noun.text[:1].isupper()  # "the Airport Courthouse"
        if not named and any(c.dep_ in {"prep", "nmod", "compound"} for c in noun.children):
            return None  # "the city council", "the city of X": no back-reference
        country = next((code for c in noun.children if (code := pack(lang).demonym(c.text))), None)
        return noun.lower_, kind, country
    return None


def named_sites(doc: Doc, offset: int) -> list[tuple[int, str]]:
    """Where the text names a site ("Kendale Lakes Elementary School", "New Bilibid Prison"):
    each name's start and its last word, the noun a later "the school" points back with."""
    sites, known = _site_nouns(pack(doc.lang_))
    return [
        (offset + t.idx, t.lower_)
        for t in (doc[i] for i in matching(doc, sites.__contains__, known, "LOWER") if i > 0)
        if t.text[:1].isupper() and doc[t.i - 1].pos_ == "PROPN"
    ]


@functools.lru_cache(maxsize=8)
def _site_nouns(lang: Pack) -> tuple[frozenset[str], dict[int, bool]]:
    """A pack's nouns of sites, and `matching`'s answers for them."""
    pairs = lang.motion.pairs("place_noun")
    return frozenset(w for w, kind in pairs.items() if kind == "site"), {}


def _arrives_at(trigger: Token, prep: str) -> bool:
    """Whether an "at" word gives the trigger its destination: "arrived at", "will appear at"."""
    lang, word = trigger.doc.lang_, lemma(trigger)
    if prep not in words("at", lang):
        return False
    return word in words("arrive", lang) or pack(lang).motion.pairs("arrive_at").get(word) == prep


def _goals(trigger: Token) -> set[int]:
    """The nouns a motion word goes to that are no place of the text: the noun of its "to"
    phrase ("to the school"), or its object when that is where it goes ("visited the office";
    not "left the hotel", nor the load of "sent troops")."""
    lang = trigger.doc.lang_
    to = words("to", lang) - words("for", lang)
    direct = trigger.pos_ in _VERBAL and not (
        lemma(trigger) in words("leave", lang)
        or pack(lang).motion.pairs("verb").get(lemma(trigger)) in {"carry", "either"}
    )
    goals = set()
    particles = [c for c in trigger.children if c.dep_ in {"advmod", "prt"}]  # "flew back to"
    for child in [*trigger.children, *(c for p in particles for c in p.children)]:
        if child.pos_ not in _NOMINAL and child.dep_ != "prep":
            continue
        if any(t.is_punct for t in trigger.doc[trigger.i + 1 : child.left_edge.i]):
            continue  # an aside: "attendu jeudi, au nord de X"
        if child.dep_ == "prep" and (child.lower_ in to or _arrives_at(trigger, child.lower_)):
            goals |= {c.i for c in child.children if c.dep_ == "pobj" and c.pos_ in _NOMINAL}
        elif child.dep_ in {"dobj", "obj"} and direct:
            goals.add(child.i)
        elif (case := _case(child)) is not None and case.dep_ == "case" and case.lower_ in to:
            goals.add(child.i)
    return {i for i in goals if not idiom(trigger.doc[i], lemma(trigger))}


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
        if ancestor.pos_ in _VERBAL and not (_predicative(ancestor) and ancestor.head.i == top.i):
            return True  # another clause; not "ended up stranded in", the traveler's state
        if is_trigger(ancestor):
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
        if idiom(link, lemma(trigger)):  # "is going to good use in Florida"
            return None
        node = link
    return None


def _predicative(node: Token) -> bool:
    """An adjective or a past participle that says the traveler's state ("stuck", "stranded")."""
    adjective = node.pos_ == "ADJ" or "Part" in node.morph.get("VerbForm", default=[])
    return adjective and node.dep_ in _PREDICATIVE


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
