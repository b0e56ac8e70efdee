"""Standalone export and the offline assets behind it (geo.export.html, geo.maps.offline)."""

from __future__ import annotations

import re

import pytest

from geo.errors import GeoError
from geo.export.html import to_html
from geo.maps.document import build_map
from geo.maps.offline import JS, asset_text, data_uri_assets, inline_assets
from geo.model import Result
from tests.helpers import result_from

PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")
PARAGRAPHS = (
    f"Kim Jong Un left Vladivostok for Moscow. {PAYLOADS[0]}",
    f"In Moscow he met the president. {PAYLOADS[1]}",
)


def sample(doc_id: str = "doc <1> & 'two'") -> Result:
    return result_from(PARAGRAPHS, doc_id=doc_id)


@pytest.fixture(scope="module")
def page() -> str:
    return to_html(sample())


def test_no_external_script_or_stylesheet(page):
    assert not re.search(r"<script[^>]*\bsrc=", page)
    assert not re.search(r"<link[^>]*\brel=.?stylesheet", page)
    assert not re.search(r"(src|href)=[\"']?https?://[^\"']*\.(js|css)", page)
    assert "url(images/" not in page


# every address in the page: OSM's tiles (the only thing fetched), the attribution's links,
# SVG namespaces, and links in the vendored libraries' comments (never fetched)
TILES = '"https://tile.openstreetmap.org/{z}/{x}/{y}.png"'
LINKED_HOSTS = {
    "www.openstreetmap.org",
    "leafletjs.com",
    "www.w3.org",
    "web.archive.org",
    "mapbox.com",
    "bugzilla.mozilla.org",
    "bugs.chromium.org",
    "www.sitepoint.com",
}


def test_no_address_but_osm_tiles_is_loaded(seed_result):
    page = to_html(seed_result)
    hosts = {m[1] for m in re.finditer(r"https?://([\w.-]+)", page)}
    assert hosts <= LINKED_HOSTS | {"tile.openstreetmap.org"}, hosts - LINKED_HOSTS
    assert page.count("tile.openstreetmap.org") == 1 and TILES in page
    assert not re.search(r"(url\(|@import|src=|srcset=)\s*['\"]?\s*(https?:)?//", page)


def test_controls_and_layers_are_in_the_export(seed_result):
    page = to_html(seed_result)
    for piece in (
        "L.control.layers(",
        "L.control.fullscreen(",
        "geo-legend",
        "geo-country",
        "leaflet.fullscreen",
    ):
        assert piece in page
    assert "url(data:image/svg+xml;base64," in page  # the fullscreen icon


def test_vendored_libraries_inlined(page):
    assert "Leaflet 1.9.4" in page and "jQuery v3.7.1" in page
    assert "setText" in page  # leaflet-textpath
    assert "bootstrap" not in page.lower() and "awesome" not in page.lower()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_injected_markup_only_escaped(page, payload):
    assert payload not in page
    assert payload.replace("<", "&lt;").replace(">", "&gt;") in page


def test_title_is_escaped_document_id(page):
    assert "<title>doc &lt;1&gt; &amp; &#x27;two&#x27;</title>" in page


def test_charset_declared_before_the_inline_assets(page):
    # browsers only look for it in the first 1024 bytes
    assert "charset=UTF-8" in page.encode()[:1024].decode()


def test_popup_marks_mentions(page):
    assert "<mark>Moscow</mark>" in page
    assert page.count("L.circleMarker(") == 2


def test_size_is_reasonable(page):
    assert len(page.encode()) < 1_500_000  # about 500 kB: libraries plus world outlines


def test_css_images_become_data_uris():
    css = asset_text("leaflet/leaflet.css")
    assert "images/" not in css and css.count("url(data:image/png;base64,") == 3


def test_data_uri_mode_leaves_only_data_uris():
    m = data_uri_assets(build_map(sample()))
    # what st_folium collects and loads into its iframe (streamlit_folium.st_folium's walk)
    pairs = [getattr(e, "default_js", []) + getattr(e, "default_css", []) for e in _walk(m)]
    links = [url for links in pairs for _, url in links]
    assert links and all(url.startswith("data:") for url in links)
    names = {n for e in _walk(m) for n, _ in getattr(e, "default_js", [])}
    assert names == set(JS) - {"markerclusterjs"}  # vendored for the corpus map only
    assert "https://cdn" not in m.get_root().render()


def test_class_level_links_untouched():
    import folium

    inline_assets(build_map(sample()))
    data_uri_assets(build_map(sample()))
    assert any(url.startswith("https://") for _, url in folium.Map.default_js)


def test_inline_twice_adds_nothing():
    m = inline_assets(build_map(sample()))
    m.get_root().render()
    once = m.get_root().header.render()
    inline_assets(m)
    assert m.get_root().header.render() == once


@pytest.mark.parametrize("make_offline", [inline_assets, data_uri_assets])
def test_unvendored_plugin_is_refused_not_fetched(make_offline):
    from folium.plugins import MiniMap

    m = build_map(sample())
    MiniMap().add_to(m)
    with pytest.raises(GeoError, match="Control_MiniMap"):
        make_offline(m)


def test_sample_article_exports(seed_result):
    page = to_html(seed_result)
    assert page.count("L.circleMarker(") == len(seed_result.places) > 0
    assert not re.search(r"<script[^>]*\bsrc=", page)


def _walk(element):
    yield element
    for child in element._children.values():
        yield from _walk(child)
