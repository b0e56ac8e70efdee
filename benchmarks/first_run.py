"""The first run, as a new reader meets it: `streamlit run app.py` on a fresh clone (no place
index yet) until the sample's map is drawn in Chromium; the same once the index exists, with
the sample not read yet and with its reading kept on disk (`cache/readings/`) by an earlier
run, in the reader's browser (which opened geo on the runs before: Streamlit's scripts are in
its cache) and in a browser new to geo; and a pasted article of 800 words until its map is
drawn."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.app import _live_map, _server_ms, _start_app
from benchmarks.figures import Figure
from benchmarks.paths import Paths
from geo.app.prepared import WARM_AFTER
from tests.helpers import CHROMIUM_ARGS, TAG_MARKER, free_port

PASTE_WORDS = 800
# the README's command, on a loopback port, without opening a browser
README_OPTIONS = ["--server.address", "127.0.0.1", "--server.headless", "true"]
VIEWPORT = {"width": 1280, "height": 900}


def first_run_part(paths: Paths) -> list[Figure]:
    """Seconds from `streamlit run` to the sample's first map: on an empty cache folder; once
    the index is built, with the sample not read yet, and with its reading kept by an earlier
    run (in the reader's browser, which opened geo before, and in a browser new to it); seconds
    from a paste of 800 words to its map."""
    keys = [
        ("first_map_fresh_s", "first map, fresh clone (index built then)"),
        ("first_map_unread_s", "first map, index built, sample not read yet"),
        ("first_map_built_s", "first map, index built, sample read before"),
        ("first_map_new_browser_s", "first map, as above, in a browser new to geo"),
        ("paste_800_words_s", "pasted 800-word article to its map"),
        ("paste_800_words_server_s", "pasted 800-word article, server side"),
    ]
    missing = paths.browser_missing() or (None if paths.app.is_file() else f"no {paths.app}")
    if missing or not paths.sample.is_file():
        return [
            Figure(k, label, None, note=f"skipped: {missing or 'no sample'}") for k, label in keys
        ]
    sample = paths.sample.read_text(encoding="utf-8")
    port = free_port()  # one address throughout, as `streamlit run` gives (8501)
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"  # a fresh clone's: nothing built yet
        cache.mkdir()
        env = {"GEO_CACHE_DIR": str(cache)}
        reader = Path(tmp) / "browser"  # the reader's browser profile, kept between starts
        fresh = _first_map(paths, Path(tmp) / "fresh.log", env, port, profile=reader)
        shutil.rmtree(cache / "readings", ignore_errors=True)  # as if never read: a new geo
        unread = _first_map(paths, Path(tmp) / "unread.log", env, port, profile=reader)
        built = _first_map(
            paths,
            Path(tmp) / "built.log",
            env,
            port,
            profile=reader,
            paste=article_of(sample, PASTE_WORDS),
        )
        new_browser = _first_map(paths, Path(tmp) / "new.log", env, port, profile=None)
    where = "from `streamlit run app.py` to the sample's markers drawn in Chromium"
    after = "s of it after the page opened"
    reader_note = "in the reader's browser, which opened geo on the run before"
    return [
        Figure(
            *keys[0],
            round(fresh.seconds, 1),
            "s",
            ("<=", 30),
            f"{where}, empty cache folder, a browser new to geo; {fresh.after_open:.1f} {after}",
        ),
        Figure(
            *keys[1],
            round(unread.seconds, 1),
            "s",
            None,
            f"{where}, the index built, no reading kept (a new geo: parsed, model loaded), "
            f"{reader_note}; {unread.after_open:.1f} {after}",
        ),
        Figure(
            *keys[2],
            round(built.seconds, 1),
            "s",
            ("<=", 3),
            f"{where}, the index built, the sample's reading kept by the run before, "
            f"{reader_note}; {built.after_open:.1f} {after}",
        ),
        Figure(
            *keys[3],
            round(new_browser.seconds, 1),
            "s",
            ("<=", 3),
            f"{where}, the index built, the reading kept, a browser that never opened geo "
            f"(Streamlit's scripts not in its cache); {new_browser.after_open:.1f} {after}",
        ),
        Figure(
            *keys[4],
            round(built.pasted[0], 2),
            "s",
            ("<=", 3),
            f"{PASTE_WORDS} words of the sample, the first text the server parses, pasted once "
            "the app is idle (its model loaded in the background after the first map); from "
            "Ctrl+Enter to its markers drawn in Chromium",
        ),
        Figure(
            *keys[5],
            round(built.pasted[1], 2),
            "s",
            None,
            "the script run the paste caused",
        ),
    ]


def article_of(text: str, words: int) -> str:
    """An article of `words` words, made of the sample's paragraphs repeated: news-like text
    that the app has not read yet (the last paragraph is cut at a word)."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    out: list[str] = []
    count = 0
    while count < words:
        for paragraph in paragraphs:
            taken = paragraph.split()[: words - count]
            out.append(" ".join(taken))
            count += len(taken)
            if count >= words:
                break
    return "\n\n".join(out)


@dataclass(frozen=True, slots=True)
class FirstMap:
    """Seconds from starting the server to the first map drawn, how many of them after the
    page was opened, and the seconds from a paste to its map (browser, server; 0 without)."""

    seconds: float
    after_open: float
    pasted: tuple[float, float] = (0.0, 0.0)


# When the page first draws a place's marker, noted by the page itself at each animation frame
# (a probe from outside sees it a poll later). Leaflet draws a marker as a path of class
# geo-place, in the map's frame, which the page reads (same origin); Chromium does not run
# init scripts in a component's frame, so the page looks into it.
_NOTE_DRAWN = """(() => {
  if (window !== window.top) return;
  const look = () => {
    for (const frame of document.querySelectorAll('iframe')) {
      const inside = frame.contentDocument;
      if (inside && inside.querySelector('path.geo-place')) {
        window.__geoDrawn = Date.now();
        return;
      }
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();"""


def _first_map(
    paths: Paths,
    log: Path,
    env: dict[str, str],
    port: int,
    *,
    profile: Path | None,
    paste: str | None = None,
) -> FirstMap:
    """The first map of the app served on `port`, in a browser with the profile folder
    `profile` (kept between calls: its cache holds what the pages before loaded) or, without
    one, in a browser new to the app; then, with `paste`, the map of that text pasted."""
    from playwright.sync_api import sync_playwright

    pasted = (0.0, 0.0)
    # with no network: names resolve to nothing but the app's own address (routing requests
    # through Playwright would turn the browser's cache off)
    args = [*CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
    # the reader's browser is open already: Chromium starts before the clock does
    with sync_playwright() as p:
        if profile is not None:
            context = p.chromium.launch_persistent_context(
                profile, executable_path=str(paths.chromium), args=args, viewport=VIEWPORT
            )
        else:
            browser = p.chromium.launch(executable_path=str(paths.chromium), args=args)
            context = browser.new_context(viewport=VIEWPORT)
        context.add_init_script(_NOTE_DRAWN)
        page = context.new_page()
        started = time.time()
        server, url = _start_app(log, paths, env=env, options=README_OPTIONS, port=port)
        try:
            opened = time.time()
            page.goto(url)
            _markers(page, "Vladivostok")
            drawn = page.evaluate("window.__geoDrawn || Date.now()") / 1000
            if paste is not None:
                # the reader reads the map first: the app settles, once it has begun what it
                # does after the first page (its model, WARM_AFTER s later): idle before
                # then, the paste waited for the whole model
                time.sleep(WARM_AFTER)
                _until_idle(server.pid)
                pasted = _paste(page, paste, log)
        finally:
            server.terminate()
            server.wait(timeout=20)
            context.close()
    return FirstMap(drawn - started, drawn - opened, pasted)


def _markers(page, name: str, timeout: float = 300) -> None:
    """Until the map shows the marker of `name`."""
    deadline = time.monotonic() + timeout
    while True:
        frame = _live_map(page, timeout=timeout)
        try:
            frame.wait_for_function(TAG_MARKER, arg=[name, name], timeout=2_000, polling=50)
            return
        except Exception:  # the frame was replaced by a rerun, or not drawn yet
            if time.monotonic() > deadline:
                raise


def _until_idle(pid: int, *, busy: float = 0.05, timeout: float = 60) -> None:
    """Until the process `pid` has used under `busy` of a core for a second (the app's work
    after its first page, such as loading the language model in the background, is done)."""
    tick = os.sysconf("SC_CLK_TCK")

    def cpu() -> float:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / tick  # utime + stime

    deadline = time.monotonic() + timeout
    before = cpu()
    while time.monotonic() < deadline:
        time.sleep(1.0)
        now = cpu()
        if now - before < busy:
            return
        before = now


def _paste(page, text: str, log: Path) -> tuple[float, float]:
    """Seconds from committing `text` in the paste box to its map with a new marker, in the
    browser and on the server (the script run the paste caused)."""
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Paste text", exact=True).click()
    page.get_by_test_id("stStatusWidget").wait_for(state="hidden", timeout=60_000)
    area = sidebar.get_by_label("Article text")
    area.fill(text)
    started, epoch = time.perf_counter(), time.time()
    area.press("Control+Enter")
    page.get_by_text(re.compile(r"^pasted text · ")).wait_for(timeout=60_000)
    _markers(page, "Vladivostok")
    browser = time.perf_counter() - started
    return browser, _server_ms(log, epoch) / 1000
