"""Recognition filters, on small French and English sentences with the real models."""
import pytest

from geo.gazetteer import open_gazetteer
from geo.nlp import has_ner, load
from geo.recognize import recognize


def names(text, language="fr"):
    nlp = load(language)
    gazetteer = open_gazetteer()
    found = recognize([(nlp(text), 0)], gazetteer.lookup, use_ner=has_ner(nlp))
    for t in found:
        assert text[t.start:t.end] == t.text
    return [t.text for t in found]


@pytest.mark.parametrize("text, places, not_places", [
    ("Le président Vladimir Poutine a reçu Kim Jong Un à Vladivostok.", ["Vladivostok"], ["Vladimir"]),
    ("Selon le New York Times, la Russie prépare une rencontre.", ["Russie"], ["New York"]),
    ("Le missile Hwasong de la Corée du Nord a été testé.", ["Corée du Nord"], ["Hwasong"]),
    ("Sergueï Choïgou a rencontré Kim. Choïgou est ensuite rentré à Moscou.", ["Moscou"], ["Choïgou"]),
    ("Washington et Séoul s'inquiètent.", ["Washington", "Séoul"], []),
])
def test_french_filters(text, places, not_places):
    found = names(text)
    for place in places:
        assert place in found
    for word in not_places:
        assert not any(word in f for f in found)


@pytest.mark.parametrize("text, places, not_places", [
    ("The New York Times reported that talks in Moscow had stalled.", ["Moscow"], ["New York"]),
    ("President Lincoln visited the troops near Richmond.", ["Richmond"], ["Lincoln"]),
    ("Officials in Paris and Berlin met leaders from Nigeria.", ["Paris", "Berlin", "Nigeria"], []),
])
def test_english_without_a_model_uses_the_gazetteer(text, places, not_places):
    found = names(text, "en")
    for place in places:
        assert place in found
    for word in not_places:
        assert not any(word in f for f in found)


def test_recovers_a_missed_place_after_a_locative_word():
    # "Primorsk" style names the small model misses are recovered after "à"/"en"
    found = names("Il est arrivé hier à Khabarovsk avec une délégation.")
    assert "Khabarovsk" in found
