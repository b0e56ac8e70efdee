"""The app's map is rendered once per map: later reruns, new sessions and the next start reuse
st_folium's arguments, handed to geo's own declaration of its frontend; the watcher that sees
them is put in place by install(), not by an import."""

import importlib.util
import json
import threading
from types import SimpleNamespace

import folium
import pytest
import streamlit_folium

from geo.app import livemap
from tests.helpers import fresh_python


@pytest.fixture
def component(monkeypatch, tmp_path) -> list[dict]:
    """geo's declaration of the map's frontend replaced by one that records its arguments
    (st_folium's reach it through the watcher the first live_map puts in front of
    streamlit-folium's own), a session of our own and a cache folder."""
    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path))
    calls: list[dict] = []
    monkeypatch.setattr(
        livemap, "component", lambda: lambda **arguments: calls.append(arguments) or {}
    )
    # streamlit-folium's own, never called once the watcher is in front of it
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **_: pytest.fail("its own"))
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


def _vladivostok() -> folium.Map:
    m = folium.Map(location=(43.1, 131.9), zoom_start=5, tiles=None)
    folium.CircleMarker((43.1, 131.9), radius=5, tooltip="Vladivostok").add_to(m)
    return m


def test_a_map_drawn_once_is_drawn_by_a_new_session_without_building_it(component, monkeypatch):
    calls = component
    builds = []

    def build():
        builds.append(1)
        return _vladivostok()

    livemap.live_map(build, "one", key="map", height=610, returned_objects=["zoom"])
    first = calls[-1]
    session = SimpleNamespace(session_state={})  # a new reader, or the app started again
    monkeypatch.setattr(livemap, "st", session)
    livemap.live_map(build, "one", key="map", height=610, returned_objects=["zoom"], zoom=7)
    again = calls[-1]
    assert len(builds) == 1  # from the disk: neither built nor rendered
    changed = {"zoom", "on_change", "default"}
    assert json.dumps({k: v for k, v in again.items() if k not in changed}) == json.dumps(
        {k: v for k, v in first.items() if k not in changed}
    )  # what the frontend gets
    assert again["zoom"] == 7 and again["default"] is None
    # its value moves under the page's key as st_folium's own would
    session.session_state[first["key"]] = {"last_object_clicked": {"lat": 1, "lng": 2}}
    again["on_change"]()
    assert session.session_state["map"] == {"last_object_clicked": {"lat": 1, "lng": 2}}
    # other options, another key or another map: not the one kept
    livemap.live_map(build, "one", key="map", height=400, returned_objects=["zoom"])
    monkeypatch.setattr(livemap, "st", SimpleNamespace(session_state={}))
    livemap.live_map(build, "one", key="other", height=610, returned_objects=["zoom"])
    livemap.live_map(build, "two", key="map", height=610, returned_objects=["zoom"])
    assert len(builds) == 4


def test_only_the_latest_maps_are_kept(component, monkeypatch, tmp_path):
    monkeypatch.setattr(livemap, "MAPS_KEPT", 2)
    for n in range(4):
        livemap.live_map(_vladivostok, f"map {n}", key="map")
    kept = list(tmp_path.rglob("map-*.json"))
    assert len(kept) == 2


def test_a_replaced_st_folium_is_called_every_run(monkeypatch, tmp_path):
    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path))
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
    assert watcher is not original and isinstance(watcher, livemap._Watched)
    watcher(key="x")  # calls go through to geo's component, once
    assert component == [{"key": "x"}]


@pytest.mark.parametrize("made", ["_component_module", "component"])
def test_the_component_is_declared_once_the_start_has_prepared(made):
    # declaring it (geo's, or streamlit-folium's as it is imported) runs inspect.getmodule:
    # not while the start runs it too (the first page then failed with "module is None" now
    # and then)
    script = (
        "import threading; from geo.app import livemap, prepared; "
        "prepared.PREPARED.clear(); "
        "seen = []; "
        f"t = threading.Thread(target=lambda: seen.append(livemap.{made}())); "
        "t.start(); t.join(0.5); waited = not seen; "
        "prepared.PREPARED.set(); t.join(10); "
        "print(waited, len(seen))"
    )
    assert fresh_python(script).split() == ["True", "1"]


def test_geos_component_serves_streamlit_folium_s_frontend():
    declared = livemap.component()
    assert declared.name == "geo.app.livemap.st_folium"
    assert declared.abspath == str(livemap._frontend())
    assert (livemap._frontend() / "index.html").is_file()
    assert livemap.component() is declared  # once per process


def test_a_kept_map_is_drawn_without_pandas_or_folium(tmp_path):
    # Streamlit asks of a component's list and dict arguments whether they are data frames,
    # which imports pandas: a kept map's are tuples, and its default None
    script = f"""
import os, sys
os.environ["GEO_CACHE_DIR"] = {str(tmp_path)!r}
from types import SimpleNamespace
from geo.app import livemap
from geo.kept import keep
arguments = {{"script": "var x;", "key": "k", "height": 610, "default": {{"zoom": 2}},
    "returned_objects": ["last_object_clicked"], "css_links": ["a.css"], "js_links": ["a.js"],
    "center": None, "zoom": None, "feature_group": None}}
keep("map", ["st_folium", "fp", "map", [["height", 610]]], arguments)
livemap.st = SimpleNamespace(session_state={{}})
value = livemap.live_map(lambda: 1 / 0, "fp", key="map", height=610)
print(value, *(m in sys.modules for m in ("pandas", "folium", "streamlit_folium")))
"""
    assert fresh_python(script).split() == ["None", "False", "False", "False"]
