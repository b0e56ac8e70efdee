"""The map beside the text: framed on a chosen journey or place, and the place a click picks.

folium, and the parts of geo that draw with it, are imported where a map or a layer is made:
a map kept on disk (geo.app.livemap) is drawn without them, which spares the first page
their import.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from geo.app.livemap import install, live_map
from geo.app.safe_html import place_at
from geo.app.serving import serving
from geo.app.state import KEYS, selected
from geo.maps.points import as_drawn
from geo.model import Result, Route

if TYPE_CHECKING:
    import folium


def show_map(
    result: Result,
    journey: Route | None,
    data: str,
    *,
    at: DeltaGenerator,
    tools: DeltaGenerator,
    height: int,
) -> dict | None:
    """The map in `at`, `height` px high, framed on the chosen journey or place if any, with
    its switches in `tools`; extra layers added without a rebuild (the map itself changes only
    when the Result, whose JSON is `data`, does)."""
    reading = tools.toggle(
        "Places in reading order",
        help="A numbered path joining the places in the order the article names them",
    )
    drawn = as_drawn(result)  # where the map draws the places (countries at their capitals)
    place = drawn.place(selected() or "")
    layers: list[folium.FeatureGroup] = []
    centre: tuple[float, float] | None = None
    zoom: int | None = None
    if reading or journey is not None or place is not None:
        from geo.maps.document import (
            KIND_ZOOM,
            journey_highlight,
            reading_order_layer,
            selection_layer,
        )

        layers = [reading_order_layer(drawn)] if reading else []
        if journey is not None:
            centre, zoom = journey_view(drawn, journey)
            layers.append(journey_highlight(drawn, journey))
        if place is not None:
            layers.append(selection_layer(place))
            if journey is None and st.session_state[KEYS.focus] == place.id:
                centre, zoom = (place.lat, place.lon), KIND_ZOOM.get(place.kind, 6)
    fingerprint = hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()
    with at:
        return live_map(
            lambda: app_map(result),
            fingerprint,
            key=KEYS.map,
            disk=not serving()[1],  # served to others: readers' articles stay off the disk
            layers=layers,
            center=centre,
            zoom=zoom,
            height=height,
            use_container_width=True,  # st_folium's own option, not Streamlit's deprecated one
            returned_objects=[
                "last_object_clicked",
                "last_object_clicked_tooltip",
                "last_object_clicked_count",
            ],
        )


def journey_view(
    result: Result, route: Route, *, width: int = 480, height: int = 560
) -> tuple[tuple[float, float], int]:
    """Centre and zoom that frame a journey on a map of about that many pixels."""
    from geo.maps.arcs import view
    from geo.maps.document import KIND_ZOOM, route_line

    line = route_line(result, route)
    if line is not None:
        return view([line], width, height)
    end = result.place(route.to_id)
    assert end is not None, "a Result's journeys end at its places"
    return (end.lat, end.lon), KIND_ZOOM.get(end.kind, KIND_ZOOM["other"])


def app_map(result: Result) -> folium.Map:
    """The result's map for st_folium: assets as data: URIs, controls folded."""
    from geo.maps.document import build_map
    from geo.maps.offline import data_uri_assets

    m = data_uri_assets(build_map(result, compact=True))
    # st_folium asks for the map's bounds only to report them, and this app does not ask
    # for them back: walking every point of the country shapes cost a fifth of a rerun
    m.get_bounds = lambda: [[None, None], [None, None]]  # type: ignore[method-assign]
    return m


def clicked_place(result: Result, clicked: dict) -> str | None:
    """The id of the place the map's last click was on, if any."""
    point = clicked.get("last_object_clicked")
    if point and point.get("lat") is not None:
        # circles over 10 px report the mouse position: the tooltip (the name) tells which
        place = place_at(
            result, point["lat"], point["lng"], name=clicked.get("last_object_clicked_tooltip")
        )
        return place.id if place else None
    return None


def follow_click(result: Result, clicked: dict | None, *, rerun: bool = True) -> None:
    """Select the place of a new click on the map (not a click the map reports again) and,
    with `rerun`, run the page again with it."""
    clicked = clicked or {}
    picked = (clicked_place(result, clicked), clicked.get("last_object_clicked_count"))
    new_click = picked[0] is not None and picked != st.session_state[KEYS.last_map_pick]
    st.session_state[KEYS.last_map_pick] = picked
    if new_click and picked[0] != selected():
        st.session_state[KEYS.selected], st.session_state[KEYS.focus] = picked[0], None
        if rerun:  # so that what was drawn before it knew shows the place too
            st.rerun()


def prepare_maps() -> None:
    """Import what a click or a new map needs, which a page drawing a kept map did without:
    folium and the layers' makers, and streamlit-folium with the watcher in front of its
    component."""
    import geo.maps.document
    import geo.maps.offline  # noqa: F401

    install()


def prepare_maps_later() -> Callable[[], None]:
    """`prepare_maps`, to be called in another thread with this page's run context (which
    streamlit-folium's import asks for as it declares its component; without it, Streamlit
    warns in the terminal). geo.app.analysis has it called after a page drawn from disk, in
    the thread that then loads the model: that declaration's `inspect.getmodule` must not
    run beside the model's (see geo.app.livemap)."""
    context = get_script_run_ctx()

    def prepare() -> None:
        add_script_run_ctx(None, context)
        prepare_maps()

    return prepare
