"""The map of a Result: places as circles, routes as geodesic arcs, on offline country outlines.

`build_map` is pure: it returns a fresh `folium.Map` and knows nothing of Streamlit. Every
piece of text that comes from the article goes through `escape` (geo.maps.passages) before it
reaches folium, whose Popup and Tooltip insert their text unescaped into a JavaScript template
literal, and only through the elements of `geo.maps.inert`, which never make it template
source.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable

import folium
import shapely
import shapely.geometry
from branca.element import Element
from folium.plugins import Fullscreen, MarkerCluster
from shapely import LineString

from geo.kept import kept
from geo.maps.arcs import arc_between, bend, crosses_antimeridian, geodesic_line, other_world
from geo.maps.basemap import add_basemap
from geo.maps.colours import NO_TRAVELER_COLOUR, route_colours
from geo.maps.inert import Popup, TextPath, Tooltip, figure_of
from geo.maps.labels import StepBadge, fit_labels
from geo.maps.legend import Legend, legend_html
from geo.maps.passages import escape, evidence_html, marked_passages
from geo.maps.points import as_drawn, map_point
from geo.maps.spread import spread_markers
from geo.model import Passage, Place, Result, Route
from geo.world.countries import country_shapes
from geo.world.outlines import country_outlines

KIND_COLOURS = {
    "country": "#1b9e77",
    "region": "#7570b3",
    "city": "#d95f02",
    "continent": "#66a61e",
    "landmark": "#e7298a",
    "other": "#666666",
}
AREA_KINDS = frozenset({"continent", "country", "region"})  # drawn small, under the towns
AREA_RADIUS = 6.0
# zoom for a map with a single place, by kind
KIND_ZOOM = {"continent": 3, "country": 5, "region": 6, "city": 10, "landmark": 13, "other": 8}
READING_COLOUR = "#333333"
# past: solid; planned: dashed; hypothetical: dotted; unknown: dash-dot
DASHES = {"past": None, "planned": "8 6", "hypothetical": "2 6", "unknown": "10 4 2 4"}
SELECTED_COLOUR = "#ffd400"
MAX_RADIUS = 24.0
WORLD_CENTRE, WORLD_ZOOM = (20.0, 0.0), 2
# an article names a few dozen places at most; a corpus can name hundreds
CLUSTER_FROM, CLUSTER_UNTIL_ZOOM = 50, 7
_COUNTRY_STYLE = {
    "fillColor": KIND_COLOURS["country"],
    "fillOpacity": 0.12,
    "color": KIND_COLOURS["country"],
    "weight": 1,
    "opacity": 0.6,
}
_OUTLINE_STYLE = {"fillColor": "#ecebe6", "fillOpacity": 1, "color": "#8c8c8c", "weight": 0.6}
_PAGE_CSS = "<style>path.leaflet-interactive:focus{outline:none}</style>"
_POPUP_CSS = "max-height:260px;overflow-y:auto;font-size:13px;line-height:1.35"


def build_map(
    result: Result,
    *,
    selected: str | None = None,
    reading_order: bool = False,
    compact: bool = False,
) -> folium.Map:
    """A folium map of the result's places and routes, framed on the places.

    Places, the countries the text names and the routes are three layers that a layer control
    turns on and off; many places are clustered. With `reading_order`, a dotted path also
    joins the places in the order the text names them. `compact` (a map beside other
    things, as in the app): the layer control and the legend start folded, and a place's
    circle opens no popup (the panel beside the map shows it, and a popup would cover
    other circles).
    """
    data, result = result, as_drawn(result)  # countries at their capitals (geo.maps.points)
    location, zoom = _view(result.places)
    m = folium.Map(location=location, zoom_start=zoom, tiles=None, maxZoom=18)
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap", max_zoom=18).add_to(m)
    # Chromium draws a black focus square around a clicked SVG circle
    figure_of(m).header.add_child(Element(_PAGE_CSS), name="geo_css")
    add_outlines(m)
    add_basemap(m, result.language)  # names and borders, under the tiles
    passages = {p.id: p for p in result.passages}
    countries_layer(result).add_to(m)  # first: under the routes and places
    if reading_order:
        reading_order_layer(result).add_to(m)
    # routes under places, so that a route ending on a place does not take its clicks
    routes = folium.FeatureGroup(name="Routes")
    colours = route_colours(result.routes)
    for route in result.routes:
        _add_route(routes, result, route, passages, colours[route.traveler])
    routes.add_to(m)
    places = places_layer(len(result.places))
    drawn = {p.id: (p.lat, p.lon) for p in result.places}
    # countries and regions first, then the biggest, so that small circles stay clickable
    for place in sorted(data.places, key=_drawing_order):
        _place_marker(place, passages, at=drawn[place.id], popup=not compact).add_to(places)
    places.add_to(m)
    if isinstance(places, folium.FeatureGroup):  # clusters keep their own circles apart
        spread_markers(m)
    if selected is not None and (chosen := result.place(selected)) is not None:
        _selection_ring(chosen).add_to(m)
    Fullscreen(position="topleft", title="Full screen", title_cancel="Leave full screen").add_to(m)
    folium.LayerControl(collapsed=compact).add_to(m)
    map_legend(result, folded=compact).add_to(m)
    if len(result.places) > 1:
        lats = [p.lat for p in result.places]
        lons = [p.lon for p in result.places]
        bounds = [[min(lats), min(lons)], [max(lats), max(lons)]]
        m.fit_bounds(bounds, padding=(30, 30), max_zoom=11)
    return m


def places_layer(count: int) -> folium.FeatureGroup | MarkerCluster:
    """The "Places" layer: plain, or clustered by zoom level when there are many places (a
    corpus). Clusters open up by zooming in (a click on one zooms to it) and are never formed
    from zoom CLUSTER_UNTIL_ZOOM on, so that a place framed at a city's zoom is a circle."""
    if count < CLUSTER_FROM:
        return folium.FeatureGroup(name="Places")
    return MarkerCluster(
        name="Places",
        options={
            "disableClusteringAtZoom": CLUSTER_UNTIL_ZOOM,
            "maxClusterRadius": 50,
            "showCoverageOnHover": False,
            "spiderfyOnMaxZoom": False,
        },
    )


def countries_layer(result: Result) -> folium.FeatureGroup:
    """The countries the text names as shapes (Natural Earth 1:50m, simplified), inert: their
    markers take the clicks."""
    layer = folium.FeatureGroup(name="Countries")
    features = []
    for place in result.places:
        geometry = _country_geometry(place.country_code) if place.kind == "country" else None
        if geometry is not None:
            features.append({"type": "Feature", "properties": {}, "geometry": geometry})
    if features:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": features},
            style_function=lambda _: _COUNTRY_STYLE,
            interactive=False,
            class_name="geo-country",
        ).add_to(layer)
    return layer


def _country_geometry(code: str | None) -> dict | None:
    """A country's simplified outline as GeoJSON (None if it has none)."""
    return country_geometries().get(code) if code else None


@functools.cache  # the app draws them on every rerun
@kept("country-geometries")  # and every first map of a process: made once per version
def country_geometries() -> dict[str, dict]:
    """Every country's simplified outline as GeoJSON, by ISO alpha-2 code."""
    geometries: dict[str, dict] = {}
    for code, shape in zip(*country_shapes(), strict=True):
        if code not in geometries:  # as country_shape: the first outline of a code
            geometries[code] = shapely.geometry.mapping(_simplified(shape))
    return geometries


def _simplified(shape):
    """A country's outline light enough for a page: about 5 km of detail for a big country,
    finer for a small one, islands smaller than that detail dropped."""
    tolerance = min(0.05, math.sqrt(shape.area) / 100)
    parts = [
        part
        for part in shapely.get_parts(shape.simplify(tolerance))
        if part.area > 4 * tolerance**2
    ]
    kept = shapely.MultiPolygon(parts) if parts else shape
    return shapely.transform(kept, lambda xy: xy.round(2))  # ~1 km: short numbers


def map_legend(result: Result, *, folded: bool = False) -> Legend:
    """What the colours and dashes of this map mean (only what it shows); `folded`: shown
    when the reader opens it."""
    kinds = [k for k in KIND_COLOURS if any(p.kind == k for p in result.places)]
    has_shapes = any(p.kind == "country" and p.country_code for p in result.places)
    drawn = [
        r for r in result.routes if r.from_id and result.place(r.from_id) and result.place(r.to_id)
    ]
    colours = route_colours(result.routes)  # as the map colours them
    travelers = legend_travelers(dict.fromkeys(r.traveler for r in drawn), colours)
    statuses = [s for s in DASHES if any(r.status == s for r in drawn)]
    return Legend(
        legend_html(
            kinds=[(k, KIND_COLOURS[k]) for k in kinds],
            countries=KIND_COLOURS["country"] if has_shapes else None,
            travelers=travelers,
            dashes=[(s, DASHES[s]) for s in statuses],
            undrawn=len(result.routes) - len(drawn),
            clustered=len(result.places) >= CLUSTER_FROM,
        ),
        folded=folded,
    )


def legend_travelers(
    travelers: Iterable[str | None], colours: dict[str | None, str]
) -> list[tuple[str, str]]:
    """(label, colour) of each traveler drawn in a colour of their own, in the order given,
    then one row for all those drawn in grey: the travelers past the palette's end and
    someone unknown (their names are on their arcs and in their popups)."""
    rows, grey = [], []
    for who in travelers:
        if colours[who] == NO_TRAVELER_COLOUR:
            grey.append(who)
        else:
            rows.append((who or "someone unknown", colours[who]))
    others = len([who for who in grey if who is not None])
    if grey:
        label = f"{others} other traveler{'s' if others > 1 else ''}" if others else ""
        if None in grey:
            label = f"{label} or unknown" if label else "someone unknown"
        rows.append((label, NO_TRAVELER_COLOUR))
    return rows


def marker_radius(mentions: int) -> float:
    """Circle radius in pixels: grows with the number of mentions, capped."""
    return min(6.0 + 4.0 * math.sqrt(max(mentions, 1) - 1), MAX_RADIUS)


def place_radius(place: Place) -> float:
    """A place's circle radius: a country's, continent's or region's stays small, since its
    shaded outline shows it and its circle must not cover the towns in it."""
    if place.kind in AREA_KINDS:
        return min(marker_radius(len(place.mentions)), AREA_RADIUS)
    return marker_radius(len(place.mentions))


def geodesic_points(
    lat1: float, lon1: float, lat2: float, lon2: float
) -> list[tuple[float, float]]:
    """(lat, lon) points along the shortest path on WGS84, longitudes unrolled (no jump at ±180)."""
    return [(lat, lon) for lon, lat in geodesic_line(lat1, lon1, lat2, lon2).coords]


def popup_html(place: Place, passages: dict[int, Passage]) -> str:
    """The popup of a place: name, kind, country, coordinates, then each passage marked."""
    where = f"{place.lat:.4f}, {place.lon:.4f}"
    facts = " · ".join(escape(x) for x in (place.kind, place.country_code, where) if x)
    items = "".join(f"<li>{text}</li>" for text in marked_passages(place.mentions, passages))
    listing = f'<ul style="padding-left:1.1em;margin:.4em 0 0">{items}</ul>' if items else ""
    return (
        f'<div class="geo-popup" style="{_POPUP_CSS}"><b>{escape(place.name)}</b>'
        f"<br><small>{facts}</small>{listing}</div>"
    )


def _drawing_order(place: Place) -> tuple[int, int]:
    """Areas under towns, and big circles under small ones."""
    return (0 if place.kind in AREA_KINDS else 1, -len(place.mentions))


def _place_marker(
    place: Place,
    passages: dict[int, Passage],
    *,
    at: tuple[float, float] | None = None,
    popup: bool = True,
) -> folium.CircleMarker:
    """The place's circle (at `at` if given: where the map draws it), with a popup giving
    its facts, its own point and its passages unless not `popup`."""
    colour = KIND_COLOURS.get(place.kind, KIND_COLOURS["other"])
    return folium.CircleMarker(
        location=at or (place.lat, place.lon),
        radius=place_radius(place),
        color="#ffffff",
        weight=1.5,
        fill=True,
        fill_color=colour,
        fill_opacity=0.85,
        class_name="geo-place",
        tooltip=Tooltip(escape(place.name)),
        popup=Popup(popup_html(place, passages), max_width=380) if popup else None,
    )


def _selection_ring(place: Place) -> folium.CircleMarker:
    ring = folium.CircleMarker(
        location=map_point(place),
        radius=place_radius(place) + 6,
        color=SELECTED_COLOUR,
        weight=4,
        fill=False,
        class_name="geo-selected",
    )
    ring.options["interactive"] = False  # path_options() drops this key; let clicks through
    return ring


def selection_layer(place: Place) -> folium.FeatureGroup:
    """The ring around a selected place, as a layer for st_folium's `feature_group_to_add`
    (the map is not rebuilt when the selection changes)."""
    layer = folium.FeatureGroup(name="Selected place", control=False)
    _selection_ring(place).add_to(layer)
    return layer


def add_outlines(m: folium.Map) -> None:
    """The offline base map: every country's outline, under the tiles."""
    # below the tile pane (200): hidden by OSM tiles when they load, the base map when not
    folium.map.CustomPane("geo-outlines", z_index=150, pointer_events=False).add_to(m)
    folium.GeoJson(
        country_outlines(),
        name="Country outlines",
        style_function=lambda _: _OUTLINE_STYLE,
        interactive=False,
        pane="geo-outlines",
        control=False,
    ).add_to(m)


def route_line(result: Result, route: Route) -> LineString | None:
    """The geodesic arc of a route (shapely, lon/lat, unrolled), or None if it has no origin.

    The first journey between two places (either way) is the shortest path; each later one
    bows out, on alternate sides, so that no two of them share a line."""
    start = result.place(route.from_id) if route.from_id else None
    end = result.place(route.to_id)
    if start is None or end is None or (line := arc_between(start, end)) is None:
        return None
    lane = route_lane(result.routes, route)
    side = (lane + 1) // 2 * (1 if lane % 2 else -1)  # 0, 1, -1, 2, -2, ...
    # the sides are those of the pair's one way (by id), whichever way this journey goes
    return bend(line, side if start.id < end.id else -side)


def route_lane(routes: Iterable[Route], route: Route) -> int:
    """How many journeys between the same two places (either way) come before this one."""
    pair = {route.from_id, route.to_id}
    same = [r for r in routes if {r.from_id, r.to_id} == pair]
    found = next((i for i, r in enumerate(same) if r is route), None)
    if found is None:  # an equal copy of one of them
        found = next((i for i, r in enumerate(same) if r == route), 0)
    return found


def route_popup_html(result: Result, route: Route, passages: dict[int, Passage]) -> str:
    """Who goes from where to where, when, how and how sure, then the passage that tells it."""
    places = (result.place(route.from_id or ""), result.place(route.to_id))
    names = [place.name if place else "?" for place in places]
    when = f"{route.when} ({route.when_iso})" if route.when and route.when_iso else route.when
    mode = f"by {route.mode_kind}" if route.mode_kind else route.mode
    facts = " · ".join(escape(x) for x in (route.status, mode, when) if x)
    origin = (
        f"<br><small>origin inferred: {escape(route.origin_reason)}</small>"
        if route.origin_inferred and route.origin_reason
        else ""
    )
    return (
        f'<div class="geo-popup" style="{_POPUP_CSS}"><b>{escape(route.traveler or "Journey")}'
        f"</b><br>{escape(names[0])} → {escape(names[1])}<br><small>{facts}</small>{origin}"
        f'<p style="margin:.4em 0 0">{evidence_html(route, passages.get(route.passage))}</p></div>'
    )


def _add_route(
    layer: folium.FeatureGroup,
    result: Result,
    route: Route,
    passages: dict[int, Passage],
    colour: str,
) -> None:
    """The route's arc with its label and arrow; a second copy one world over if it crosses
    ±180, so that both of its places, drawn once each, have the arc end on them."""
    line = route_line(result, route)
    start, end = result.place(route.from_id or ""), result.place(route.to_id)
    if line is None or start is None or end is None:
        return
    fit_labels(layer)  # labels only where they fit, over no other
    copies = world_copies(line)
    names = [start.name, end.name]
    tip = escape(f"{route.traveler or 'Journey'}: {names[0]} → {names[1]} ({route.status})")
    popup = route_popup_html(result, route, passages)
    lane = route_lane(result.routes, route)
    for index, copy in enumerate(copies):
        points = [(lat, lon) for lon, lat in copy.coords]
        drawn = folium.PolyLine(
            points,
            color=colour,
            weight=2.5,
            opacity=0.9,
            dash_array=DASHES.get(route.status),
            class_name=f"geo-route geo-{route.status}",
            tooltip=Tooltip(tip, sticky=True),
            popup=Popup(popup, max_width=380),
        )
        drawn.add_to(layer)
        _label(drawn, route, colour, lane, westward=copy.coords[-1][0] < copy.coords[0][0]).add_to(
            layer
        )
        if index:  # the copy's far end has no place marker in this world: a small dot
            for lat, lon in (points[0], points[-1]):
                if not -180 <= lon <= 180:
                    _route_end(lat, lon, colour).add_to(layer)


def _label(
    line: folium.PolyLine, route: Route, colour: str, lane: int, *, westward: bool
) -> TextPath:
    """The traveler's name along the arc with an arrow pointing the way (text upright)."""
    who = route.traveler or "journey"
    text = f"◄ {who}" if westward else f"{who} ►"
    # routes between the same two places get their labels on successive lanes
    # (folium hands the text to Leaflet.TextPath as JSON, which puts it in a text node: no HTML)
    return TextPath(
        line,
        text,
        center=True,
        offset=-6 + 15 * lane,
        orientation="flip" if westward else 0,
        attributes={
            "fill": colour,
            "font-size": "12",
            "font-weight": "bold",
            "stroke": "#ffffff",
            "stroke-width": "3",
            "paint-order": "stroke",
            "class": "geo-route-label",
            # drawn after the places: it must not take their clicks
            "pointer-events": "none",
        },
        fit=True,  # shown by geo.maps.labels only where it fits along its arc
    )


def world_copies(line: LineString) -> list[LineString]:
    """The line, and its copy one world over if it crosses ±180: each of its two places,
    drawn once, then has a copy ending on it."""
    return [line, other_world(line)] if crosses_antimeridian(line) else [line]


def _route_end(lat: float, lon: float, colour: str) -> folium.CircleMarker:
    dot = folium.CircleMarker(
        location=(lat, lon),
        radius=3,
        color=colour,
        weight=1,
        fill=True,
        fill_color=colour,
        fill_opacity=1,
        class_name="geo-route-end",
    )
    dot.options["interactive"] = False
    return dot


def journey_highlight(result: Result, route: Route) -> folium.FeatureGroup:
    """A wide glow under the chosen journey's arc (drawn in both worlds if it crosses ±180)."""
    layer = folium.FeatureGroup(name="Chosen journey")
    line = route_line(result, route)
    for copy in [] if line is None else world_copies(line):
        glow = folium.PolyLine(
            [(lat, lon) for lon, lat in copy.coords],
            color=SELECTED_COLOUR,
            weight=10,
            opacity=0.6,
            class_name="geo-route-selected",
        )
        glow.options["interactive"] = False  # let clicks reach the route and places
        glow.add_to(layer)
    return layer


def reading_order_layer(result: Result) -> folium.FeatureGroup:
    """A path joining the places in the order the text names them (a simpler second layer):
    each step a dotted geodesic arc, drawn in both worlds if it crosses ±180, with its number
    and an arrow the way it goes at its middle (where it fits) and in its tooltip."""
    layer = folium.FeatureGroup(name="Places in reading order")
    steps = reading_steps(result)
    if steps:
        fit_labels(layer)
    for number, (start, end) in enumerate(steps, start=1):
        line = arc_between(start, end)
        if line is None:  # two places on one point: nothing to draw
            continue
        tip = escape(f"{number}. {start.name} → {end.name}")
        for copy in world_copies(line):
            drawn = folium.PolyLine(
                [(lat, lon) for lon, lat in copy.coords],
                color=READING_COLOUR,
                weight=1.5,
                opacity=0.8,
                dash_array="1 5",
                class_name="geo-reading-order",
                tooltip=Tooltip(tip),
            )
            drawn.add_to(layer)
            StepBadge(drawn, number).add_to(layer)
    return layer


def reading_steps(result: Result) -> list[tuple[Place, Place]]:
    """(from, to) for each step between the places in the order the text names them, a place
    named again right after itself making no step."""
    at = {p.id: p for p in result.places}
    mentions = sorted((m.start, p.id) for p in result.places for m in p.mentions)
    order = [pid for _, pid in mentions]
    stops = [pid for i, pid in enumerate(order) if i == 0 or order[i - 1] != pid]
    return [(at[a], at[b]) for a, b in zip(stops, stops[1:], strict=False)]


def _view(places: tuple[Place, ...]) -> tuple[tuple[float, float], int]:
    """Centre and zoom before any fit_bounds: the world, or the single place."""
    if len(places) == 1:
        only = places[0]
        return (only.lat, only.lon), KIND_ZOOM.get(only.kind, KIND_ZOOM["other"])
    return WORLD_CENTRE, WORLD_ZOOM
