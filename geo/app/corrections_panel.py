"""The corrections panel: another place for the selected one, remove it, add a missed one, undo."""

from __future__ import annotations

import streamlit as st

from geo.app.safe_html import markdown_text
from geo.app.serving import correction_store
from geo.app.state import KEYS, SearchKeys, selected
from geo.corrections import Correction, CorrectionStore, document_key, search
from geo.errors import GeoError
from geo.geocoding import Geocoder
from geo.model import Alternative, Result


def show_corrections(result: Result, text: str | None, geocoder: Geocoder) -> None:
    """Another place for the selected one (geo's alternatives or a search), remove it, add a
    missed mention, undo. Only for one document at a time (corrections are kept per text)."""
    if text is None:
        st.caption("Choose one document in the filter to correct its places.")
        return
    store, key = correction_store(), document_key(text)
    place = result.place(selected() or "")
    span = st.session_state[KEYS.span]
    if place is not None and place.mentions:
        first = place.mentions[0]
        with st.expander(f"Correct “{markdown_text(place.name)}”", expanded=True):
            everywhere = st.checkbox(
                f"Also for “{markdown_text(first.text)}” in other documents",
                key=KEYS.everywhere,
            )
            options = list(place.alternatives)
            if options:
                pick = st.selectbox(
                    "Another candidate",
                    range(len(options)),
                    key=KEYS.alternative,
                    format_func=lambda i: _label(options[i]),
                )
                if st.button("Use this candidate", key=KEYS.use_alternative):
                    _save(
                        store,
                        Correction(
                            key,
                            "choose",
                            first.start,
                            first.end,
                            first.text,
                            options[pick].candidate,
                            everywhere,
                        ),
                    )
            _search_and_save(
                store,
                geocoder,
                Correction(key, "choose", first.start, first.end, first.text, None, everywhere),
                KEYS.search,
            )
            if st.button("Not a place: remove it", key=KEYS.remove):
                _save(
                    store,
                    Correction(key, "remove", first.start, first.end, first.text, None, everywhere),
                )
    if span and 0 <= span["start"] < span["end"] <= len(text):
        words = text[span["start"] : span["end"]].strip()
        with st.expander(f"Add “{markdown_text(words[:60])}” as a place", expanded=True):
            start = span["start"] + text[span["start"] : span["end"]].index(words)
            _search_and_save(
                store,
                geocoder,
                Correction(key, "add", start, start + len(words), words, None),
                KEYS.add,
                default=words,
            )
    if store.for_document(text) and any(c.document == key for c in store.all()):
        if st.button("Undo the last correction", key=KEYS.undo):
            try:
                store.undo(text)
            except GeoError as err:
                st.error(markdown_text(str(err)))
                return
            st.rerun()


def _search_and_save(
    store: CorrectionStore,
    geocoder: Geocoder,
    correction: Correction,
    keys: SearchKeys,
    default: str = "",
) -> None:
    """A gazetteer search; the place picked in it saved as `correction`'s candidate."""
    query = st.text_input("Search the gazetteer", value=default, key=keys.query)
    found = search(geocoder, query) if query.strip() else []
    if query.strip() and not found:
        st.caption("No place of that name.")
    if found:
        pick = st.selectbox(
            "Places found",
            range(len(found)),
            key=keys.found,
            format_func=lambda i: _label(found[i]),
        )
        if st.button("Use this place", key=keys.use):
            _save(
                store,
                Correction(
                    correction.document,
                    correction.kind,
                    correction.start,
                    correction.end,
                    correction.text,
                    found[pick].candidate,
                    correction.everywhere,
                ),
            )


def _label(alternative: Alternative) -> str:
    c = alternative.candidate
    return f"{c.name} ({c.kind}, {c.country_code or '—'}) — {alternative.reason or 'no reason'}"


def _save(store: CorrectionStore, correction: Correction) -> None:
    """Keep a correction and show its place (or one clear error line)."""
    try:
        store.add(correction)
    except GeoError as err:  # a cache folder that cannot be written
        st.error(markdown_text(str(err)))
        return
    if correction.candidate is not None:
        st.session_state[KEYS.selected] = correction.candidate.id
    st.session_state[KEYS.span] = None
    st.rerun()
