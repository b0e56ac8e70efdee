"""The documents read, laid out beside the sidebar: the map with its tools and downloads, the
place panel over the text, and the journeys under them.

Imported by the page once its sidebar is drawn (the server's start imports it beforehand,
geo.app.startup). A page whose map is kept on disk needs neither folium nor pandas: the map
is drawn from what geo.app.livemap kept, and is sent to the browser before the rest.
"""

from __future__ import annotations

import streamlit as st

from geo.app.analysis import analyse_all, geocoder_for
from geo.app.corrections_panel import show_corrections
from geo.app.downloads import show_downloads
from geo.app.journeys_table import picked_journey, show_journeys
from geo.app.mapview import follow_click, show_map
from geo.app.messages import warn
from geo.app.place_panel import show_place_panel, show_text
from geo.app.safe_html import markdown_text, plural
from geo.app.serving import correction_store
from geo.app.sidebar import Choices
from geo.app.state import KEYS, show_documents
from geo.corrections import apply, without_demonyms
from geo.errors import collect
from geo.export.formats import to_json
from geo.merge import merge
from geo.model import Result

# Heights in px that fit a 1280x720 window under Streamlit's toolbar: the map, and beside it
# the place panel over the text (the two boxes scroll inside, so the map stays in view)
MAP_HEIGHT = 610
PANEL_HEIGHT = 340
TEXT_HEIGHT = MAP_HEIGHT - PANEL_HEIGHT - 16  # the gap between the two boxes


def show_content(choices: Choices) -> None:
    """Read the documents the sidebar gives (`choices`) and draw, for those read, the
    journeys, the map and its downloads, the text, the place panel and the corrections."""
    read, timing = analyse_all(choices.documents, choices.language, choices.provider, choices.date)
    if not read:
        return  # each document has said what is wrong with it
    result, labels, text = chosen_document(read, demonyms=choices.demonyms)
    # the map takes two thirds of the width; beside it, the selected place's panel (and its
    # corrections) over the article's text; under both, the journeys at full width
    left, right = st.columns([2, 1], gap="medium")
    with right:
        panel = st.container(height=PANEL_HEIGHT, border=True)
        reading = st.container(height=TEXT_HEIGHT, border=True)
    with left:
        map_slot = st.container()
        tools = st.container(horizontal=True, vertical_alignment="center", gap="small")
    journeys = st.container()  # drawn last; the journey picked in it frames the map
    journey = picked_journey(result)
    data = to_json(result)  # the map's key and the JSON download
    # the click that caused this run is in the map's state already: followed before the map
    # and the panel are drawn, it needs no second run (the one after the map catches a click
    # the state did not hold, and runs the page again)
    follow_click(result, st.session_state.get(KEYS.map), rerun=False)
    clicked = show_map(result, journey, data, at=map_slot, tools=tools, height=MAP_HEIGHT)
    with tools:
        show_downloads(result, data)
        st.caption(timing.caption())
    follow_click(result, clicked)
    # the text after the map in the script: above it, its reruns left a stale map beside
    # the new one after a new article, and clicks went to the stale one
    with reading:
        show_text(result, labels)
    with panel:
        show_place_panel(result, labels)
        show_corrections(result, text, geocoder_for(choices.provider))
    with journeys:
        show_journeys(result)


def chosen_document(
    read: list[tuple[str, str, Result]], *, demonyms: bool = True
) -> tuple[Result, dict[int, str], str | None]:
    """The documents read, with the reader's corrections (and without the countries named by
    an adjective unless `demonyms`), as the document filter chooses: (result, passage id ->
    document name, text) of one document, or of all of them merged (with no one text). Shows
    their warnings and a caption that sums the result up."""
    store = correction_store()
    with collect() as problems:  # a damaged corrections file, set aside
        results = [apply(r, store.for_document(text)) for _, text, r in read]
    warn(problems)
    if not demonyms:  # after the cache and the corrections: toggling it parses nothing again
        results = [without_demonyms(r) for r in results]
    names = [name for name, _, _ in read]
    chosen = (
        st.selectbox("Document", ["All documents", *names], key=KEYS.document_filter)
        if len(read) > 1
        else names[0]
    )
    labels: dict[int, str] = {}  # one document: its passages need no document's name
    text: str | None = None  # all of them: no one text to correct
    if chosen in names:
        result, text = results[names.index(chosen)], read[names.index(chosen)][1]
    else:
        result, labels = merge(results)
    warn(result.warnings)
    show_documents((chosen, names))  # new documents: forget the old selection
    st.caption(
        f"{markdown_text(result.id)} · {result.language} · {plural(len(result.places), 'place')} · "
        f"{plural(len(result.routes), 'journey')}"
    )
    return result, labels, text
