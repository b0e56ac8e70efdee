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
        ("en", "on September 12", FUTURE, "on September 12", "2023-09-12"),
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
        ("fr", "à 2 000 mètres"),  # a clock time has its hour's mark ("0h50", "3 p.m.", "10:30")
        ("en", "at 10 Downing Street"),
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


# When journeys of news happen, as the dev sets' annotators wrote it (gwn, frnews): the words
# that bound a time ("by", "before the end of", "avant"), the "on" before a day, a part of the
# day and a clock time next to it are part of what the text says.
@pytest.mark.parametrize(
    "language, text, direction, shown, value",
    [
        ("en", "heading to Hawaii, all before the end of March", FUTURE,
         "before the end of March", "2024-03"),
        ("en", "a trip to Thailand before the end of the year", FUTURE,
         "before the end of the year", "2023"),
        ("en", "they plan to reach Tianjin by next Friday", FUTURE, "by next Friday", "2023-09-08"),
        ("en", "will appear at a forum in Red Oak this weekend", FUTURE, "this weekend", "2023-W36"),
        ("en", "when Trump visited Riyadh last year", PAST, "last year", "2022"),
        ("en", "washed up on the foreshore on March 28, but", PAST, "on March 28", "2023-03-28"),
        ("en", "made its way into Anfield on Wednesday evening", PAST,
         "on Wednesday evening", "2023-08-30"),
        ("en", "left the compound on Saturday to fly to Moscow", PAST, "on Saturday", "2023-09-02"),
        ("en", "He arrived Tuesday, Sept. 5, in Kyiv", PAST, "Tuesday, Sept. 5", "2023-09-05"),
        ("fr", "la tournée de l'équipe en Italie en novembre", FUTURE, "en novembre", "2023-11"),
        ("fr", "la tournée de l'équipe en Italie en novembre", PAST, "en novembre", "2022-11"),
        ("fr", "Damrey est attendu jeudi, au nord de Shangai", FUTURE, "jeudi", "2023-09-07"),
        ("fr", "Damrey a touché terre jeudi", PAST, "jeudi", "2023-08-31"),
        ("fr", "l'alerte orange ce dimanche dans 33 départements", PAST, "ce dimanche", "2023-09-03"),
        ("fr", "il se rendra ce dimanche à Lyon", FUTURE, "ce dimanche", "2023-09-10"),
        ("fr", "se rendra aujourd'hui en Guyane", FUTURE, "aujourd'hui", "2023-09-05"),
        ("fr", "il partira demain pour Dakar", FUTURE, "demain", "2023-09-06"),
        ("fr", "arrivé mercredi soir à Brest", PAST, "mercredi soir", "2023-08-30"),
        ("fr", "il sera à Rome avant la fin mars", FUTURE, "avant la fin mars", "2024-03"),
        ("fr", "il ira à Pékin d'ici la fin de l'année", FUTURE, "d'ici la fin de l'année", "2023"),
        ("fr", "reçu le mardi 5 septembre 2023 à l'Élysée", PAST, "le mardi 5 septembre 2023",
         "2023-09-05"),
        ("fr", "il était à Paris ce week-end", PAST, "ce week-end", "2023-W35"),  # the last one
        ("fr", "il sera à Paris ce week-end", FUTURE, "ce week-end", "2023-W36"),
        ("fr", "le 29 février", PAST, "le 29 février", "2020-02-29"),  # the leap year before (was None)
        ("fr", "le 29 février", FUTURE, "le 29 février", "2024-02-29"),  # or after
    ],
)  # fmt: skip
def test_news_shapes(language, text, direction, shown, value):
    (found,) = find_times(text, REF, language=language, direction=direction)
    assert (found.text, found.value) == (shown, value)


# A clock time is a time of the day next to it, whose value it takes; alone, of the document's
# day, a guess (the night before is as likely: "Arrivé à 0h50, il a annoncé ce matin..."), so
# its value is uncertain and tells no tense. dateparser reads "à 0h50" as the document's day too.
@pytest.mark.parametrize(
    "language, text, shown, value",
    [
        ("fr", "Arrivé mardi à 0h50 aux Sables", "mardi à 0h50", "2023-09-05"),
        (
            "fr",
            "il a annoncé ce matin, vers 7h30, son abandon",
            "ce matin, vers 7h30",
            "2023-09-05",
        ),
        ("fr", "arrivé dimanche vers 14 h 30", "dimanche vers 14 h 30", "2023-09-03"),
        ("en", "The bus left at 3 p.m. Wednesday, then", "at 3 p.m. Wednesday", "2023-08-30"),
        ("en", "landed at 1:33 p.m. on Thursday", "at 1:33 p.m. on Thursday", "2023-08-31"),
    ],
)
def test_a_clock_time_is_part_of_the_day_next_to_it(language, text, shown, value):
    (found,) = find_times(text, REF, language=language, direction=PAST)
    assert (found.text, found.value) == (shown, value)


@pytest.mark.parametrize(
    "language, text, shown",
    [
        ("fr", "Arrivé à 0h50, il", "à 0h50"),
        ("en", "It landed at 10:30 a.m. in Rome", "at 10:30 a.m."),
    ],
)
def test_a_clock_time_alone_is_of_the_document_day_a_guess(language, text, shown):
    (found,) = find_times(text, REF, language=language, direction=PAST)
    assert (found.text, found.value, found.certain, found.tense) == (shown, "2023-09-05", False, 0)
    assert find_times(text, language=language)[0].value is None


# dateparser 1.5.0 (issue 14) reads none of these, or reads them otherwise: each line's comment
# is its reading of the same words with the same document date and PREFER_DATES_FROM 'past' or
# 'future' as the direction says ('current_period' when unknown). The values stay hand-written.
@pytest.mark.parametrize(
    "language, text, direction, value",
    [
        ("fr", "lundi prochain", UNKNOWN, "2023-09-11"),  # None
        ("fr", "dimanche dernier", UNKNOWN, "2023-09-03"),  # None
        ("fr", "en mars dernier", UNKNOWN, "2023-03"),  # None
        ("fr", "le mois précédent", UNKNOWN, "2023-08"),  # None
        ("fr", "la semaine passée", UNKNOWN, "2023-W35"),  # None
        ("fr", "l'an dernier", UNKNOWN, "2022"),  # None
        ("fr", "il y a quelques jours", UNKNOWN, "2023-09-02"),  # None
        ("fr", "ce week-end", FUTURE, "2023-W36"),  # None
        ("fr", "ce matin", UNKNOWN, "2023-09-05"),  # None
        ("fr", "ce dimanche", PAST, "2023-09-03"),  # None
        ("fr", "mi-mars", PAST, "2023-03"),  # None
        ("fr", "au mois de juillet", PAST, "2023-07"),  # None
        ("fr", "le 3 may", PAST, "2023-05-03"),  # None ("may": mai in old papers)
        ("en", "last March", UNKNOWN, "2023-03"),  # None
        ("en", "early March", PAST, "2023-03"),  # None
        ("en", "the past week", UNKNOWN, "2023-W35"),  # None
        ("en", "a few days ago", UNKNOWN, "2023-09-02"),  # None
        ("en", "this weekend", FUTURE, "2023-W36"),  # None
        ("en", "before the end of March", FUTURE, "2024-03"),  # None
        # the document's own weekday, date or month: dateparser moves it a week or a year away
        ("en", "Tuesday", PAST, "2023-09-05"),  # 2023-08-29
        ("fr", "mardi", FUTURE, "2023-09-05"),  # 2023-09-12
        ("en", "September 5", FUTURE, "2023-09-05"),  # 2024-09-05
        ("fr", "en septembre", FUTURE, "2023-09"),  # 2024-09
    ],
)
def test_values_dateparser_does_not_give(language, text, direction, value):
    assert [t.value for t in find_times(text, REF, language=language, direction=direction)] == [
        value
    ]


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
