"""The Streamlit app's parts: the live map, the place panel, the reading view."""
