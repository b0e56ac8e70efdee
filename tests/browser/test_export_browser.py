"""The exported HTML in a real browser with no network: it draws, popups work, nothing runs."""

from __future__ import annotations

from geo.export.html import to_html
from geo.maps.document import build_map
from geo.maps.offline import data_uri_assets
from geo.model import Result
from tests.browser.conftest import assert_offline_and_clean, open_map, popup_of
from tests.helpers import IMG, SCRIPT, result_from

TEMPLATE = "`${window.__pwned=1}` \\`);window.__pwned=1;//"
PARAGRAPHS = (
    f"Kim Jong Un left Vladivostok for Moscow by train. {SCRIPT}",
    f"In Moscow he met the president. {IMG}",
    f"Moscow again: {TEMPLATE}",
)


def scripted_result() -> Result:
    return result_from(PARAGRAPHS, doc_id=f"doc {SCRIPT}", traveler=SCRIPT)


def test_export_draws_offline_and_stays_inert(offline_page, tmp_path):
    page = open_map(offline_page, to_html(scripted_result()), tmp_path)
    assert page.locator("path.geo-place").count() == 2
    assert page.locator(".leaflet-geo-outlines-pane path").count() > 100
    assert page.locator("path.geo-route").count() == 1

    text = popup_of(page, "Moscow")
    assert SCRIPT in text and IMG in text and TEMPLATE in text
    marks = page.locator(".leaflet-popup-content mark")
    assert marks.count() == 3 and set(marks.all_inner_texts()) == {"Moscow"}
    assert page.locator(".leaflet-popup-content img, .leaflet-popup-content script").count() == 0
    assert_offline_and_clean(offline_page, page)


def test_data_uri_assets_draw_offline(offline_page, tmp_path):
    # the map as the app shows it (st_folium loads data: URIs), controls folded
    m = data_uri_assets(build_map(scripted_result(), selected="mo", compact=True))
    page = open_map(offline_page, m.get_root().render(), tmp_path)
    assert page.locator("path.geo-selected").count() == 1
    # the app's circles name their place in a tooltip and open no popup (the panel does)
    page.locator("path.geo-place").first.hover()
    assert page.locator(".leaflet-tooltip").first.inner_text() in {"Moscow", "Vladivostok"}
    page.locator("path.geo-place").first.click()
    assert page.locator(".leaflet-popup").count() == 0
    assert_offline_and_clean(offline_page, page)


def test_layer_control_hides_the_routes_and_fullscreen_fills_the_screen(offline_page, tmp_path):
    page = open_map(offline_page, to_html(scripted_result()), tmp_path)
    control = page.locator(".leaflet-control-layers")
    assert control.locator("label").all_inner_texts() == [
        " OpenStreetMap",
        " Base map (offline)",
        " Countries",
        " Routes",
        " Places",
    ]
    legend = page.locator(".geo-legend")
    assert SCRIPT in legend.inner_text()  # the traveler's name, as text
    assert legend.locator("script, img").count() == 0

    routes = control.locator("label", has_text="Routes").locator("input")
    routes.uncheck()
    assert page.locator("path.geo-route").count() == 0
    assert page.locator(".leaflet-overlay-pane text").count() == 0  # the labels go with them
    assert page.locator("path.geo-place").count() == 2
    routes.check()
    assert page.locator("path.geo-route").count() == 1

    button = page.locator("a.leaflet-control-zoom-fullscreen")
    button.click()
    page.wait_for_function("document.fullscreenElement !== null", timeout=5000)
    assert page.evaluate("document.fullscreenElement.classList.contains('leaflet-container')")
    button.click()
    page.wait_for_function("document.fullscreenElement === null", timeout=5000)
    assert_offline_and_clean(offline_page, page)


# what streamlit-folium does when its map starts: listen to clicks on every layer on the map
LISTEN_LIKE_ST_FOLIUM = """() => {
  const map = Object.values(window).find(v => window.L && v instanceof L.Map);
  window.__clicked = [];
  for (const id in map._layers) {
    const layer = map._layers[id];
    layer.on('click', e => {
      const tip = e.sourceTarget.getTooltip && e.sourceTarget.getTooltip();  // none on a cluster
      window.__clicked.push([layer instanceof L.MarkerClusterGroup,
                             tip ? String(tip.getContent()) : null]);
    });
  }
}"""


def test_clustered_places_open_by_zoom_and_their_clicks_still_reach_the_app(offline_page, tmp_path):
    from geo.maps.document import CLUSTER_FROM

    names = [f"Town{i:02d}" for i in range(CLUSTER_FROM + 10)]
    places = tuple(
        (f"t{i}", name, 45 + (i % 8) * 2.5, -5 + (i // 8) * 2.5) for i, name in enumerate(names)
    )
    path = tmp_path / "many.html"
    path.write_text(to_html(result_from((" ".join(names),), places=places)), encoding="utf-8")
    page = offline_page.page
    page.goto(path.as_uri())
    clusters = page.locator(".marker-cluster")
    clusters.first.wait_for()
    page.wait_for_timeout(500)  # framed on the places
    assert page.locator("path.geo-place").count() < len(names)  # most are in clusters
    page.evaluate(LISTEN_LIKE_ST_FOLIUM)
    zoom = page.evaluate("Object.values(window).find(v => v instanceof L.Map).getZoom()")
    clusters.first.click()  # zooms in: the cluster's places come out
    page.wait_for_function(
        f"Object.values(window).find(v => v instanceof L.Map).getZoom() > {zoom}"
    )
    page.wait_for_timeout(500)  # the zoom animation
    page.locator("path.geo-place").first.click()
    name = page.locator(".leaflet-popup-content b").first.inner_text()
    assert name.startswith("Town")
    # the cluster group, on the map from the start, hears its places' clicks with their names:
    # so does streamlit-folium, which listens to the layers on the map when it starts
    clicked = page.evaluate("window.__clicked")
    assert any(
        group and tip and tip.strip().removeprefix("<div>").removesuffix("</div>").strip() == name
        for group, tip in clicked
    ), clicked
    assert_offline_and_clean(offline_page, page)
