"""Time expressions as written and their ISO values against a document date (geo.journeys.timex)."""

from __future__ import annotations

from datetime import date

import pytest

from geo.errors import InputError
from geo.journeys.timex import find_times, is_future, parse_date

REF = date(2023, 9, 5)  # a Tuesday
PAST, UNKNOWN, FUTURE = -1, 0, 1


@pytest.mark.parametrize(
    "text, direction, shown, value",
    [
        ("se rendre en Russie ce mois-ci", UNKNOWN, "ce mois-ci", "2023-09"),
        ("lors d'une visite en juillet", PAST, "en juillet", "2023-07"),
        ("il ira à Moscou en juillet", FUTURE, "en juillet", "2024-07"),
        ("a eu lieu en 2019, lorsque", UNKNOWN, "2019", "2019"),
        ("à Moscou le mois précédent", UNKNOWN, "le mois précédent", "2023-08"),
        ("la semaine prochaine", UNKNOWN, "la semaine prochaine", "2023-W37"),
        ("l'an dernier", UNKNOWN, "l'an dernier", "2022"),
        ("arrivé hier", UNKNOWN, "hier", "2023-09-04"),
        ("il y a deux semaines", UNKNOWN, "il y a deux semaines", "2023-W34"),
        ("arrivé lundi", PAST, "lundi", "2023-09-04"),
        ("lundi prochain", UNKNOWN, "lundi prochain", "2023-09-11"),
        ("le 12 octobre 2022", UNKNOWN, "le 12 octobre 2022", "2022-10-12"),
        ("en mars dernier", UNKNOWN, "en mars dernier", "2023-03"),
        ("ce week-end", UNKNOWN, "ce week-end", "2023-W36"),
        ("last week", UNKNOWN, "last week", "2023-W35"),
        ("next month", UNKNOWN, "next month", "2023-10"),
        ("in July 2019", UNKNOWN, "in July 2019", "2019-07"),
        ("two weeks ago", UNKNOWN, "two weeks ago", "2023-W34"),
        ("in three days", UNKNOWN, "in three days", "2023-09-08"),
        ("on September 12", FUTURE, "September 12", "2023-09-12"),
        ("yesterday", UNKNOWN, "yesterday", "2023-09-04"),
        ("next Monday", UNKNOWN, "next Monday", "2023-09-11"),
    ],
)
def test_expression_and_value(text, direction, shown, value):
    (found,) = find_times(text, REF, direction=direction)
    assert (found.text, found.value) == (shown, value)
    assert text[found.start : found.end] == found.text


@pytest.mark.parametrize(
    "text",
    [
        "des obus de 122 et 152 mm",
        "2 000 soldats",
        "May I go?",
        "depuis le début de la pandémie",
        "the Marshall Plan",
    ],
)
def test_no_time_where_there_is_none(text):
    assert find_times(text, REF) == []


def test_relative_times_need_a_date_absolute_ones_do_not():
    relative, absolute = find_times("le mois précédent, puis en juillet 2019")
    assert (relative.value, absolute.value) == (None, "2019-07")


@pytest.mark.parametrize(
    "text, tense", [("la semaine prochaine", 1), ("hier", -1), ("in 2019", 0), ("ce mois-ci", 0)]
)
def test_relative_words_tell_their_tense_without_a_date(text, tense):
    (found,) = find_times(text)
    assert found.tense == tense


def test_a_guessed_year_is_marked_uncertain():
    (found,) = find_times("en juillet", REF, direction=PAST)
    assert not found.certain and find_times("en juillet 2023", REF)[0].certain


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
