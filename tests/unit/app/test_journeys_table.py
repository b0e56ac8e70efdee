"""The journeys list of a round-up of 22 journeys: every journey a row, in reading order, with
its traveler (in the colour of its arcs), from -> to, when, how and status, nothing cut."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from geo.app.safe_html import journey_mode, journey_rows
from geo.app.state import KEYS
from geo.maps.document import route_colours
from geo.model import Route
from tests.helpers import MANY_LEGS, many_journeys

MANY = many_journeys()


def test_every_journey_is_a_row_in_reading_order_with_all_it_says():
    rows = journey_rows(MANY)
    assert len(rows) == len(MANY.routes) == len(MANY_LEGS) == 22
    starts = [r.evidence_start for r in MANY.routes]
    assert starts == sorted(starts)  # the round-up tells them in this order
    names = {p.id: p.name for p in MANY.places}
    for row, leg in zip(rows, MANY_LEGS, strict=True):
        _, _, who, start, end, status, mode, _, when, why, _, _ = leg
        origin = names.get(start, "?")
        assert row["Traveler"] == (who or "—")
        assert row["From → To"] == f"{f'({origin})' if why else origin} → {names[end]}"
        assert row["When"] == (when or "") and row["Status"] == status
        assert row["How"].startswith(mode or "")
    assert rows[0] == {
        "Traveler": "Kim Jong Un",
        "From → To": "Pyongyang → Vladivostok",
        "When": "on Monday",
        "How": "armoured train",
        "Status": "past",
    }
    assert rows[-1]["From → To"] == "? → Tokyo"  # not drawn on the map, but listed


@pytest.mark.parametrize(
    "mode, kind, shown",
    [
        ("flew", "plane", "flew (plane)"),
        ("armoured train", "train", "armoured train"),
        ("Train", "train", "Train"),
        (None, "ship", "ship"),
        ("à pied", None, "à pied"),
        (None, None, ""),
    ],
)
def test_how_a_journey_goes_is_as_written_with_its_kind(mode, kind, shown):
    route = Route("a", "b", None, mode, None, "past", 0, "", mode_kind=kind)
    assert journey_mode(route) == shown


def journeys_list(result):
    from geo.app.journeys_table import show_journeys

    show_journeys(result)


@pytest.fixture(scope="module")
def listed() -> AppTest:
    return AppTest.from_function(journeys_list, args=(MANY,)).run()


def test_the_app_lists_every_journey_with_its_travelers_colour(listed):
    assert not listed.exception, listed.exception
    (table,) = listed.dataframe
    assert table.value.to_dict("records") == journey_rows(MANY)
    styles = table.proto.arrow_data.styler.styles
    colour = {}
    for rule in re.finditer(r"([^{}]+)\{\s*color:\s*(#\w+)\s*\}", styles):
        for row in re.findall(r"_row(\d+)_col0\b", rule[1]):
            colour[int(row)] = rule[2]
    expected = route_colours(MANY.routes)
    assert colour == {i: expected[r.traveler] for i, r in enumerate(MANY.routes)}


def test_choosing_the_last_journey_shows_its_passage(listed):
    listed.session_state[KEYS.journeys] = {"selection": {"rows": [21], "columns": [], "cells": []}}
    listed.run()
    assert not listed.exception, listed.exception
    (shown,) = [m.value for m in listed.markdown if 'class="geo-journey"' in m.value]
    assert "<b>—</b> · ? → Tokyo · unknown" in shown
    assert "<mark>A delegation is said to have gone to Tokyo.</mark>" in shown
