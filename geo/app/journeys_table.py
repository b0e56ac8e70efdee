"""The journeys under the map: a list to pick one from, and the passage that tells it.

The list is a small component (a table whose rows are picked by a click, or Enter): its text
goes into the page as text nodes, never as HTML, and it needs neither pandas nor a data
grid, which cost the first page about half a second (server and browser). The page draws the
map before the list, with the journey picked read from the list's state (`picked_journey`).
The state is kept under a key made from the rows, so a new article's list starts with none
picked.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping
from typing import Any

import streamlit as st

from geo.app.safe_html import journey_html, journey_rows
from geo.app.state import KEYS
from geo.maps.colours import route_colours
from geo.model import Result, Route

COLUMNS = ("Traveler", "From → To", "When", "How", "Status")
ORIGIN_HELP = "An origin in brackets is inferred, not stated"

JS = """
export default function(component) {
  const { data, parentElement, setStateValue } = component;
  let table = parentElement.querySelector('table.geo-journeys');
  if (!table) {
    table = document.createElement('table');
    table.className = 'geo-journeys';
    table.setAttribute('role', 'grid');
    table.setAttribute('aria-label', 'Journeys');
    parentElement.appendChild(table);
  }
  // the row that had the focus has it again once the table is drawn anew (a keyboard pick)
  const active = table.getRootNode().activeElement;
  const focused = active && table.contains(active) ? active.sectionRowIndex : -1;
  table.replaceChildren();
  const head = table.createTHead().insertRow();
  for (const column of data.columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = column.name;
    if (column.help) th.title = column.help;
    head.appendChild(th);
  }
  const body = table.createTBody();
  data.rows.forEach((row, i) => {
    const tr = body.insertRow();
    const picked = i === data.picked;
    tr.tabIndex = 0;
    tr.setAttribute('aria-selected', String(picked));
    if (picked) tr.className = 'geo-journey-picked';
    row.cells.forEach((text, c) => {
      const td = tr.insertCell();
      td.textContent = text;
      if (c === 0) { td.className = 'geo-traveler'; td.style.color = row.colour; }
    });
    const pick = () => setStateValue('picked', picked ? null : i);
    tr.onclick = pick;
    tr.onkeydown = (event) => {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); pick(); }
    };
    if (i === focused) tr.focus();
  });
}
"""
CSS = """
.geo-journeys { width: 100%; border-collapse: collapse; font-size: 14px; line-height: 1.4; }
.geo-journeys th { text-align: left; font-weight: 600; color: #555; padding: .3em .6em;
  border-bottom: 1px solid #ccc; }
.geo-journeys td { padding: .3em .6em; border-bottom: 1px solid #eee; vertical-align: top; }
.geo-journeys .geo-traveler { font-weight: 600; }
.geo-journeys tbody tr { cursor: pointer; }
.geo-journeys tbody tr:hover { background: #f4f4f4; }
.geo-journeys tbody tr.geo-journey-picked { background: #fff1b8; }
.geo-journeys tbody tr:focus-visible { outline: 2px solid #d95f02; outline-offset: -2px; }
"""


@functools.cache
def _component():
    return st.components.v2.component("geo_journeys", js=JS, css=CSS)


def show_journeys(result: Result) -> Route | None:
    """The journeys list (one colour per traveler, as on the map) and the passage of the
    journey picked in it; that journey."""
    if not result.routes:
        return None
    st.markdown("**Journeys**")
    key = journeys_key(result)
    row = _picked_row(result, key)
    journey = None if row is None else result.routes[row]
    _component()(
        data=list_data(result, row),
        key=key,
        default={"picked": None},
        on_picked_change=lambda: None,
    )
    if journey is not None:
        st.markdown(journey_html(result, journey), unsafe_allow_html=True)  # escaped
    return journey


def list_data(result: Result, picked: int | None) -> dict[str, Any]:
    """What the list's script draws: its columns, each journey's cells (as `journey_row`
    words them) and traveler's colour, and the row picked. Sequences are tuples: Streamlit
    asks of each list it is given whether it is a data frame, which imports pandas."""
    colours = route_colours(result.routes)
    rows = tuple(
        {"cells": tuple(row.values()), "colour": colours[route.traveler]}
        for row, route in zip(journey_rows(result), result.routes, strict=True)
    )
    columns = tuple({"name": c, "help": ORIGIN_HELP if c == "From → To" else ""} for c in COLUMNS)
    return {"columns": columns, "rows": rows, "picked": picked}


def journeys_key(result: Result) -> str:
    """The list's key, made from its rows: another article's list is another list."""
    rows = json.dumps(journey_rows(result), ensure_ascii=False)
    digest = hashlib.sha256(rows.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{KEYS.journeys}-{digest[:16]}"


def picked_journey(result: Result) -> Route | None:
    """The journey picked in the list, as its state holds it (before the list is drawn)."""
    row = _picked_row(result, journeys_key(result)) if result.routes else None
    return None if row is None else result.routes[row]


def _picked_row(result: Result, key: str) -> int | None:
    """The row of the journey picked in the list whose state is under `key`, if it holds one
    of the result's rows."""
    state = st.session_state.get(key)
    picked = state.get("picked") if isinstance(state, Mapping) else None
    if isinstance(picked, bool) or not isinstance(picked, int):
        return None
    return picked if 0 <= picked < len(result.routes) else None
