"""The journeys beside the map: a table to pick one from, and the passage that tells it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.app.safe_html import journey_html, journey_rows
from geo.app.state import KEYS
from geo.maps.document import route_colours
from geo.model import Result, Route

JOURNEY_WIDTHS = {"Traveler": 230, "From → To": 280, "When": 170, "How": 100, "Status": 90}


def show_journeys(result: Result) -> Route | None:
    """The journeys list (one colour per traveler, as on the map) and the passage of the
    journey picked in it; that journey."""
    if not result.routes:
        return None
    st.markdown("**Journeys**")
    colours = route_colours(result.routes)
    table = pd.DataFrame(journey_rows(result)).style.apply(
        lambda _: [f"color: {colours[r.traveler]}" for r in result.routes], subset=["Traveler"]
    )
    event = st.dataframe(
        table,
        key=KEYS.journeys,
        on_select="rerun",
        selection_mode="single-row",
        hide_index=True,
        width="stretch",
        # widths that fit every column without sideways scrolling under a 1280 px window's
        # map and panel (about 930 px); a longer name ends in "…" and shows whole on hover
        column_config={
            "Traveler": st.column_config.TextColumn(width=JOURNEY_WIDTHS["Traveler"]),
            "From → To": st.column_config.TextColumn(
                help="An origin in brackets is inferred, not stated",
                width=JOURNEY_WIDTHS["From → To"],
            ),
            "When": st.column_config.TextColumn(width=JOURNEY_WIDTHS["When"]),
            "How": st.column_config.TextColumn(width=JOURNEY_WIDTHS["How"]),
            "Status": st.column_config.TextColumn(width=JOURNEY_WIDTHS["Status"]),
        },
    )
    rows = list(event.selection.rows) if event else []
    journey = result.routes[rows[0]] if rows and rows[0] < len(result.routes) else None
    if journey is not None:
        st.markdown(journey_html(result, journey), unsafe_allow_html=True)  # escaped
    return journey
