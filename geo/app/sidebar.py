"""The sidebar: the documents to read, their language, the geocoder, the article's date and
whether countries named by an adjective count as places."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from geo.app.messages import guarded
from geo.app.serving import serving
from geo.config import refuse_private_urls
from geo.ingest.articles import read_upload, read_url
from geo.lang import supported

PROVIDERS = {
    "Offline gazetteer": "gazetteer",
    "Nominatim (online)": "nominatim",
    "Photon (online)": "photon",
}
EARLIEST = datetime.date(1800, 1, 1)  # the evaluation has newspapers from 1808


@dataclass(frozen=True, slots=True)
class Choices:
    """What the reader chose in the sidebar."""

    documents: list[tuple[str, str]]  # (name, text)
    language: str  # "auto" or a supported language's code
    provider: str  # a geocoder's name for make_geocoder
    date: str | None  # the article's date, ISO
    demonyms: bool = True  # countries named by their people's adjective count as places


def first_page(samples: Path) -> Choices:
    """What a new page reads before the reader chooses: the sidebar's first choices."""
    seeds = samples_in(samples)
    documents = [_sample(seeds[0])] if seeds else []
    return Choices(documents, languages()[0], next(iter(PROVIDERS.values())), None)


def languages() -> list[str]:
    """The choices of the language: "auto" (detected), then each language geo reads."""
    return ["auto", *supported()]


def samples_in(samples: Path) -> list[Path]:
    """The sample articles of the folder, in the sidebar's order (the first is shown first)."""
    return sorted(samples.glob("*.txt"))


def _sample(path: Path) -> tuple[str, str]:
    return path.name, path.read_text(encoding="utf-8")


def sidebar(samples: Path) -> Choices:
    """The sidebar's widgets, in order, and what the reader chose in them."""
    st.sidebar.title("geo")
    language = st.sidebar.selectbox("Language", languages())
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
    demonyms = st.sidebar.checkbox(
        "Places named by an adjective (Georgian, American)",
        value=True,
        help='Count a country named by its people\'s adjective ("Georgian troops") as a place: '
        "on the map, in the lists and in the downloads",
    )
    documents = documents_from_sidebar(samples)
    return Choices(documents, language, provider, date.isoformat() if date else None, demonyms)


def documents_from_sidebar(samples: Path) -> list[tuple[str, str]]:
    """The (name, text) documents the reader chose: a sample from the folder `samples`, pasted
    text, uploaded files (several make one map) or a web page."""
    source = st.sidebar.radio("Article", ["Sample", "Paste text", "Upload files", "Web address"])
    if source == "Sample":
        seeds = samples_in(samples)
        choice = st.sidebar.selectbox("Sample article", seeds, format_func=lambda p: p.name)
        return [_sample(choice)] if choice else []
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
    read = (guarded(partial(_read, upload), name=upload.name) for upload in uploads or [])
    return distinct([document for document in read if document is not None])


def distinct(documents: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The documents, each text once (the first name it came with): the same file added twice
    is one document, not two listed alike; the sidebar says which were left out."""
    seen: dict[str, str] = {}
    for name, text in documents:
        if text in seen:
            st.sidebar.caption(f"{name} holds the same text as {seen[text]}: read once.")
        else:
            seen[text] = name
    return [(name, text) for text, name in seen.items()]


def _read(upload: UploadedFile) -> tuple[str, str]:
    """(name, text) of an uploaded file."""
    return upload.name, read_upload(upload.name, upload.getvalue())


@st.cache_data(show_spinner=False, max_entries=16, ttl=600)
def fetched(url: str, allow_private: bool = False) -> tuple[str, str]:
    """The (name, text) of a web page, kept ten minutes."""
    return read_url(url, allow_private=allow_private)
