"""The page, run anew on each interaction: its settings and sidebar, then the documents read
(geo.app.content)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from geo.app.sidebar import sidebar
from geo.app.state import init_state

STYLE = """<style>.geo-passage{border-left:3px solid #d95f02;margin:.4em 0;padding:.2em .7em}
.geo-passage mark{background:#ffe08a;padding:0 .1em}.geo-facts th{text-align:left;padding-right:1em}
.geo-facts{font-size:.8rem;margin:0 0 .5rem;width:100%}.geo-facts th,.geo-facts td{padding:.1rem .4rem}
.geo-passage{font-size:.9rem}[data-testid="stMainBlockContainer"]{padding:2.5rem 1.5rem 2rem}
[data-testid="stMainBlockContainer"] h3{font-size:1.3rem;padding:0 0 .3rem}</style>"""


def main(samples: Path) -> None:
    """Draw the page: the sidebar, then, for the documents read, the journeys, the map and
    its downloads, the text, the place panel and the corrections (`samples`: the folder of
    sample articles)."""
    st.set_page_config(page_title="geo", layout="wide")
    st.markdown(STYLE, unsafe_allow_html=True)
    init_state()
    choices = sidebar(samples)
    if not choices.documents:
        st.info("Paste or upload an article, or pick a sample, to map it.")
        return
    # the rest of the page, with the map's libraries, once the sidebar is on its way
    from geo.app.content import show_content

    show_content(choices)
