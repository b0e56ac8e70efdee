"""Resolution features on hand-made candidates: population, kind, capitals, coherence."""

import pytest

from geo.model import Candidate, Mention
from geo.resolve import resolve
from tests.conftest import (
    MOSCOW_CANDIDATE,
    MOSCOW_IDAHO,
    PARIS,
    PARIS_TEXAS,
    RUSSIA_CANDIDATE,
    WASHINGTON_DC,
    WASHINGTON_UK,
)

OPTIONS = {
    "moscou": [MOSCOW_IDAHO, MOSCOW_CANDIDATE],
    "moscow": [MOSCOW_CANDIDATE, MOSCOW_IDAHO],
    "washington": [WASHINGTON_UK, WASHINGTON_DC],
    "russie": [RUSSIA_CANDIDATE],
    "paris": [PARIS, PARIS_TEXAS],
}


def lookup(name):
    return OPTIONS.get(name.lower(), [])


def mentions(*names):
    out, at = [], 0
    for name in names:
        out.append(Mention(at, at + len(name), name, 0))
        at += len(name) + 1
    return out


def test_capital_beats_namesakes():
    (place,) = resolve(mentions("Washington"), lookup)
    assert place.id == WASHINGTON_DC.id and "capital of US" in place.reason
    assert [a.candidate.id for a in place.alternatives] == [WASHINGTON_UK.id]


def test_rank_explains_only_the_first_candidates_it_is_asked_to():
    from geo.resolve import rank

    full = rank([WASHINGTON_UK, WASHINGTON_DC], query="Washington")
    short = rank([WASHINGTON_UK, WASHINGTON_DC], query="Washington", explain=1)
    assert [a.candidate for a in short] == [a.candidate for a in full]
    assert [a.score for a in short] == [a.score for a in full]
    assert short[0].reason == full[0].reason != "" and full[1].reason != "" == short[1].reason


def test_one_place_per_referent_with_all_its_mentions():
    places = resolve(mentions("Moscou", "Russie", "Moscow", "Moscou"), lookup)
    moscow = next(p for p in places if p.id == MOSCOW_CANDIDATE.id)
    assert [m.text for m in moscow.mentions] == ["Moscou", "Moscow", "Moscou"]
    assert len(places) == 2


def test_names_without_candidates_are_dropped():
    assert resolve(mentions("Atlantis"), lookup) == ()


def test_confidence_is_a_probability_and_higher_when_unambiguous():
    places = {p.id: p for p in resolve(mentions("Russie", "Paris"), lookup)}
    assert 0 < places[PARIS.id].confidence <= places[RUSSIA_CANDIDATE.id].confidence <= 1


def test_document_countries_pull_ambiguous_names():
    usa = Candidate("geonames:6252001", "United States", 39.76, -98.5, "country", "US", 327167434)
    options = {
        "paris": [PARIS, PARIS_TEXAS],
        "usa": [usa],
        "france": [Candidate("geonames:3017382", "France", 46.0, 2.0, "country", "FR", 66987244)],
    }
    found = resolve(mentions("Paris", "USA"), lambda n: options.get(n.lower(), []))
    alone = resolve(mentions("Paris"), lambda n: options.get(n.lower(), []))
    paris, paris_alone = (next(p for p in r if p.name == "Paris") for r in (found, alone))
    texas = next(a for a in paris.alternatives if a.candidate.id == PARIS_TEXAS.id)
    texas_alone = next(a for a in paris_alone.alternatives if a.candidate.id == PARIS_TEXAS.id)
    assert (
        texas.score > texas_alone.score and "the text names 1 other place(s) in US" in texas.reason
    )
    assert paris.confidence < paris_alone.confidence


# Resolution features on the real gazetteer, with small French and English texts.
from geo.pipeline import parse  # noqa: E402


def resolved(text):
    return {m.text: p for p in parse(text).places for m in p.mentions}


@pytest.mark.parametrize(
    "text, name, country, kind",
    [
        ("The storm hit Paris, Texas on Monday.", "Paris", "US", "city"),  # "X, Y"
        ("Il a grandi à Moscow (Idaho), loin de tout.", "Moscow", "US", "city"),  # "X (Y)"
        ("Paris a répondu à Berlin.", "Paris", "FR", "city"),  # capital prior
        ("Washington et Séoul s'inquiètent.", "Washington", "US", "city"),  # metonymy: capital
        (
            "Le porte-parole du Kremlin a démenti.",
            "Kremlin",
            "RU",
            "landmark",
        ),  # metonymy: building
        ("Mexico said no to the tariffs.", "Mexico", "MX", "country"),  # a country by its name
        ("Georgia and Azerbaijan signed a deal; Armenia protested.", "Georgia", "GE", "country"),
        (
            "Atlanta, Savannah and Augusta voted. Georgia counts.",
            "Georgia",
            "US",
            "region",
        ),  # nearby places
        (
            "Les pompiers de Kent et du Sussex sont intervenus près de Londres.",
            "Kent",
            "GB",
            "region",
        ),
        ("New York est sous la neige.", "New York", "US", "city"),  # big city shadows its state
    ],
)
def test_resolution_features(text, name, country, kind):
    place = resolved(text)[name]
    assert (place.country_code, place.kind) == (country, kind), place.reason


def test_one_sense_per_name_and_reasons():
    places = resolved("Paris, Texas, est calme. À Paris, on dort.")
    assert places["Paris"].country_code == "US"
    assert "in Texas, as the text says" in places["Paris"].reason
    assert all(a.reason for a in places["Paris"].alternatives)


# Two towns of one name and near one size, one in France and one in English-speaking Canada:
# the text's language decides between them when nothing else does.
SAINT_LAURENT = Candidate("geonames:1", "Saint-Laurent", 45.5, -73.7, "city", "CA", 98_800)
SAINT_LAURENT_FR = Candidate("geonames:2", "Saint-Laurent", 43.0, 6.9, "city", "FR", 98_000)
NAMESAKES = {"saint-laurent": [SAINT_LAURENT, SAINT_LAURENT_FR]}


@pytest.mark.parametrize(
    "language, expected", [("fr", SAINT_LAURENT_FR), ("en", SAINT_LAURENT), (None, SAINT_LAURENT)]
)
def test_the_texts_language_favours_places_where_it_is_spoken(language, expected):
    (place,) = resolve(
        mentions("Saint-Laurent"), lambda n: NAMESAKES.get(n.lower(), []), language=language
    )
    assert place.id == expected.id
    if language:
        assert "speak the text's language" in place.reason


def test_the_language_does_not_outweigh_size_or_capital():
    (place,) = resolve(mentions("Paris"), lookup, language="en")  # not Paris, Texas
    assert place.id == PARIS.id


def test_speakers_count_official_languages_only():
    from geo.world.languages import speakers

    assert speakers("FR", "fr") > 0.9 and 0.2 < speakers("CA", "fr") < 0.5
    assert speakers("RU", "en") == 0.0 and speakers(None, "fr") == 1.0
