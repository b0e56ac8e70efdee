"""Whether the app is served to others, and each reader's own corrections when it is."""

from __future__ import annotations

import streamlit as st

from geo.app.state import KEYS, READER_PARAM
from geo.config import Settings, load_settings, served_to_others
from geo.corrections import CorrectionStore, new_reader, reader_store, valid_reader


def serving() -> tuple[Settings, bool]:
    """(settings, whether the app is served to others) for this run."""
    settings = load_settings()
    return settings, served_to_others(settings, st.get_option("server.address"))


def correction_store() -> CorrectionStore:
    """The reader's corrections. Used alone: one store, shared by every tab. Served to others:
    each reader's own, named by a random token kept in the page address (`?reader=`), so that
    a reload keeps it and no other reader sees it."""
    if not serving()[1]:
        return CorrectionStore()
    token = st.query_params.get(READER_PARAM)
    if token is None or not valid_reader(token):
        token = st.session_state.get(KEYS.reader) or new_reader()
        st.query_params[READER_PARAM] = token
    st.session_state[KEYS.reader] = token
    return reader_store(token)
