"""The first run, as a new reader meets it: `streamlit run app.py` on a fresh clone (no place
index yet) until the sample's map is drawn in Chromium; the same once the index exists, with
the sample not read yet and with its reading kept on disk (`cache/readings/`) by an earlier
run; and a pasted article of 800 words until its map is drawn."""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.app import _live_map, _server_ms, _start_app
from benchmarks.figures import Figure
from benchmarks.paths import Paths
from tests.helpers import CHROMIUM_ARGS, TAG_MARKER, offline_context

PASTE_WORDS = 800
# the README's command, on a loopback port, without opening a browser
README_OPTIONS = ["--server.address", "127.0.0.1", "--server.headless", "true"]


def first_run_part(paths: Paths) -> list[Figure]:
    """Seconds from `streamlit run` to the sample's first map, on an empty cache folder, with
    the index built but the sample not read yet, and with the sample read by an earlier run;
    seconds from a paste of 800 words to its map."""
    keys = [
        ("first_map_fresh_s", "first map, fresh clone (index built then)"),
        ("first_map_unread_s", "first map, index built, sample not read yet"),
        ("first_map_built_s", "first map, index built, sample read before"),
        ("paste_800_words_s", "pasted 800-word article to its map"),
        ("paste_800_words_server_s", "pasted 800-word article, server side"),
    ]
    missing = paths.browser_missing() or (None if paths.app.is_file() else f"no {paths.app}")
    if missing or not paths.sample.is_file():
        return [
            Figure(k, label, None, note=f"skipped: {missing or 'no sample'}") for k, label in keys
        ]
    sample = paths.sample.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"  # a fresh clone's: nothing built yet
        cache.mkdir()
        env = {"GEO_CACHE_DIR": str(cache)}
        fresh, _, page_fresh = _first_map(paths, Path(tmp) / "fresh.log", env)
        shutil.rmtree(cache / "readings", ignore_errors=True)  # as if never read: a new geo
        unread, _, page_unread = _first_map(paths, Path(tmp) / "unread.log", env)
        built, paste, page_built = _first_map(
            paths, Path(tmp) / "built.log", env, paste=article_of(sample, PASTE_WORDS)
        )
    where = "from `streamlit run app.py` to the sample's markers drawn in Chromium"
    after = "s of it after the page opened"
    return [
        Figure(
            *keys[0],
            round(fresh, 1),
            "s",
            ("<=", 30),
            f"{where}, empty cache folder; {page_fresh:.1f} {after}",
        ),
        Figure(
            *keys[1],
            round(unread, 1),
            "s",
            ("<=", 3),
            f"{where}, the index built, no reading kept (parsed: model loaded); "
            f"{page_unread:.1f} {after}",
        ),
        Figure(
            *keys[2],
            round(built, 1),
            "s",
            ("<=", 3),
            f"{where}, the index built, the sample's reading kept by the run before; "
            f"{page_built:.1f} {after}",
        ),
        Figure(
            *keys[3],
            round(paste[0], 2),
            "s",
            ("<=", 3),
            f"{PASTE_WORDS} words of the sample, the first text the server parses (its model "
            "loading then, if not yet); from Ctrl+Enter to its markers drawn in Chromium",
        ),
        Figure(
            *keys[4],
            round(paste[1], 2),
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


def _first_map(
    paths: Paths, log: Path, env: dict[str, str], *, paste: str | None = None
) -> tuple[float, float, float]:
    """Seconds from starting the server to the sample's first map, the seconds from a paste of
    `paste` to its map (0 without one), and how much of the first was after the page opened."""
    from playwright.sync_api import sync_playwright

    pasted = (0.0, 0.0)
    # the reader's browser is open already: Chromium starts before the clock does
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(paths.chromium), args=CHROMIUM_ARGS)
        started = time.perf_counter()
        server, url = _start_app(log, paths, env=env, options=README_OPTIONS)
        try:
            port = url.rstrip("/").rsplit(":", 1)[1]
            prefixes = tuple(
                f"{s}://{h}:{port}/" for s in ("http", "ws") for h in ("127.0.0.1", "localhost")
            )
            page = offline_context(browser, *prefixes).new_page()
            opened = time.perf_counter()
            page.goto(url)
            _markers(page, "Vladivostok")
            first = time.perf_counter()
            if paste is not None:
                pasted = _paste(page, paste, log)
        finally:
            server.terminate()
            server.wait(timeout=20)
            browser.close()
    return first - started, pasted, first - opened


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
