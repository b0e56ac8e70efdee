"""Recognition filters, on small French and English sentences with the real models."""

import pytest
import spacy
from spacy.tokens import Span

from geo.gazetteer.index import open_gazetteer
from geo.nlp.pipelines import has_ner, load
from geo.recognize import recognize


def blank_english():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def names(text, language="fr", nlp=None):
    nlp = nlp or load(language)
    gazetteer = open_gazetteer()
    found = recognize([(nlp(text), 0)], gazetteer.lookup, use_ner=has_ner(nlp))
    for t in found:
        assert text[t.start : t.end] == t.text
    return [t.text for t in found]


@pytest.mark.parametrize(
    "text, places, not_places",
    [
        (
            "Le président Vladimir Poutine a reçu Kim Jong Un à Vladivostok.",
            ["Vladivostok"],
            ["Vladimir"],
        ),
        ("Selon le New York Times, la Russie prépare une rencontre.", ["Russie"], ["New York"]),
        ("Le missile Hwasong de la Corée du Nord a été testé.", ["Corée du Nord"], ["Hwasong"]),
        (
            "Sergueï Choïgou a rencontré Kim. Choïgou est ensuite rentré à Moscou.",
            ["Moscou"],
            ["Choïgou"],
        ),
        ("Washington et Séoul s'inquiètent.", ["Washington", "Séoul"], []),
    ],
)
def test_french_filters(text, places, not_places):
    found = names(text)
    for place in places:
        assert place in found
    for word in not_places:
        assert not any(word in f for f in found)


@pytest.mark.parametrize(
    "text, places, not_places",
    [
        ("The New York Times reported that talks in Moscow had stalled.", ["Moscow"], ["New York"]),
        ("President Lincoln visited the troops near Richmond.", ["Richmond"], ["Lincoln"]),
        (
            "Officials in Paris and Berlin met leaders from Nigeria.",
            ["Paris", "Berlin", "Nigeria"],
            [],
        ),
    ],
)
@pytest.mark.parametrize("pipeline", ["model", "gazetteer only"])
def test_english(text, places, not_places, pipeline):
    found = names(text, "en", blank_english() if pipeline == "gazetteer only" else None)
    for place in places:
        assert place in found
    for word in not_places:
        assert not any(word in f for f in found)


def test_recovers_a_missed_place_after_a_locative_word():
    # "Primorsk" style names the small model misses are recovered after "à"/"en"
    found = names("Il est arrivé hier à Khabarovsk avec une délégation.")
    assert "Khabarovsk" in found


@pytest.mark.parametrize(
    "text, places, not_places",
    [
        ("South Korea's air is worse than Japan's.", ["South Korea", "Japan"], []),
        ("Tamil Nadu on Saturday moved the Supreme Court.", ["Tamil Nadu"], []),
        ("SAN DIEGO, March 29, 2018 -- Officials met.", ["SAN DIEGO"], []),
        ("Talks resumed in March. On Thursday, Kenya said no.", ["Kenya"], ["March", "Thursday"]),
        ("The Germans voted. Germany voted.", ["Germany"], ["Germans"]),
    ],
)
def test_english_model_filters(text, places, not_places):
    found = names(text, "en")
    assert [p for p in places if p not in found] == []
    assert [w for w in not_places if any(w in f for f in found)] == []


@pytest.mark.parametrize(
    "text, places, not_places",
    [
        ("Les Allemands ont voté. La Suisse aussi.", ["Suisse"], ["Allemands"]),
        (
            "PARIS, 3 mars. — Le conseil s'est réuni le 3 mars à Berne.",
            ["PARIS", "Berne"],
            ["mars"],
        ),
        ("Le Wœrth est calme. Les troupes sont à Wœrth.", ["Wœrth"], []),
    ],
)
def test_french_names_nationalities_and_capitals(text, places, not_places):
    found = names(text)
    assert [p for p in places if p not in found] == []
    assert [w for w in not_places if any(w == f for f in found)] == []


def test_one_sense_per_discourse():
    # the model tags "Samos" once; its other mention, in a plain phrase, follows
    found = names(
        "Migrants arrived in Samos on Monday. Samos officials said the camp is full.", "en"
    )
    assert found.count("Samos") == 2


@pytest.mark.parametrize(
    "text, places",
    [
        ("Allemagne ... 547. 888 France ..... 536. 464 Grande-Bretagne", ["France"]),  # tables
        ("Cours des sucres de Londres LONDRES, 14 janvier. — Clôture.", ["Londres", "LONDRES"]),
        ("BOURSE DE PARIS du 14 janvier 1933.", ["PARIS"]),  # inside a name
        (
            "Le train va d'Aubigné à la Flèche, puis d'Angers à la Flèche.",
            ["la Flèche"],
        ),  # the article
    ],
)
def test_ocr_and_tables(text, places):
    found = names(text)
    assert [p for p in places if p not in found] == []


@pytest.mark.parametrize(
    "language, text, places, not_places",
    [
        # a title's abbreviation ("Mad." for Madame) is no town named like it (Mád, Hungary),
        # even where the model reads one
        (
            "fr",
            "On souscrit à Moudon, chez Mad. Bourgeois ; à Payerne, chez Mad. Sayary.",
            ["Moudon", "Payerne"],
            ["Mad"],
        ),
        # a title in full, with no point, may be a town's name (Hurricane, Utah)
        ("en", "The council of Hurricane met in Hurricane on Monday.", ["Hurricane"], []),
    ],
)
def test_a_titles_abbreviation_is_no_place(language, text, places, not_places):
    nlp = load(language)
    doc = nlp(text)
    words = {*places, *not_places}
    doc.ents = [Span(doc, t.i, t.i + 1, label="LOC") for t in doc if t.text in words]
    found = [t.text for t in recognize([(doc, 0)], open_gazetteer().lookup)]
    assert set(found) == set(places)
