"""Browser fixtures and helpers: Debian chromium driven by Playwright, with the network cut off.

`offline_page` allows only file:, data: and about:; `offline_page_allowing(*prefixes)`
also allows the given URL prefixes (a local app server), for requests and WebSockets.
Without /usr/bin/chromium (or Playwright) the browser tests skip, except when the CI
environment variable is set: there they fail, so that they cannot silently stop running.

Then what the browser tests share: an exported map opened offline (`open_map`, `popup_of`,
`assert_offline_and_clean`), and the app served on a loopback port (`served`, the `app` and
`app_page` fixtures) with the ways a reader reaches its map (`marker`, `click_marker`,
`heading`, `marker_at`, `paste`).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.conftest import ROOT
from tests.helpers import CHROMIUM_ARGS, SERVER_OPTIONS, TAG_MARKER, chromium, free_port

ALLOWED = ("file:", "data:", "about:")
TILE_HOSTS = {"tile.openstreetmap.org"}  # what a page may try to fetch (and is refused)
FRAME = 'iframe[title="geo.app.livemap.st_folium"]'
START_TIMEOUT = 60  # seconds for the server to answer
# Waits on an idle two-core machine; every wait on the app goes through wait_ms(), which
# stretches it by how slowly the app answered its first page here (see warm): another suite
# running beside the browser tests slows the app, and the waits follow.
FIRST_MAP_MS = 60_000  # the first run loads the model, and builds the gazetteer if missing
CLICK_MS = 5_000  # about 0.8 s from click to panel here
IDLE_FIRST_PAGE_S = 6.0  # a fresh server's first map of the sample, idle (model loaded then)
MAX_PACE = 10.0


@dataclass
class Pace:
    """How many times slower than idle the apps of this session answered (1 at least)."""

    factor: float = 1.0


PACE = Pace()


def wait_ms(idle_ms: int) -> int:
    """A wait of `idle_ms` on an idle machine, stretched by the session's pace."""
    return int(idle_ms * PACE.factor)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{reason}: browser tests must run in CI", pytrace=False)
    pytest.skip(reason)


@dataclass
class OfflinePage:
    """A page whose requests other than file:, data: and about: are refused."""

    page: object
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed")
    path = chromium()
    if path is None or not path.exists():
        _unavailable("no Chromium: apt-get install -y chromium, or set GEO_CHROMIUM")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(path), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _gated_page(context, allowed: tuple[str, ...]) -> OfflinePage:
    state = OfflinePage(page=None)

    def gate(route):
        if route.request.url.startswith(allowed):
            route.continue_()
        else:
            state.blocked.append(route.request.url)
            route.abort()

    def ws_gate(ws):
        # context.route() does not see WebSockets; an app server's own socket is proxied
        if ws.url.startswith(allowed):
            ws.connect_to_server()
        else:
            state.blocked.append(ws.url)
            ws.close()

    context.route("**/*", gate)
    context.route_web_socket(lambda url: True, ws_gate)
    state.page = context.new_page()
    state.page.on("pageerror", lambda err: state.errors.append(str(err)))
    return state


@pytest.fixture
def offline_page(browser):
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    yield _gated_page(context, ALLOWED)
    context.close()


@pytest.fixture
def offline_page_allowing(browser):
    """Factory: `offline_page_allowing("http://127.0.0.1:8501/", ...)` -> OfflinePage."""
    contexts = []

    def make(*prefixes: str, viewport=(1280, 900)) -> OfflinePage:
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        contexts.append(context)
        return _gated_page(context, ALLOWED + prefixes)

    yield make
    for context in contexts:
        context.close()


# --- place circles, in an exported map or the app's -----------------------------------------

# Each place circle: its name (from its tooltip, parsed, never run), its centre on screen, and
# whether that centre is its own (no other element drawn over it there).
CIRCLES = """() => {
  const map = Object.values(window).find(v => window.L && v instanceof L.Map);
  window.__map = map;
  const found = [];
  map.eachLayer(layer => {
    if (!(layer instanceof L.CircleMarker) || !layer._path
        || !layer._path.classList.contains('geo-place')) return;
    if (layer.getPopup()) layer.getPopup().options.autoPan = false;  // no pan: circles stay
    const tip = String(layer.getTooltip().getContent());
    const name = new DOMParser().parseFromString(tip, 'text/html').body.textContent.trim();
    const box = layer._path.getBoundingClientRect();
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    const home = layer._geoHome || layer.getLatLng();
    found.push({name, x, y, own: document.elementFromPoint(x, y) === layer._path,
                moved: !home.equals(layer.getLatLng())});
  });
  return found;
}"""


SETTLED = f"""() => {{
  const now = ({CIRCLES})(), seen = JSON.stringify(now), same = seen === window.__seen;
  window.__seen = seen;
  return same && now.every(c => c.own);
}}"""


# What covers each circle that is not its own at its centre (for a failure's message).
COVERED = f"""() => ({CIRCLES})().filter(c => !c.own).map(c => {{
  const e = document.elementFromPoint(c.x, c.y);
  return [c.name, e ? e.outerHTML.slice(0, 160) : null];
}})"""


def settled_circles(frame, timeout_ms: int = 10_000) -> list[dict]:
    """The place circles of a map once they are settled (each its own at its centre, none
    moved for 200 ms); fails saying what covers a circle if they never are."""
    from playwright.sync_api import TimeoutError as Timeout

    try:
        frame.wait_for_function(SETTLED, polling=200, timeout=wait_ms(timeout_ms))
    except Timeout:
        pytest.fail(f"circles never settled; covered: {frame.evaluate(COVERED)}")
    return frame.evaluate(CIRCLES)


# --- an exported map, opened from a file ---------------------------------------------------


def open_map(offline_page, html: str, tmp_path):
    path = tmp_path / "map.html"
    path.write_text(html, encoding="utf-8")
    page = offline_page.page
    page.goto(path.as_uri())
    page.locator("path.geo-place").first.wait_for()
    return page


def popup_of(page, name: str) -> str:
    """Click the place markers until the popup of `name` opens; its text."""
    markers = page.locator("path.geo-place")
    popup = page.locator(".leaflet-popup")
    for i in range(markers.count()):
        markers.nth(i).click()
        popup.wait_for()
        text = popup.locator(".leaflet-popup-content").inner_text()
        if text.startswith(name):
            return text
        popup.locator(".leaflet-popup-close-button").click()
        popup.wait_for(state="detached")
    pytest.fail(f"no popup for {name}")


def assert_offline_and_clean(offline_page, page):
    assert offline_page.errors == []
    assert page.evaluate("window.__pwned") is None
    hosts = {urlparse(url).hostname for url in offline_page.blocked}
    assert hosts <= TILE_HOSTS, f"tried to fetch {hosts - TILE_HOSTS}"


# --- the app, served on a loopback port ----------------------------------------------------

# the map's position of the marker whose tooltip reads `name` ([lat, lng]), or null
MARKER_AT = """(name) => {
  const map = Object.values(window).find(v => window.L && v instanceof L.Map);
  let at = null;
  map.eachLayer(l => {
    if (l instanceof L.CircleMarker && l._path && l._path.classList.contains('geo-place')
        && l.getTooltip()) {
      const t = new DOMParser().parseFromString(String(l.getTooltip().getContent()), 'text/html');
      const ll = l._geoHome || l.getLatLng();  // its own point, not where it is spread to
      if (t.body.textContent.trim() === name) at = [ll.lat, ll.lng];
    }
  });
  return at;
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
def served(folder: Path, env: dict | None = None, options: list[str] = SERVER_OPTIONS):
    """The app served on a free loopback port while the block runs, with these options of
    `streamlit run`; its log in `folder`. The gazetteer index is built first, here, untimed: a
    fresh clone's first page waited for it."""
    from geo.gazetteer.index import open_gazetteer

    if env is None or "GEO_CACHE_DIR" not in env:
        open_gazetteer()  # the real cache folder's, which the app reads
    app = App(free_port(), folder / "streamlit.log")
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.port",
        str(app.port),
        *options,
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


def warm(app: App, browser) -> App:
    """Open the app's first page once, as a reader would (its server loads the model then),
    and set the session's pace from how long its map took against an idle machine's."""
    context = browser.new_context()
    try:
        page = _gated_page(context, ALLOWED + app.prefixes).page
        started = time.monotonic()
        page.goto(app.url)
        live_map(page, MAX_PACE * FIRST_MAP_MS).locator("path.geo-place").first.wait_for(
            timeout=MAX_PACE * FIRST_MAP_MS
        )
        took = time.monotonic() - started
    finally:
        context.close()
    PACE.factor = min(MAX_PACE, max(1.0, took / IDLE_FIRST_PAGE_S))
    return app


@pytest.fixture(scope="module")
def app(browser, tmp_path_factory):
    """The app served on a free loopback port (`browser` first: skip before starting it),
    its first page opened once (see warm)."""
    with served(tmp_path_factory.mktemp("app")) as app:
        yield warm(app, browser)


@pytest.fixture
def app_page(app, offline_page_allowing):
    state = offline_page_allowing(*app.prefixes)
    state.requests = []
    state.page.on("request", lambda request: state.requests.append(request.url))
    state.page.goto(app.url)
    return state


def live_map(page, timeout_ms: int | None = None):
    """The map's frame once Streamlit shows a single one: while it reruns, the previous
    layout's map can linger beside the new one, and a click there reaches a stale component."""
    from playwright.sync_api import Error

    deadline = time.monotonic() + (timeout_ms or wait_ms(FIRST_MAP_MS)) / 1000
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

    deadline = time.monotonic() + wait_ms(FIRST_MAP_MS) / 1000
    while True:
        expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=wait_ms(FIRST_MAP_MS))
        try:
            frame = live_map(page)
            # polling: requestAnimationFrame (the default) can stall in the component iframe
            frame.wait_for_function(
                TAG_MARKER, arg=[name, name], timeout=wait_ms(FIRST_MAP_MS), polling=100
            )
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
            expect(shown).to_be_visible(timeout=wait_ms(CLICK_MS))
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


def heading(page, name: str):
    return page.get_by_test_id("stMain").get_by_role("heading", name=name)


def marker_at(page, name: str):
    """Where the map draws `name`'s marker (None: nowhere), once its frame holds a map."""
    from playwright.sync_api import Error

    deadline = time.monotonic() + wait_ms(FIRST_MAP_MS) / 1000
    while True:
        try:
            frame = live_map(page)
            frame.wait_for_function(
                "() => window.L && Object.values(window).some(v => v instanceof L.Map)",
                timeout=wait_ms(FIRST_MAP_MS),
                polling=100,
            )
            return frame.evaluate(MARKER_AT, name)
        except Error as err:  # the frame was replaced by a rerun while we looked
            if "detached" not in str(err) or time.monotonic() > deadline:
                raise


def paste(page, text: str) -> None:
    """Paste `text` as the article and wait until it is mapped."""
    from playwright.sync_api import expect

    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Paste text", exact=True).click()
    area = sidebar.get_by_label("Article text")
    area.fill(text)
    area.press("Control+Enter")  # a text_area commits on Ctrl+Enter or when it loses focus
    expect(page.get_by_text(re.compile(r"^pasted text · fr · "))).to_be_visible(
        timeout=wait_ms(FIRST_MAP_MS)
    )
