"""The app's map through streamlit-folium, rendered once per map instead of once per rerun.

`st_folium` renders the whole folium map to JavaScript on every script run, and a click on a
marker is a script run: with the country shapes, that rendering was most of a click's time.
Here the first run of a map goes through `st_folium` as usual and keeps the arguments it hands
to its frontend component; later runs of the same map hand the component those arguments
again, with only what changes (the extra layers, centre and zoom) made anew, as st_folium
would make them. The arguments are kept in the session, and on disk by the map's fingerprint
(`geo.kept`, the latest MAPS_KEPT maps): a new session or the next start of the app draws a
map already drawn without building or rendering it.

The arguments go to geo's own declaration of streamlit-folium's frontend (`component`), so
that a kept map is drawn without importing streamlit-folium, which imports folium and pandas:
the first page of a start draws its map without either. To see the arguments of a map
rendered anew, `install()` (called by `live_map`) puts a watcher in front of streamlit-folium's
component, once per process, which hands them to geo's. Importing this module changes nothing
in streamlit-folium, and does not import it: see `_component_module`.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import streamlit as st
import streamlit.components.v1 as components

from geo.app.prepared import wait_prepared
from geo.app.state import KEYS
from geo.errors import GeoError
from geo.kept import keep, recall

if TYPE_CHECKING:
    import folium

MAPS_KEPT = 16  # maps rendered, kept on disk (about 1 MB each)
_WATCHING = threading.local()  # .arguments: what the component got, in the watching thread
_INSTALLING = threading.Lock()
_DECLARED: list[Callable[..., Any]] = []  # geo's declaration of the frontend, once made


class _Watched:
    """In place of streamlit-folium's component: hands `live_map` the arguments while it
    watches (in the watching thread only: other sessions run in other threads), and passes
    them on to geo's declaration of the same frontend (`component`)."""

    def __call__(self, **arguments):
        kept = getattr(_WATCHING, "arguments", None)
        if kept is not None:
            kept.update(arguments)
        return component()(**arguments)


def component() -> Callable[..., Any]:
    """streamlit-folium's frontend, declared by geo (named after this module), once per
    process, in a script run (which registers it with the server) once the server's start
    has prepared: declaring names the component by `inspect.getmodule`, see
    `_component_module`. Its files are found without importing streamlit-folium."""
    if not _DECLARED:
        wait_prepared()
        with _INSTALLING:
            if not _DECLARED:
                _DECLARED.append(components.declare_component("st_folium", path=str(_frontend())))
    return _DECLARED[0]


def _frontend() -> Path:
    """The folder of streamlit-folium's built frontend."""
    spec = importlib.util.find_spec("streamlit_folium")
    folders = list(spec.submodule_search_locations or []) if spec else []
    if not folders or not (Path(folders[0]) / "frontend" / "build" / "index.html").is_file():
        raise GeoError("streamlit-folium's map component is not installed: pip install -e .")
    return Path(folders[0]) / "frontend" / "build"


def _component_module() -> ModuleType:
    """streamlit_folium, imported once the server's start has prepared the first page.

    Importing it declares its component, which names it by `inspect.getmodule` of the caller;
    that function is not thread-safe (a module another thread is noting can be skipped as
    known, then not found), and the start calls it too, as may what it loads (the article's
    model). Declared meanwhile, the component raised "module is None" now and then, and the
    first page showed no map."""
    wait_prepared()
    import streamlit_folium

    return streamlit_folium


def install() -> Any:
    """Put the watcher in front of the component st_folium calls; streamlit_folium. Once:
    calling it again, from any session's thread, changes nothing. `live_map` calls it for a
    map it renders; importing this module does not."""
    streamlit_folium: Any = _component_module()  # its component is private: not in its types
    if isinstance(streamlit_folium._component_func, _Watched):
        return streamlit_folium
    with _INSTALLING:
        if not isinstance(streamlit_folium._component_func, _Watched):
            streamlit_folium._component_func = _Watched()
    return streamlit_folium


def live_map(
    build: Callable[[], folium.Map],
    fingerprint: str,
    *,
    key: str,
    layers: Sequence[folium.FeatureGroup] = (),
    center=None,
    zoom=None,
    disk: bool = True,
    **options,
) -> dict | None:
    """st_folium(build(), key=key, feature_group_to_add=layers, center=center, zoom=zoom,
    **options), with `build` called and the map rendered only when `fingerprint` (or the
    options) changes; with `disk`, kept on disk for other sessions and the next start too."""
    kept = st.session_state.get(KEYS.kept_map(key))
    asked = ["st_folium", fingerprint, key, sorted(options.items())]
    if kept is None or kept[0] != asked:
        found = recall("map", asked) if disk else None
        kept = (asked, found) if isinstance(found, dict) else None
        if kept is not None:
            st.session_state[KEYS.kept_map(key)] = kept
    if kept is not None:
        arguments = _plain(kept[1])
        arguments.update(
            center=center,
            zoom=zoom,
            feature_group=layers_script(layers),
            on_change=_on_change(key, str(arguments["key"])),
        )
        return component()(**arguments)
    streamlit_folium = install()
    captured: dict[str, object] = {}
    _WATCHING.arguments = captured
    try:
        value = streamlit_folium.st_folium(
            build(),
            key=key,
            center=center,
            zoom=zoom,
            feature_group_to_add=list(layers) or None,
            **options,
        )
    finally:
        _WATCHING.arguments = None
    if captured:  # nothing when st_folium is replaced (tests)
        captured.pop("on_change", None)  # made again for each call: a function is no data
        st.session_state[KEYS.kept_map(key)] = (asked, captured)
        if disk:
            keep("map", asked, captured, most=MAPS_KEPT)
    return value


def _plain(arguments: dict[str, Any]) -> dict[str, Any]:
    """A kept map's arguments as Streamlit passes them on without asking whether each is a
    data frame: it asks that of every list or dict, which imports pandas (half a second, on
    the first page of a start), and not of a tuple or None. The frontend gets the same JSON;
    `default`, the value before the map first answers, becomes None, which the page reads as
    no click, as it does st_folium's default."""
    plain = {name: tuple(v) if isinstance(v, list) else v for name, v in arguments.items()}
    plain["default"] = None
    return plain


def _on_change(key: str, widget: str) -> Callable[[], None]:
    """What st_folium does when its component's value changes: the map's value, under the
    component's own key `widget`, is put under the key the page asked for."""

    def changed() -> None:
        st.session_state[key] = st.session_state.get(widget, {})

    return changed


def layers_script(layers: Sequence[folium.FeatureGroup]) -> str | None:
    """The extra layers' JavaScript, as st_folium writes it (the map's name becomes map_div)."""
    if not layers:
        return None
    import folium  # here: a page with no extra layer needs none of it

    host = folium.Map(tiles=None)
    return "".join(
        _component_module()._get_feature_group_string(layer, map=host, idx=i)
        for i, layer in enumerate(layers)
    )
