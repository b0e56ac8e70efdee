"""The Streamlit app, one module a part of the page: app.py calls page.main on each run."""
