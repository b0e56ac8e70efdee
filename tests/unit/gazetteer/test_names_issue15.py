"""Alternate names that are words of the text find no place: one or two letters, direction
words, and country names in languages neither the text nor the country speaks."""

from __future__ import annotations

import pytest

from geo.gazetteer.entry import useful_alternate
from geo.gazetteer.index import open_gazetteer


@pytest.mark.parametrize(
    "name, useful",
    [
        ("No", False),  # Ho, Ghana
        ("‘Ai", False),  # ‘Ayy, Jordan: "AI"
        ("Sud", False),  # "Thalwil / Süd"
        ("Süd", False),
        ("Nord-Est", False),
        ("WAS", False),
        ("saul", False),
        ("Moskva", True),
        ("Damas", True),
        ("Kho", True),
    ],
)
def test_alternate_names_that_are_words_of_the_text_are_dropped(name, useful):
    assert useful_alternate(name) is useful


@pytest.mark.parametrize(
    "word, junk",
    [("No", "geonames:2300379"), ("AI", "geonames:250090"), ("End", "geonames:1269750")],
)
def test_words_find_no_place_through_a_junk_name(word, junk):
    assert junk not in {c.id for c in open_gazetteer().lookup(word)}


@pytest.mark.parametrize("word", ["End", "Shine", "Man", "Columbia"])
def test_country_names_only_in_the_texts_and_the_countrys_own_languages(word):
    assert not [c for c in open_gazetteer().lookup(word) if c.kind == "country"]


@pytest.mark.parametrize(
    "name, code", [("Deutschland", "DE"), ("Allemagne", "DE"), ("Saudi", "SA"), ("Guyane", "GF")]
)
def test_countries_keep_their_own_english_and_french_names(name, code):
    assert open_gazetteer().lookup(name)[0].country_code == code
