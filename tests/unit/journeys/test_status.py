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
