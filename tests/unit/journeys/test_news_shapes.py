"""The shapes of journeys that news tells and the reader once missed (issue 14's list, names
changed): each sentence gives its destinations, in order, with their status."""

from __future__ import annotations

import pytest

from tests.helpers import legs

SHAPES = [
    ("fr", "Le ministre est attendu à Dakar mardi.", [("Dakar", "planned")]),
    ("fr", "Le typhon poursuit sa route vers Okinawa.", [("Okinawa", "past")]),
    ("fr", "Elle a dû rejoindre la ville de Tulle.", [("Tulle", "past")]),
    ("fr", "Un train reliant Nantes à Lille a déraillé hier.", [("Lille", "past")]),
    ("fr", "Le vol reliant Lima à Madrid a atterri.", [("Madrid", "past")]),
    ("fr", "L'ouragan a touché terre en Floride.", [("Florida", "past")]),
    ("fr", "Le ministre se rendra demain en Guyane.", [("French Guiana", "planned")]),
    ("en", "Migrants on one bus went to Oaxaca.", [("Oaxaca", "past")]),
    ("en", "He was taken to Leeds General Infirmary.", [("Leeds", "past")]),
    ("en", "During his trip to Kenya, the minister met the president.", [("Kenya", "past")]),
    ("en", "The storm moved toward Texas.", [("Texas", "past")]),
    ("en", "She will travel to Norway in May.", [("Norway", "planned")]),
    ("en", "He was deported to Peru.", [("Peru", "past")]),
    ("en", "Troops pushed into Mosul.", [("Mosul", "past")]),
]


@pytest.mark.parametrize(("language", "text", "expected"), SHAPES)
def test_a_shape_of_news_gives_its_journey(language, text, expected):
    assert [(to, status) for _, to, status, _ in legs(text, language)] == expected


def test_a_link_between_two_places_starts_at_the_first():
    (leg,) = legs("Un train reliant Nantes à Lille a déraillé hier.", "fr")
    assert leg[0] == "Nantes" and leg[3].traveler == "Un train" and leg[3].mode_kind == "train"
