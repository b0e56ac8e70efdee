"""Readings kept on disk, through the app (AppTest): a page opened again in a fresh process
(here: a fresh Streamlit cache) shows the sample without reading it again, and says when it
was read; what should not be kept is not."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import geo.app.analysis
import geo.app.livemap
import geo.app.mapview
from geo.app.analysis import timed_analyse
from tests.helpers import APP, APP_TIMEOUT, TRIP

TIME = re.compile(r"Read in (\d+\.\d\d) s(, of which .*)?")


@pytest.fixture(autouse=True)
def own_cache(monkeypatch, tmp_path):
    """A fresh cache folder (the place index shared by a link), the app used alone, and no
    reading left in Streamlit's cache by an earlier test of this process."""
    from tests.conftest import isolated_cache

    monkeypatch.setenv("GEO_CACHE_DIR", str(isolated_cache(tmp_path / "cache")))
    monkeypatch.setenv("GEO_SERVED", "0")
    st.cache_data.clear()
    yield tmp_path / "cache" / "readings"
    st.cache_data.clear()


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The texts the app parses from now on."""
    texts: list[str] = []
    real = geo.app.analysis.parse
    monkeypatch.setattr(
        geo.app.analysis, "parse", lambda text, **kw: texts.append(text) or real(text, **kw)
    )
    return texts


def open_app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    return at


def test_the_sample_read_before_is_shown_from_the_disk_without_parsing(own_cache, fake_map, parsed):
    first = open_app()
    assert len(parsed) == 1
    assert TIME.fullmatch(first.caption[-1].value), first.caption[-1].value
    (kept,) = own_cache.glob("*.json")
    took = json.loads(kept.read_bytes())["seconds"]  # the parse's own time
    drawn = fake_map.calls[-1][0].get_root().render().count("geo-place")

    st.cache_data.clear()  # as a new process would start: nothing in memory
    again = open_app()
    assert len(parsed) == 1  # no second parse, so no model needed
    assert again.caption[0].value == first.caption[0].value  # the same places and journeys
    shown = re.fullmatch(
        r"Read in (\d+\.\d\d) s when first opened; shown from the cache", again.caption[-1].value
    )
    assert shown, again.caption[-1].value
    assert shown[1] == f"{took:.2f}"  # the first run's time, not this one's
    assert fake_map.calls[-1][0].get_root().render().count("geo-place") == drawn


def test_a_page_shown_from_the_disk_readies_the_maps_and_the_model_after(own_cache, monkeypatch):
    # such a page drew its map without folium and read nothing: what a click and the next
    # text need comes after it, in one thread, the maps' libraries first
    open_app()
    st.cache_data.clear()
    soon: list[tuple[str, float, object]] = []
    monkeypatch.setattr(
        geo.app.analysis,
        "load_soon",
        lambda language, *, after, first: soon.append((language, after, first)),
    )
    open_app()
    ((language, after, first),) = soon
    assert (language, after) == ("fr", geo.app.analysis.WARM_AFTER)
    first()  # as the thread does: the maps' libraries, with the watcher in front
    import streamlit_folium

    assert isinstance(streamlit_folium._component_func, geo.app.livemap._Watched)


def test_a_served_app_keeps_no_reading_on_disk(own_cache, fake_map, parsed, monkeypatch):
    monkeypatch.setenv("GEO_SERVED", "1")
    open_app()
    assert len(parsed) == 1
    assert not list(own_cache.glob("*.json"))  # readers' articles stay off the disk


@pytest.mark.parametrize("served", [False, True])
def test_the_map_drawn_is_kept_for_the_next_start_unless_served(own_cache, monkeypatch, served):
    monkeypatch.setenv("GEO_SERVED", "1" if served else "0")
    open_app()
    maps = list(own_cache.parent.glob("derived/*/map-*.json"))
    assert len(maps) == (0 if served else 1)  # readers' articles stay off the disk
    if not served:
        builds: list[object] = []
        monkeypatch.setattr(geo.app.mapview, "app_map", lambda r: builds.append(r))
        st.cache_data.clear()
        again = open_app()  # a new start: the map from the disk, neither built nor rendered
        assert builds == [] and again.caption[0].value.endswith("journeys")


@pytest.mark.parametrize(
    ("provider", "warnings", "kept"),
    [("gazetteer", (), True), ("gazetteer", ("the index was set aside",), False)]
    + [("nominatim", (), False)],
)
def test_only_the_gazetteers_readings_without_warnings_are_kept(
    own_cache, monkeypatch, provider, warnings, kept
):
    made = replace(TRIP, warnings=warnings)
    monkeypatch.setattr(geo.app.analysis, "parse", lambda text, **kw: made)
    assert timed_analyse(TRIP.text, "trip.txt", "en", provider)[0] == made
    assert bool(list(own_cache.glob("*.json"))) is kept
