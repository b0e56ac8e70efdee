"""A journey's status from the grammar of its clause: a trip noun or a verb with no tense of its
own takes that of the clause it hangs on, a present progressive is under way (past), a present
tense in a "when" clause takes the main clause's future; a condition stays hypothetical."""

from __future__ import annotations

import pytest

from geo.pipeline import parse

DATE = "2023-09-05"

# one sentence per shape: language, text, the destination, its status
SHAPES = [
    ("en", "Trips to Lagos have put pressure on the minister.", "Lagos", "past"),
    ("fr", "Sa visite à Berlin a provoqué la colère des syndicats.", "Berlin", "past"),
    ("en", "The minister is visiting Lagos.", "Lagos", "past"),
    ("en", "The minister left Paris on Monday to fly to Rome.", "Rome", "past"),
    ("fr", "Le ministre a préféré rentrer à Paris.", "Paris", "past"),
    ("en", "The minister will meet the mayor and then fly to Rome.", "Rome", "planned"),
    ("en", "The museum will reopen in June when the troupe returns to Rome.", "Rome", "planned"),
    ("fr", "Le musée rouvrira en juin quand la troupe rentre à Rome.", "Rome", "planned"),
    ("en", "He would travel to Berlin if the war ended.", "Berlin", "hypothetical"),
    # a main clause's present is under way
    ("fr", "Le typhon poursuit sa route vers Taiwan.", "Taiwan", "past"),
    ("en", "The president heads to Paris with his wife.", "Paris", "past"),
    ("fr", "Le ministre est en train de se rendre à Berlin.", "Berlin", "past"),
    # a threat or a risk is not a journey made
    ("en", "The family faces deportation to Turkey.", "Turkey", "hypothetical"),
    ("fr", "Il risque une expulsion vers la Turquie.", "Turkey", "hypothetical"),
    # refused, prevented, demanded or alleged: a journey that may not be
    ("en", "The minister refused to travel to Moscow.", "Moscow", "hypothetical"),
    ("fr", "Le ministre a refusé de se rendre à Moscou.", "Moscow", "hypothetical"),
    ("en", "The opposition leader was barred from returning to Libya.", "Libya", "hypothetical"),
    ("fr", "L'opposant a été empêché de rentrer en Libye.", "Libya", "hypothetical"),
    ("en", "The suspect allegedly travelled to Syria in 2014.", "Syria", "hypothetical"),
    ("fr", "Le suspect est accusé de s'être rendu en Syrie.", "Syria", "hypothetical"),
    ("fr", "Le syndicat exige que le ministre vienne à Lyon.", "Lyon", "hypothetical"),
    # a present participle after a preposition takes the main clause's tense
    ("en", "After returning to Paris, the minister met the president.", "Paris", "past"),
    # a participle takes the status of the clause whose subject it qualifies
    (
        "en",
        "Russians travelling to Britain could face provocations.",
        "United Kingdom",
        "hypothetical",
    ),
    # "set off" is a start, not a schedule
    ("en", "The group set off on Wednesday on a march to Tianjin.", "Tianjin", "past"),
    ("en", "People due to be expelled to Turkey are detained there.", "Turkey", "planned"),
    ("fr", "Les migrants censés être expulsés vers la Turquie sont détenus.", "Turkey", "planned"),
    # a journey's own future date outranks the tense of the clause it hangs on
    ("en", "The team was handed a boost for its trip to Leeds next Saturday.", "Leeds", "planned"),
    ("en", "We have members heading to Guam next week.", "Guam", "planned"),
    # a conditional the lemma table does not know, read by its ending; reported by a verb of
    # saying through a coordinated clause
    (
        "fr",
        "Il a affirmé qu'ils resteraient et qu'ils participeraient à la tournée en Italie.",
        "Italy",
        "planned",
    ),
    (
        "fr",
        "Ils participeraient à la tournée en Italie si le club payait.",
        "Italy",
        "hypothetical",
    ),
]


@pytest.mark.parametrize(("language", "text", "destination", "expected"), SHAPES)
def test_status_from_the_governing_clause(language, text, destination, expected):
    result = parse(text, language=language, date=DATE)
    name = {p.id: p.name for p in result.places}
    assert [(name[r.to_id], r.status) for r in result.routes] == [(destination, expected)]


def test_en_train_de_is_no_train():
    (route,) = parse("Le ministre est en train de se rendre à Berlin.", language="fr").routes
    assert route.mode is None and route.mode_kind is None


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "The minister cancelled his trip to Paris."),
        ("en", "The minister called off his visit to Paris."),
        ("en", "The minister cancelled his trip to Paris and called for calm."),
        ("fr", "Le ministre a annulé sa visite à Paris."),
        ("fr", "Le ministre ne se rendra pas à Paris."),
    ],
)
def test_a_cancelled_or_denied_journey_is_none(language, text):
    assert parse(text, language=language, date=DATE).routes == ()
