"""geo's Streamlit app: give it an article, read its places on a map. Run: streamlit run app.py"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pandas as pd
import streamlit as st

from geo.app.livemap import live_map
from geo.app.panel import (
    facts_html,
    journey_html,
    journey_rows,
    journey_view,
    markdown_text,
    passages_html,
    place_at,
    plural,
)
from geo.app.reading import reading_text
from geo.config import load_settings, refuse_private_urls, served_to_others
from geo.corpus import merge
from geo.corrections import (
    Correction,
    CorrectionStore,
    apply,
    document_key,
    new_reader,
    reader_store,
    search,
    valid_reader,
)
from geo.errors import GeoError, collect
from geo.export.formats import to_csv, to_geojson, to_json, to_kml
from geo.export.html import to_html
from geo.geocoding import Geocoder, health, make_geocoder
from geo.ingest.sources import read_upload, read_url
from geo.lang import supported
from geo.maps.document import (
    KIND_ZOOM,
    build_map,
    journey_highlight,
    reading_order_layer,
    route_colours,
    selection_layer,
)
from geo.maps.offline import data_uri_assets
from geo.model import Result, Route
from geo.pipeline import parse

SEEDS = Path(__file__).parent / "seeds"
LOG = logging.getLogger("geo.app")
T = TypeVar("T")
EARLIEST = datetime.date(1800, 1, 1)  # the evaluation has newspapers from 1808
STYLE = """<style>.geo-passage{border-left:3px solid #d95f02;margin:.4em 0;padding:.2em .7em}
.geo-passage mark{background:#ffe08a;padding:0 .1em}.geo-facts th{text-align:left;padding-right:1em}</style>"""


PROVIDERS = {
    "Offline gazetteer": "gazetteer",
    "Nominatim (online)": "nominatim",
    "Photon (online)": "photon",
}


@st.cache_resource
def geocoder_for(provider: str) -> Geocoder:
    """One geocoder per provider for the whole app (online ones keep their rate limit)."""
    return make_geocoder(provider)


def analyse(
    text: str, doc_id: str, language: str, provider: str, date: str | None = None
) -> Result:
    """The pipeline's result, cached per text (and article date) so that reruns cost nothing,
    and per state of the online provider: a result made while it was down is not kept once
    it may be asked again."""
    before = health(geocoder_for(provider))
    result = _analyse(text, doc_id, language, provider, date, before)
    if health(geocoder_for(provider)) != before:  # it failed or came back meanwhile
        _analyse.clear(text, doc_id, language, provider, date, before)
    return result


@st.cache_data(show_spinner=False, max_entries=32)
def _analyse(
    text: str, doc_id: str, language: str, provider: str, date: str | None, provider_health: str
) -> Result:
    """The cached reading (`provider_health` is only part of the key)."""
    return parse(text, doc_id=doc_id, language=language, geocoder=geocoder_for(provider), date=date)


@st.cache_data(show_spinner=False, max_entries=32)
def export_html(data: str, _result: Result) -> str:
    """The standalone page of a result, cached by its JSON `data` (cheaper to hash each run
    than the result itself)."""
    return to_html(_result)


def init_state() -> None:
    for name in ("selected", "document", "focus", "span", "last_map_pick"):
        st.session_state.setdefault(name, None)


def documents_from_sidebar() -> list[tuple[str, str]]:
    """The (name, text) documents the reader chose: a sample, pasted text, uploaded files
    (several make one map) or a web page."""
    source = st.sidebar.radio("Article", ["Sample", "Paste text", "Upload files", "Web address"])
    if source == "Sample":
        seeds = sorted(SEEDS.glob("*.txt"))
        choice = st.sidebar.selectbox("Sample article", seeds, format_func=lambda p: p.name)
        return [(choice.name, choice.read_text(encoding="utf-8"))] if choice else []
    if source == "Paste text":
        text = st.sidebar.text_area("Article text", height=240)
        return [("pasted text", text)] if text.strip() else []
    if source == "Web address":
        url = st.sidebar.text_input("Address (http or https)")
        allow_private = not refuse_private_urls(*serving())
        page = guarded(lambda: fetched(url, allow_private)) if url.strip() else None
        return [page] if page else []
    uploads = st.sidebar.file_uploader(
        "Text, Markdown or HTML files", type=["txt", "md", "html"], accept_multiple_files=True
    )
    read = (
        guarded(lambda u=u: (u.name, read_upload(u.name, u.getvalue())), name=u.name)
        for u in uploads or []
    )
    return [document for document in read if document is not None]


def guarded(work: Callable[[], T], *, name: str | None = None) -> T | None:
    """work(), with its warnings shown, or None with one error line (naming the document
    `name`): a bad document costs only itself, and the reader never sees a traceback (the
    server's log keeps it)."""
    prefix = f"{name}: " if name else ""
    with collect() as messages:  # e.g. a file that is UTF-8 but for a few bad bytes
        try:
            return work()
        except GeoError as err:
            st.error(markdown_text(f"{prefix}{err}"))
        except Exception as err:  # a bug: one line for the reader, the details in the log
            LOG.exception("cannot read %r", name)
            st.error(markdown_text(f"{prefix}geo could not read this ({type(err).__name__})"))
        finally:
            for message in messages:
                st.warning(markdown_text(f"{prefix}{message}"))
    return None


@st.cache_data(show_spinner=False, max_entries=16, ttl=600)
def fetched(url: str, allow_private: bool = False) -> tuple[str, str]:
    return read_url(url, allow_private=allow_private)


def serving():
    """(settings, whether the app is served to others) for this run."""
    settings = load_settings()
    return settings, served_to_others(settings, st.get_option("server.address"))


def correction_store() -> CorrectionStore:
    """The reader's corrections. Used alone: one store, shared by every tab. Served to others:
    each reader's own, named by a random token kept in the page address (`?reader=`), so that
    a reload keeps it and no other reader sees it."""
    if not serving()[1]:
        return CorrectionStore()
    token = st.query_params.get("reader")
    if not valid_reader(token):
        token = st.session_state.get("reader") or new_reader()
        st.query_params["reader"] = token
    st.session_state.reader = token
    return reader_store(token)


def clicked_place(result: Result, clicked: dict) -> str | None:
    point = clicked.get("last_object_clicked")
    if point and point.get("lat") is not None:
        # circles over 10 px report the mouse position: the tooltip (the name) tells which
        place = place_at(
            result, point["lat"], point["lng"], name=clicked.get("last_object_clicked_tooltip")
        )
        return place.id if place else None
    return None


def show_place_panel(result: Result, labels: dict[int, str]) -> None:
    place = result.place(st.session_state.selected or "")
    if place is None:
        st.info("Click a marker to read the passages that mention the place.")
        return
    st.subheader(markdown_text(place.name))
    st.markdown(facts_html(place), unsafe_allow_html=True)  # every value is escaped
    st.markdown(passages_html(result, place, labels), unsafe_allow_html=True)  # escaped


def show_corrections(result: Result, text: str | None, geocoder: Geocoder) -> None:
    """Another place for the selected one (geo's alternatives or a search), remove it, add a
    missed mention, undo. Only for one document at a time (corrections are kept per text)."""
    if text is None:
        st.caption("Choose one document in the filter to correct its places.")
        return
    store, key = correction_store(), document_key(text)
    place = result.place(st.session_state.selected or "")
    span = st.session_state.get("span")
    if place is not None and place.mentions:
        first = place.mentions[0]
        with st.expander(f"Correct “{markdown_text(place.name)}”", expanded=True):
            everywhere = st.checkbox(
                f"Also for “{markdown_text(first.text)}” in other documents", key="everywhere"
            )
            options = list(place.alternatives)
            if options:
                pick = st.selectbox(
                    "Another candidate",
                    range(len(options)),
                    key="alternative",
                    format_func=lambda i: _label(options[i]),
                )
                if st.button("Use this candidate", key="use_alternative"):
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
                "search",
            )
            if st.button("Not a place: remove it", key="remove"):
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
                "add",
                default=words,
            )
    if store.for_document(text) and any(c.document == key for c in store.all()):
        if st.button("Undo the last correction", key="undo"):
            try:
                store.undo(text)
            except GeoError as err:
                st.error(markdown_text(str(err)))
                return
            st.rerun()


def _search_and_save(
    store: CorrectionStore, geocoder: Geocoder, correction: Correction, name: str, default: str = ""
) -> None:
    query = st.text_input("Search the gazetteer", value=default, key=f"{name}_query")
    found = search(geocoder, query) if query.strip() else []
    if query.strip() and not found:
        st.caption("No place of that name.")
    if found:
        pick = st.selectbox(
            "Places found",
            range(len(found)),
            key=f"{name}_found",
            format_func=lambda i: _label(found[i]),
        )
        if st.button("Use this place", key=f"{name}_use"):
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


def _label(alternative) -> str:
    c = alternative.candidate
    return f"{c.name} ({c.kind}, {c.country_code or '—'}) — {alternative.reason or 'no reason'}"


def _save(store: CorrectionStore, correction: Correction) -> None:
    try:
        store.add(correction)
    except GeoError as err:  # a cache folder that cannot be written
        st.error(markdown_text(str(err)))
        return
    if correction.candidate is not None:
        st.session_state.selected = correction.candidate.id
    st.session_state.span = None
    st.rerun()


def show_journeys(result: Result) -> Route | None:
    """The journeys list (one colour per traveler, as on the map); the journey picked in it."""
    if not result.routes:
        return None
    st.markdown("**Journeys**")
    colours = route_colours(result.routes)
    table = pd.DataFrame(journey_rows(result)).style.apply(
        lambda _: [f"color: {colours[r.traveler]}" for r in result.routes], subset=["Traveler"]
    )
    event = st.dataframe(
        table,
        key="journeys",
        on_select="rerun",
        selection_mode="single-row",
        hide_index=True,
        use_container_width=True,
        column_config={
            "From → To": st.column_config.TextColumn(
                help="An origin in brackets is inferred, not stated"
            )
        },
    )
    rows = list(event.selection.rows) if event else []
    return result.routes[rows[0]] if rows and rows[0] < len(result.routes) else None


def show_map(result: Result, journey: Route | None, data: str) -> dict:
    """The map, framed on the chosen journey or place if any; extra layers added without a
    rebuild (the map itself changes only when the Result does)."""
    reading = st.toggle(
        "Places in reading order",
        help="A dotted path joining the places in the order the article names them",
    )
    layers = [reading_order_layer(result)] if reading else []
    centre, zoom = journey_view(result, journey) if journey else (None, None)
    if journey is not None:
        layers.append(journey_highlight(result, journey))
    place = result.place(st.session_state.selected or "")
    if place is not None:
        layers.append(selection_layer(place))
        if journey is None and st.session_state.get("focus") == place.id:
            centre, zoom = (place.lat, place.lon), KIND_ZOOM.get(place.kind, 6)
    fingerprint = hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()
    return live_map(
        lambda: app_map(result),
        fingerprint,
        key="map",
        layers=layers,
        center=centre,
        zoom=zoom,
        height=560,
        use_container_width=True,
        returned_objects=[
            "last_object_clicked",
            "last_object_clicked_tooltip",
            "last_object_clicked_count",
        ],
    )


def app_map(result: Result):
    """The result's map for st_folium: assets as data: URIs, controls folded."""
    m = data_uri_assets(build_map(result, compact=True))
    # st_folium asks for the map's bounds only to report them, and this app does not ask
    # for them back: walking every point of the country shapes cost a fifth of a rerun
    m.get_bounds = lambda: [[None, None], [None, None]]
    return m


def show_downloads(result: Result, data: str) -> None:
    """Every export of the (corrected) result; a download does not rerun the app."""
    stem = Path(result.id).stem or "geo"
    files = [
        ("Map (HTML)", export_html(data, result), "html", "text/html"),
        ("Data (JSON)", data, "json", "application/json"),
        (
            "GeoJSON",
            json.dumps(to_geojson(result), ensure_ascii=False),
            "geojson",
            "application/geo+json",
        ),
        ("Mentions (CSV)", to_csv(result), "csv", "text/csv"),
        ("Google Earth (KML)", to_kml(result), "kml", "application/vnd.google-earth.kml+xml"),
    ]
    for column, (label, data, suffix, mime) in zip(st.columns(len(files)), files, strict=False):
        column.download_button(label, data, f"{stem}.{suffix}", mime, on_click="ignore")


def main() -> None:
    st.set_page_config(page_title="geo", layout="wide")
    st.markdown(STYLE, unsafe_allow_html=True)
    init_state()
    st.sidebar.title("geo")
    language = st.sidebar.selectbox("Language", ["auto", *supported()])
    provider = PROVIDERS[
        st.sidebar.selectbox(
            "Geocoder",
            list(PROVIDERS),
            help="Online providers receive place names only, never the "
            "article; if they fail, geo falls back to the offline gazetteer.",
        )
    ]
    date = st.sidebar.date_input(
        "Article date",
        value=None,
        min_value=EARLIEST,
        help="When the article was written: journeys' relative "
        'times ("last month") then get dates',
    )
    documents = documents_from_sidebar()
    if not documents:
        st.info("Paste or upload an article, or pick a sample, to map it.")
        return
    read, seconds = analyse_all(documents, language, provider, date.isoformat() if date else None)
    if not read:
        return  # each document has said what is wrong with it
    documents = [(name, text) for name, text, _ in read]
    store = correction_store()
    with collect() as problems:  # a damaged corrections file, set aside
        results = [apply(r, store.for_document(text)) for _, text, r in read]
    for message in problems:
        st.warning(markdown_text(message))
    names = [name for name, _ in documents]
    chosen = (
        st.selectbox("Document", ["All documents", *names], key="filter")
        if len(documents) > 1
        else names[0]
    )
    if chosen in names:
        result, labels = results[names.index(chosen)], {}
        text = documents[names.index(chosen)][1]
    else:
        (result, labels), text = merge(results), None
    for message in result.warnings:
        st.warning(markdown_text(message))
    if st.session_state.document != (chosen, names):  # new articles: forget the old selection
        st.session_state.document, st.session_state.selected = (chosen, names), None
        st.session_state.last_map_pick = None  # a new map counts its clicks from one again
        st.session_state.pop("journeys", None)
    st.caption(
        f"{markdown_text(result.id)} · {result.language} · {plural(len(result.places), 'place')} · "
        f"{plural(len(result.routes), 'journey')}"
    )
    left, right = st.columns([3, 2])
    with right:  # first, so that a journey picked in the list frames the map
        journey = show_journeys(result)
        if journey is not None:
            st.markdown(journey_html(result, journey), unsafe_allow_html=True)  # escaped
    with left:
        data = to_json(result)  # the map's key and the JSON download
        clicked = show_map(result, journey, data)
        show_downloads(result, data)
        st.caption(f"Read in {seconds:.2f} s" + (" (from cache)" if seconds < 0.05 else ""))
    clicked = clicked or {}
    picked = (clicked_place(result, clicked), clicked.get("last_object_clicked_count"))
    new_click = picked[0] is not None and picked != st.session_state.last_map_pick
    st.session_state.last_map_pick = picked
    if new_click and picked[0] != st.session_state.selected:
        st.session_state.selected, st.session_state.focus = picked[0], None
        st.rerun()  # so that the text, drawn above the map, highlights it too
    with right:
        # the text after the map in the script: above it, its reruns left a stale map beside
        # the new one after a new article, and clicks went to the stale one
        show_text(result, labels)
        show_place_panel(result, labels)
        show_corrections(result, text, geocoder_for(provider))


def show_text(result: Result, labels: dict[int, str]) -> None:
    """The article with its places highlighted: a click selects the place and frames it."""
    with st.expander("Text", expanded=True):
        event = reading_text(result, selected=st.session_state.selected, key="text", labels=labels)
    clicked = getattr(event, "clicked", None) if event is not None else None
    if (
        clicked
        and result.place(clicked.get("place", ""))
        and (clicked["place"] != st.session_state.selected)
    ):
        st.session_state.selected = st.session_state.focus = clicked["place"]
        st.rerun()  # the text is drawn again with this place highlighted
    span = getattr(event, "selected_span", None) if event is not None else None
    if span:
        st.session_state.span = span


def analyse_all(
    documents: list[tuple[str, str]], language: str, provider: str, date: str | None
) -> tuple[list[tuple[str, str, Result]], float]:
    """(name, text, result) of every document that could be read (the others are one error
    line each), with a progress bar when there are several; the time taken."""
    started, read = time.perf_counter(), []
    bar = st.progress(0.0, text="Reading…") if len(documents) > 1 else None
    with st.spinner("Reading the article…"):
        for number, (name, text) in enumerate(documents, start=1):
            result = guarded(
                lambda text=text, name=name: analyse(text, name, language, provider, date),
                name=name if len(documents) > 1 else None,
            )
            if result is not None:
                read.append((name, text, result))
            if bar is not None:
                bar.progress(number / len(documents), text=f"Read {number} of {len(documents)}")
    if bar is not None:
        bar.empty()
    return read, time.perf_counter() - started


main()
