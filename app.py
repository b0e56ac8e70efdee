"""geo's Streamlit app: give it an article, read its places on a map. Run: streamlit run app.py

Streamlit runs this script anew on each interaction; the page is geo.app.page.main."""

from pathlib import Path

from geo.app.page import main

main(samples=Path(__file__).parent / "seeds")
