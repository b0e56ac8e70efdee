"""A country named by its people's adjective ("Georgian troops") is a place, flagged as a
demonym, resolved to that country alone; a people's noun, a language, a person, a longer
adjective ("Central American") or an organisation's name is not."""

from __future__ import annotations

import json

import pytest

from geo import parse
from geo.export.formats import to_json


def demonyms(text: str, language: str = "en") -> dict[str, str]:
    """Each demonym mention's text and the code of the country it was resolved to."""
    result = parse(text, language=language)
    return {
        m.text: place.country_code or ""
        for place in result.places
        for m in place.mentions
        if m.demonym
    }


def test_a_proper_adjective_names_its_country() -> None:
    found = demonyms("Georgian troops shelled Russian positions, an Israeli official said.")
    assert found == {"Georgian": "GE", "Russian": "RU", "Israeli": "IL"}


def test_georgian_is_the_country_even_in_us_news() -> None:
    # the adjective names the country; "Georgia" alone is read in context
    assert demonyms("In Atlanta, Georgian wine sold out.") == {"Georgian": "GE"}


def test_a_demonym_of_several_words() -> None:
    assert demonyms("Sri Lankan forces pushed north.") == {"Sri Lankan": "LK"}


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of Americans voted early.",  # the people, not the country
        "She spoke only French and Farsi.",  # a language
        "Officer Monica French said the road was closed.",  # a person
        "A caravan of Central American migrants reached the border.",  # a longer adjective
        "The African-American Affairs Commission met on Monday.",
        "The American Legion hosted a dinner.",  # an organisation's name
    ],
)
def test_no_country_where_the_adjective_names_none(text: str) -> None:
    assert demonyms(text) == {}


@pytest.mark.parametrize(
    "text",
    [
        "Le gouvernement français a répondu aux Allemands.",  # French adjectives: lower case
        "Les Français ont voté dimanche.",
    ],
)
def test_french_people_and_adjectives_are_no_places(text: str) -> None:
    assert demonyms(text, "fr") == {}


def test_the_json_says_which_mentions_are_demonyms() -> None:
    data = json.loads(to_json(parse("Russian jets flew over Aleppo.", language="en")))
    flags = {m["text"]: m["demonym"] for p in data["places"] for m in p["mentions"]}
    assert flags == {"Russian": True, "Aleppo": False}
