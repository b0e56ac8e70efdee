"""A destination named by a definite noun of place points back to the latest place of that kind
("came to this island", "returned to the city", "a regagné la ville"); a capital with a
people's adjective is that country's capital ("the Greek capital", "la capitale russe"). An
indefinite noun, a noun with a name or a phrase of its own, or a place of another kind points
to nothing."""

from __future__ import annotations

import pytest

from tests.helpers import destinations


@pytest.mark.parametrize(
    ("language", "text", "place"),
    [
        ("en", "Fighting broke out near Aleppo. Thousands fled to the city on Sunday.", "Aleppo"),
        ("en", "Rains hit Kerala again. Tourists flew back to the state on Monday.", "Kerala"),
        ("en", "The camps in Sicily are full. Migrants still come to this island.", "Sicily"),
        ("en", "The farmers will march to the Kenyan capital next week.", "Nairobi"),
        ("fr", "Le président a quitté Brest. Il regagnera la ville lundi.", "Brest"),
        ("fr", "Les manifestants rejoindront la capitale russe.", "Moscow"),
    ],
)
def test_a_noun_of_place_points_back(language: str, text: str, place: str) -> None:
    assert destinations(text, language)[-1:] == [place]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Fighting broke out near Aleppo. Thousands fled to a city in the south."),
        ("en", "Fighting broke out near Aleppo. Thousands went to the city council."),
        ("en", "Fighting broke out in Syria. Thousands fled to the city on Sunday."),  # a country
        ("fr", "Des combats ont eu lieu près d'Alep. Des milliers ont rejoint une ville voisine."),
    ],
)
def test_no_place_to_point_back_to(language: str, text: str) -> None:
    assert destinations(text, language) == []


def test_the_place_must_be_near_enough() -> None:
    text = "Fighting broke out near Aleppo. " + "Nothing else happened. " * 100
    assert destinations(text + "Thousands fled to the city on Sunday.", "en") == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a site the text named before: "the school" is that school, in the latest town
        (
            "Parents gathered at Lincoln Elementary School in Tulsa. "
            "The father later went back to the school.",
            "Tulsa",
        ),
        # a site named in the destination itself, "at" after a verb of arriving
        ("Smith was arrested in Denver. He will appear at the Civic Center Courthouse.", "Denver"),
    ],
)
def test_a_named_site_stands_in_the_latest_town(text: str, place: str) -> None:
    assert destinations(text, "en")[-1:] == [place]


def test_an_unnamed_site_is_no_named_place() -> None:
    text = "A bus crashed near Tulsa. The wounded were taken to the hospital."
    assert destinations(text, "en") == []
