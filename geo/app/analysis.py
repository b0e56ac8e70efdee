"""The reading behind the page: geocoders kept for the app's life, results cached per text."""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass
from functools import partial

import streamlit as st

from geo.app.mapview import prepare_maps_later
from geo.app.messages import guarded
from geo.app.prepared import WARM_AFTER, wait_prepared
from geo.app.serving import serving
from geo.app.state import KEYS
from geo.cachedir import cache_dir
from geo.export.readings import reading_slot
from geo.gazetteer.apart import build_apart
from geo.gazetteer.index import index_ready
from geo.geocoding import Geocoder, health, make_geocoder
from geo.model import Result
from geo.nlp.pipelines import load_soon
from geo.pipeline import parse

_BUILT: set[bool] = set()  # holds True once this process found the place index built
_PARSED = threading.local()  # whether this thread's last analyse parsed (each session has one)


@dataclass(frozen=True, slots=True)
class Timing:
    """How long the documents shown took to read: `seconds` when they were read (with
    `index_seconds` of it building the place index, first run only), and whether they were
    all shown from the cache this time."""

    seconds: float
    index_seconds: float = 0.0
    cached: bool = False

    def caption(self) -> str:
        """The line under the map."""
        if self.cached:
            return f"Read in {self.seconds:.2f} s when first opened; shown from the cache"
        built = (
            f", of which {self.index_seconds:.1f} s building the offline place index (first run)"
            if self.index_seconds >= 0.05
            else ""
        )
        return f"Read in {self.seconds:.2f} s{built}"


def prepare_index() -> float:
    """Build the offline place index if it is not built yet, with a progress bar in the page
    saying what is being built; the seconds it took (0 once built)."""
    if _BUILT or index_ready():
        _BUILT.add(True)
        return 0.0  # only a build counts in the reading's time, not this look
    started = time.perf_counter()
    bar = st.progress(0.0, text="First run: building the offline place index…")

    def show(message: str, done: float) -> None:
        step = message.removeprefix("gazetteer: ")
        bar.progress(min(done, 1.0), text=f"First run: building the offline place index ({step})")

    # apart: the server's start loads the article's model meanwhile, on the other core
    guarded(lambda: build_apart(cache_dir(), progress=show))
    bar.empty()
    if index_ready():
        _BUILT.add(True)
    return time.perf_counter() - started


@st.cache_resource
def geocoder_for(provider: str) -> Geocoder:
    """One geocoder per provider for the whole app (online ones keep their rate limit)."""
    return make_geocoder(provider)


def timed_analyse(
    text: str, doc_id: str, language: str, provider: str, date: str | None = None
) -> tuple[Result, float, bool]:
    """The pipeline's result, the seconds its reading took, and whether it was read just now.
    Cached per text (and article date) so that reruns cost nothing, and per state of the
    online provider: a result made while it was down is not kept once it may be asked
    again."""
    before = health(geocoder_for(provider))
    _PARSED.now = False
    result, seconds = _analyse(text, doc_id, language, provider, date, before)
    if health(geocoder_for(provider)) != before:  # it failed or came back meanwhile
        _analyse.clear(text, doc_id, language, provider, date, before)
    return result, seconds, _PARSED.now


@st.cache_data(show_spinner=False, max_entries=32)
def _analyse(
    text: str, doc_id: str, language: str, provider: str, date: str | None, provider_health: str
) -> tuple[Result, float]:
    """The cached reading and the seconds it took (`provider_health` is only part of the
    key): kept on disk too, so that another process shows it without loading a model.

    Only the gazetteer's readings are kept there (an online provider's answers may change or
    fail), and none made with a warning (it tells of this run: a provider down, an index set
    aside), nor any when the app is served to others (their articles stay off the disk)."""
    slot = reading_slot(text, doc_id, language, provider, date)
    kept = slot[0].get(slot[1]) if slot is not None else None
    if kept is not None:  # no model needed: it is loaded once the page is drawn, for the next
        load_soon(kept[0].language, after=WARM_AFTER, first=prepare_maps_later())
        return kept
    _PARSED.now = True
    started = time.perf_counter()
    geocoder = geocoder_for(provider)
    result = parse(text, doc_id=doc_id, language=language, geocoder=geocoder, date=date)
    seconds = time.perf_counter() - started
    if slot is not None and not result.warnings and not serving()[1]:
        slot[0].put(slot[1], result, seconds)
    return result, seconds


def analyse_all(
    documents: list[tuple[str, str]], language: str, provider: str, date: str | None
) -> tuple[list[tuple[str, str, Result]], Timing]:
    """(name, text, result) of every document that could be read (the others are one error
    line each), with a progress bar when there are several; how long that took (building the
    place index first if needed)."""
    index_seconds = prepare_index()
    wait_prepared()  # what the server's start made ready for the first page, not made twice
    read, seconds, fresh = [], 0.0, False
    bar = st.progress(0.0, text="Reading…") if len(documents) > 1 else None
    with st.spinner("Reading the article…"):
        for number, (name, text) in enumerate(documents, start=1):
            answer = guarded(
                partial(timed_analyse, text, name, language, provider, date),
                name=name if len(documents) > 1 else None,
            )
            if answer is not None:
                read.append((name, text, answer[0]))
                seconds, fresh = seconds + answer[1], fresh or answer[2]
            if bar is not None:
                bar.progress(number / len(documents), text=f"Read {number} of {len(documents)}")
    if bar is not None:
        bar.empty()
    timing = Timing(seconds + index_seconds, index_seconds, cached=not fresh)
    # the reruns of a page (a click, the map's first answer) show the time its reading took
    digest = hashlib.sha256(repr((documents, language, provider, date)).encode()).hexdigest()
    return read, st.session_state.setdefault(KEYS.timings, {}).setdefault(digest, timing)
