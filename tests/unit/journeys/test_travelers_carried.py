"""The traveler of a carried journey: an active carry verb moves its direct object ("sent troops
to"), a passive one its subject ("was taken to", "ont été transférés"), a pronoun the person named
before; any other verb keeps its subject."""

from __future__ import annotations

import pytest

from geo.pipeline import parse

DATE = "2023-09-05"

# one sentence per shape: language, text, the traveler of each route
SHAPES = [
    ("en", "The government sent troops to Mosul.", ["troops"]),
    ("en", "The army evacuated 300 civilians to Kirkuk.", ["300 civilians"]),
    ("fr", "Le gouvernement a envoyé des troupes à Mossoul.", ["des troupes"]),
    ("en", "The injured man was taken to Leeds General Infirmary.", ["The injured man"]),
    ("fr", "Les migrants ont été transférés vers Lampedusa.", ["Les migrants"]),
    ("fr", "L'opposant a été extradé vers le Pérou.", ["L' opposant"]),
    ("en", "Pedro Castillo was arrested in Lima. He was deported to Peru.", ["Pedro Castillo"]),
    ("en", "Merkel flew to Paris.", ["Merkel"]),
    ("fr", "Le ministre est parti vers Berlin hier.", ["Le ministre"]),
]


@pytest.mark.parametrize(("language", "text", "expected"), SHAPES)
def test_traveler_of_a_carried_journey(language, text, expected):
    result = parse(text, language=language, date=DATE)
    assert [r.traveler for r in result.routes] == expected
