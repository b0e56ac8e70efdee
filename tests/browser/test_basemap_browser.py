"""The offline base map in an exported page with no network: names around a place zoomed in,
countries zoomed out, no overlapping names, no name that takes a click, and tiles that cover
it all when they load."""

from __future__ import annotations

import io
from dataclasses import replace

from PIL import Image

from geo.export.html import to_html
from geo.model import Result
from tests.browser.conftest import assert_offline_and_clean, open_map, popup_of
from tests.helpers import MOSCOW, make_result, place

QUEBEC = place("qc", "Québec", 46.812, -71.215, country="CA")
TILE_COLOUR = (170, 211, 223)  # an OpenStreetMap sea
MAP = "Object.values(window).find(v => window.L && v instanceof L.Map)"
# the base map's names drawn now: text, kind and the box of the text itself on the page
NAMES = """() => [...document.querySelectorAll('.geo-base-label')].map(e => {
  const range = document.createRange();
  range.selectNodeContents(e);
  const r = range.getBoundingClientRect();
  return {text: e.textContent, kind: e.className, box: [r.left, r.top, r.right, r.bottom]};
})"""


def names(page) -> list[dict]:
    return page.evaluate(NAMES)


def set_view(page, lat: float, lon: float, zoom: int) -> None:
    """Move the map as a reader would, then wait until the names are drawn again."""
    page.evaluate(
        f"""() => new Promise(done => {{
          const map = {MAP};
          map.once('moveend', () => setTimeout(done, 50));
          map.setView([{lat}, {lon}], {zoom});
        }})"""
    )


def exported(page_state, result: Result, tmp_path):
    page = open_map(page_state, to_html(result), tmp_path)
    page.locator(".geo-base-label").first.wait_for()
    return page


def assert_apart(drawn: list[dict]) -> None:
    """No two names' texts overlap (by more than a pixel: their halos may touch)."""
    for i, a in enumerate(drawn):
        for b in drawn[i + 1 :]:
            x = min(a["box"][2], b["box"][2]) - max(a["box"][0], b["box"][0])
            y = min(a["box"][3], b["box"][3]) - max(a["box"][1], b["box"][1])
            assert x <= 1 or y <= 1, f"{a['text']!r} overlaps {b['text']!r}"


def test_moscow_zoomed_in_offline_shows_the_towns_around_it(offline_page, tmp_path):
    page = exported(offline_page, make_result(["Moscow."], [MOSCOW]), tmp_path)
    assert page.evaluate(f"{MAP}.getZoom()") == 10  # a single town is framed at zoom 10
    drawn = names(page)
    texts = {n["text"] for n in drawn}
    assert (
        "Moscow" in texts and len(texts & {"Khimki", "Mytishchi", "Balashikha", "Lyubertsy"}) >= 2
    )
    moscow = page.locator(".geo-base-label", has_text="Moscow").first
    assert moscow.is_visible()
    assert_apart(drawn)
    assert {n["kind"] for n in drawn} <= {
        "geo-base-label geo-base-capital",
        "geo-base-label geo-base-city",
    }
    assert_offline_and_clean(offline_page, page)


def test_quebec_zoomed_in_and_country_names_zoomed_out(offline_page, tmp_path):
    result = replace(make_result(["Québec."], [QUEBEC]), language="fr")
    page = exported(offline_page, result, tmp_path)
    assert "Québec" in {n["text"] for n in names(page)}
    set_view(page, 50, 10, 3)
    drawn = names(page)
    countries = {n["text"] for n in drawn if "geo-base-country" in n["kind"]}
    assert {"Russie", "France", "Algérie"} <= countries  # in the language of the text
    assert len([n for n in drawn if "geo-base-capital" in n["kind"]]) >= 10
    assert not [n for n in drawn if "geo-base-city" in n["kind"]]  # towns come later
    assert_apart(drawn)
    set_view(page, 40, -95, 4)  # first-level borders from zoom 4
    assert page.locator(".leaflet-geo-basemap-lines-pane path").count() >= 4
    assert_offline_and_clean(offline_page, page)


def test_the_base_names_take_no_clicks(offline_page, tmp_path):
    page = exported(offline_page, make_result(["Moscow."], [MOSCOW]), tmp_path)
    for text in ("Moscow", "Khimki"):
        label = page.locator(".geo-base-label", has_text=text).first
        box = label.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        hit = f"document.elementFromPoint({x}, {y})"
        assert page.evaluate(f"{hit}.closest('.geo-base-labels') === null")
        assert page.evaluate(f"{hit}.closest('.leaflet-container') !== null")
    # the place's own marker, drawn on the base map's dot for Moscow, still opens its popup
    assert popup_of(page, "Moscow").startswith("Moscow")
    assert_offline_and_clean(offline_page, page)


def test_the_layer_control_turns_the_base_map_off(offline_page, tmp_path):
    page = exported(offline_page, make_result(["Moscow."], [MOSCOW]), tmp_path)
    control = page.locator(".leaflet-control-layers")
    switch = control.locator("label", has_text="Base map (offline)").locator("input")
    switch.uncheck()
    assert page.locator(".geo-base-label").count() == 0
    set_view(page, 55.9, 37.5, 10)  # moving the map does not bring the names back
    assert page.locator(".geo-base-label").count() == 0
    switch.check()
    page.locator(".geo-base-label").first.wait_for()
    assert page.locator("path.geo-place").count() == 1
    assert_offline_and_clean(offline_page, page)


def test_tiles_that_load_cover_the_base_map(offline_page, tmp_path):
    tile = io.BytesIO()
    Image.new("RGB", (256, 256), TILE_COLOUR).save(tile, format="PNG")
    page = offline_page.page
    page.route(  # before the page's gate, which refuses them: the tiles load
        "https://tile.openstreetmap.org/**",
        lambda route: route.fulfill(body=tile.getvalue(), content_type="image/png"),
    )
    path = tmp_path / "map.html"
    path.write_text(to_html(make_result(["Moscow."], [MOSCOW])), encoding="utf-8")
    page.goto(path.as_uri())
    label = page.locator(".geo-base-label", has_text="Khimki").first
    label.wait_for()
    page.wait_for_function("document.querySelectorAll('.leaflet-tile-loaded').length >= 6")
    page.wait_for_timeout(500)  # tiles fade in
    shot = Image.open(io.BytesIO(page.screenshot(clip=label.bounding_box())))
    # the name is under the tiles: its box is the tiles' colour alone
    assert [colour for _, colour in shot.convert("RGB").getcolors()] == [TILE_COLOUR]
    assert page.locator("path.geo-place").is_visible()  # the places over them
    assert offline_page.errors == []
