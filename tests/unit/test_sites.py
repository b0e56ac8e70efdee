"""A named site ("le pont Wilson", "la place Bellecour") is one name with its common noun; one
the gazetteer does not know stands in the town the text puts it in: named right after it by
linking words only, else the latest town named before it; with no such town, it is no place."""

from __future__ import annotations

import pytest

from geo import parse


def sites(text: str, language: str = "fr") -> dict[str, str]:
    """Each place placed by its context: its name and where it was put (the reason's)."""
    result = parse(text, language=language)
    return {p.name: p.reason for p in result.places if p.source == "context"}


@pytest.mark.parametrize(
    ("text", "site", "town"),
    [
        ("Un incendie a ravagé le pont Wilson de Tours dimanche.", "pont Wilson", "Tours"),
        ("Les manifestants se sont réunis place Bellecour à Lyon.", "place Bellecour", "Lyon"),
        ("Deux randonneurs ont chuté au col du Galibier, près de Briançon.", "col du Galibier",
         "Briançon"),
        # no town after it: the latest one named before
        ("Le maire de Tours a parlé. Le pont Wilson restera fermé.", "pont Wilson", "Tours"),
    ],
)  # fmt: skip
def test_a_site_stands_in_the_town_the_text_puts_it_in(text: str, site: str, town: str) -> None:
    found = sites(text)
    assert list(found) == [site]
    assert town in found[site]


def test_one_site_named_twice_is_one_place() -> None:
    text = "Le pont Wilson de Tours a brûlé. Le pont Wilson restera fermé."
    result = parse(text, language="fr")
    (site,) = [p for p in result.places if p.source == "context"]
    assert [m.text for m in site.mentions] == ["pont Wilson", "pont Wilson"]


@pytest.mark.parametrize(
    "text",
    [
        "Le pont Wilson restera fermé tout l'été.",  # no town anywhere
        # the place after it is not where it is: other words come between
        "Un supporter au stade Bollaert, d'un club venu de Nantes.",
    ],
)
def test_no_town_no_place(text: str) -> None:
    assert sites(text) == {}


def test_a_former_region_after_its_word_is_the_region() -> None:
    result = parse("Le record sera battu dans la région Centre.", language="fr")
    assert [(p.kind, p.country_code) for p in result.places] == [("region", "FR")]


@pytest.mark.parametrize(
    ("text", "site", "town"),
    [
        ("Police closed Third Street in Manhattan after the fire.", "Third Street", "Manhattan"),
        ("Protesters gathered outside Trump Tower in New York.", "Trump Tower", "New York"),
        # a street named after a place is the street, not that place
        ("The office on Northumberland Avenue in London shut.", "Northumberland Avenue", "London"),
    ],
)  # fmt: skip
def test_an_english_site_ends_with_its_noun(text: str, site: str, town: str) -> None:
    found = sites(text, "en")
    assert list(found) == [site]
    assert town in found[site]


def test_the_street_is_no_name() -> None:
    assert sites("In Leeds, The Street is a soap everyone watches.", "en") == {}
