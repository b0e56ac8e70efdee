"""The reading behind the page: geocoders kept for the app's life, results cached per text."""

from __future__ import annotations

import time
from functools import partial

import streamlit as st

from geo.app.messages import guarded
from geo.geocoding import Geocoder, health, make_geocoder
from geo.model import Result
from geo.pipeline import parse


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
                partial(analyse, text, name, language, provider, date),
                name=name if len(documents) > 1 else None,
            )
            if result is not None:
                read.append((name, text, result))
            if bar is not None:
                bar.progress(number / len(documents), text=f"Read {number} of {len(documents)}")
    if bar is not None:
        bar.empty()
    return read, time.perf_counter() - started
