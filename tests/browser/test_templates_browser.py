"""Text a template engine would run, in a real browser: in the exported map's popups, tooltips,
labels and legend, and in the served app (pasted, or as an uploaded file's name), it is shown
literally; nothing is evaluated on the server or in the page, and Markdown in a file name
is not rendered (its image fetches nothing)."""

from __future__ import annotations

import shutil

from geo.export.html import to_html
from tests.browser.conftest import (
    FIRST_MAP_MS,
    assert_inert,
    assert_offline_and_clean,
    click_marker,
    heading,
    live_map,
    open_map,
    panel_passages,
    paste,
    popup_of,
    wait_ms,
)
from tests.conftest import ROOT
from tests.helpers import TEMPLATE_PAYLOADS, hostile_result

TEXT = " ".join(TEMPLATE_PAYLOADS)
PROOF = ROOT / "SSTI_PROOF_DIR"  # the server's working folder: where the payload would make it


def test_the_export_shows_template_text_literally(offline_page, tmp_path):
    page = open_map(offline_page, to_html(hostile_result(TEXT)), tmp_path)
    popup = popup_of(page, f"Vladivostok {TEXT}")
    assert popup.count(TEXT) >= 2  # the name, the passage
    tooltips = page.locator("path.geo-place")
    tooltips.first.hover()
    assert TEXT in page.locator(".leaflet-tooltip").first.inner_text()
    assert f"Kim {TEXT}" in page.locator(".geo-legend").inner_text()
    labels = " ".join(page.locator(".geo-route-label").all_text_contents()).replace("\xa0", " ")
    assert f"Kim {TEXT}" in labels
    assert_offline_and_clean(offline_page, page)


ARTICLE = (
    "Le ministre est arrivé à Berlin {{ 7*7 }} et "
    "{{ cycler.__init__.__globals__.os.mkdir(dict(SSTI_PROOF_DIR=1)|first) }} hier.\n"
)


def test_the_app_shows_pasted_template_text_and_runs_nothing(app_page, app):
    from playwright.sync_api import expect

    page = app_page.page
    try:
        paste(page, ARTICLE)
        click_marker(page, "Berlin", heading(page, "Berlin"))
        expect(panel_passages(page).first).to_contain_text("Berlin {{ 7*7 }} et {{ cycler")
        # the app's circles open no popup (the panel shows the place): the export's popups
        # get the same text in test_the_export_shows_template_text_literally
        expect(live_map(page).locator(".leaflet-popup")).to_have_count(0)
        assert not PROOF.exists()
    finally:
        shutil.rmtree(PROOF, ignore_errors=True)
    assert_inert(app_page, app)


def test_an_upload_s_name_is_plain_text(app_page, app):
    from playwright.sync_api import expect

    page = app_page.page
    name = "{{ 7*7 }} ![p](http://127.0.0.1:8799/x) :red[alerte] **gras** $x^2$.txt"
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Upload files", exact=True).click()
    sidebar.locator("input[type=file]").set_input_files(
        [{"name": name, "mimeType": "text/plain", "buffer": ARTICLE.encode("utf-8")}]
    )
    caption = page.get_by_test_id("stCaptionContainer").filter(has_text=" · fr · ").first
    expect(caption).to_contain_text(f"{name} · fr · ", timeout=wait_ms(FIRST_MAP_MS))
    expect(caption.locator("img, strong, span[style*=color], .katex")).to_have_count(0)
    assert not any("8799" in url for url in app_page.requests + app_page.blocked)
    assert not PROOF.exists()
