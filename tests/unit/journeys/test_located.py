"""A destination that is no place (a prison, a court, an office, a hospital) but stands in a
place the text names: the journey goes to that place, whether the parser hangs the place on the
destination's noun or on the motion word after it. A place before the destination, or one
that only says where the traveler left from, is not where the journey goes."""

from __future__ import annotations

import pytest

from tests.helpers import destinations


@pytest.mark.parametrize(
    ("language", "text", "place"),
    [
        ("en", "The four convicts will be sent to the national penitentiary in Lima.", "Lima"),
        ("en", "She visited the offices of the Central Bank in Nairobi on Monday.", "Nairobi"),
        ("en", "The wounded were taken to a military hospital in Mosul.", "Mosul"),
        ("en", "The mayor flew to a summit of governors in Denver.", "Denver"),
        ("fr", "Le détenu a été transféré vers la prison centrale de Lyon.", "Lyon"),
        ("fr", "La ministre se rendra au siège de la banque centrale à Dakar.", "Dakar"),
    ],
)
def test_a_destination_in_a_named_place_goes_there(language: str, text: str, place: str) -> None:
    assert destinations(text, language) == [place]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "In Lima, the convicts were sent to the national penitentiary."),  # before it
        ("en", "The minister left the hotel in Lima on Monday."),  # leaving: no destination
        ("en", "Officials said the money is going to good use in Lima."),  # an idiom's noun
        ("en", "The general returned to power in Lima after the coup."),
        ("en", "The governor sent a letter to the mayor in Lima."),  # a letter is no traveler
    ],
)
def test_no_destination_outside_the_destinations_phrase(language: str, text: str) -> None:
    assert "Lima" not in destinations(text, language)


@pytest.mark.parametrize(
    ("text", "journey"),
    [
        ("The senator visited the office of the governor in Boston.", True),
        ("The senator took office in Boston in January.", False),  # an idiom of "take" only
    ],
)
def test_an_idiom_belongs_to_its_own_verb(text: str, journey: bool) -> None:
    assert (destinations(text, "en") == ["Boston"]) is journey
