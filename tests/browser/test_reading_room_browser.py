"""The reading room in chromium, offline but for its own server (one app for the module, its
own cache folder): text and map point at each other, a correction moves a marker and survives
a reload, a missed mention added by selecting its words sticks too, two uploads make a
filtered corpus, a web address on a local server is read, every export downloads and parses,
and the README's screenshot is taken."""

from __future__ import annotations

import csv
import http.server
import io
import json
import os
import re
import threading
import time
import xml.etree.ElementTree as ET
from contextlib import contextmanager

import pytest

from tests.browser.conftest import (
    CLICK_MS,
    FIRST_MAP_MS,
    FRAME,
    click_marker,
    heading,
    marker,
    marker_at,
    served,
    wait_ms,
    warm,
)
from tests.conftest import ROOT, WASHINGTON_DC, isolated_cache

SCREENSHOT = ROOT / "docs" / "newcomer.png"


@pytest.fixture(scope="module")
def room(browser, tmp_path_factory):
    folder = tmp_path_factory.mktemp("room")
    # the app reads web addresses on this machine only when told to: the test's page is one
    env = {
        **os.environ,
        "GEO_CACHE_DIR": str(isolated_cache(folder / "cache")),
        "GEO_ALLOW_PRIVATE_URLS": "1",
    }
    with served(folder, env) as app:
        yield warm(app, browser)


@pytest.fixture
def page(room, offline_page_allowing):
    state = offline_page_allowing(*room.prefixes)
    state.page.goto(room.url)
    yield state.page
    assert state.errors == []


def test_text_and_map_point_at_each_other_and_a_correction_sticks(page, room):
    from playwright.sync_api import expect

    expect(page.get_by_text("Click a marker to read the passages")).to_be_visible(
        timeout=wait_ms(FIRST_MAP_MS)
    )
    click_marker(page, "Vladivostok", heading(page, "Vladivostok"))  # marker -> its passages
    expect(page.locator("blockquote.geo-passage mark").first).to_have_text("Vladivostok")

    page.locator("mark.geo-mention", has_text="Pyongyang").first.click()  # text -> place
    expect(heading(page, "Pyongyang")).to_be_visible(timeout=wait_ms(CLICK_MS))
    expect(page.locator("mark.geo-mention-selected").first).to_have_text("Pyongyang")
    # the README's picture: written when missing or asked for (GEO_UPDATE_SCREENSHOT=1), so
    # that a test run does not leave a changed file in the checkout
    shot = page.screenshot(full_page=False)
    assert shot[:8] == b"\x89PNG\r\n\x1a\n"
    if not SCREENSHOT.exists() or os.environ.get("GEO_UPDATE_SCREENSHOT"):
        SCREENSHOT.write_bytes(shot)

    before = marker_at(page, "Washington")
    assert before == pytest.approx([WASHINGTON_DC.lat, WASHINGTON_DC.lon], abs=1e-3)
    page.locator("mark.geo-mention", has_text="Washington").first.click()
    expect(heading(page, "Washington")).to_be_visible(timeout=wait_ms(CLICK_MS))
    page.get_by_role("button", name="Use this candidate").click()
    expect(page.get_by_text("chosen by the reader")).to_be_visible(timeout=wait_ms(CLICK_MS))
    marker(page, "Washington")  # the map is drawn again
    moved = marker_at(page, "Washington")
    assert moved is not None and moved != pytest.approx(before, abs=1e-3)

    page.reload()
    expect(page.get_by_text("Click a marker to read the passages")).to_be_visible(
        timeout=wait_ms(FIRST_MAP_MS)
    )
    marker(page, "Washington")
    assert marker_at(page, "Washington") == pytest.approx(moved, abs=1e-6)


def download(page, label: str, tries: int = 3):
    """Click a download button once the app is idle; the download (its file is made by the
    click). A click that lands while a rerun replaces the button is lost (Streamlit's
    design), so it is clicked again."""
    from playwright.sync_api import TimeoutError as Timeout
    from playwright.sync_api import expect

    for attempt in range(tries):
        expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=wait_ms(FIRST_MAP_MS))
        try:
            with page.expect_download(timeout=wait_ms(10_000)) as info:
                page.get_by_role("button", name=label).click()
            return info.value
        except Timeout:
            if attempt == tries - 1:
                raise
    raise AssertionError("unreachable")


def test_every_export_downloads_and_parses(page):
    from playwright.sync_api import expect

    expect(page.get_by_text("Click a marker to read the passages")).to_be_visible(
        timeout=wait_ms(FIRST_MAP_MS)
    )
    got, names = {}, []
    for label in ("Map (HTML)", "Data (JSON)", "GeoJSON", "Mentions (CSV)", "Google Earth (KML)"):
        done = download(page, label)
        got[label] = open(done.path(), encoding="utf-8").read()
        names.append(done.suggested_filename)
    assert names == [
        "kim-putin-fr-map.html",
        "kim-putin-fr-data.json",
        "kim-putin-fr-places.geojson",
        "kim-putin-fr-places.csv",
        "kim-putin-fr-places.kml",
    ]
    assert "<html" in got["Map (HTML)"].lower() and "L.map" in got["Map (HTML)"]
    assert json.loads(got["Data (JSON)"])["id"] == "kim-putin-fr.txt"
    features = json.loads(got["GeoJSON"])["features"]
    assert all(
        -180 <= f["geometry"]["coordinates"][0] <= 180
        for f in features
        if f["geometry"]["type"] == "Point"
    )
    rows = list(csv.DictReader(io.StringIO(got["Mentions (CSV)"], newline="")))
    assert {"Vladivostok", "Moscou"} <= {r["mention"] for r in rows}
    kml = ET.fromstring(got["Google Earth (KML)"].encode())
    assert kml.tag == "{http://www.opengis.net/kml/2.2}kml"


def test_two_uploads_make_one_map_with_a_document_filter(page, tmp_path):
    from playwright.sync_api import expect

    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("Le ministre est arrivé à Moscou.", encoding="utf-8")
    second.write_text("Le convoi est reparti de Vladivostok vers Khabarovsk.", encoding="utf-8")
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Upload files", exact=True).click()
    sidebar.locator("input[type=file]").set_input_files([str(first), str(second)])
    expect(page.get_by_text(re.compile(r"^2 documents · fr · 3 places"))).to_be_visible(
        timeout=wait_ms(FIRST_MAP_MS)
    )
    expect(page.locator(FRAME)).to_have_count(
        1, timeout=wait_ms(CLICK_MS)
    )  # the old layout's map gone
    marker(page, "Vladivostok")
    page.get_by_test_id("stSelectbox").filter(has_text="Document").click()
    page.get_by_role("option", name="a.txt").click()
    expect(page.get_by_text(re.compile(r"^a\.txt · fr · 1 place"))).to_be_visible(
        timeout=wait_ms(CLICK_MS)
    )
    expect(page.locator(FRAME)).to_have_count(1, timeout=wait_ms(CLICK_MS))
    marker(page, "Moscow")
    # the map may still be drawing the filtered document: give it the time of a click
    deadline = time.monotonic() + wait_ms(CLICK_MS) / 1000
    while marker_at(page, "Vladivostok") is not None and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert marker_at(page, "Vladivostok") is None


# the rectangle of `words` inside the text node of the element (the article's text)
WORDS_BOX = """(el, words) => {
  const node = [...el.childNodes].find(n => n.nodeType === 3 && n.data.includes(words));
  const at = node.data.indexOf(words), range = document.createRange();
  range.setStart(node, at);
  range.setEnd(node, at + words.length);
  const box = range.getBoundingClientRect();
  return {left: box.left, right: box.right, y: box.top + box.height / 2};
}"""


def select_words(page, words: str) -> None:
    """Select words of the article with the mouse, as a reader does."""
    segment = page.locator(".geo-text span", has_text=words).first
    segment.scroll_into_view_if_needed()
    box = segment.evaluate(WORDS_BOX, words)
    page.mouse.move(box["left"] + 1, box["y"])
    page.mouse.down()
    page.mouse.move(box["right"] - 1, box["y"], steps=5)
    page.mouse.up()


def test_a_missed_mention_added_from_the_text_becomes_a_place_and_sticks(page):
    from playwright.sync_api import expect

    expect(page.get_by_text("Click a marker to read the passages")).to_be_visible(
        timeout=wait_ms(FIRST_MAP_MS)
    )
    marker(page, "Vladivostok")  # the map is drawn
    assert marker_at(page, "New York City") is None
    select_words(page, "New York")  # "le New York Times": a newspaper, not a place, for geo
    expect(page.get_by_text("Add “New York” as a place")).to_be_visible(timeout=wait_ms(CLICK_MS))
    page.get_by_role("button", name="Use this place").click()
    expect(heading(page, "New York City")).to_be_visible(timeout=wait_ms(CLICK_MS))
    expect(page.locator("mark.geo-mention", has_text="New York")).to_have_count(1)
    marker(page, "New York City")
    assert marker_at(page, "New York City") == pytest.approx([40.714, -74.006], abs=1e-2)

    page.reload()
    expect(page.get_by_text("Click a marker to read the passages")).to_be_visible(
        timeout=wait_ms(FIRST_MAP_MS)
    )
    marker(page, "New York City")
    expect(page.locator("mark.geo-mention", has_text="New York")).to_have_count(1)


ARTICLE = """<!doctype html><html><head><title>Dispatch</title></head><body>
<nav>Home | World | Sport</nav>
<article><h1>A train to Khabarovsk</h1>
<p>The delegation left Vladivostok on Monday and reached Khabarovsk by train the next day,
where the governor welcomed it at the station.</p>
<p>Officials in Khabarovsk said the visit would last three days before the return journey.</p>
</article><footer>Contact us</footer></body></html>"""


@contextmanager
def article_server():
    """A web page served on this machine (127.0.0.1) while the block runs; its address."""
    body = ARTICLE.encode("utf-8")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/news/train.html"
    finally:
        server.shutdown()
        server.server_close()


def test_a_web_address_is_read_and_mapped(page):
    from playwright.sync_api import expect

    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Web address", exact=True)).to_be_visible(
        timeout=wait_ms(FIRST_MAP_MS)
    )
    with article_server() as url:
        sidebar.get_by_text("Web address", exact=True).click()
        field = sidebar.get_by_label("Address (http or https)")
        field.fill(url)
        field.press("Enter")
        name = re.escape(url.removeprefix("http://"))
        expect(page.get_by_text(re.compile(rf"^{name} · en · "))).to_be_visible(
            timeout=wait_ms(FIRST_MAP_MS)
        )
    click_marker(page, "Khabarovsk", heading(page, "Khabarovsk"))
    passages = page.locator("blockquote.geo-passage")
    expect(passages.filter(has_text="reached Khabarovsk by train")).to_have_count(1)
    expect(passages.filter(has_text="Officials in Khabarovsk said")).to_have_count(1)
    expect(page.get_by_text("Home | World")).to_have_count(0)  # trafilatura kept the article
