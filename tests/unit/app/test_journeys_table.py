"""The journeys list of a round-up of 22 journeys: every journey a row, in reading order, with
its traveler (in the colour of its arcs), from -> to, when, how and status, nothing cut."""

from __future__ import annotations

from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from geo.app.journeys_table import COLUMNS, JS, journeys_key
from geo.app.safe_html import journey_mode, journey_rows
from geo.app.state import KEYS
from geo.maps.colours import route_colours
from geo.model import Route
from tests.helpers import MANY_LEGS, component_data, many_journeys

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
    (drawn,) = component_data(listed, "geo_journeys")
    assert [c["name"] for c in drawn["columns"]] == list(COLUMNS)
    assert [dict(zip(COLUMNS, r["cells"], strict=True)) for r in drawn["rows"]] == journey_rows(
        MANY
    )
    expected = route_colours(MANY.routes)
    assert [r["colour"] for r in drawn["rows"]] == [expected[r.traveler] for r in MANY.routes]
    assert drawn["picked"] is None


def test_choosing_the_last_journey_shows_its_passage(listed):
    listed.session_state[journeys_key(MANY)] = {"picked": 21}
    listed.run()
    assert not listed.exception, listed.exception
    assert component_data(listed, "geo_journeys")[0]["picked"] == 21  # the row shows it
    (shown,) = [m.value for m in listed.markdown if 'class="geo-journey"' in m.value]
    assert "<b>—</b> · ? → Tokyo · unknown" in shown
    assert "<mark>A delegation is said to have gone to Tokyo.</mark>" in shown


@pytest.mark.parametrize(
    "state, picked",
    [
        (None, None),
        ({}, None),
        ({"picked": None}, None),
        ({"picked": 2}, 2),
        ({"picked": 22}, None),  # past the end
        ({"picked": -1}, None),
        ({"picked": True}, None),
        ({"picked": "2"}, None),
        ("not a state", None),
    ],
)
def test_the_journey_picked_is_read_from_the_lists_state_before_it_is_drawn(
    monkeypatch, state, picked
):
    # the page draws the map, framed on the journey picked, before it draws the list
    from types import SimpleNamespace

    from geo.app import journeys_table

    session = {} if state is None else {journeys_key(MANY): state}
    monkeypatch.setattr(journeys_table, "st", SimpleNamespace(session_state=session))
    expected = None if picked is None else MANY.routes[picked]
    assert journeys_table.picked_journey(MANY) == expected


def test_another_articles_list_is_another_list():
    # its state is kept under a key made from its rows: a new article starts with none picked
    fewer = replace(MANY, routes=MANY.routes[:-1])
    assert journeys_key(MANY) == journeys_key(replace(MANY)) != journeys_key(fewer)
    assert journeys_key(MANY).startswith(f"{KEYS.journeys}-")


def test_the_lists_script_puts_text_in_text_nodes_only():
    # what an article says reaches the page as text: no innerHTML, no HTML string built
    assert "textContent" in JS and "innerHTML" not in JS and "insertAdjacentHTML" not in JS


def test_the_row_picked_is_the_one_shown_picked_among_equal_journeys():
    twice = replace(MANY, routes=(MANY.routes[0], MANY.routes[0]))
    at = AppTest.from_function(journeys_list, args=(twice,))
    at.session_state[journeys_key(twice)] = {"picked": 1}
    at.run()
    assert not at.exception, at.exception
    assert component_data(at, "geo_journeys")[0]["picked"] == 1
