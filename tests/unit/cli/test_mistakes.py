"""geo's mistakes by class on hand-made gold toponyms and mentions: the one-to-one pairing by
overlap, the 161 km rule and its country exception, the optional toponyms that excuse a mention,
and the summary line of each class."""

import pytest

from geo.cli.mistakes import (
    FALSE,
    MISSED,
    WRONG_PLACE,
    Gold,
    Mistake,
    Predicted,
    classify,
    gold_toponyms,
    summary,
)

TEXT = "Crowds gathered near New York City Hall, not in Georgia."
NEW_YORK = Gold(21, 29, "New York", 40.71, -74.01)
CITY_HALL = Gold(30, 39, "City Hall", 40.71, -74.01)
GEORGIA = Gold(48, 55, "Georgia", 32.75, -83.5)  # the US state
GEORGIA_OPTIONAL = Gold(48, 55, "Georgia", 32.75, -83.5, optional=True)
GEORGIA_UNLOCATED = Gold(48, 55, "Georgia")


def geo(start, end, lat, lon, kind="city", country="US", name=None):
    return Predicted(start, end, TEXT[start:end], name or TEXT[start:end], lat, lon, kind, country)


WHOLE = geo(21, 39, 40.71, -74.01)  # "New York City Hall" read as one name
GEORGIA_STATE = geo(48, 55, 32.9, -83.4, kind="region")
GEORGIA_COUNTRY = geo(48, 55, 42.0, 43.5, kind="country", country="GE")


def errors(gold, found):
    return [(m.error, m.span.text) for m in classify("d", gold, found)]


@pytest.mark.parametrize(
    ("gold", "found", "expected"),
    [
        # one mention over two toponyms pairs with the larger overlap: the other is missed
        ([NEW_YORK, CITY_HALL], [WHOLE], [(MISSED, "New York")]),
        # two mentions over one toponym: the exact one pairs, the other is false
        ([GEORGIA], [GEORGIA_STATE, geo(48, 51, 32.9, -83.4)], [(FALSE, "Geo")]),
        ([GEORGIA], [], [(MISSED, "Georgia")]),
        ([], [GEORGIA_STATE], [(FALSE, "Georgia")]),
        ([GEORGIA_OPTIONAL], [], []),  # an optional toponym is never missed
        ([GEORGIA_OPTIONAL], [GEORGIA_COUNTRY], []),  # and excuses a mention over it
        ([GEORGIA], [GEORGIA_STATE], []),  # 20 km off
        ([GEORGIA], [GEORGIA_COUNTRY], [(WRONG_PLACE, "Georgia")]),
        ([GEORGIA_UNLOCATED], [GEORGIA_COUNTRY], []),  # recognition only: no place is wrong
        ([GEORGIA], [geo(48, 55, None, None)], [(WRONG_PLACE, "Georgia")]),  # no point
    ],
)
def test_each_class(gold, found, expected):
    assert errors(gold, found) == expected


FAR = (40.5, 42.0)  # 209 km from Georgia's GeoNames point, 42.0,43.5


def country(code, lat, lon):
    return Gold(48, 55, "Georgia", lat, lon, kind="country", country_code=code)


@pytest.mark.parametrize(
    ("gold", "found", "wrong"),
    [
        # a country is right by its code, wherever each side puts its point
        (country("GE", *FAR), GEORGIA_COUNTRY, False),
        # by distance otherwise: another code, or a place that is not a country
        (country("US", *FAR), GEORGIA_COUNTRY, True),
        (country("GE", *FAR), geo(48, 55, 42.0, 43.5, country="GE"), True),
        (Gold(48, 55, "Georgia", 43.3, 43.5), GEORGIA_COUNTRY, False),  # 145 km
        (Gold(48, 55, "Georgia", 43.5, 43.5), GEORGIA_COUNTRY, True),  # 167 km
    ],
)
def test_161_km_and_the_country_code(gold, found, wrong):
    assert (errors([gold], [found]) == [(WRONG_PLACE, "Georgia")]) is wrong


def test_the_wrong_place_keeps_the_distance():
    [mistake] = classify("d", [GEORGIA], [GEORGIA_COUNTRY])
    assert mistake.gold == GEORGIA and mistake.geo == GEORGIA_COUNTRY
    assert 2_000 < mistake.km < 11_000


def test_the_gold_toponyms_that_fit_the_text_each_once():
    toponyms = [
        {"start": 48, "end": 55, "text": "Georgia", "lat": 32.75, "lon": -83.5},
        {"start": 48, "end": 55, "text": "Georgia", "lat": 32.75, "lon": -83.5},  # twice
        {"start": 48, "end": 55, "text": "Gaza"},  # not the text's
        {"start": 50, "end": 99, "text": "orgia."},  # out of the text
        {"start": 21, "end": 29, "lat": 40.7, "lon": None, "optional": True},  # half a point
        {"start": 30, "end": 39, "lat": True, "lon": 1.0, "kind": "country", "country_code": "US"},
        "not a toponym",
    ]
    assert gold_toponyms(TEXT, toponyms) == (
        GEORGIA,
        Gold(21, 29, "New York", optional=True),
        Gold(30, 39, "City Hall", kind="country", country_code="US"),
    )
    assert gold_toponyms(TEXT, None) == ()


def mistakes(*cases):
    """Mistakes of a class by text ("missed Gaza"), each case as many times as it is given."""
    made = []
    for case in cases:
        error, text = case.split(" ", 1)
        gold = Gold(0, len(text), text, 31.5, 34.47)
        if error == WRONG_PLACE:
            made.append(
                Mistake(error, "d", gold, Predicted(0, 7, text, text, 42.0, 43.5, "country", "GE"))
            )
        elif error == FALSE:
            made.append(
                Mistake(error, "d", None, Predicted(0, 7, text, text, 1.0, 2.0, "city", None))
            )
        else:
            made.append(Mistake(error, "d", gold, None))
    return made


def test_the_summary_counts_each_class_and_shows_the_most_frequent():
    made = mistakes(
        "missed Gaza",
        "missed Washington",
        "missed Washington",
        "missed Ohio",
        "wrong_place Georgia",
        "wrong_place Georgia",
    )
    assert summary(made, 2, located=True) == [
        "missed: 4 — Washington ×2, Gaza ×1, ...",
        "false: 0",
        "wrong place: 2 — Georgia (gold 31.5,34.5; geo GE) ×2",
    ]


def test_the_summary_says_no_place_is_wrong_without_gold_points():
    made = mistakes("false New\nYork")
    assert summary(made, 5, located=False) == [
        "missed: 0",
        "false: 1 — New York ×1",  # the text on one line
        "wrong place: - (no gold coordinates)",
    ]
