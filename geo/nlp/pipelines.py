"""Loading spaCy pipelines, once per process, lazily."""

from __future__ import annotations

import contextlib
import csv
import functools
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from geo.errors import GeoError
from geo.lang import Pack, pack

if TYPE_CHECKING:  # spaCy is imported when a pipeline is loaded, not with geo
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

# spaCy counts its batches in texts (256 for French): 256 passages of 4,300 characters held
# 3.3 GB at peak and parsed slower (28,800 characters a second instead of 38,000); in batches
# of 50,000 characters, 320 MB
BATCH_CHARS = 50_000
# words in a row with no end of sentence after which one starts: the parser made one sentence
# of 3,600 words of a line of journeys joined by "et", and reading journeys costs the square of
# a sentence's length. The longest such run in the dev set is 128 words.
MAX_SENTENCE = 250
_ENDS = frozenset(".!?…")


def load(language: str) -> Language:
    """The best installed pipeline of a language's pack (`Pack.models`); a blank one of the
    language if none is installed and the pack allows it (`Pack.missing` is None).

    A blank pipeline has no entity recogniser: `geo.recognize` then falls back to the gazetteer.
    """
    with _LOADING:  # a pipeline being loaded (by another session, or `load_soon`) is waited for
        return _load(pack(language))


_LOADING = threading.Lock()


def load_soon(
    language: str, *, after: float = 0.0, first: Callable[[], object] | None = None
) -> threading.Thread:
    """Load a language's pipeline in the background, `after` seconds from now, so that the
    next text to parse does not wait for it: the app's first page, shown from a reading kept
    on disk, loads none (a failure is left for that parse to report). `first` is made before,
    in the same thread (what else the app needs next; one thread makes one thing at a time)."""

    def warm() -> None:
        if first is not None:
            with contextlib.suppress(Exception):
                first()
        with contextlib.suppress(Exception):
            load(language)

    timer = threading.Timer(after, warm)
    timer.daemon = True
    timer.start()
    return timer


@functools.cache  # per pack: a pack registered again under its code gets its own pipeline
def _load(lang: Pack) -> Language:
    import spacy

    _register_components()
    for name in lang.models:
        try:
            # with a table of the lexicon's forms, the lemmatizer's own tables (a quarter of
            # the French model's load time) are not needed
            nlp = spacy.load(name, exclude=["lemmatizer"] if lang.lemmas is not None else [])
        except OSError:
            continue
        if "lemmatizer" in nlp.pipe_names:
            # lemmas are needed for a few words only (motion verbs): computed on demand
            nlp.disable_pipe("lemmatizer")
            _LEMMATIZERS[lang.code] = nlp.get_pipe("lemmatizer")
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("geo_names_unbroken", before="parser")
            nlp.add_pipe("geo_sentences_bounded", before="parser")
        if "ner" in nlp.pipe_names:
            nlp.add_pipe("geo_whole_person_names", after="ner")
        return nlp
    if lang.missing is not None:
        raise GeoError(lang.missing)
    nlp = spacy.blank(lang.code)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("geo_sentences_bounded")
    return nlp


_LEMMATIZERS: dict = {}


def lemma(token: Token) -> str | None:
    """The token's lower-case lemma: from the language's table of the lexicon's forms
    (`Pack.lemmas`), else from the pipeline's lemmatiser run on this token alone (running it on
    every token cost a quarter of the pipeline's time); None without either."""
    if token.lemma_:
        return token.lemma_.lower()
    lang = pack(token.doc.lang_)
    table = _lemma_table(lang)
    if table is not None:
        if not token.pos_:
            return None
        # as spaCy's lemmatizer reads it: its rules see the lower-case word, its lookup the
        # word as written, whatever the part of speech
        form = (token.lower_, token.pos_) if token.pos_ in lang.lemma_pos else (token.text, "*")
        return table.get(form, token.lower_)
    lemmatizer = _LEMMATIZERS.get(token.doc.lang_)
    if lemmatizer is None or not token.pos_:  # its rules need the part of speech
        return None
    if token.lower_ not in _forms(lang):
        return token.lower_  # its lemma is no word geo asks about: the rules are not run
    key = (token.doc.lang_, token.lower_, token.pos_, str(token.morph))
    if key not in _LEMMAS:
        found = lemmatizer.rule_lemmatize(token)
        _LEMMAS[key] = found[0].lower() if found else token.lower_
    return _LEMMAS[key]


_LEMMAS: dict[tuple[str, str, str, str], str] = {}  # the rules depend on these alone


@functools.cache
def _forms(lang: Pack) -> frozenset[str]:
    """The lower-case words whose lemma, by the language's rule lemmatizer, may be a word of
    the journey lexicon, the only words geo compares lemmas with (the rules ran on every verb
    cost a tenth of the pipeline's own time)."""
    words = {
        part
        for entries in lang.motion.entries.values()
        for entry in entries
        for side in entry.split("=")
        for part in side.replace("_", " ").split()
    }
    return frozenset(rule_forms(_LEMMATIZERS[lang.code], words))


def lemma_sources(lang: Pack, lemmas: frozenset[str]) -> frozenset[str]:
    """The lower-case words whose `lemma` may be one of `lemmas` (a superset): by the pack's
    table, else by its rule lemmatizer; without either, `lemma` gives None and this the lemmas."""
    table = _lemma_table(lang)
    if table is not None:
        return lemmas | {form.lower() for (form, _), found in table.items() if found in lemmas}
    if lang.code in _LEMMATIZERS:
        return lemmas | _forms(lang)
    return lemmas


def rule_forms(lemmatizer, lemmas: set[str]) -> set[str]:
    """The lower-case strings a spaCy rule lemmatizer may turn into one of `lemmas`: the lemmas,
    the exceptions that give them, and what its rules give them from (the rules read
    backwards)."""
    strings = set(lemmas)
    for table in lemmatizer.lookups.get_table("lemma_exc", {}).values():
        strings |= {form for form, to in table.items() if set(to) & lemmas}
    for rules in lemmatizer.lookups.get_table("lemma_rules", {}).values():
        for old, new in rules:
            strings |= {
                lemma[: len(lemma) - len(new)] + old for lemma in lemmas if lemma.endswith(new)
            }
    return strings


@functools.cache
def _lemma_table(lang: Pack) -> dict[tuple[str, str], str] | None:
    """A pack's lemma table: (form, part of speech or "*") -> lemma."""
    if lang.lemmas is None:
        return None
    with lang.lemmas.open(encoding="utf-8") as handle:
        return {
            (row[0], row[1]): row[2]
            for row in csv.reader(handle, delimiter="\t")
            if len(row) == 3 and not row[0].startswith("#")
        }


def pipe(nlp: Language, texts: Iterable[str]) -> Iterator[Doc]:
    """`nlp.pipe` over texts in batches of at most BATCH_CHARS characters (or one text) and
    of at most the pipeline's own batch size."""
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and (size + len(text) > BATCH_CHARS or len(batch) == nlp.batch_size):
            yield from _texts_kept(nlp.pipe(batch, batch_size=len(batch)), batch)
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield from _texts_kept(nlp.pipe(batch, batch_size=len(batch)), batch)


def _texts_kept(docs: Iterable[Doc], texts: list[str]) -> Iterator[Doc]:
    for doc, text in zip(docs, texts, strict=True):
        doc.user_data[_TEXT] = text  # type: ignore[index]
        yield doc


_TEXT = ("geo", "text")


def text_of(doc: Doc) -> str:
    """The doc's text: the one it was made of when `pipe` made it (spaCy's `doc.text` joins
    every token's text anew at each call)."""
    return doc.user_data.get(_TEXT) or doc.text  # type: ignore[call-overload]


def matching(
    doc: Doc, test: Callable[[str], bool], known: dict[int, bool], attr: str = "ORTH"
) -> list[int]:
    """The indexes of the doc's tokens whose text (`attr` "ORTH") or lower-case text ("LOWER")
    passes `test`; `known` keeps each word's answer, by its hash, from document to document
    (the caller's, for one test: asking it of every token, made one by one, cost more)."""
    if len(known) > _KNOWN:
        known.clear()
    strings, found = doc.vocab.strings, []
    for i, h in enumerate(doc.to_array(attr).tolist()):
        passed = known.get(h)
        if passed is None:
            passed = known[h] = test(strings[h])
        if passed:
            found.append(i)
    return found


_KNOWN = 200_000  # words whose answer `matching` keeps (a few MB), then it starts again


def span_text(span: Span) -> str:
    """`span.text`, cut from `text_of` its doc (spaCy's joins the span's tokens anew)."""
    return text_of(span.doc)[span.start_char : span.end_char]


def has_ner(nlp: Language) -> bool:
    """Whether the pipeline recognises named entities itself."""
    return "ner" in nlp.pipe_names


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


def whole_person_names(doc: Doc) -> Doc:
    """Extend a person's name over the capitalised words that directly follow it."""
    from spacy.tokens import Span  # imported with the pipeline already: a look-up

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


@functools.cache
def _register_components() -> None:
    """Give spaCy geo's pipeline components by name, once, before a pipeline is made (here
    rather than at import: importing spaCy costs 0.4 s that a page shown from stored
    readings does not need)."""
    from spacy.language import Language

    Language.component("geo_names_unbroken", func=names_unbroken)
    Language.component("geo_sentences_bounded", func=sentences_bounded)
    Language.component("geo_whole_person_names", func=whole_person_names)
