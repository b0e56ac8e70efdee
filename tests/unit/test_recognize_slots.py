"""Recognition keeps names in a place's slot and drops what only looks like one (issue 15),
on sentence shapes with the real models."""

import pytest

from geo.gazetteer.index import open_gazetteer
from geo.nlp.pipelines import load
from geo.recognize import recognize


def names(text, language):
    found = recognize([(load(language)(text), 0)], open_gazetteer().lookup)
    for t in found:
        assert text[t.start : t.end] == t.text
    return [t.text for t in found]


@pytest.mark.parametrize(
    "text, language, place, count",
    [
        # a headline taken for a person does not remove the country from the article
        ("Rethinking Egypt\n\nEgypt needs a new constitution, and Egypt's army knows it.", "en",
         "Egypt", 3),
        # "<City> Police" taken for a person does not remove the city
        ("Alexandria Police said the suspect fled. The shooting happened in Alexandria on "
         "Monday.", "en", "Alexandria", 2),
        # a reporter's name followed by "US" does not remove "US"
        ("By John Smith US\n\nThe US said talks would resume. US officials agreed.", "en", "US", 3),
    ],
)  # fmt: skip
def test_a_place_word_in_a_person_is_not_removed_elsewhere(text, language, place, count):
    assert names(text, language).count(place) >= count


@pytest.mark.parametrize(
    "text, language, place",
    [
        ("The festival draws visitors from Frankston every year.", "en", "Frankston"),  # ORG
        ("The bus made its way into Frankston for the match.", "en", "Frankston"),
        ("Fans set off fireworks inside Frankston and threw bottles.", "en", "Frankston"),
        ("She was born in Wichita Falls, Texas, in 1950.", "en", "Wichita Falls"),  # PERSON
        ("Les combats ont repris entre Alep et Homs, selon l'OSDH.", "fr", "Homs"),  # MISC
    ],
)
def test_a_known_name_in_a_place_slot_is_kept_whatever_its_label(text, language, place):
    assert place in names(text, language)


@pytest.mark.parametrize(
    "text, language, kept, dropped",
    [
        # "No" is an alternate name of Ho (Ghana), "MoD" of Maud (Oklahoma): a common word and
        # an acronym count only for a country or region, as "US" does
        ("When AFP called the Tianjin No. 2 Detention Centre, nobody answered.", "en",
         ["Tianjin"], ["No"]),
        ("The Ministry of Defence (MoD) said US troops were safe.", "en", ["US"], ["MoD"]),
        # an organisation in a place's slot counts by a place's own name only: "Samsung" is
        # an alternate name of Samseung (South Korea)
        ("Le tribunal a imposé une amende à Samsung, après une plainte déposée à Séoul.", "fr",
         ["Séoul"], ["Samsung"]),
    ],
)  # fmt: skip
def test_untrustworthy_alternate_names_are_not_places(text, language, kept, dropped):
    found = names(text, language)
    assert [k for k in kept if k not in found] == []
    assert [d for d in dropped if d in found] == []


@pytest.mark.parametrize(
    "text, language, places",
    [
        # a dateline after the headline, or after the byline's date
        ("Mansfield OKs refinancing $10.3 million in debt. MANSFIELD — The City Council met.",
         "en", ["MANSFIELD"]),
        ("By Vickie Welborn Gannett March 24, 2009 MANSFIELD -- The mayor wants a patrol.", "en",
         ["MANSFIELD"]),
        # a name whose last word is lower case
        ("Il vit en République dominicaine et travaille en Arabie saoudite.", "fr",
         ["République dominicaine", "Arabie saoudite"]),
        ("Le Premier ministre de la République tchèque est arrivé aux Émirats arabes unis.", "fr",
         ["République tchèque", "Émirats arabes unis"]),
    ],
)  # fmt: skip
def test_datelines_and_names_ending_in_lower_case(text, language, places):
    found = names(text, language)
    assert [p for p in places if p not in found] == []


@pytest.mark.parametrize(
    "text, language, place, storm",
    [
        ("Hurricane Florence hit the coast of Carolina on Friday.", "en", None, "Florence"),
        ("L'ouragan Sandy a touché Cuba.", "fr", "Cuba", "Sandy"),
    ],
)
def test_a_storm_named_like_a_place_is_not_one(text, language, place, storm):
    found = names(text, language)
    assert storm not in found
    assert place is None or place in found
