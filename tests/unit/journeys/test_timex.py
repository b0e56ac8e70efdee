"""Time expressions as written and their ISO values against a document date (geo.journeys.timex)."""

from __future__ import annotations

from datetime import date

import pytest

from geo.errors import InputError
from geo.journeys.timex import find_times, is_future, parse_date

REF = date(2023, 9, 5)  # a Tuesday
PAST, UNKNOWN, FUTURE = -1, 0, 1


@pytest.mark.parametrize(
    "language, text, direction, shown, value",
    [
        ("fr", "se rendre en Russie ce mois-ci", UNKNOWN, "ce mois-ci", "2023-09"),
        ("fr", "lors d'une visite en juillet", PAST, "en juillet", "2023-07"),
        ("fr", "il ira à Moscou en juillet", FUTURE, "en juillet", "2024-07"),
        ("fr", "a eu lieu en 2019, lorsque", UNKNOWN, "2019", "2019"),
        ("fr", "à Moscou le mois précédent", UNKNOWN, "le mois précédent", "2023-08"),
        ("fr", "la semaine prochaine", UNKNOWN, "la semaine prochaine", "2023-W37"),
        ("fr", "l'an dernier", UNKNOWN, "l'an dernier", "2022"),
        ("fr", "arrivé hier", UNKNOWN, "hier", "2023-09-04"),
        ("fr", "il y a deux semaines", UNKNOWN, "il y a deux semaines", "2023-W34"),
        ("fr", "arrivé lundi", PAST, "lundi", "2023-09-04"),
        ("fr", "lundi prochain", UNKNOWN, "lundi prochain", "2023-09-11"),
        ("fr", "le 12 octobre 2022", UNKNOWN, "le 12 octobre 2022", "2022-10-12"),
        ("fr", "en mars dernier", UNKNOWN, "en mars dernier", "2023-03"),
        ("fr", "ce week-end", UNKNOWN, "ce week-end", "2023-W36"),
        ("en", "last week", UNKNOWN, "last week", "2023-W35"),
        ("en", "next month", UNKNOWN, "next month", "2023-10"),
        ("en", "in July 2019", UNKNOWN, "in July 2019", "2019-07"),
        ("en", "two weeks ago", UNKNOWN, "two weeks ago", "2023-W34"),
        ("en", "in three days", UNKNOWN, "in three days", "2023-09-08"),
        ("en", "on September 12", FUTURE, "September 12", "2023-09-12"),
        ("en", "yesterday", UNKNOWN, "yesterday", "2023-09-04"),
        ("en", "next Monday", UNKNOWN, "next Monday", "2023-09-11"),
    ],
)
def test_expression_and_value(language, text, direction, shown, value):
    (found,) = find_times(text, REF, language=language, direction=direction)
    assert (found.text, found.value) == (shown, value)
    assert text[found.start : found.end] == found.text


@pytest.mark.parametrize(
    "language, text",
    [
        ("fr", "des obus de 122 et 152 mm"),
        ("fr", "2 000 soldats"),
        ("en", "May I go?"),
        ("fr", "depuis le début de la pandémie"),
        ("en", "the Marshall Plan"),
    ],
)
def test_no_time_where_there_is_none(language, text):
    assert find_times(text, REF, language=language) == []


def test_relative_times_need_a_date_absolute_ones_do_not():
    relative, absolute = find_times("le mois précédent, puis en juillet 2019", language="fr")
    assert (relative.value, absolute.value) == (None, "2019-07")


@pytest.mark.parametrize(
    "language, text, tense",
    [
        ("fr", "la semaine prochaine", 1),
        ("fr", "hier", -1),
        ("en", "in 2019", 0),
        ("fr", "ce mois-ci", 0),
    ],
)
def test_relative_words_tell_their_tense_without_a_date(language, text, tense):
    (found,) = find_times(text, language=language)
    assert found.tense == tense


def test_a_guessed_year_is_marked_uncertain():
    (found,) = find_times("en juillet", REF, language="fr", direction=PAST)
    assert not found.certain and find_times("en juillet 2023", REF, language="fr")[0].certain


@pytest.mark.parametrize(
    "language, text, value",
    [
        ("fr", "il y a un an", "2022"),  # French "an" is a year...
        ("en", "in an hour", None),  # ...English "an" is one: of no unit geo knows
        ("en", "a year ago", "2022"),
        ("fr", "l'an prochain", "2024"),
    ],
)
def test_an_is_a_year_in_french_and_one_in_english(language, text, value):
    found = find_times(text, REF, language=language)
    assert [t.value for t in found] == ([value] if value else [])


@pytest.mark.parametrize(
    "language, text",
    [
        ("fr", "last week"),  # English words in a French text are not read as times
        ("fr", "two weeks ago"),
        ("en", "la semaine prochaine"),
        ("en", "il y a deux semaines"),
        ("en", "two an ago"),  # "an" is no unit in English
        ("fr", "dans an ans"),  # nor a number in French
    ],
)
def test_each_language_reads_its_own_words_only(language, text):
    assert find_times(text, REF, language=language) == []


@pytest.mark.parametrize(
    "value, after",
    [("2023-09-06", True), ("2023-09", None), ("2023-W35", False), ("2019", False), ("2024", True)],
)
def test_is_future(value, after):
    assert is_future(value, REF) is after


def test_parse_date():
    assert parse_date("2023-09-05") == REF and parse_date(REF) == REF and parse_date(None) is None
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        parse_date("5 septembre")
