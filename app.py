"""geo's Streamlit app: give it an article, read its places on a map. Run: streamlit run app.py"""
from __future__ import annotations

import datetime
import json
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.errors import GeoError
from geo.export import to_html
from geo.geocoders import Geocoder, make_geocoder
from geo.mapview import build_map, journey_highlight, reading_order_layer, route_colours
from geo.model import Result, Route
from geo.offline import data_uri_assets
from geo.panel import (facts_html, journey_html, journey_rows, journey_view, passages_html,
                       place_at, plural)
from geo.pipeline import parse
from geo.serialize import to_csv, to_geojson, to_json, to_kml
from geo.text import decode

SEEDS = Path(__file__).parent / "seeds"
EARLIEST = datetime.date(1800, 1, 1)  # the evaluation has newspapers from 1808
STYLE = """<style>.geo-passage{border-left:3px solid #d95f02;margin:.4em 0;padding:.2em .7em}
.geo-passage mark{background:#ffe08a;padding:0 .1em}.geo-facts th{text-align:left;padding-right:1em}</style>"""


PROVIDERS = {"Offline gazetteer": "gazetteer", "Nominatim (online)": "nominatim",
             "Photon (online)": "photon"}


@st.cache_resource
def geocoder_for(provider: str) -> Geocoder:
    """One geocoder per provider for the whole app (online ones keep their rate limit)."""
    return make_geocoder(provider)


@st.cache_data(show_spinner=False, max_entries=32)
def analyse(text: str, doc_id: str, language: str, provider: str,
            date: str | None = None) -> Result:
    """The pipeline's result, cached per text (and article date) so that reruns cost nothing."""
    return parse(text, doc_id=doc_id, language=language, geocoder=geocoder_for(provider),
                 date=date)


@st.cache_data(show_spinner=False, max_entries=32)
def export_html(result: Result) -> str:
    return to_html(result)


def init_state() -> None:
    st.session_state.setdefault("selected", None)
    st.session_state.setdefault("document", None)


def document_from_sidebar() -> tuple[str, str] | None:
    """The (name, text) the reader chose: a sample, pasted text or an uploaded file."""
    source = st.sidebar.radio("Article", ["Sample", "Paste text", "Upload a file"])
    if source == "Sample":
        seeds = sorted(SEEDS.glob("*.txt"))
        choice = st.sidebar.selectbox("Sample article", seeds, format_func=lambda p: p.name)
        return (choice.name, choice.read_text(encoding="utf-8")) if choice else None
    if source == "Paste text":
        text = st.sidebar.text_area("Article text", height=240)
        return ("pasted text", text) if text.strip() else None
    upload = st.sidebar.file_uploader("Text or Markdown file", type=["txt", "md"])
    if upload is None:
        return None
    return upload.name, decode(upload.getvalue())


def show_place_panel(result: Result, clicked: dict) -> None:
    point = clicked.get("last_object_clicked")
    if point and point.get("lat") is not None:
        # circles over 10 px report the mouse position: the tooltip (the name) tells which
        place = place_at(result, point["lat"], point["lng"],
                         name=clicked.get("last_object_clicked_tooltip"))
        st.session_state.selected = place.id if place else st.session_state.selected
    place = result.place(st.session_state.selected or "")
    if place is None:
        st.info("Click a marker to read the passages that mention the place.")
        return
    st.subheader(place.name)
    st.markdown(facts_html(place), unsafe_allow_html=True)  # every value is escaped
    st.markdown(passages_html(result, place), unsafe_allow_html=True)  # escaped, <mark> is ours


def show_journeys(result: Result) -> Route | None:
    """The journeys list (one colour per traveler, as on the map); the journey picked in it."""
    if not result.routes:
        return None
    st.markdown("**Journeys**")
    colours = route_colours(result.routes)
    table = pd.DataFrame(journey_rows(result)).style.apply(
        lambda _: [f"color: {colours[r.traveler]}" for r in result.routes], subset=["Traveler"])
    event = st.dataframe(table, key="journeys", on_select="rerun", selection_mode="single-row",
                         hide_index=True, use_container_width=True, column_config={
                             "From → To": st.column_config.TextColumn(
                                 help="An origin in brackets is inferred, not stated")})
    rows = list(event.selection.rows) if event else []
    return result.routes[rows[0]] if rows and rows[0] < len(result.routes) else None


def show_map(result: Result, journey: Route | None) -> dict:
    """The map, framed on the chosen journey if any; extra layers added without a rebuild."""
    reading = st.toggle("Places in reading order",
                        help="A dotted path joining the places in the order the article names them")
    layers = [reading_order_layer(result)] if reading else []
    centre, zoom = journey_view(result, journey) if journey else (None, None)
    if journey is not None:
        layers.append(journey_highlight(result, journey))
    return st_folium(data_uri_assets(build_map(result)), key="map", height=560,
                     use_container_width=True, center=centre, zoom=zoom,
                     feature_group_to_add=layers or None,
                     returned_objects=["last_object_clicked", "last_object_clicked_tooltip"])


def show_downloads(result: Result) -> None:
    stem = Path(result.id).stem or "geo"
    cols = st.columns(5)
    cols[0].download_button("Map (HTML)", export_html(result), f"{stem}.html", "text/html")
    cols[1].download_button("Data (JSON)", to_json(result), f"{stem}.json", "application/json")
    cols[2].download_button("GeoJSON", json.dumps(to_geojson(result), ensure_ascii=False),
                            f"{stem}.geojson", "application/geo+json")
    cols[3].download_button("Mentions (CSV)", to_csv(result), f"{stem}.csv", "text/csv")
    cols[4].download_button("Google Earth (KML)", to_kml(result), f"{stem}.kml",
                            "application/vnd.google-earth.kml+xml")


def main() -> None:
    st.set_page_config(page_title="geo", layout="wide")
    st.markdown(STYLE, unsafe_allow_html=True)
    init_state()
    st.sidebar.title("geo")
    language = st.sidebar.selectbox("Language", ["auto", "fr", "en"])
    provider = PROVIDERS[st.sidebar.selectbox(
        "Geocoder", list(PROVIDERS), help="Online providers receive place names only, never the "
        "article; if they fail, geo falls back to the offline gazetteer.")]
    date = st.sidebar.date_input("Article date", value=None, min_value=EARLIEST,
                                 help="When the article was written: journeys' relative "
                                 "times (\"last month\") then get dates")
    try:
        chosen = document_from_sidebar()
        if chosen is None:
            st.info("Paste or upload an article, or pick a sample, to map it.")
            return
        name, text = chosen
        with st.spinner("Reading the article…"):
            result = analyse(text, name, language, provider, date.isoformat() if date else None)
    except GeoError as err:
        st.error(str(err))
        return
    for message in result.warnings:
        st.warning(message)
    if st.session_state.document != (name, text):  # a new article: forget the old selection
        st.session_state.document, st.session_state.selected = (name, text), None
        st.session_state.pop("journeys", None)
    st.caption(f"{name} · {result.language} · {plural(len(result.places), 'place')} · "
               f"{plural(len(result.routes), 'journey')}")
    left, right = st.columns([3, 2])
    with right:  # first, so that a journey picked in the list frames the map
        journey = show_journeys(result)
        if journey is not None:
            st.markdown(journey_html(result, journey), unsafe_allow_html=True)  # escaped
    with left:
        clicked = show_map(result, journey)
        show_downloads(result)
    with right:
        show_place_panel(result, clicked or {})


main()
