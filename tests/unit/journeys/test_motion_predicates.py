"""Verbs of sending, carrying and banishing (issue 14): a journey when passive or with a direct
object, never in their idioms; ordinary motion verbs; "être attendu à" as a planned arrival."""

from __future__ import annotations

import pytest

from tests.helpers import legs


def arrivals(text: str, language: str) -> list[tuple[str, str]]:
    """(destination, status) of each route."""
    return [(to, status) for _, to, status, _ in legs(text, language)]


@pytest.mark.parametrize(
    ("text", "language", "to", "status"),
    [
        ("The injured man was taken to Leeds.", "en", "Leeds", "past"),  # passive carry
        ("The government sent troops to Mosul.", "en", "Mosul", "past"),  # carry + object
        ("He was deported to Peru.", "en", "Peru", "past"),  # banish, passive
        ("Migrants moved toward Texas.", "en", "Texas", "past"),  # motion verb
        ("The family plans to reach Tianjin next week.", "en", "Tianjin", "planned"),
        ("Le ministre est attendu à Dakar mardi.", "fr", "Dakar", "planned"),  # passive only
        ("Il a été extradé vers la France.", "fr", "France", "past"),  # copula + participle
        ("Le gouvernement a envoyé des troupes à Mossoul.", "fr", "Mosul", "past"),
    ],
)
def test_a_carried_or_moving_traveler_goes_to_the_place(text, language, to, status):
    assert arrivals(text, language) == [(to, status)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The meeting took place in Paris.", "en"),  # idiom
        ("She sent a message to Berlin.", "en"),  # idiom
        ("Islamic State fighters took Mosul in 2014.", "en"),  # the object is the place
        ("Elle a envoyé une lettre à Berlin.", "fr"),
        ("Marie Curie, director for Paris, was taken aback by the verdict.", "en"),  # idiom
    ],
)
def test_idioms_and_captured_places_are_no_journey(text, language):
    assert arrivals(text, language) == []
