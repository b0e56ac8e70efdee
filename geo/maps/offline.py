"""Make a folium map self-contained: vendored Leaflet, jQuery and plugins instead of CDN links.

folium elements name their front-end dependencies in `default_js` / `default_css` as
(name, url) pairs and add them to the page header when rendered. Both functions here
rewrite those lists on every element of the map's tree, so call them after the map is
complete and before it is rendered or handed to `st_folium`.
"""

from __future__ import annotations

import base64
import functools
import re
from collections import OrderedDict
from importlib.resources import files
from importlib.resources.abc import Traversable

import folium
from branca.element import Element, Figure

from geo.errors import GeoError
from geo.maps.inert import figure_of

# folium's names for the resources we vendor (see geo/assets/README.md)
JS = {
    "leaflet": "leaflet/leaflet.js",
    "jquery": "jquery/jquery.min.js",  # folium popups call $(`...`)
    "polylinetextpath": "leaflet-textpath/leaflet.textpath.js",
    "markerclusterjs": "leaflet.markercluster/leaflet.markercluster.js",  # many places
    "Control.Fullscreen.js": "leaflet.fullscreen/Control.FullScreen.js",
}
CSS = {
    "leaflet_css": "leaflet/leaflet.css",
    "markerclustercss": "leaflet.markercluster/MarkerCluster.css",
    "markerclusterdefaultcss": "leaflet.markercluster/MarkerCluster.Default.css",
    "Control.FullScreen.css": "leaflet.fullscreen/Control.FullScreen.css",
}
# only needed by folium.Icon, which geo does not use (CircleMarker needs no images)
UNUSED = frozenset(
    {
        "bootstrap",
        "awesome_markers",
        "bootstrap_css",
        "glyphicons_css",
        "awesome_markers_font_css",
        "awesome_markers_css",
        "awesome_rotate_css",
    }
)
# images that a stylesheet names next to itself (Leaflet's images/*.png, the fullscreen icon)
_CSS_URL = re.compile(r"url\((['\"]?)((?:images/)?[\w.-]+\.(?:png|svg))\1\)")
_IMAGE_TYPES = {"png": "image/png", "svg": "image/svg+xml"}
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)


def inline_assets(m: folium.Map) -> folium.Map:
    """Put the vendored scripts and styles inline in the page header (standalone export)."""
    figure = figure_of(m)
    done: set[str] = getattr(figure, "_geo_inlined", set())
    js, css = ([n for n in names if n not in done] for names in _take_links(m))
    if js or css:
        inlined = done | set(js) | set(css)
        setattr(figure, "_geo_inlined", inlined)  # noqa: B010  (branca's Figure has no such field)
        parts = [f"<style>{_checked(asset_text(CSS[n]), '</style')}</style>" for n in css]
        parts += [f"<script>{_checked(asset_text(JS[n]), '</script')}</script>" for n in js]
        _insert_early(figure, f"geo_assets_{len(inlined)}", _Raw("\n".join(parts)))
    return m


def data_uri_assets(m: folium.Map) -> folium.Map:
    """Point every dependency at a data: URI (for st_folium, which loads them itself)."""
    for element in _walk(figure_of(m)):
        if hasattr(element, "default_js"):
            js, css = _known(element.default_js, JS), _known(element.default_css, CSS)
            # instance attributes: the class-level lists are shared by every map
            element.default_js = [(n, asset_uri(JS[n])) for n in js]
            element.default_css = [(n, asset_uri(CSS[n])) for n in css]
    _drop_stale_links(figure_of(m))
    return m


@functools.cache
def asset_text(path: str) -> str:
    """A vendored text asset, ready to embed (CSS images as data: URIs, no source map)."""
    text = _resource(path).read_text(encoding="utf-8")
    if path.endswith(".css"):
        folder = path.rsplit("/", 1)[0]
        text = _CSS_URL.sub(lambda mt: f"url({_image_uri(f'{folder}/{mt[2]}')})", text)
    return _SOURCE_MAP.sub("", text)


@functools.cache
def asset_uri(path: str) -> str:
    """A vendored text asset as a base64 data: URI."""
    kind = "text/css" if path.endswith(".css") else "text/javascript"
    data = base64.b64encode(asset_text(path).encode("utf-8")).decode("ascii")
    return f"data:{kind};charset=utf-8;base64,{data}"


def _image_uri(path: str) -> str:
    kind = _IMAGE_TYPES[path.rsplit(".", 1)[1]]
    return f"data:{kind};base64," + base64.b64encode(_resource(path).read_bytes()).decode()


def _resource(path: str) -> Traversable:
    node = files("geo") / "assets"
    for part in path.split("/"):
        node = node / part
    return node


class _Raw(Element):
    """Markup rendered as is (not a Jinja template: scripts may contain `{{`)."""

    def __init__(self, markup: str):
        super().__init__()
        self._markup = markup

    def render(self, **kwargs) -> str:
        return self._markup


def _walk(element: Element):
    yield element
    for child in element._children.values():
        yield from _walk(child)


def _known(links: list[tuple[str, str]], vendored: dict[str, str]) -> list[str]:
    """Names of the links that we vendor; an error for any we neither vendor nor drop."""
    missing = [n for n, _ in links if n not in vendored and n not in UNUSED]
    if missing:
        raise GeoError(f"no vendored copy of {', '.join(missing)}: add it to geo/assets")
    return [n for n, _ in links if n in vendored]


def _take_links(m: folium.Map) -> tuple[list[str], list[str]]:
    """Names of the vendored JS and CSS the map needs, in order; emptied on the elements."""
    js: dict[str, None] = {}
    css: dict[str, None] = {}
    for element in _walk(figure_of(m)):
        if hasattr(element, "default_js"):
            js.update(dict.fromkeys(_known(element.default_js, JS)))
            css.update(dict.fromkeys(_known(element.default_css, CSS)))
            # instance attributes: the class-level lists are shared by every map
            element.default_js, element.default_css = [], []
    _drop_stale_links(figure_of(m))
    return list(js), list(css)


def _drop_stale_links(figure: Figure) -> None:
    """Forget CDN links that an earlier render already put in the header."""
    names = set(JS) | set(CSS) | UNUSED
    for name in [k for k in figure.header._children if k in names]:
        del figure.header._children[name]


def _insert_early(figure: Figure, name: str, element: Element) -> None:
    """Add to the header after the charset <meta> and any assets inlined before."""
    items = list(figure.header._children.items())
    # the charset must stay within the first 1024 bytes of the page
    early = [i for i, (k, _) in enumerate(items, 1) if k == "meta_http" or k.startswith("geo_")]
    items.insert(max(early, default=0), (name, element))
    figure.header._children = OrderedDict(items)


def _checked(text: str, closing: str) -> str:
    if closing in text.lower():
        raise GeoError(f"asset contains {closing!r}: it cannot be inlined")
    return text
