"""The app's map is rendered once per map: later reruns reuse st_folium's arguments; the
watcher that sees them is put in place by install(), not by an import."""

import importlib.util
import threading
from types import SimpleNamespace

import folium
import pytest
import streamlit_folium

from geo.app import livemap


@pytest.fixture
def component(monkeypatch) -> list[dict]:
    """streamlit-folium's component replaced by one that records its arguments (the watcher
    is put in front of it by the first live_map), and a session of our own."""
    calls: list[dict] = []
    monkeypatch.setattr(
        streamlit_folium, "_component_func", lambda **arguments: calls.append(arguments) or {}
    )
    monkeypatch.setattr(livemap, "st", SimpleNamespace(session_state={}))
    return calls


def test_a_map_is_built_once_and_its_reruns_change_only_the_layers_and_view(component):
    calls = component
    builds = []

    def build():
        builds.append(1)
        m = folium.Map(location=(43.1, 131.9), zoom_start=5, tiles=None)
        folium.CircleMarker((43.1, 131.9), radius=5, tooltip="Vladivostok").add_to(m)
        return m

    livemap.live_map(build, "one", key="map")
    ring = folium.FeatureGroup(name="selection")
    folium.Circle((55.75, 37.62), radius=9000).add_to(ring)
    livemap.live_map(build, "one", key="map", layers=[ring], center=(55.75, 37.62), zoom=6)
    assert len(builds) == 1 and len(calls) == 2
    first, second = calls
    assert "Vladivostok" in first["script"] and second["script"] == first["script"]
    assert second["key"] == first["key"]  # the same component: the frontend keeps its map
    assert first["feature_group"] is None and "L.circle" in second["feature_group"]
    assert "map_div" in second["feature_group"]
    assert (second["center"], second["zoom"]) == ((55.75, 37.62), 6)
    livemap.live_map(build, "two", key="map")  # another result: built again
    assert len(builds) == 2


def test_a_replaced_st_folium_is_called_every_run(monkeypatch):
    seen = []
    monkeypatch.setattr(streamlit_folium, "st_folium", lambda fig, **kw: seen.append(fig))
    monkeypatch.setattr(livemap, "st", SimpleNamespace(session_state={}))
    for _ in range(2):
        livemap.live_map(lambda: folium.Map(tiles=None), "one", key="map")
    assert len(seen) == 2


def test_importing_livemap_leaves_streamlit_folium_alone():
    before = streamlit_folium._component_func
    # a fresh copy of the module, run as an import would, beside the one already imported
    spec = importlib.util.spec_from_file_location("fresh_livemap", livemap.__file__)
    fresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fresh)
    assert streamlit_folium._component_func is before
    assert callable(fresh.install) and callable(fresh.live_map)


def test_install_puts_one_watcher_in_front_whatever_the_threads(component):
    original = streamlit_folium._component_func
    threads = [threading.Thread(target=livemap.install) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    livemap.install()
    watcher = streamlit_folium._component_func
    assert watcher is not original and watcher.component is original  # wrapped once
    watcher(key="x")  # calls go through to the component itself, once
    assert component == [{"key": "x"}]
