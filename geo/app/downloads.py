"""The download buttons: every export of the (corrected) result, made when it is asked for."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from geo.export.formats import to_csv, to_geojson, to_kml
from geo.model import Result


@st.cache_data(show_spinner=False, max_entries=32)
def export_html(data: str, _result: Result) -> str:
    """The standalone page of a result, cached by its JSON `data` (cheaper to hash each run
    than the result itself). Its folium is imported here, when it is asked for."""
    from geo.export.html import to_html

    return to_html(_result)


def show_downloads(result: Result, data: str) -> None:
    """A button for each export of `result`, whose JSON is `data`, as wide as its label (in a
    row that wraps, the labels are whole). An export is made when its button is clicked, not
    on every run (the standalone map takes half a second); a download does not rerun the app."""
    for label, content, name, mime in download_files(result, data):
        st.download_button(label, content, name, mime, on_click="ignore", width="content")


def download_files(
    result: Result, data: str
) -> list[tuple[str, Callable[[], str | bytes], str, str]]:
    """Each export's button label, what makes its content, file name and type. The names say
    the article and the kind ("quebec-map.html", "quebec-places.csv"); the CSV starts with a
    byte order mark, without which spreadsheets read its accents as Latin-1."""
    stem = Path(result.id).stem or "geo"
    return [
        (
            "Map (HTML)",
            functools.partial(export_html, data, result),
            f"{stem}-map.html",
            "text/html",
        ),
        ("Data (JSON)", lambda: data, f"{stem}-data.json", "application/json"),
        (
            "GeoJSON",
            lambda: json.dumps(to_geojson(result), ensure_ascii=False),
            f"{stem}-places.geojson",
            "application/geo+json",
        ),
        (
            "Mentions (CSV)",
            lambda: to_csv(result).encode("utf-8-sig"),
            f"{stem}-places.csv",
            "text/csv",
        ),
        (
            "Google Earth (KML)",
            lambda: to_kml(result),
            f"{stem}-places.kml",
            "application/vnd.google-earth.kml+xml",
        ),
    ]
