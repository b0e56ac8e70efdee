"""French and English words stay in their own pack: the words both packs share are listed here,
each for a reason, and a word of one language does nothing in a text of the other."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from geo.journeys.timex import find_times
from geo.lang import Names, Times, pack
from geo.lang.base import MOTION
from geo.pipeline import parse

FR, EN = pack("fr"), pack("en")
NEWSPAPERS = {
    *"times post journal herald tribune gazette news daily globe chronicle observer".split(),
    *"telegraph standard express mail today press review magazine examiner sentinel".split(),
    *"inquirer monde matin figaro soir libération parisien presse courrier dépêche".split(),
    "républicain",
}
# the words both packs hold, set by set, and why
SHARED = {
    # French and English news cite each other's press ("le New York Times")
    "names.media": NEWSPAPERS,
    # words of both languages
    "names.weapons": {"missile", "missiles", "drone", "drones", "icbm", "destroyer"},
    # "cyclone" names a storm in both languages ("Cyclone Idai" is no place)
    "names.titles": {"dr", "dr.", "saint", "cyclone"},
    "names.locative": {"via"},
    "motion.mode": {"train", "jet", "ferry", "bus"},
    "motion.noun": {"voyage", "extradition"},
    # English borrowed "en route" from French
    "motion.path": {"route"},
    "motion.path_phrase": {"en"},
    "motion.place_noun": {"village", "province", "prison", "campus"},  # the same in both
    "motion.hypothetical": {"possible"},
    "motion.plural_letter": {"s"},
    "times.months": {"sept.", "oct.", "nov.", "may"},  # "may": mai in old French papers
    "times.numbers": {"six"},
    "times.units": {"week-end", "weekend"},
    "times.weekend": {"week-end", "weekend"},
    # a hyphen, and "del" of Spanish names, join the words of a place's name in any text
    "names.connectors": {"-", "del"},
    # English texts name places with a French article ("the Des Moines Register" is a
    # newspaper, not Des Moines): the mixed set both languages shared trimmed it
    "names.leading": {"des"},
}


def word_sets() -> dict[str, tuple[set[str], set[str]]]:
    """Every word set of the two packs by name: (French words, English words)."""
    found = {}
    for field in dataclasses.fields(Names):
        found[f"names.{field.name}"] = (
            getattr(FR.names, field.name),
            getattr(EN.names, field.name),
        )
    for category in MOTION:
        found[f"motion.{category}"] = (FR.motion.words(category), EN.motion.words(category))
    for field in dataclasses.fields(Times):
        found[f"times.{field.name}"] = (
            getattr(FR.times, field.name),
            getattr(EN.times, field.name),
        )
    found["common"] = (FR.common, EN.common)
    return {name: (set(fr), set(en)) for name, (fr, en) in found.items()}


@pytest.mark.parametrize("name", sorted(word_sets()))
def test_the_packs_share_only_the_words_listed(name):
    french, english = word_sets()[name]
    assert french & english == SHARED.get(name, set())


def test_a_demonym_of_both_languages_names_one_country():
    shared = FR.demonyms.keys() & EN.demonyms.keys()  # "afghan", "thaï" and "Thai"
    assert shared and all(FR.demonyms[w] == EN.demonyms[w] for w in shared)
    assert FR.demonym("nord-coréenne") == "KP" and EN.demonym("nord-coréenne") is None
    assert EN.demonym("North Korean") == "KP" and FR.demonym("North Korean") is None


def test_an_is_a_year_in_french_and_one_in_english():
    assert FR.times.units["an"] == "year" and "an" not in FR.times.numbers
    assert EN.times.numbers["an"] == 1 and "an" not in EN.times.units
    assert [t.value for t in find_times("il y a un an", date(2023, 9, 5), language="fr")] == [
        "2022"
    ]


@pytest.mark.parametrize(
    "language, text",
    [
        ("fr", "Il est arrivé last week, puis two weeks ago."),
        ("en", "He arrived la semaine dernière, il y a deux semaines."),
    ],
)
def test_time_words_of_the_other_language_are_no_time(language, text):
    assert find_times(text, None, language=language) == []


def test_en_is_a_french_preposition_of_transport_not_an_english_one():
    assert "en" in FR.motion.words("by") and "en" not in EN.motion.words("by")
    french = parse("Le ministre a voyagé en train vers Nairobi.", language="fr")
    english = parse("The minister travelled en train to Nairobi.", language="en")
    assert [r.mode for r in french.routes] == ["train"]
    assert [r.mode for r in english.routes] == [None]
