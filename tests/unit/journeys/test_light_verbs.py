"""A light verb whose object (or particle) is a motion noun moves: "poursuit sa route vers",
"a fait route vers", "a pris la direction de", "a touché terre à", "made landfall in", "set sail
for", "took off for" (the packs' `light_motion` pairs); an adjective makes the phrase figurative
("route commune", "fausse route") and another noun is no motion ("made headway")."""

from __future__ import annotations

import pytest

from geo.lang import pack
from geo.lang.base import MOTION, Lexicon
from geo.pipeline import parse

DATE = "2023-09-05"

# one sentence per shape: language, text, the destination, the traveler
SHAPES = [
    ("fr", "Le cyclone poursuit sa route vers Madagascar.", "Madagascar", "Le cyclone"),
    ("fr", "La tempête continue sa route vers Okinawa.", "Okinawa", "La tempête"),
    ("fr", "Le navire a fait route vers Brest.", "Brest", "Le navire"),
    ("fr", "Le convoi a pris la direction de Lyon.", "Lyon", "Le convoi"),
    ("fr", "Le bateau a pris la route de Marseille.", "Marseille", "Le bateau"),
    ("fr", "L'ouragan a touché terre à Okinawa.", "Okinawa", "L' ouragan"),
    ("en", "The hurricane made landfall in Florida.", "Florida", "The hurricane"),
    ("en", "The fleet set sail for Lisbon.", "Lisbon", "The fleet"),
    ("en", "The plane took off for Rome.", "Rome", "The plane"),
]

NO_JOURNEY = [
    ("fr", "Il a fait route commune avec Paris."),
    ("fr", "Le gouvernement fait fausse route à Paris."),
    ("en", "The plan made headway in Berlin."),
]


@pytest.mark.parametrize(("language", "text", "destination", "traveler"), SHAPES)
def test_light_verb_and_motion_noun_make_a_journey(language, text, destination, traveler):
    result = parse(text, language=language, date=DATE)
    name = {p.id: p.name for p in result.places}
    assert [(name[r.to_id], r.traveler) for r in result.routes] == [(destination, traveler)]


@pytest.mark.parametrize(("language", "text"), NO_JOURNEY)
def test_figurative_or_other_nouns_make_no_journey(language, text):
    assert parse(text, language=language, date=DATE).routes == ()


def test_set_sail_is_no_schedule():
    # "set" is a word of plans ("set to visit"); as the light verb of "set sail" it is not
    (route,) = parse("The fleet set sail for Lisbon.", language="en", date=DATE).routes
    assert route.status == "past"


def test_light_motion_is_a_category_of_both_packs():
    assert "light_motion" in MOTION
    assert Lexicon({"light_motion": ("faire_route",)}).words("light_motion")
    for code in ("en", "fr"):
        assert pack(code).motion.words("light_motion")
