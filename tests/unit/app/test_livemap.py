"""The app's map is rendered once per map: later reruns reuse st_folium's arguments."""

from types import SimpleNamespace

import folium

from geo.app import livemap


def test_a_map_is_built_once_and_its_reruns_change_only_the_layers_and_view(monkeypatch):
    calls = []
    monkeypatch.setattr(livemap, "_COMPONENT", lambda **arguments: calls.append(arguments) or {})
    monkeypatch.setattr(livemap, "st", SimpleNamespace(session_state={}))
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
    monkeypatch.setattr(livemap.streamlit_folium, "st_folium", lambda fig, **kw: seen.append(fig))
    monkeypatch.setattr(livemap, "st", SimpleNamespace(session_state={}))
    for _ in range(2):
        livemap.live_map(lambda: folium.Map(tiles=None), "one", key="map")
    assert len(seen) == 2
