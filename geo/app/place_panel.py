"""Beside the map: the article with its places highlighted, and the selected place's passages."""

from __future__ import annotations

import streamlit as st

from geo.app.reading import reading_text
from geo.app.safe_html import facts_html, markdown_text, passages_html
from geo.app.state import KEYS, selected
from geo.model import Result


def show_text(result: Result, labels: dict[int, str]) -> None:
    """The article with its places highlighted: a click selects the place and frames it;
    selected words are kept, to be added as a place."""
    event = reading_text(result, selected=selected(), key=KEYS.text, labels=labels)
    clicked = getattr(event, "clicked", None) if event is not None else None
    if clicked and result.place(clicked.get("place", "")) and (clicked["place"] != selected()):
        st.session_state[KEYS.selected] = st.session_state[KEYS.focus] = clicked["place"]
        st.rerun()  # the text is drawn again with this place highlighted
    span = getattr(event, "selected_span", None) if event is not None else None
    if span:
        st.session_state[KEYS.span] = span


def show_place_panel(result: Result, labels: dict[int, str]) -> None:
    """The selected place's name, facts and passages (`labels` names a passage's document),
    or how to select one."""
    place = result.place(selected() or "")
    if place is None:
        st.info("Click a marker to read the passages that mention the place.")
        return
    st.subheader(markdown_text(place.name))
    st.markdown(facts_html(place), unsafe_allow_html=True)  # every value is escaped
    st.markdown(passages_html(result, place, labels), unsafe_allow_html=True)  # escaped
