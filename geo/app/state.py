"""The app's session state: every key in one place, set up each run by init_state()."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st


@dataclass(frozen=True, slots=True)
class SearchKeys:
    """The widgets of one gazetteer search in the corrections panel."""

    query: str
    found: str
    use: str


@dataclass(frozen=True, slots=True)
class Keys:
    """Session state keys: the app's own values first (init_state sets them), then the keys
    of its widgets (Streamlit keeps a widget's value under its key)."""

    selected: str = "selected"  # id of the place in the panel, or None
    focus: str = "focus"  # id of the place the map frames (one clicked in the text), or None
    span: str = "span"  # {start, end} of words selected in the text, to add as a place
    document: str = "document"  # (document shown, every name): a change forgets the selection
    last_map_pick: str = "last_map_pick"  # (place id, click count) the map reported last
    reader: str = "reader"  # served to others: the token naming this reader's corrections
    timings: str = "timings"  # {documents' digest: Timing of their first reading this session}

    document_filter: str = "filter"
    map: str = "map"
    text: str = "text"
    journeys: str = "journeys"  # the journeys list's, with its rows' digest (journeys_table)
    everywhere: str = "everywhere"
    alternative: str = "alternative"
    use_alternative: str = "use_alternative"
    remove: str = "remove"
    undo: str = "undo"
    search: SearchKeys = SearchKeys("search_query", "search_found", "search_use")
    add: SearchKeys = SearchKeys("add_query", "add_found", "add_use")

    def kept_map(self, key: str) -> str:
        """Where live_map keeps what it handed the map of widget `key` (see livemap)."""
        return f"_live_map_{key}"


KEYS = Keys()
READER_PARAM = "reader"  # served to others: the page address's ?reader= names the corrections
_VALUES = (
    KEYS.selected,
    KEYS.focus,
    KEYS.span,
    KEYS.document,
    KEYS.last_map_pick,
    KEYS.reader,
)


def init_state() -> None:
    """Give the app's own values their start (None) in a new session; keep them otherwise."""
    for key in _VALUES:
        st.session_state.setdefault(key, None)


def show_documents(shown: tuple[str, list[str]]) -> None:
    """Note the (chosen, names) documents shown; new ones forget the old selection."""
    if st.session_state[KEYS.document] == shown:
        return
    st.session_state[KEYS.document], st.session_state[KEYS.selected] = shown, None
    st.session_state[KEYS.last_map_pick] = None  # a new map counts its clicks from one again


def selected() -> str | None:
    """The id of the place in the panel, if any."""
    return st.session_state[KEYS.selected]
