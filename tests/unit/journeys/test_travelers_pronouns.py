"""A pronoun's traveler is who it points back to: "il" the last person named, else the last
singular subject ("le typhon"); "they"/"ils" the last plural subject, a coordinated one included;
"it" the last singular subject, never a person; a speech verb's subject is not the one meant."""

from __future__ import annotations

import pytest

from tests.helpers import legs

SHAPES = [
    (
        "en",
        "Li and a small group of supporters set off from Beijing. They plan to reach Tianjin.",
        "Tianjin",
        "Li and a small group of supporters",
    ),
    (
        "en",
        "Hurricane Ian hit Cuba on Tuesday, said Joe Biden. It made landfall in Florida.",
        "Florida",
        "Hurricane Ian",
    ),
    (
        "fr",
        "Le typhon Saola a frappé les Philippines. Il poursuit sa route vers Taiwan.",
        "Taiwan",
        "Le typhon Saola",
    ),
    (
        "fr",
        "Les joueurs de l'Impact ont quitté Montréal. Ils sont arrivés à Rome hier.",
        "Rome",
        "Les joueurs de l' Impact",
    ),
    ("fr", "Emmanuel Macron a parlé hier. Il se rendra à Berlin.", "Berlin", "Emmanuel Macron"),
]


@pytest.mark.parametrize(("language", "text", "to", "traveler"), SHAPES)
def test_a_pronoun_travels_as_what_it_points_back_to(language, text, to, traveler):
    assert [(leg[1], leg[3].traveler) for leg in legs(text, language)] == [(to, traveler)]


def test_they_is_no_single_person():
    text = "The players arrived on Monday. Joe Biden met them. They flew to Boston."
    assert [leg[3].traveler for leg in legs(text, "en")] == ["The players"]


def test_a_place_the_model_took_for_a_person_is_no_traveler():
    text = "Kim Jong Un left Pyongyang by train. From Vladivostok, he travelled to Moscow."
    assert [leg[3].traveler for leg in legs(text, "en")][-1] == "Kim Jong Un"
