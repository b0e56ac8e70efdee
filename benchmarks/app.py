"""The app: click-to-panel latency in Chromium, the server's time for it, and its peak RSS."""

from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.figures import Figure
from benchmarks.paths import Paths
from benchmarks.processes import child_env, hwm_kb, probe_command
from geo.errors import GeoError
from tests.helpers import (
    CHROMIUM_ARGS,
    SERVER_OPTIONS,
    TAG_MARKER,
    free_port,
    offline_context,
)

_FRAME = 'iframe[title="geo.app.livemap.st_folium"]'
# when the next click reaches the map's page (the tagged marker is clicked next)
_NOTE_CLICK = """() => document.addEventListener(
  'click', () => { window.__geoClick = Date.now(); }, {capture: true, once: true})"""
# Note when the panel beside the map shows the heading of the place clicked.
_WATCH_PANEL = """(name) => {
  window.__geoPanel = null;
  const seen = () => [...document.querySelectorAll('[data-testid="stMain"] h3')]
    .some(h => h.textContent.trim() === name);
  new MutationObserver((records, observer) => {
    if (seen()) { window.__geoPanel = Date.now(); observer.disconnect(); }
  }).observe(document.body, {childList: true, subtree: true, characterData: true});
}"""


def app_part(paths: Paths, *, clicks: int = 6) -> list[Figure]:
    """Click-to-panel latency (browser and server side) and peak RSS of the app with the sample."""
    keys = [
        ("click_browser_ms", "app click-to-panel, in the browser"),
        ("click_server_ms", "app click-to-panel, server side"),
        ("app_rss_mb", "app peak RSS with the sample"),
    ]
    missing = paths.browser_missing() or (None if paths.app.is_file() else f"no {paths.app}")
    if missing or not paths.sample.is_file():
        return [
            Figure(k, label, None, note=f"skipped: {missing or 'no sample'}") for k, label in keys
        ]
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "streamlit.log"
        server, url = _start_app(log, paths)
        try:
            browser_ms, server_ms, lost = _clicks(url, log, clicks, paths)
            rss = hwm_kb(server.pid) / 1024
        finally:
            server.terminate()
            server.wait(timeout=20)
    median = lambda xs: sorted(xs)[len(xs) // 2]  # noqa: E731
    lost_note = f"; {lost} click(s) lost while the page settled, clicked again" if lost else ""
    note = f"median of {len(browser_ms)} clicks on different places{lost_note}; max"
    return [
        Figure(
            keys[0][0],
            keys[0][1],
            round(median(browser_ms)),
            "ms",
            ("<=", 400),
            f"{note} {max(browser_ms):.0f} ms; from the click to the place's heading",
        ),
        Figure(
            keys[1][0],
            keys[1][1],
            round(median(server_ms)),
            "ms",
            ("<=", 300),
            f"{note} {max(server_ms):.0f} ms; the script rerun the click causes",
        ),
        Figure(
            keys[2][0],
            keys[2][1],
            round(rss),
            "MB",
            ("<=", 600),
            "VmHWM of the server process after the page and the clicks",
        ),
    ]


def _start_app(
    log: Path,
    paths: Paths,
    *,
    env: dict[str, str] | None = None,
    options: list[str] = SERVER_OPTIONS,
    port: int | None = None,
) -> tuple[subprocess.Popen, str]:
    """The app served by the timing probe on `port` or a free one (with `options` of
    `streamlit run`, in `env` with the measured geo first on the path), and its address once
    it answers."""
    import urllib.request

    port = port or free_port()
    command = probe_command(
        "app_server",
        paths.app.name,
        "--server.port",
        str(port),
        *options,
    )
    with log.open("wb") as handle:
        server = subprocess.Popen(
            command,
            cwd=paths.app.parent,
            env={**child_env(), **(env or {})},
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    url, deadline = f"http://127.0.0.1:{port}/", time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}_stcore/health", timeout=2) as answer:
                if answer.read() == b"ok":
                    return server, url
        except OSError:
            time.sleep(0.05)  # a browser opened by `streamlit run` goes at once
    server.kill()
    raise GeoError(f"the app did not start: {log.read_text()[-500:]}")


def _clicks(url: str, log: Path, clicks: int, paths: Paths) -> tuple[list[float], list[float], int]:
    """Browser and server milliseconds of each click, and how many clicks were lost."""
    from playwright.sync_api import TimeoutError as Timeout
    from playwright.sync_api import sync_playwright

    from geo.pipeline import parse

    result = parse(paths.sample.read_text(encoding="utf-8"), doc_id=paths.sample.name)
    # cities: small circles, drawn over the big ones (a country's centre may be under a city)
    names = list(dict.fromkeys(p.name for p in result.places if p.mentions and p.kind == "city"))[
        :3
    ]
    port = url.rstrip("/").rsplit(":", 1)[1]
    prefixes = tuple(
        f"{s}://{h}:{port}/" for s in ("http", "ws") for h in ("127.0.0.1", "localhost")
    )
    browser_ms, server_ms, lost = [], [], 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(paths.chromium), args=CHROMIUM_ARGS)
        page = offline_context(browser, *prefixes).new_page()
        page.goto(url)
        for i in range(clicks):
            name = names[i % len(names)]
            for attempt in range(2):  # a click lost while the page settles is clicked again
                _wait_idle(log)
                frame = _live_map(page)
                frame.wait_for_function(TAG_MARKER, arg=[name, name], timeout=120_000, polling=100)
                frame.evaluate(_NOTE_CLICK)
                page.wait_for_timeout(1000)  # a reader's pause: the map stops moving (setView)
                page.evaluate(_WATCH_PANEL, name)
                frame.locator(f'path.geo-place[data-test-place="{name}"]').click()
                try:
                    page.wait_for_function("() => window.__geoPanel", timeout=10_000, polling=20)
                    break
                except Timeout:
                    lost += 1
                    if attempt:
                        raise
            clicked = frame.evaluate("() => window.__geoClick")
            browser_ms.append(page.evaluate("() => window.__geoPanel") - clicked)
            server_ms.append(_server_ms(log, clicked / 1000))
        browser.close()
    return browser_ms, server_ms, lost


def _live_map(page, timeout: float = 120):
    """The map's frame once the page shows a single one (a rerun can leave a stale one)."""
    from playwright.sync_api import Error

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if page.locator(_FRAME).count() == 1:
                frame = page.locator(_FRAME).element_handle(timeout=1000).content_frame()
                if frame is not None and page.locator(_FRAME).count() == 1:
                    return frame
        except Error:
            pass  # the frame went away between two looks
        page.wait_for_timeout(100)
    raise GeoError("the app never showed a single map")


def _runs(log: Path) -> list[tuple[float, float]]:
    return [
        (float(a), float(b))
        for line in log.read_text(errors="replace").splitlines()
        if line.startswith("geo-bench-run ")
        for a, b in [line.split()[1:3]]
    ]


def _wait_idle(log: Path, quiet: float = 0.5) -> None:
    """Until no script run has ended for `quiet` seconds (the app settled after a click)."""
    deadline = time.time() + 30
    while time.time() < deadline:
        runs = _runs(log)
        if runs and time.time() - runs[-1][1] >= quiet:
            return
        time.sleep(0.1)


def _server_ms(log: Path, after: float) -> float:
    """Duration of the first script run that started after the click (waits for it to end)."""
    deadline = time.time() + 30
    while time.time() < deadline:
        runs = [(a, b) for a, b in _runs(log) if a >= after]
        if runs:
            return (runs[0][1] - runs[0][0]) * 1000
        time.sleep(0.05)
    raise GeoError("the click caused no script run")
