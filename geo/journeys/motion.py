"""Reading one motion word of a parsed sentence: is it a journey, is it denied, how does it go,
and did it happen. The words come from `geo/data/motion.tsv`; who travels is `geo.journeys.travelers`.

Without a dependency parse (a blank English pipeline) spaCy's tree attributes are meaningless and
reading them can crash: every function here then falls back to word order (see `parsed`).
"""

from __future__ import annotations

import csv
import functools
from importlib import resources

from spacy.tokens import Span, Token

from geo.nlp.pipelines import lemma as nlp_lemma

PERSON = {"PER", "PERSON"}
# dependencies that keep the same agent when climbing from a motion word to the verb whose
# subject travels: "a l'intention de se rendre", "plans to visit", "devrait se rendre"
SAME_AGENT = {"xcomp", "acl", "obl:arg", "ccomp:xcomp"}
CLAUSES = {"acl:relcl", "relcl", "advcl", "ccomp", "parataxis", "csubj"}
_CONDITION = {"si", "if", "unless", "whether"}
_RELATIVE = {"acl:relcl", "relcl"}
_NOT_VERBS = {"PROPN", "ADP", "DET", "PRON", "PUNCT", "NUM", "CCONJ", "SCONJ", "PART"}
# Surface forms for pipelines without a tagger or lemmatiser (English with no model installed).
_EN_FORMS = {
    "travelled": "travel",
    "traveled": "travel",
    "travels": "travel",
    "travelling": "travel",
    "traveling": "travel",
    "visits": "visit",
    "visited": "visit",
    "visiting": "visit",
    "arrives": "arrive",
    "arrived": "arrive",
    "arriving": "arrive",
    "flies": "fly",
    "flew": "fly",
    "flown": "fly",
    "flying": "fly",
    "goes": "go",
    "went": "go",
    "gone": "go",
    "heads": "head",
    "headed": "head",
    "left": "leave",
    "leaves": "leave",
    "returned": "return",
    "returns": "return",
    "trips": "trip",
    "journeys": "journey",
    "landed": "land",
    "sailed": "sail",
    "drove": "drive",
    "departed": "depart",
    "toured": "tour",
}
_EN_PAST = {
    "travelled",
    "traveled",
    "visited",
    "arrived",
    "flew",
    "flown",
    "went",
    "gone",
    "headed",
    "left",
    "returned",
    "landed",
    "sailed",
    "drove",
    "departed",
    "toured",
}
# future stems of French verbs whose stem is not their infinitive ("ira", "pourrait")
_FR_STEMS = {
    "aller": "ir",
    "venir": "viendr",
    "revenir": "reviendr",
    "devenir": "deviendr",
    "devoir": "devr",
    "pouvoir": "pourr",
    "vouloir": "voudr",
    "avoir": "aur",
    "être": "ser",
    "faire": "fer",
    "voir": "verr",
    "savoir": "saur",
    "tenir": "tiendr",
    "envoyer": "enverr",
    "courir": "courr",
    "mourir": "mourr",
}
_FR_CONDITIONAL = ("ais", "ait", "ions", "iez", "aient")  # after the future stem
_FR_FUTURE = ("ai", "as", "a", "ons", "ez", "ont")
ARTICLES = {
    "a",
    "an",
    "the",
    "le",
    "la",
    "l'",
    "l’",
    "les",
    "un",
    "une",
    "son",
    "sa",
    "ses",
    "leur",
    "his",
    "her",
    "their",
    "its",
}


@functools.cache
def _table() -> dict[tuple[str, str], tuple[str, ...]]:
    table: dict[tuple[str, str], tuple[str, ...]] = {}
    with resources.files("geo.data").joinpath("motion.tsv").open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if len(row) == 3 and not row[0].startswith("#"):
                key = (row[0], row[1])
                table[key] = table.get(key, ()) + tuple(row[2].replace("_", " ").split())
    return table


@functools.cache
def words(category: str, language: str) -> frozenset[str]:
    """The words of a lexicon category for a language (`mode` entries give their word)."""
    return frozenset(w.split("=")[0] for w in _table().get((category, language), ()))


@functools.cache
def modes(language: str) -> dict[str, str]:
    """Transport words and the mode each names: {"avion": "plane", ...}."""
    return dict(w.split("=") for w in _table().get(("mode", language), ()))


def annotated(doc, attr: str) -> bool:
    """Whether the document has an annotation, asked once per document (spaCy's check reads
    every token)."""
    key = ("geo", attr)
    if key not in doc.user_data:
        doc.user_data[key] = doc.has_annotation(attr)
    return doc.user_data[key]


def parsed(token: Token) -> bool:
    """Whether the document has a dependency parse (tree attributes are then safe to read)."""
    return annotated(token.doc, "DEP")


def lemma(token: Token) -> str:
    """The lower-case lemma, or a known English form's lemma when there is no lemmatiser."""
    found = nlp_lemma(token)
    if found:
        return found
    return _EN_FORMS.get(token.lower_, token.lower_)


def children(token: Token) -> list[Token]:
    """The token's dependents, or none without a parse."""
    return list(token.children) if parsed(token) else []


def is_trigger(token: Token) -> bool:
    """Whether the token is a motion verb or a journey noun."""
    tagged = annotated(token.doc, "POS")
    if tagged and (token.pos_ in _NOT_VERBS or token.pos_ == "SPACE"):
        return False  # other tags pass: the tagger took "ira" for an adverb
    lang = token.doc.lang_
    if tagged and token.pos_ == "NOUN":  # journey nouns only inflect for number: no lemmatiser
        nouns = words("noun", lang)
        return token.lower_ in nouns or token.lower_.rstrip("sx") in nouns
    word = lemma(token)
    if not tagged:
        return word in words("verb", lang) | words("noun", lang)
    if any(c.lower_ in words("idiom", lang) and c.pos_ != "ADP" for c in children(token)):
        return False  # "se rendre compte", "il en va de"
    if word in words("reflexive", lang):  # only "se rendre": to go
        return any(c.lower_ in {"se", "s'", "s’"} for c in children(token))
    # "va se rendre", "is going to visit": an auxiliary of the future, not a journey
    return word in words("verb", lang) and not governs_infinitive(token)


def governs_infinitive(token: Token) -> bool:
    """ "aller"/"go" used as a future auxiliary: "va se rendre", "going to visit"."""
    return lemma(token) in {"aller", "go"} and any(
        c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"} for c in children(token)
    )


def agent_chain(trigger: Token) -> list[Token]:
    """The trigger and the words above it that share its agent, up to its clause's verb.

    A noun climbs to the verb it depends on ("lors d'une visite" -> "a entamé"), unless it is
    that verb's subject; a verb climbs only where the agent stays ("a l'intention de se rendre").
    """
    chain, node = [trigger], trigger
    while parsed(trigger) and node.head.i != node.i and len(chain) < 6:
        verbal = node.pos_ in {"VERB", "AUX"}
        if (verbal and node.dep_ not in SAME_AGENT) or (
            not verbal and node.dep_.startswith("nsubj")
        ):
            break
        node = node.head
        chain.append(node)
    return chain


def negated(trigger: Token) -> bool:
    """A denied or cancelled journey: "n'ira pas", "did not travel", "a annulé sa visite"."""
    lang = trigger.doc.lang_
    if not parsed(trigger):
        scope = list(trigger.doc[max(0, trigger.i - 3) : trigger.i + 1])
    else:
        chain = agent_chain(trigger)
        scope = [t for node in chain for t in (node, *node.children)]
        if any(lemma(t) in words("cancel", lang) for t in chain):
            return True
    found = {t.lower_ for t in scope}
    # French "plus" denies only with "ne": "n'ira plus", not "de plus en plus"
    return bool(found & words("negation", lang)) or (
        "plus" in found and bool(found & {"ne", "n'", "n’"})
    )


def status(trigger: Token, *, future_time: bool = False) -> str:
    """past, planned, hypothetical or unknown, from the verbs, moods and words around."""
    if not annotated(trigger.doc, "POS"):
        before = {t.lower_ for t in trigger.doc[max(0, trigger.i - 3) : trigger.i]}
        if before & words("hypothetical", "en"):
            return "hypothetical"
        if before & words("planned", "en") or future_time:
            return "planned"
        return "past" if trigger.lower_ in _EN_PAST else "unknown"
    lang, chain = trigger.doc.lang_, agent_chain(trigger)
    near = [t for node in chain for t in (node, *node.children)]
    found = {w for t in near if _cue(t) for w in (lemma(t), t.lower_)}
    if _conditioned(chain) or found & words("hypothetical", lang):
        return "hypothetical"
    if (
        found & words("planned", lang)
        or any(_future(t) for t in near)
        or any(governs_infinitive(t) for t in chain)
    ):
        return "planned"
    if _reported_past(trigger):
        return "past"
    if any(_conditional(t) for t in near):
        return "planned" if future_time or _reported(chain) else "hypothetical"
    if any(_past(t) for t in near):
        return "past"
    return "planned" if future_time else "unknown"


def _cue(token: Token) -> bool:
    """Whether a word may carry mood: not a name or a number ("in May"), not "a dû" (had to)."""
    if token.pos_ in {"PROPN", "NUM", "PUNCT"}:
        return False
    return not (lemma(token) in {"devoir", "pouvoir"} and "Part" in token.morph.get("VerbForm"))


def _conditioned(chain: list[Token]) -> bool:
    """A condition or an open question governs the journey: "si la réunion a lieu", "whether"
    (in the clause's words, outside its relative clauses)."""
    top = chain[-1]
    # whether each word's subtree holds one, kept for the document: in a long sentence of
    # journeys each trigger's subtree held the next ones, and a pass over each cost its square
    known = top.doc.user_data.setdefault(("geo", "conditioned"), {})
    stack = [(top, False)]
    while stack:
        token, seen = stack.pop()
        if token.i in known:
            continue
        if not seen:
            stack.append((token, True))
            stack.extend((c, False) for c in token.children if c.i not in known)
            continue
        known[token.i] = token.dep_ not in _RELATIVE and (
            (token.lower_ in _CONDITION and token.pos_ in {"SCONJ", "ADP"})
            or any(known[c.i] for c in token.children)
        )
    return known[top.i]


def _reported(chain: list[Token]) -> bool:
    """A conditional under a verb of saying is a future seen from the past (not a guess)."""
    top = chain[-1]
    return top.dep_ in {"ccomp", "obj"} and lemma(top.head) in words("speech", top.doc.lang_)


def _french_form(token: Token, endings: tuple[str, ...]) -> bool:
    """Whether a French verb is its future stem plus one of `endings` ("voyager" + "ait")."""
    if token.doc.lang_ != "fr" or token.pos_ in _NOT_VERBS | {"NOUN"}:
        return False
    word = lemma(token)
    stem = _FR_STEMS.get(word) or (word[:-1] if word.endswith("re") else word)
    return any(token.lower_ == stem + ending for ending in endings)


def _conditional(token: Token) -> bool:
    # the small French model often tags "voyagerait" as an imperfect: read the ending too
    return (
        "Cnd" in token.morph.get("Mood")
        or token.lower_ in {"would", "'d"}
        or _french_form(token, _FR_CONDITIONAL)
    )


def _future(token: Token) -> bool:
    return "Fut" in token.morph.get("Tense") or _french_form(token, _FR_FUTURE)


def _past(token: Token) -> bool:
    tense = token.morph.get("Tense")
    return "Past" in tense or "Imp" in tense or token.tag_ in {"VBD", "VBN"}


def _reported_past(trigger: Token) -> bool:
    """ "se serait rendu": the conditional perfect of the press reports what happened."""
    return (
        trigger.doc.lang_ == "fr"
        and "Part" in trigger.morph.get("VerbForm")
        and any(c.dep_.startswith("aux") and _conditional(c) for c in trigger.children)
    )


def mode(trigger: Token, sent: Span) -> str | None:
    """How the traveler goes: "en train", "par avion", "by plane", "à bord d'un navire", "flew"."""
    lang, table = trigger.doc.lang_, modes(trigger.doc.lang_)
    implied = dict(w.split("=") for w in _table().get(("mode_verb", lang), ()))
    if lemma(trigger) in implied:
        return implied[lemma(trigger)]
    own = list(trigger.subtree) if parsed(trigger) else []
    for token in [*own, *sent]:
        if token.lower_ in table and (
            _preposition(token) in _BY
            or (token in own and token.dep_ == "compound" and token.head == trigger)
        ):
            return table[token.lower_]
    return None


_BY = {"en", "par", "by", "in", "on", "à", "aboard", "bord"}


def _preposition(token: Token) -> str:
    """The word before a noun, skipping articles: "en" in "en train", "bord" in "à bord d'un"."""
    i = token.i - 1
    while i >= 0 and token.doc[i].lower_ in ARTICLES:
        i -= 1
    word = token.doc[i].lower_ if i >= 0 else ""
    if word in {"d'", "de"} and i > 0 and token.doc[i - 1].lower_ == "bord":
        return "bord"
    return word
