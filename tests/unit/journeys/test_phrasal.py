"""Phrasal verbs of arriving and passing ("ended up in", "washed up on", "passed through") are
motion verbs with their particle or preposition only, and with no object ("ended up a draw"); a
place under the adjective that says the traveler's state ("ended up stranded in") is the verb's
own."""

from __future__ import annotations

import pytest

from tests.helpers import destinations


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Two fishermen ended up in Palermo after the storm.", "Palermo"),
        ("Hundreds of migrants ended up stranded in Calais last winter.", "Calais"),
        ("Dozens of dead dolphins washed up on the beaches of Cornwall.", "Cornwall"),
        ("The convoy passed through Kabul on Tuesday.", "Kabul"),
    ],
)
def test_a_phrasal_verb_of_arriving_goes_there(text: str, place: str) -> None:
    assert destinations(text, "en") == [place]


@pytest.mark.parametrize(
    "text",
    [
        "The talks ended in Geneva on Friday.",  # no particle: no journey
        "The bill passed in Texas after a long debate.",
        "The match ended up a draw in Madrid.",  # a result, not a place the subject reached
        "The rebels set off a bomb in Madrid.",
    ],
)
def test_the_verb_alone_is_no_journey(text: str) -> None:
    assert destinations(text, "en") == []
