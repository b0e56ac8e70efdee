"""The JSON output read back: every nested type rebuilt exactly, and input that is not a
result as one clear line."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from geo.errors import InputError
from geo.export.formats import to_dict, to_json
from geo.export.read import from_dict, from_json
from tests.helpers import (
    INJECTIONS,
    SCRIPT,
    TEMPLATE_PAYLOADS,
    TRIP,
    hostile_result,
    many_journeys,
    synthetic_result,
)

SAMPLES = {
    "trip": TRIP,
    "trip with warnings": replace(TRIP, warnings=("the provider failed", "<b>again</b>")),
    "many journeys": many_journeys(),
    "synthetic": synthetic_result(40, seed=3),
    "hostile script": hostile_result(SCRIPT),
    **{f"hostile {i}": hostile_result(p) for i, p in enumerate(INJECTIONS + TEMPLATE_PAYLOADS)},
}


@pytest.mark.parametrize("result", SAMPLES.values(), ids=SAMPLES.keys())
def test_a_result_comes_back_whole(result):
    assert from_dict(to_dict(result, include_text=True)) == result
    assert from_json(to_json(result), text=result.text) == result


def test_the_sample_article_comes_back_whole(seed_result):
    assert seed_result.places and seed_result.routes
    assert any(p.alternatives for p in seed_result.places)
    again = from_dict(json.loads(json.dumps(to_dict(seed_result, include_text=True))))
    assert again == seed_result
    assert type(again.places[0].mentions) is tuple
    assert type(again.places[0].lat) is float


def test_a_whole_number_is_read_as_the_float_it_stands_for():
    data = to_dict(TRIP, include_text=True)
    data["places"][0]["lat"] = 43
    assert from_dict(data).places[0].lat == 43.0
    assert type(from_dict(data).places[0].lat) is float


def trip(**changes) -> dict:
    """TRIP's JSON form (with its text), changed by a function of it per key."""
    data = json.loads(json.dumps(to_dict(TRIP, include_text=True)))
    for change in changes.values():
        change(data)
    return data


BAD = [
    ("a list", [], "result: an object expected, not []"),
    ("no id", trip(drop=lambda d: d.pop("id")), "result: no 'id'"),
    (
        "a string for a number",
        trip(lat=lambda d: d["places"][1].update(lat="north")),
        "result.places[1].lat: a number expected, not 'north'",
    ),
    (
        "a bool for a number",
        trip(lat=lambda d: d["places"][0].update(confidence=True)),
        "result.places[0].confidence: a number expected, not True",
    ),
    (
        "a number for a string",
        trip(name=lambda d: d["passages"][0].update(text=7)),
        "result.passages[0].text: a string expected, not 7",
    ),
    (
        "an object for a list",
        trip(mentions=lambda d: d["places"][0].update(mentions={})),
        "result.places[0].mentions: a list expected, not {}",
    ),
    (
        "a null for an integer",
        trip(start=lambda d: d["places"][0]["mentions"][0].update(start=None)),
        "result.places[0].mentions[0].start: an integer expected, not None",
    ),
    (
        "a route without its destination",
        trip(to=lambda d: d["routes"][0].pop("to")),
        "result.routes[0]: no 'to_id'",
    ),
    (
        "an unknown field",
        trip(extra=lambda d: d["routes"][2].update(speed=3)),
        "result.routes[2]: unknown field 'speed'",
    ),
    (
        "a long value",
        trip(name=lambda d: d["places"][0].update(name=["x" * 100])),
        "result.places[0].name: a string expected, not ['xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…",
    ),
]


@pytest.mark.parametrize(("data", "message"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_what_is_not_a_result_is_one_clear_line(data, message):
    with pytest.raises(InputError) as caught:
        from_dict(data)
    assert str(caught.value) == message


def test_a_result_without_its_text_needs_it_given():
    with pytest.raises(InputError, match="^the result has no text: give the document's text"):
        from_json(to_json(TRIP))


@pytest.mark.parametrize("document", ["", "{", "[1, 2", "\x00"])
def test_what_is_not_json_is_one_clear_line(document):
    with pytest.raises(InputError) as caught:
        from_json(document, text="x")
    assert str(caught.value).startswith("not a JSON result: ")
    assert "\n" not in str(caught.value)
