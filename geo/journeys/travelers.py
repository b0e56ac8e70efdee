"""Who travels: the traveler of a motion word, people's whole names, and their countries.

"le dirigeant nord-coréen Kim Jong Un" gives Kim Jong Un (and later "Kim") North Korea;
"le ministre russe de la Défense, Sergueï Choïgou" gives Choïgou Russia; "North Korea's leader
Kim Jong Un" does it with a place. A journey with no stated origin starts from that country.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from geo.journeys.motion import (
    CLAUSES,
    PERSON,
    agent_chain,
    cancels,
    children,
    lemma,
    modes,
    on_the_way,
    parsed,
    participle_of,
    words,
)
from geo.lang import pack
from geo.model import Place
from geo.nlp.pipelines import text_of
from geo.world import countries

if TYPE_CHECKING:  # spaCy is imported when a model is loaded (geo.nlp), not with geo
    from spacy.tokens import Doc, Span, Token

_WINDOW = 8  # words before a name where its nationality may stand
_PLACE_LABELS = {"LOC", "GPE", "FAC"}
_BREAKS = {"CCONJ", "VERB", "AUX", "SCONJ", "PRON"}
_SUBJECTS = {"nsubj", "nsubj:pass", "nsubjpass"}


@dataclass
class Travelers:
    """The people of a document, their whole names and their countries."""

    names: list[str] = field(default_factory=list)  # whole names, in order of appearance
    countries: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (code, cue)
    # each name under each of its words: a pass over every name, for every journey word,
    # made a long text's cost grow with the square of its people
    _by_word: dict[str, list[str]] = field(default_factory=dict, init=False, repr=False)
    _known: set[str] = field(default_factory=set, init=False, repr=False)
    # the countries of the text, each with its names as written, once (not once a mention)
    lands: tuple[tuple[str, str, frozenset[str]], ...] = ()
    language: str = field(kw_only=True)  # the text's: its pack's demonyms and possessives

    def __post_init__(self) -> None:
        names, self.names = self.names, []
        for name in names:
            self.add(name)

    def add(self, name: str) -> None:
        """A person's name as the text gives it, kept once."""
        if name not in self._known:
            self._known.add(name)
            self.names.append(name)
            for word in set(name.split()):
                self._by_word.setdefault(word, []).append(name)

    def canonical(self, name: str | None) -> str | None:
        """The whole name of a person named in part ("Kim" -> "Kim Jong Un"), when unique."""
        if not name:
            return name
        words = set(name.split())
        holders = min((self._by_word.get(w, []) for w in words), key=len) if words else self.names
        whole = set()
        for candidate in holders:
            if words < set(candidate.split()):
                whole.add(candidate)
                if len(whole) > 1:  # not unique: no need to look further
                    return name
        return whole.pop() if whole else name

    def country(
        self,
        name: str | None,
        places: Sequence[Place] | None = None,
    ) -> tuple[str, str] | None:
        """(ISO code, the words that tell it) of a traveler: a known person's nationality, a
        demonym in the phrase ("une équipe nord-coréenne"), or a country named in it (one of
        `places`, by default those the travelers were read with)."""
        if not name:
            return None
        if name in self.countries:
            return self.countries[name]
        lang = pack(self.language)
        for possessive in sorted(lang.names.possessive):  # "North Korea's leader"
            name = name.replace(possessive, " ")
        tokens = name.split()
        for i, word in enumerate(tokens):  # "North Korean" before "Korean"
            for cue in (" ".join(tokens[i : i + 2]), word):
                if code := lang.demonym(cue):
                    return code, cue
        for code, land, forms in self.lands if places is None else lands(places):
            if any(form in name for form in forms):
                return code, land
        return None


def lands(places: Sequence[Place]) -> tuple[tuple[str, str, frozenset[str]], ...]:
    """(code, name, the names the text gives it) of each country among the places, in order."""
    return tuple(
        (p.country_code, p.name, frozenset(m.text for m in p.mentions))
        for p in places
        if p.kind == "country" and p.country_code
    )


def country_name(code: str) -> str:
    """The English name of a country (GeoNames), or its code if unknown."""
    return countries.country_name(code) or code


def read_travelers(
    docs: Sequence[tuple[Doc, int]], places: Sequence[Place], *, language: str
) -> Travelers:
    """Every person of the documents, with the country a nearby word or place gives them."""
    found = Travelers(lands=lands(places), language=language)
    countries_at = {
        m.start: (p.country_code, m.end) for p in places if p.kind == "country" for m in p.mentions
    }
    for doc, offset in docs:
        for ent in doc.ents:
            if ent.label_ not in PERSON:
                continue
            found.add(ent.text)
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
    for token in reversed(doc[max(0, ent.start - _WINDOW) : ent.start]):
        if token.is_punct and not _appositive_comma(token, ent):
            break
        if token.pos_ in _BREAKS:
            break
        if found := _demonym(token):
            return found
        code, end = countries_at.get(offset + token.idx, (None, 0))
        if code and _possessive(doc, end - offset):  # "North Korea's"
            return code, text_of(doc)[token.idx : end - offset]
    if ent.end < len(doc) and doc[ent.end].text == ",":  # "Kim Jong Un, le dirigeant nord-coréen,"
        for token in doc[ent.end + 1 : ent.end + 1 + _WINDOW]:
            if token.is_punct or token.pos_ in _BREAKS:
                break
            if found := _demonym(token):
                return found
    return None


def _possessive(doc: Doc, at: int) -> bool:
    """Whether a possessive ending of the language stands at a character of the text."""
    text = text_of(doc)
    return any(text.startswith(p, at) for p in pack(doc.lang_).names.possessive)


def _demonym(token: Token) -> tuple[str, str] | None:
    """The country of a demonym ending at this word: "nord-coréen", "North Korean"."""
    lang = pack(token.doc.lang_)
    if token.i > 0:
        pair = token.doc[token.i - 1 : token.i + 1].text
        if code := lang.demonym(pair):
            return code, pair
    code = lang.demonym(token.text)
    return (code, token.text) if code else None


def _appositive_comma(token, ent: Span) -> bool:
    """ "le ministre russe de la Défense, Sergueï Choïgou": the comma sets the name in apposition."""
    if token.text != "," or token.i != ent.start - 1:
        return False
    return not parsed(token) or any(t.dep_ == "appos" for t in ent)


def traveler(trigger: Token, sent: Span) -> tuple[str | None, str | None]:
    """Who travels, or the kind of pronoun that points back to who was named before:
    "singular" ("il", "sa"), "plural" ("ils", "they"), "thing" ("it").

    The subject of the trigger's clause, the holder of a journey noun ("la visite de Kim",
    "Kim's visit", "a visit by a delegation"); else the last person named before the trigger.
    A journey noun takes the subject of its verb only in a frame ("lors d'une visite") or after
    a light verb ("a effectué une visite"): "l'annonce suit la visite" is no one's journey.
    A verb that moves someone else moves its direct object ("sent troops to"); passive, its
    subject ("was taken to") is the one who travels, as for any verb, and a participle the noun it
    qualifies ("one sent to Japan", "un train reliant Nantes à Lille").
    """
    moved = trigger.head if parsed(trigger) and participle_of(trigger) else None
    subject, lang = moved or _patient(trigger) or _subject(trigger), trigger.doc.lang_
    singular = words("singular", lang)
    pronoun = subject is not None and (
        subject.pos_ in {"PRON", "DET"} or subject.lower_ in singular | words("pronoun", lang)
    )
    if subject is not None and (subject.ent_type_ in PERSON or not pronoun):
        return phrase(subject), None
    if subject is not None and subject.lower_ in words("relative", lang):
        return _antecedent(subject.head), None
    if subject is not None and subject.lower_ in words("plural_pronoun", lang):
        return None, "plural"  # "ils", "they": the group named before
    if subject is not None and subject.lower_ in words("thing_pronoun", lang):
        return None, "thing"  # "it": the last thing named, never a person
    if subject is not None and subject.lower_ not in singular:  # "je", "nous", "you"
        return None, None
    person = _person_before(trigger, sent)
    if person is not None:
        return person, None
    # a verb with no subject found (a parse gone wrong) or "il", "sa": someone named before
    return None, "singular" if subject is not None or trigger.pos_ != "NOUN" else None


def sentence_subject(sent: Span) -> tuple[str, str] | None:
    """The named subject of a sentence's main verb and its number ("singular", "plural"),
    for a pronoun of the next sentences to point back to: "Li and her supporters set off ...
    They pressed on"."""
    verb = sent.root
    if not parsed(verb):
        return None
    if lemma(verb) in words("speech", verb.doc.lang_):  # "X hit Cuba, said Y": X
        verb = next((c for c in verb.children if c.dep_ in {"ccomp", "parataxis"}), verb)
    subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    if subject is None or subject.pos_ in {"PRON", "DET"} or subject.ent_type_ in _PLACE_LABELS:
        return None
    if any(c.dep_ == "conj" for c in subject.children):  # "Li and her supporters"
        return _words(subject), "plural"
    plural = "Plur" in subject.morph.get("Number", default=[])
    return phrase(subject), "plural" if plural else "singular"


def _words(token: Token) -> str:
    """A noun phrase with its conjuncts, up to its first comma, without its clauses."""
    return " ".join(t.text for t in _phrase_tokens(token)[:12])


def _person_before(trigger: Token, sent: Span) -> str | None:
    """The last person named in the sentence before the trigger (`sent.ents` makes a Span of
    every entity of the passage, for every trigger)."""
    key = ("geo", "persons")
    # (the ignores: spaCy's stub says user_data's keys are str; spaCy's own keys are tuples)
    if key not in trigger.doc.user_data:
        people = people_of(trigger.doc)
        trigger.doc.user_data[key] = ([e.end for e in people], people)  # type: ignore[index]
    ends, people = trigger.doc.user_data[key]  # type: ignore[index]
    last = bisect_right(ends, trigger.i) - 1
    return people[last].text if last >= 0 and people[last].start >= sent.start else None


PLACE_TOKENS = ("geo", "place tokens")  # user_data key: the tokens of the places geo found


def people_of(doc: Doc) -> list[Span]:
    """The document's people: its PERSON entities but those geo read as places (the model
    takes "Vladivostok" for a person in "From Vladivostok, he travelled")."""
    places = doc.user_data.get(PLACE_TOKENS, frozenset())  # type: ignore[call-overload]
    return [
        e
        for e in doc.ents
        if e.label_ in PERSON and not any(i in places for i in range(e.start, e.end))
    ]


def _patient(trigger: Token) -> Token | None:
    """The direct object of an active carry verb ("a envoyé des troupes"), not a place: the
    one moved. A passive verb has none: its subject, found as any verb's, travels."""
    if trigger.pos_ == "NOUN" or not parsed(trigger):
        return None
    if pack(trigger.doc.lang_).motion.pairs("verb").get(lemma(trigger)) not in {"carry", "either"}:
        return None
    return next(
        (
            c
            for c in trigger.children
            if c.dep_ in {"obj", "dobj"} and c.ent_type_ not in _PLACE_LABELS
        ),
        None,
    )


def _subject(trigger: Token) -> Token | None:
    """The first subject (or journey noun's holder) found climbing from the trigger."""
    chain = agent_chain(trigger) if parsed(trigger) else []
    if trigger.pos_ == "NOUN" and not _agent_of_noun(trigger, chain):
        chain = chain[:1]
    if chain and chain[-1].dep_ == "conj" and chain[-1].pos_ in {"VERB", "AUX"}:
        chain.append(chain[-1].head)  # "qui vivait à Moscou et rendait visite": one subject
    # "on its way to": a way's possessive is its subject's own, not another traveler
    own = trigger.pos_ == "NOUN" and not on_the_way(trigger)
    for node in chain:
        for child in node.children:
            holder = _holder(child) if node is trigger and own else None
            subject = holder or (child if child.dep_.startswith("nsubj") else None)
            if subject is not None and trigger not in subject.subtree:
                return subject
    return None


def _agent_of_noun(trigger: Token, chain: list[Token]) -> bool:
    """Whether the subject of the verb above a journey noun is the one who travels."""
    lang = trigger.doc.lang_
    frames = words("frame", lang)
    return (
        on_the_way(trigger)
        or any(t.lower_ in frames for t in chain[1:])
        or any(lemma(t) in words("light", lang) or cancels(t) for t in chain[1:])
    )


def _holder(child: Token) -> Token | None:
    """A journey noun's traveler: "visite de Kim", "Kim's visit", "visit by a delegation"."""
    if child.dep_ == "poss":
        return child
    lang = child.doc.lang_
    holders = words("holder", lang)
    if child.dep_ == "prep" and child.lower_ in holders:  # English: the prep heads the noun
        obj = next((c for c in child.children if c.dep_ == "pobj"), None)
        if obj is None or obj.ent_type_ in _PLACE_LABELS:
            return None
        return obj if obj.lower_ not in modes(lang) else None  # not "a trip by train"
    if (
        child.dep_ != "nmod"
        or child.ent_type_ in _PLACE_LABELS
        or child.pos_ not in {"NOUN", "PROPN"}
    ):
        return None
    cases = {c.lower_ for c in child.children if c.dep_ == "case"}
    # "la visite du ministre", "de Kim", but not "une visite de travail"
    determined = child.ent_type_ in PERSON or any(c.dep_ == "det" for c in child.children)
    holds = bool(cases & holders) and (determined or bool(cases & words("holder_article", lang)))
    return child if holds else None


def _antecedent(node: Token) -> str | None:
    """The noun a relative clause hangs on: "Kim, qui s'est rendu ..."."""
    while node.dep_ not in {"acl:relcl", "relcl"} and node.head.i != node.i:
        node = node.head
    return phrase(node.head) if node.dep_ in {"acl:relcl", "relcl"} else None


def phrase(token: Token) -> str:
    """A person's whole name, or the noun phrase of a traveler up to its first comma."""
    if token.ent_type_ in PERSON:
        return _entity(token)
    for child in children(token):  # "le ministre russe de la Défense, Sergueï Choïgou"
        if child.dep_ == "appos" and child.ent_type_ in PERSON:
            return phrase(child)
    if not parsed(token):
        return token.text
    words_ = _phrase_tokens(token)
    # "le président chinois Xi Jinping": the name, when no preposition stands before it
    for t in words_:
        if (
            t.ent_type_ in PERSON
            and t.i > token.i
            and not any(w.pos_ == "ADP" for w in token.doc[token.i : t.i])
        ):
            return phrase(t)
    return " ".join(t.text for t in words_[:8])


def _phrase_tokens(token: Token) -> list[Token]:
    """A noun's words up to its first comma, without its clauses, participles, destination
    phrases and leading preposition ("de l'équipe")."""
    clauses = {t.i for c in token.children if _aside(c) for t in c.subtree}
    found = []
    for t in token.subtree:
        if t.i > token.i and t.is_punct:
            break
        leading = t.i < token.i and t.dep_ == "case" and t.head.i == token.i
        if t.i not in clauses and not leading:
            found.append(t)
    return found


def _aside(child: Token) -> bool:
    """A dependent that is no part of who travels: a clause, a participle ("migrants sent to
    Japan"), or a phrase of destination ("l'équipe en Italie")."""
    if child.dep_ in CLAUSES or (child.dep_ == "acl" and child.pos_ in {"VERB", "AUX"}):
        return True
    to = words("to", child.doc.lang_)
    if child.dep_ == "prep":  # English: the preposition heads its noun
        return child.lower_ in to
    return child.dep_ == "nmod" and any(c.dep_ == "case" and c.lower_ in to for c in child.children)


def _entity(token: Token) -> str:
    """The words of the entity a token is in, from its IOB tags (not a pass over all entities)."""
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end].text
