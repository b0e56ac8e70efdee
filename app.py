"""geo's Streamlit app: give it an article, read its places on a map. Run: streamlit run app.py

`streamlit run` serves `app` below, which makes the first page ready as the server starts
(geo.app.startup); Streamlit then runs this file as the page (geo.app.page.main) on each
interaction."""

from pathlib import Path

import streamlit as st

SAMPLES = Path(__file__).parent / "seeds"

if __name__ == "__main__":  # a page's run
    from geo.app.page import main

    main(samples=SAMPLES)
else:  # the server's start
    from geo.app.startup import lifespan

    app = st.App(__file__, lifespan=lifespan(SAMPLES))
