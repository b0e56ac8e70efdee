"""A destination found through the place's own path to the motion word, not the word before it:
the place qualifies a noun ("central Washington", "the city of Puebla", "states such as Utah",
"le sud-est de la Chine") and the preposition of that noun's phrase tells the role. A place in
another clause, or behind a word with a role of its own, is no destination."""

from __future__ import annotations

import pytest

from tests.helpers import destinations, legs


def routes(text: str, language: str) -> list[tuple[str | None, str]]:
    """(from, to) of each route, with place names."""
    return [(start, to) for start, to, _, _ in legs(text, language)]


# one sentence per shape of the path from the place up to the preposition
SHAPES = [
    ("en", "The minister flew to central Washington on Monday.", "Washington"),  # amod
    ("en", "The delegation went to states such as Utah.", "Utah"),  # "such as" under a noun
    ("en", "The convoy headed to the city of Puebla.", "Puebla"),  # "of" under a noun
    ("en", "The convoy headed to hospitals in Makurdi.", "Makurdi"),  # "in" under a noun
    ("en", "The minister visited the city of Puebla.", "Puebla"),  # the verb's object
    ("fr", "Le cortège est parti vers le sud-est de la Chine.", "China"),  # case + nmod "de"
    ("fr", "Le ministre s'est rendu à l'est de Taiwan.", "Taiwan"),
]


@pytest.mark.parametrize(("language", "text", "place"), SHAPES)
def test_destination_through_the_places_path(language: str, text: str, place: str) -> None:
    assert destinations(text, language) == [place]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "He went to the meeting that Paris had called."),  # another clause
        ("en", "The minister went to the meeting with officials from Paris."),  # "from" stops
        ("en", "Russia would expel 60 Paris diplomats."),  # qualifies the object: what moves
        ("en", "He visited troops in celebration of the Paris anniversary."),  # two nouns up
        ("fr", "Le typhon est attendu jeudi, au nord de Paris."),  # an aside, set off by commas
    ],
)
def test_no_destination_beyond_the_phrase(language: str, text: str) -> None:
    assert "Paris" not in destinations(text, language)


def test_the_word_before_still_decides_first() -> None:
    assert routes("Le ministre est parti en avion depuis Paris vers Berlin hier.", "fr") == [
        ("Paris", "Berlin")
    ]


# a conjunct of a destination, itself or through the noun it qualifies, is a destination too
CONJUNCTS = [
    (
        "fr",
        "Le typhon poursuit sa route vers Taiwan et le sud-est de la Chine.",
        ["Taiwan", "China"],
    ),
    ("en", "The storm moved toward Texas and the south of Louisiana.", ["Texas", "Louisiana"]),
    ("en", "He deployed on operations to Afghanistan and Iraq.", ["Afghanistan", "Iraq"]),
]


@pytest.mark.parametrize(("language", "text", "places"), CONJUNCTS)
def test_a_conjunct_through_its_noun_is_a_destination(language, text, places):
    assert destinations(text, language) == places


# a journey noun's "in"/"en" is where it goes: "vacations in Hawaii", "la tournée en Italie"
@pytest.mark.parametrize(
    ("language", "text", "places"),
    [
        ("en", "Chen went on vacations in Hawaii and Europe.", ["Hawaii", "Europe"]),
        ("en", "Her holiday in Spain ended early.", ["Spain"]),
        ("fr", "La tournée de l'équipe en Italie a commencé.", ["Italy"]),
    ],
)
def test_a_journey_nouns_place_is_its_destination(language, text, places):
    assert destinations(text, language) == places


# "de A à B puis C": one journey, a leg per destination, each from where the last one ended
@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "fr",
            "Le ministre ira de Paris à Berlin puis à Varsovie.",
            [("Paris", "Berlin"), ("Berlin", "Warsaw")],
        ),
        (
            "en",
            "The minister will fly from Paris to Berlin and then to Warsaw.",
            [("Paris", "Berlin"), ("Berlin", "Warsaw")],
        ),
        (
            "en",
            "She travelled from London to Paris, then Rome.",
            [("London", "Paris"), ("Paris", "Rome")],
        ),
    ],
)
def test_a_journey_of_several_legs(language, text, expected):
    assert routes(text, language) == expected


# a halt goes where it stops ("at", "in"), "for" only after a word of leaving
@pytest.mark.parametrize(
    ("language", "text", "places"),
    [
        (
            "en",
            "At a campaign stop in Ciudad Juarez, he called for a free-trade zone.",
            ["Ciudad Juárez"],
        ),
        ("en", "The minister made a stopover in Dubai.", ["Dubai"]),
        ("en", "After his visit to Kyiv, he called for calm.", ["Kyiv"]),  # "call for": no cancel
        ("en", "The president wants to put a stop to Russia's war.", []),
        ("fr", "Le navire a fait escale à Dakar.", ["Dakar"]),
        ("en", "The minister left for Paris on Monday.", ["Paris"]),
        ("fr", "Le ministre est parti pour Moscou.", ["Moscow"]),
        ("en", "Such measures will come too late for the people of Paris.", []),
    ],
)
def test_a_halt_and_a_departure_for(language, text, places):
    assert destinations(text, language) == places
