"""The real Streamlit app in chromium, offline but for its own server: a mouse click on a
marker opens the place's passages beside the map, and hostile article text stays inert."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
FRAME = 'iframe[title="streamlit_folium.st_folium"]'
START_TIMEOUT = 60  # seconds for the server to answer
FIRST_MAP_MS = 60_000  # the first run loads the model, and builds the gazetteer if missing
CLICK_MS = 5_000  # about 0.8 s from click to panel here
TILE_HOSTS = {"tile.openstreetmap.org"}

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
BREAKOUT = "</script><script>window.__pwned=1</script>"
HOSTILE = (
    f"Kim Jong Un a quitté Vladivostok pour Moscou en train blindé. {SCRIPT}\n\n"
    f"À Moscou, il a rencontré Vladimir Poutine. {IMG}\n\n"
    f"Le train blindé est ensuite rentré à Vladivostok. {BREAKOUT}\n\n"
    # what else an article can carry: links, quotes that close JS strings, Markdown and
    # Streamlit markup, a very long word
    'À Séoul, <a href="javascript:window.__pwned=1">lien</a> [lien](javascript:window.__pwned=1) '
    "\");window.__pwned=1;// \\');window.__pwned=1;// `${window.__pwned=1}` :red[alerte] "
    "$$x^2$$ <style>*{display:none}</style> " + "y" * 3000 + "\n"
)

# Mark the place marker whose tooltip reads `name` so that a locator can click it, and
# bring it into view as a reader would (an open popup pans the map and can push it out).
# The tooltip HTML is parsed with DOMParser, which never runs scripts or loads images.
TAG_MARKER = """([name, tag]) => {
  const map = [window.map, ...Object.values(window)].find(v => window.L && v instanceof L.Map);
  if (!map) return false;
  const found = [];
  map.eachLayer(layer => {
    if (!(layer instanceof L.CircleMarker) || !layer._path || !layer.getTooltip()) return;
    if (!layer._path.classList.contains('geo-place')) return;
    const html = String(layer.getTooltip().getContent());
    const text = new DOMParser().parseFromString(html, 'text/html').body.textContent.trim();
    if (text === name) found.push(layer);
  });
  if (found.length !== 1) return false;
  map.closePopup();
  if (!map.getBounds().pad(-0.2).contains(found[0].getLatLng())) {
    map.setView(found[0].getLatLng(), map.getZoom(), {animate: false});
  }
  found[0]._path.setAttribute('data-test-place', tag);
  return true;
}"""


@dataclass
class App:
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def prefixes(self) -> tuple[str, ...]:
        return tuple(
            f"{scheme}://{host}:{self.port}/"
            for scheme in ("http", "ws")
            for host in ("127.0.0.1", "localhost")
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_healthy(proc: subprocess.Popen, app: App) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited with {proc.returncode}:\n{app.log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{app.url}_stcore/health", timeout=2) as answer:
                if answer.read() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(
        f"streamlit did not answer within {START_TIMEOUT} s:\n{app.log.read_text()[-2000:]}"
    )


@contextmanager
def served(folder: Path, env: dict | None = None):
    """The app served on a free loopback port while the block runs; its log in `folder`."""
    app = App(free_port(), folder / "streamlit.log")
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.port",
        str(app.port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        # others edit geo/ while tests run: no "source changed" banner mid-test
        "--server.fileWatcherType",
        "none",
    ]
    with app.log.open("wb") as log:
        proc = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        wait_until_healthy(proc, app)
        yield app
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def app(browser, tmp_path_factory):
    """The app served on a free loopback port (`browser` first: skip before starting it)."""
    with served(tmp_path_factory.mktemp("app")) as app:
        yield app


@pytest.fixture
def app_page(app, offline_page_allowing):
    state = offline_page_allowing(*app.prefixes)
    state.requests = []
    state.page.on("request", lambda request: state.requests.append(request.url))
    state.page.goto(app.url)
    return state


def live_map(page, timeout_ms: int = FIRST_MAP_MS):
    """The map's frame once Streamlit shows a single one: while it reruns, the previous
    layout's map can linger beside the new one, and a click there reaches a stale component."""
    from playwright.sync_api import Error

    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        try:
            if page.locator(FRAME).count() == 1:
                frame = page.locator(FRAME).element_handle(timeout=1000).content_frame()
                if frame is not None and page.locator(FRAME).count() == 1:
                    return frame
        except Error:
            pass  # the frame went away between two looks: look again
        if time.monotonic() > deadline:
            pytest.fail("no single map on the page")
        page.wait_for_timeout(100)


def marker(page, name: str):
    """The map's marker for `name`, once the app is idle and the map in the st_folium iframe
    is drawn. A rerun can replace the map's frame while we look (its component is mounted
    again when its arguments change): then look in the new one."""
    from playwright.sync_api import Error, expect

    deadline = time.monotonic() + FIRST_MAP_MS / 1000
    while True:
        expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=FIRST_MAP_MS)
        try:
            frame = live_map(page)
            # polling: requestAnimationFrame (the default) can stall in the component iframe
            frame.wait_for_function(TAG_MARKER, arg=[name, name], timeout=FIRST_MAP_MS, polling=100)
            return frame.locator(f'path.geo-place[data-test-place="{name}"]')
        except Error as err:
            if "detached" not in str(err) or time.monotonic() > deadline:
                raise


def click_marker(page, name: str, shown, tries: int = 3) -> None:
    """Click the marker of `name` until `shown` (a locator) appears: a click that lands while
    Streamlit replaces the map is lost, as a reader's would be, and is made again."""
    from playwright.sync_api import expect

    for attempt in range(tries):
        marker(page, name).click()
        try:
            expect(shown).to_be_visible(timeout=CLICK_MS)
            return
        except AssertionError:
            if attempt == tries - 1:
                raise


def panel_passages(page):
    return page.get_by_test_id("stMain").locator("blockquote.geo-passage")


def assert_inert(state, app: App) -> None:
    from playwright.sync_api import expect

    page = state.page
    assert page.evaluate("window.__pwned") is None
    frame = live_map(page)
    assert frame.evaluate("window.__pwned") is None
    expect(page.locator("blockquote.geo-passage :is(img, script, a, style)")).to_have_count(0)
    expect(live_map(page).locator(".leaflet-popup-content :is(img, script)")).to_have_count(0)
    assert f"{app.url}x" not in state.requests  # an <img src=x> would have fetched it
    assert state.errors == []
    hosts = {urlparse(url).hostname for url in state.blocked}
    assert hosts <= TILE_HOSTS, f"tried to reach {hosts - TILE_HOSTS}"


def test_marker_click_shows_its_passages_beside_the_map(app_page):
    from playwright.sync_api import expect

    page = app_page.page
    expect(page.get_by_text("Click a marker to read the passages")).to_be_visible(
        timeout=FIRST_MAP_MS
    )
    heading = page.get_by_test_id("stMain").get_by_role("heading", name="Vladivostok")
    click_marker(page, "Vladivostok", heading)
    expect(panel_passages(page)).to_have_count(2)
    expect(panel_passages(page).locator("mark")).to_have_text(["Vladivostok"] * 3)


def paste(page, text: str) -> None:
    """Paste `text` as the article and wait until it is mapped."""
    from playwright.sync_api import expect

    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Paste text", exact=True).click()
    area = sidebar.get_by_label("Article text")
    area.fill(text)
    area.press("Control+Enter")  # a text_area commits on Ctrl+Enter or when it loses focus
    expect(page.get_by_text(re.compile(r"^pasted text · fr · "))).to_be_visible(
        timeout=FIRST_MAP_MS
    )


def test_pasted_html_stays_text_in_the_panel_and_the_map(app_page, app):
    from playwright.sync_api import expect

    page = app_page.page
    paste(page, HOSTILE)

    # (place, word marked in its passages, hostile pieces in those passages)
    for name, word, pieces in (
        ("Vladivostok", "Vladivostok", (SCRIPT, BREAKOUT)),
        ("Moscow", "Moscou", (SCRIPT, IMG)),
    ):
        marker(page, name).click()
        heading = page.get_by_test_id("stMain").get_by_role("heading", name=name)
        expect(heading).to_be_visible(timeout=CLICK_MS)
        expect(panel_passages(page)).to_have_count(2)
        expect(panel_passages(page).locator("mark")).to_have_text([word, word])
        popup = live_map(page).locator(".leaflet-popup-content")
        for piece in pieces:
            expect(panel_passages(page).filter(has_text=piece).first).to_be_visible()
            expect(popup).to_contain_text(piece)
    assert_inert(app_page, app)
