"""The map of a Result: places as circles, routes as geodesic arcs, on offline country outlines.

`build_map` is pure: it returns a fresh `folium.Map` and knows nothing of Streamlit. Every
piece of text that comes from the article goes through `_escape` before it reaches folium,
whose Popup and Tooltip insert their text unescaped into a JavaScript template literal.
"""
from __future__ import annotations

import html
import math
from collections.abc import Iterable

import folium
from branca.element import Element
from folium.plugins import PolyLineTextPath
from geographiclib.geodesic import Geodesic

from geo.model import Mention, Passage, Place, Result, Route
from geo.outlines import country_outlines

KIND_COLOURS = {
    "country": "#1b9e77",
    "region": "#7570b3",
    "city": "#d95f02",
    "continent": "#66a61e",
    "landmark": "#e7298a",
    "other": "#666666",
}
# zoom for a map with a single place, by kind
KIND_ZOOM = {"continent": 3, "country": 5, "region": 6, "city": 10, "landmark": 13, "other": 8}
ROUTE_COLOUR = "#b2182b"
SELECTED_COLOUR = "#ffd400"
MAX_RADIUS = 24.0
WORLD_CENTRE, WORLD_ZOOM = (20.0, 0.0), 2
_OUTLINE_STYLE = {"fillColor": "#ecebe6", "fillOpacity": 1, "color": "#8c8c8c", "weight": 0.6}
_PAGE_CSS = "<style>path.leaflet-interactive:focus{outline:none}</style>"
_POPUP_CSS = "max-height:260px;overflow-y:auto;font-size:13px;line-height:1.35"


def build_map(result: Result, *, selected: str | None = None) -> folium.Map:
    """A folium map of the result's places and routes, framed on the places."""
    location, zoom = _view(result.places)
    m = folium.Map(location=location, zoom_start=zoom, tiles=None, maxZoom=18)
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap", max_zoom=18).add_to(m)
    # Chromium draws a black focus square around a clicked SVG circle
    m.get_root().header.add_child(Element(_PAGE_CSS), name="geo_css")
    _add_outlines(m)
    passages = {p.id: p for p in result.passages}
    # routes under places, so that a route ending on a place does not take its clicks
    for route in result.routes:
        _add_route(m, result, route, passages)
    # biggest first, so that small circles on top of big ones stay clickable
    for place in sorted(result.places, key=lambda p: -len(p.mentions)):
        _place_marker(place, passages).add_to(m)
    if selected is not None and (place := result.place(selected)) is not None:
        _selection_ring(place).add_to(m)
    if len(result.places) > 1:
        lats = [p.lat for p in result.places]
        lons = [p.lon for p in result.places]
        bounds = [[min(lats), min(lons)], [max(lats), max(lons)]]
        m.fit_bounds(bounds, padding=(30, 30), max_zoom=11)
    return m


def marker_radius(mentions: int) -> float:
    """Circle radius in pixels: grows with the number of mentions, capped."""
    return min(6.0 + 4.0 * math.sqrt(max(mentions, 1) - 1), MAX_RADIUS)


def geodesic_points(
    lat1: float, lon1: float, lat2: float, lon2: float
) -> list[tuple[float, float]]:
    """Points along the shortest path on WGS84, longitudes unrolled (no jump at ±180)."""
    line = Geodesic.WGS84.InverseLine(lat1, lon1, lat2, lon2)
    n = max(2, min(64, int(line.s13 / 200_000) + 2))  # one point per 200 km looks smooth
    mask = Geodesic.LATITUDE | Geodesic.LONGITUDE | Geodesic.LONG_UNROLL
    points = []
    for i in range(n):
        pos = line.Position(line.s13 * i / (n - 1), mask)
        points.append((round(pos["lat2"], 5), round(pos["lon2"], 5)))
    return points


def popup_html(place: Place, passages: dict[int, Passage]) -> str:
    """The popup of a place: name, kind, country, coordinates, then each passage marked."""
    where = f"{place.lat:.4f}, {place.lon:.4f}"
    facts = " · ".join(_escape(x) for x in (place.kind, place.country_code, where) if x)
    items = "".join(f"<li>{text}</li>" for text in marked_passages(place.mentions, passages))
    listing = f'<ul style="padding-left:1.1em;margin:.4em 0 0">{items}</ul>' if items else ""
    return (
        f'<div class="geo-popup" style="{_POPUP_CSS}"><b>{_escape(place.name)}</b>'
        f"<br><small>{facts}</small>{listing}</div>"
    )


def _escape(text: str) -> str:
    """HTML-escape, then neutralise what a JS template literal would interpret."""
    return (
        html.escape(text, quote=True)
        .replace("\\", "&#92;")
        .replace("`", "&#96;")
        .replace("$", "&#36;")
    )


def marked_passages(mentions: Iterable[Mention], passages: dict[int, Passage]) -> list[str]:
    """Each passage that mentions the place, escaped, its mentions wrapped in <mark>."""
    by_passage: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_passage.setdefault(mention.passage, []).append(mention)
    out = []
    for pid in sorted(by_passage):
        passage = passages.get(pid)
        if passage is not None:
            out.append(_mark(passage, by_passage[pid]))
    return out


def _mark(passage: Passage, mentions: list[Mention]) -> str:
    text, pieces, at = passage.text, [], 0
    for mention in sorted(mentions, key=lambda x: x.start):
        start = mention.start - passage.start
        end = start + len(mention.text)
        if text[start:end] != mention.text:  # offsets not in this passage: find the words
            start = text.find(mention.text, at)
            end = start + len(mention.text)
        if start < at or not mention.text:
            continue
        pieces += [_escape(text[at:start]), "<mark>", _escape(text[start:end]), "</mark>"]
        at = end
    pieces.append(_escape(text[at:]))
    return "".join(pieces)


def _place_marker(place: Place, passages: dict[int, Passage]) -> folium.CircleMarker:
    colour = KIND_COLOURS.get(place.kind, KIND_COLOURS["other"])
    return folium.CircleMarker(
        location=(place.lat, place.lon),
        radius=marker_radius(len(place.mentions)),
        color="#ffffff",
        weight=1.5,
        fill=True,
        fill_color=colour,
        fill_opacity=0.85,
        class_name="geo-place",
        tooltip=folium.Tooltip(_escape(place.name)),
        popup=folium.Popup(popup_html(place, passages), max_width=380),
    )


def _selection_ring(place: Place) -> folium.CircleMarker:
    ring = folium.CircleMarker(
        location=(place.lat, place.lon),
        radius=marker_radius(len(place.mentions)) + 6,
        color=SELECTED_COLOUR,
        weight=4,
        fill=False,
        class_name="geo-selected",
    )
    ring.options["interactive"] = False  # path_options() drops this key; let clicks through
    return ring


def _add_outlines(m: folium.Map) -> None:
    # below the tile pane (200): hidden by OSM tiles when they load, the base map when not
    folium.map.CustomPane("geo-outlines", z_index=150, pointer_events=False).add_to(m)
    folium.GeoJson(
        country_outlines(),
        name="Countries",
        style_function=lambda _: _OUTLINE_STYLE,
        interactive=False,
        pane="geo-outlines",
        control=False,
    ).add_to(m)


def _add_route(m: folium.Map, result: Result, route: Route, passages: dict[int, Passage]) -> None:
    start = result.place(route.from_id) if route.from_id else None
    end = result.place(route.to_id)
    if start is None or end is None or (start.lat, start.lon) == (end.lat, end.lon):
        return
    points = geodesic_points(start.lat, start.lon, end.lat, end.lon)
    mode = f"by {route.mode}" if route.mode else None
    details = " · ".join(_escape(x) for x in (route.traveler, mode, route.when, route.status) if x)
    tip = f"{_escape(start.name)} → {_escape(end.name)}<br>{details}"
    passage = passages.get(route.passage)
    evidence = route.evidence or (passage.text if passage else "")
    popup = f'<div style="{_POPUP_CSS}">{tip}<p>{_escape(evidence)}</p></div>'
    line = folium.PolyLine(
        points,
        color=ROUTE_COLOUR,
        weight=2.5,
        opacity=0.9,
        dash_array=None if route.status == "past" else "6 6",
        class_name="geo-route",
        tooltip=folium.Tooltip(tip),
        popup=folium.Popup(popup, max_width=380),
    ).add_to(m)
    PolyLineTextPath(
        line, "►", center=True, offset=6, attributes={"fill": ROUTE_COLOUR, "font-size": "18"}
    ).add_to(m)


def _view(places: tuple[Place, ...]) -> tuple[tuple[float, float], int]:
    """Centre and zoom before any fit_bounds: the world, or the single place."""
    if len(places) == 1:
        only = places[0]
        return (only.lat, only.lon), KIND_ZOOM.get(only.kind, KIND_ZOOM["other"])
    return WORLD_CENTRE, WORLD_ZOOM
