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
        ("Dogs were lost, including one sent to Japan.", "en", "Japan", "past"),  # participle
        ("Les migrants transférés vers Lampedusa sont arrivés.", "fr", "Lampedusa", "past"),
        ("Others are set to carry migrants to Mexico City.", "en", "Mexico City", "planned"),
        ("The unit deployed to Iraq in May.", "en", "Iraq", "past"),  # "either": no object
        ("He transferred to Leeds last year.", "en", "Leeds", "past"),
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
        ("The army evacuated Mosul.", "en"),  # an "either" verb whose object is the place
    ],
)
def test_idioms_and_captured_places_are_no_journey(text, language):
    assert arrivals(text, language) == []


def test_the_participles_noun_travels():
    (*_, route), *_ = legs("Dogs were lost, including one sent to Japan.", "en")
    assert route.traveler == "one"


# a noun of a way names a journey only in its set phrase
PATHS = [
    ("en", "One bus left the camp en route to the city of Puebla.", "Puebla", "One bus"),
    ("en", "The convoy was on its way to Kabul when it was attacked.", "Kabul", "The convoy"),
    ("en", "The team bus made its way into Liverpool.", "Liverpool", "The team bus"),
    ("fr", "Le convoi était en route vers Kaboul.", "Kabul", "Le convoi"),
    ("fr", "Les marcheurs sont en chemin pour Lyon.", "Lyon", "Les marcheurs"),
    ("en", "The man showed up at a school in Miami on Friday.", "Miami", "The man"),
    ("en", "The candidates will appear at a forum in Red Oak.", "Red Oak", "The candidates"),
    ("fr", "Le navire a repris sa route vers Marseille.", "Marseille", "Le navire"),
]


@pytest.mark.parametrize(("language", "text", "to", "traveler"), PATHS)
def test_a_way_in_its_set_phrase_is_a_journey(language, text, to, traveler):
    found = legs(text, language)
    assert [(leg[1], leg[3].traveler) for leg in found] == [(to, traveler)]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "The way to Kabul is long."),
        ("fr", "La route de Kaboul est longue."),
        ("en", "He showed the letter to Paris officials."),
        ("en", "He appeared to be tired after his speech in Boston."),
        ("en", "The name appears in a list of Boston donors."),
        ("en", "This article appeared in the Britain section of the print edition."),
    ],
)
def test_a_way_or_a_show_outside_the_phrase_is_none(language, text):
    assert legs(text, language) == []
