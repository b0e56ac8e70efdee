"""Reading one motion word of a parsed sentence: is it a journey, is it denied, how does it go,
and did it happen. The words are the language pack's (`geo/lang/<code>/motion.tsv`); who
travels is `geo.journeys.travelers`.

Without a dependency parse (a blank English pipeline) spaCy's tree attributes are meaningless and
reading them can crash: every function here then falls back to word order (see `parsed`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING

from geo.lang import pack
from geo.lang.base import Lexicon, Pack
from geo.nlp.pipelines import lemma as nlp_lemma
from geo.nlp.pipelines import lemma_sources, matching

if TYPE_CHECKING:  # spaCy is imported when a model is loaded (geo.nlp), not with geo
    from spacy.tokens import Doc, Span, Token

PERSON = {"PER", "PERSON"}
# dependencies that keep the same agent when climbing from a motion word to the verb whose
# subject travels: "a l'intention de se rendre", "plans to visit", "devrait se rendre"
SAME_AGENT = {"xcomp", "acl", "obl:arg", "ccomp:xcomp", "pcomp"}
CLAUSES = {"acl:relcl", "relcl", "advcl", "ccomp", "parataxis", "csubj"}
_RELATIVE = {"acl:relcl", "relcl"}
_PASSIVE = {"nsubjpass", "nsubj:pass", "auxpass", "aux:pass"}
_PLACES = {"GPE", "LOC", "FAC"}
_NOT_VERBS = {"PROPN", "ADP", "DET", "PRON", "PUNCT", "NUM", "CCONJ", "SCONJ", "PART"}


def words(category: str, language: str) -> frozenset[str]:
    """The words of a category of a language's journey lexicon (`mode` entries give their word)."""
    return pack(language).motion.words(category)


def modes(language: str) -> Mapping[str, str]:
    """Transport words and the mode each names: {"avion": "plane", ...}."""
    return pack(language).motion.pairs("mode")


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
    """The lower-case lemma, or a known form's lemma (the lexicon's `form` pairs) when there is
    no lemmatiser."""
    # once a token: reading a journey's mood asks each word around it five times
    doc = token.doc
    known: dict[int, str] = doc.user_data.setdefault(_LEMMAS, {})  # type: ignore[call-overload]
    found = known.get(token.i)
    if found is None:
        found = nlp_lemma(token) or pack(doc.lang_).motion.pairs("form").get(
            token.lower_, token.lower_
        )
        known[token.i] = found
    return found


_LEMMAS = ("geo", "lemmas")


def children(token: Token) -> list[Token]:
    """The token's dependents, or none without a parse."""
    return list(token.children) if parsed(token) else []


def is_trigger(token: Token) -> bool:
    """Whether the token is a motion verb or a journey noun."""
    if not token.lemma_ and not _may_trigger(token.lower_, pack(token.doc.lang_)):
        return False  # most words: by how they are written, before anything else is read
    tagged = annotated(token.doc, "POS")
    if tagged and (token.pos_ in _NOT_VERBS or token.pos_ == "SPACE"):
        return False  # other tags pass: the tagger took "ira" for an adverb
    lang = token.doc.lang_
    if tagged and token.pos_ == "NOUN":  # journey nouns only inflect for number: no lemmatiser
        nouns, plural = words("noun", lang), "".join(words("plural_letter", lang))
        word = token.lower_.rstrip(plural) if plural else token.lower_
        return (
            token.lower_ in nouns
            or word in nouns
            or token.lower_ in words("halt", lang)
            or word in words("halt", lang)
            or on_the_way(token)
        )
    word = lemma(token)
    guarded = pack(lang).motion.pairs("verb").get(word)  # "carry" or "passive"
    if not tagged:
        return (word in words("verb", lang) and guarded is None) or word in words("noun", lang)
    if word not in _verb_heads(pack(lang).motion):
        return False  # most words: asked before reading any dependent
    if any(idiom(c, word) for c in children(token)):
        return False  # "se rendre compte", "il en va de", "took office"
    if _light_motion(token, word):
        return True
    if word in words("reflexive", lang):  # only "se rendre": to go
        return any(c.lower_ in words("reflexive_pronoun", lang) for c in children(token))
    if guarded is not None and not _carries(token, guarded):
        return False
    # "va se rendre", "is going to visit": an auxiliary of the future, not a journey
    return word in words("verb", lang) and not governs_infinitive(token)


@functools.lru_cache(maxsize=8)
def _verb_heads(lexicon: Lexicon) -> frozenset[str]:
    """The lemmas a verb trigger may have: motion verbs, reflexives, light verbs of a phrase
    (by lexicon: a pack's is made once)."""
    return lexicon.words("verb") | lexicon.words("reflexive") | _light_heads(lexicon)


def triggers(doc: Doc) -> list[Token]:
    """The document's motion words and journey nouns, in order."""
    lang = pack(doc.lang_)
    test = functools.partial(_may_trigger, lang=lang)
    maybe = matching(doc, test, _maybe_known(lang), "LOWER")
    return [t for t in (doc[i] for i in maybe) if is_trigger(t)]


@functools.lru_cache(maxsize=8)
def _maybe_known(lang: Pack) -> dict[int, bool]:
    return {}


def _may_trigger(word: str, lang: Pack) -> bool:
    """Whether a lower-case word may be a trigger, whatever its tag: a form of a verb trigger's
    lemma or a journey noun, maybe plural (asking every token all of `is_trigger` cost a
    tenth of the pipeline's own time)."""
    written, nouns, plural = _triggers_written(lang)
    return word in written or (bool(plural) and word.rstrip(plural) in nouns)


@functools.lru_cache(maxsize=8)
def _triggers_written(lang: Pack) -> tuple[frozenset[str], frozenset[str], str]:
    """What `_may_trigger` asks: the words that may be triggers as written, the nouns that may
    be once their plural letters are stripped, and those letters."""
    motion = lang.motion
    nouns = motion.words("noun") | motion.words("halt")
    lemmas = _verb_heads(motion) | motion.words("verb") | nouns
    forms = {form for form, found in motion.pairs("form").items() if found in lemmas}
    written = lemma_sources(lang, lemmas) | forms | nouns | motion.words("path")
    return written, nouns, "".join(motion.words("plural_letter"))


@functools.lru_cache(maxsize=8)
def _light_heads(lexicon: Lexicon) -> frozenset[str]:
    """The verbs of the light verb phrases of motion ("make" of "made landfall")."""
    return frozenset(pair.split()[0] for pair in lexicon.words("light_motion"))


def idiom(dependent: Token, verb: str) -> bool:
    """Whether a dependent makes its verb an idiom: any motion verb's ("sent a message"), or
    only the verb the lexicon names ("took office", not "visited the office")."""
    lang = dependent.doc.lang_
    if dependent.pos_ == "ADP" or dependent.lower_ not in words("idiom", lang):
        return False
    return pack(lang).motion.pairs("idiom").get(dependent.lower_, verb) == verb


def on_the_way(token: Token) -> bool:
    """A noun of a way in the set phrase that makes it a journey: "en route to", "on its way
    to", "made its way into", "en chemin vers" (the pack's `path` and `path_phrase` words)."""
    lang = token.doc.lang_
    if token.lower_ not in words("path", lang):
        return False
    phrase, articles = words("path_phrase", lang), words("article", lang)
    i = token.i - 1
    while i >= 0 and token.doc[i].lower_ in articles:
        i -= 1
    governed = parsed(token) and token.dep_ in {"obj", "dobj"} and lemma(token.head) in phrase
    return governed or (i >= 0 and token.doc[i].lower_ in phrase)


# the dependents that make a light verb a motion verb: its object ("fait route", "made
# landfall"), a particle ("took off"), or the small French model's reading of "touché terre"
_LIGHT_DEPS = {"obj", "dobj", "prt", "compound:prt", "xcomp", "prep"}


def _light_motion(token: Token, word: str) -> bool:
    """A light verb whose object is a motion noun is a motion verb, its places its own:
    "poursuit sa route vers", "a pris la direction de", "made landfall in", "set sail for",
    "took off for" (the pack's `light_motion` pairs, verb_dependent)."""
    lexicon = pack(token.doc.lang_).motion
    if word not in _light_heads(lexicon):
        return False
    pairs = lexicon.words("light_motion")
    found = [c for c in children(token) if c.dep_ in _LIGHT_DEPS and f"{word} {c.lower_}" in pairs]
    if any(c.dep_ in {"prt", "compound:prt"} for c in found) and any(
        c.dep_ in {"obj", "dobj"} for c in children(token)
    ):
        return False  # a particle's verb with an object: "ended up a draw", "set off a bomb"
    # an adjective makes the phrase figurative: "a fait route commune avec", "fait fausse route"
    # (the small French model hangs it on the verb or on the noun)
    return bool(found) and not any(c.dep_ == "amod" for t in (token, *found) for c in children(t))


def _carries(token: Token, how: str) -> bool:
    """A verb that moves someone else reports a journey only when passive ("was taken to",
    "a été extradé", "one sent to Japan") or, for "carry" verbs, with a direct object that is not
    itself the place ("sent troops to"; not "took Mosul"); an "either" verb also with no object
    at all: its subject goes ("the unit deployed to Iraq", "he transferred to Leeds")."""
    deps = {c.dep_ for c in children(token)}
    # "cop": the small French model reads "a été extradé" as a copula and an adjective
    if deps & (_PASSIVE | {"cop"}) or reduced_passive(token):
        return True
    objects = [c for c in children(token) if c.dep_ in {"obj", "dobj"}]
    if how == "either" and not objects:
        return True
    return how in {"carry", "either"} and any(c.ent_type_ not in _PLACES for c in objects)


def participle_of(token: Token) -> bool:
    """Whether a participle qualifies a noun, the one that travels: "one sent to Japan", "un
    train reliant Nantes à Lille"."""
    return (
        token.dep_ == "acl"
        and "Part" in token.morph.get("VerbForm", default=[])
        and token.head.pos_ in {"NOUN", "PROPN", "NUM", "PRON"}
    )


def reduced_passive(token: Token) -> bool:
    """A past participle that qualifies a noun is passive: "one sent to Japan", "les migrants
    transférés vers Lampedusa" (the noun is the one moved)."""
    return participle_of(token) and "Pres" not in token.morph.get("Tense", default=[])


def governs_infinitive(token: Token) -> bool:
    """ "aller"/"go" used as a future auxiliary: "va se rendre", "going to visit"."""
    return lemma(token) in words("future_aux", token.doc.lang_) and any(
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
        if any(cancels(t) for t in chain):
            return True
        scope = [t for node in _denying(chain) for t in (node, *_negators(node, chain))]
    found = {t.lower_ for t in scope}
    # French "plus" denies only with "ne": "n'ira plus", not "de plus en plus"
    return bool(found & words("negation", lang)) or (
        bool(found & words("negation_with_ne", lang)) and bool(found & words("ne", lang))
    )


def cancels(token: Token) -> bool:
    """A verb that cancels, alone or with its particle ("cancelled", "called off"; not
    "called for")."""
    cancel = words("cancel", token.doc.lang_)
    return lemma(token) in cancel or any(
        f"{lemma(token)} {c.lower_}" in cancel
        for c in token.children
        if c.dep_ in {"prt", "compound:prt"}
    )


def _denying(chain: list[Token]) -> list[Token]:
    """The words of the chain whose negation denies the journey: a journey noun's own verb
    only when it is light or says that it exists ("n'a pas effectué de visite", "there was no
    trip"), not any verb ("ne participeront pas à la tournée": the tour goes on)."""
    trigger, lang = chain[0], chain[0].doc.lang_
    if trigger.pos_ != "NOUN":
        return chain
    support = words("light", lang) | words("exist", lang)
    kept = [trigger]
    for node in chain[1:]:
        if node.pos_ in {"VERB", "AUX"} and lemma(node) not in support:
            break
        kept.append(node)
    return kept


def _negators(node: Token, chain: list[Token]) -> list[Token]:
    """A node's dependents that may deny it: not a preposition heading a phrase of its own
    ("without the right to remain in Greece, they face deportation to Turkey"), which denies
    only what it governs, a word of the chain."""
    return [c for c in node.children if c.pos_ != "ADP" or c in chain]


def status(trigger: Token, *, future_time: bool = False) -> str:
    """past, planned, hypothetical or unknown, from the verbs, moods and words around."""
    return _status(trigger, future_time, 0)


def _status(trigger: Token, future_time: bool, depth: int) -> str:
    lang = trigger.doc.lang_
    if not annotated(trigger.doc, "POS"):  # a blank pipeline: the words as written
        before = {t.lower_ for t in trigger.doc[max(0, trigger.i - 3) : trigger.i]}
        if before & words("hypothetical", lang):
            return "hypothetical"
        if before & words("planned", lang) or future_time:
            return "planned"
        return "past" if trigger.lower_ in words("past_form", lang) else "unknown"
    chain = agent_chain(trigger)
    near = [t for node in chain for t in (node, *node.children)]
    # "set sail", "set off": a light verb of motion is no cue of its own mood ("set" is a
    # schedule's word)
    found = {
        w for t in near if _cue(t) and not _light_motion(t, lemma(t)) for w in (lemma(t), t.lower_)
    }
    if _conditioned(chain) or found & words("hypothetical", lang) or _demanded(chain):
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
    if future_time and not _past(trigger):
        # a journey's own future date outranks the tense of the clause it hangs on: "were
        # handed a boost for their trip to Leeds next Saturday", "have members heading to
        # Guam before the end of March"
        return "planned"
    if any(_past(t) for t in near):
        return "past"
    if future_time:
        return "planned"
    if _progressive(chain[-1]) or _main_present(chain[-1]) or _after_progressive(trigger):
        return "past"  # under way: "is visiting Moscow", "poursuit sa route vers"
    return _inherited(chain[-1], depth)


def in_phrase(token: Token, category: str) -> bool:
    """Whether the token is one of the words of one of a category's phrases ("en train de")."""
    doc = token.doc
    for phrase in words(category, doc.lang_):
        parts = phrase.split()
        for at in range(token.i - len(parts) + 1, token.i + 1):
            if 0 <= at and at + len(parts) <= len(doc):
                if [t.lower_ for t in doc[at : at + len(parts)]] == parts:
                    return True
    return False


def _after_progressive(trigger: Token) -> bool:
    """A verb right after a progressive phrase, its reflexive pronoun aside: "est en train de
    se rendre"."""
    i, reflexive = trigger.i - 1, words("reflexive_pronoun", trigger.doc.lang_)
    while i >= 0 and trigger.doc[i].lower_ in reflexive:
        i -= 1
    return i >= 0 and in_phrase(trigger.doc[i], "progressive")


def _main_present(top: Token) -> bool:
    """A main clause's present indicative tells what is under way ("il poursuit sa route",
    "heads to Paris"), not a present under a subordinate word ("when the talks end")."""
    morph = top.morph
    return (
        top.pos_ in {"VERB", "AUX"}
        and "Pres" in morph.get("Tense", default=[])
        and "Fin" in morph.get("VerbForm", default=[])
        and "Sub" not in morph.get("Mood", default=[])
        and top.dep_ in {"ROOT", "conj", "parataxis"}
        and not any(c.dep_ == "mark" for c in top.children)
    )


# a clause word with no tense of its own takes that of the clause it hangs on, up to this far:
# "left Pyongyang to fly to Moscow", "Trips to Guam have put...", "will meet X and fly to Y"
_CLIMB = 3
_TENSELESS = {"xcomp", "advcl", "conj", "ccomp", "acl"}


def _inherited(top: Token, depth: int) -> str:
    """The status of the clause above a word that gave none: a trip noun's verb (its subject),
    a tenseless verb's governor, or, for a present tense in an adverbial clause ("when the
    talks end"), the main clause's future only."""
    head = top.head
    if parsed(top) and top.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN", "PRON"}:
        return _qualified_clause(top, depth)
    if depth >= _CLIMB or head.i == top.i or not parsed(top) or head.pos_ not in {"VERB", "AUX"}:
        return "unknown"
    if top.pos_ in {"VERB", "AUX"}:
        # an auxiliary gives a tense ("has flown"), English infinitive "to" (aux, PART) none
        finite = "Fin" in top.morph.get("VerbForm", default=[]) or any(
            c.dep_.startswith("aux") and c.pos_ == "AUX" for c in top.children
        )
        if top.dep_ not in _TENSELESS:
            return "unknown"
        if finite and top.dep_ != "conj":
            state = _status(head, False, depth + 1) if top.dep_ == "advcl" else "unknown"
            return state if state == "planned" else "unknown"
    elif not top.dep_.startswith("nsubj"):
        return "unknown"
    return _status(head, False, depth + 1)


def _qualified_clause(top: Token, depth: int) -> str:
    """A participle's journey takes the status of the clause whose subject it qualifies:
    "Russians travelling to the UK could face provocations" (hypothetical)."""
    noun = top.head
    if noun.dep_.startswith("nsubj") and noun.head.pos_ in {"VERB", "AUX"} and depth < _CLIMB:
        return _status(noun.head, False, depth + 1)
    return "unknown"


def _progressive(token: Token) -> bool:
    """A present progressive ("is visiting"): a journey under way."""
    return "Prog" in token.morph.get("Aspect", default=[]) and any(
        c.dep_.startswith("aux") and "Pres" in c.morph.get("Tense", default=[])
        for c in token.children
    )


def _cue(token: Token) -> bool:
    """Whether a word may carry mood: not a name or a number ("in May"), not "a dû" (had to)."""
    if token.pos_ in {"PROPN", "NUM", "PUNCT"}:
        return False
    modal = lemma(token) in words("modal", token.doc.lang_)
    return not (modal and "Part" in token.morph.get("VerbForm", default=[]))


def _conditioned(chain: list[Token]) -> bool:
    """A condition or an open question governs the journey: "si la réunion a lieu", "whether"
    (in the clause's words, outside its relative clauses)."""
    top = chain[-1]
    # whether each word's subtree holds one, kept for the document: in a long sentence of
    # journeys each trigger's subtree held the next ones, and a pass over each cost its square
    # (the ignore: spaCy's stub says user_data's keys are str; spaCy's own keys are tuples)
    key = ("geo", "conditioned")
    known: dict[int, bool] = top.doc.user_data.setdefault(key, {})  # type: ignore[call-overload]
    condition = words("condition", top.doc.lang_)
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
            (token.lower_ in condition and token.pos_ in {"SCONJ", "ADP"})
            or any(known[c.i] for c in token.children)
        )
    return known[top.i]


def _demanded(chain: list[Token]) -> bool:
    """A clause that a verb of demand, refusal or allegation governs: "exige que le ministre
    vienne à Lyon", "denied that he went to Syria"."""
    top = chain[-1]
    return top.dep_ == "ccomp" and lemma(top.head) in words("hypothetical", top.doc.lang_)


def _reported(chain: list[Token]) -> bool:
    """A conditional under a verb of saying is a future seen from the past (not a guess)."""
    top = chain[-1]
    while top.dep_ == "conj" and top.head.i != top.i:  # "a dit que X et qu'ils iraient"
        top = top.head
    return top.dep_ in {"ccomp", "obj"} and lemma(top.head) in words("speech", top.doc.lang_)


def _stem_form(token: Token, endings: str) -> bool:
    """Whether a verb is its future stem plus one of the lexicon's `endings` ("voyager" +
    "ait"): a language whose future and conditional are endings (French) lists them."""
    found = words(endings, token.doc.lang_)
    if not found or token.pos_ in _NOT_VERBS | {"NOUN"}:
        return False
    word, motion = lemma(token), pack(token.doc.lang_).motion
    stem = motion.pairs("future_stem").get(word) or _regular_stem(word, motion.pairs("stem_rule"))
    return any(token.lower_ == stem + ending for ending in found)


def _regular_stem(word: str, rules: Mapping[str, str]) -> str:
    """The future stem of a regular verb: its infinitive, but for the endings the rules change
    ("prendre" -> "prendr")."""
    for ending, stem_ending in rules.items():
        if word.endswith(ending):
            return word[: len(word) - len(ending)] + stem_ending
    return word


def _conditional(token: Token) -> bool:
    # the small French model often tags "voyagerait" as an imperfect: read the ending too
    lang = token.doc.lang_
    suffixed = (
        token.pos_ in {"VERB", "AUX"}
        and "Imp" not in token.morph.get("Tense", default=[])
        and any(token.lower_.endswith(s) for s in words("conditional_suffix", lang))
    )
    return (
        "Cnd" in token.morph.get("Mood", default=[])
        or token.lower_ in words("conditional", lang)
        or _stem_form(token, "conditional_ending")
        or suffixed
    )


def _future(token: Token) -> bool:
    return "Fut" in token.morph.get("Tense", default=[]) or _stem_form(token, "future_ending")


def _past(token: Token) -> bool:
    tense = token.morph.get("Tense", default=[])
    return "Past" in tense or "Imp" in tense or token.tag_ in {"VBD", "VBN"}


def _reported_past(trigger: Token) -> bool:
    """ "se serait rendu": the conditional perfect of the press reports what happened (a
    language whose conditional is an ending, French)."""
    return (
        bool(words("conditional_ending", trigger.doc.lang_))
        and "Part" in trigger.morph.get("VerbForm", default=[])
        and any(c.dep_.startswith("aux") and _conditional(c) for c in trigger.children)
    )


def mode(trigger: Token, sent: Span) -> tuple[str, str] | None:
    """How the traveler goes, as written and as a kind: "en train", "par avion", "by plane",
    "à bord d'un navire", "flew" -> ("flew", "plane")."""
    lang, table = trigger.doc.lang_, modes(trigger.doc.lang_)
    implied = pack(lang).motion.pairs("mode_verb")
    if lemma(trigger) in implied:
        return trigger.text, implied[lemma(trigger)]
    vehicle = _vehicle(trigger)
    if vehicle is not None and vehicle.lower_ in table:  # "le train reliant", "the ferry sailed"
        return vehicle.text, table[vehicle.lower_]
    own, by = list(trigger.subtree) if parsed(trigger) else [], words("by", lang)
    for token in [*own, *sent]:
        if (
            token.lower_ in table
            and not in_phrase(token, "progressive")
            and (
                _preposition(token) in by
                or (token in own and token.dep_ == "compound" and token.head == trigger)
            )
        ):
            return token.text, table[token.lower_]
    return None


def _vehicle(trigger: Token) -> Token | None:
    """The noun that travels when it may be a vehicle: the verb's subject or the noun its
    participle qualifies."""
    if not parsed(trigger) or trigger.pos_ == "NOUN":
        return None
    if participle_of(trigger):
        return trigger.head
    return next((c for c in trigger.children if c.dep_ in {"nsubj", "nsubj:pass"}), None)


def _preposition(token: Token) -> str:
    """The word before a noun, skipping articles: "en" in "en train", "bord" in "à bord d'un"."""
    doc, lang = token.doc, token.doc.lang_
    i, articles = token.i - 1, words("article", lang)
    while i >= 0 and doc[i].lower_ in articles:
        i -= 1
    word = doc[i].lower_ if i >= 0 else ""
    if i > 0 and f"{doc[i - 1].lower_} {word}" in words("by_phrase", lang):
        return doc[i - 1].lower_
    return word
