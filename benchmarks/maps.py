"""Maps: build time and size of the article and corpus maps, and a big corpus map in Chromium."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.figures import Figure
from benchmarks.paths import Paths
from tests.helpers import CHROMIUM_ARGS, PICK_CLUSTER, offline_context, synthetic_result

MAP_SIZES = (10, 100, 1_000, 10_000)
# Before any page script: note when the first cluster icon is drawn (all markers clustered).
_WATCH_CLUSTERS = """
window.__geo = {};
new MutationObserver((records, observer) => {
  if (document.querySelector('.marker-cluster')) {
    window.__geo.clusters = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
document.addEventListener('mousedown', () => { window.__geo.down = performance.now(); }, true);
"""
_ON_ZOOM = """() => {
  const map = Object.values(window).find(v => window.L && v instanceof L.Map);
  map.once('zoomend', () => { window.__geo.zoomed = performance.now(); });
}"""


def maps_part(paths: Paths) -> list[Figure]:
    """Build figures of 10 to 10,000 places, and the biggest corpus map in Chromium."""
    return map_figures(paths=paths)


def map_figures(*, sizes: tuple[int, ...] = MAP_SIZES, paths: Paths | None = None) -> list[Figure]:
    """Article map (geo.export.html) and corpus map (geo.maps.corpus): build time and HTML
    size; and, given the `paths` (its Chromium), the biggest corpus map opened in Chromium."""
    from geo.export.formats import to_dict
    from geo.export.html import to_html
    from geo.maps.corpus import corpus_html

    figures, biggest = [], None
    for size in sizes:
        result = synthetic_result(size)
        article, article_s = _timed(lambda result=result: to_html(result))
        corpus, corpus_s = _timed(lambda result=result: corpus_html([to_dict(result)]))
        budget = ("<=", 5) if size == 10_000 else None
        figures += [
            Figure(
                f"article_map_{size}_s",
                f"article map, {size:,} places: build",
                round(article_s, 2),
                "s",
            ),
            Figure(
                f"article_map_{size}_mb",
                f"article map, {size:,} places: HTML",
                _mb(article),
                "MB",
                None,
                "one article is never this big; see the corpus map",
            ),
            Figure(
                f"corpus_map_{size}_s",
                f"corpus map, {size:,} places: build",
                round(corpus_s, 2),
                "s",
            ),
            Figure(
                f"corpus_map_{size}_mb",
                f"corpus map, {size:,} places: HTML",
                _mb(corpus),
                "MB",
                budget,
            ),
        ]
        biggest = corpus
    if paths is not None and biggest is not None:
        figures += _browser_map_figures(biggest, sizes[-1], paths)
    return figures


def _timed(work):
    start = time.perf_counter()
    value = work()
    return value, time.perf_counter() - start


def _mb(page: str) -> float:
    return round(len(page.encode("utf-8")) / 1e6, 2)


def _browser_map_figures(page_html: str, size: int, paths: Paths) -> list[Figure]:
    """Open the corpus map in Chromium: until clusters are drawn, then a click on a cluster."""
    label = f"corpus map, {size:,} places: interactive"
    missing = paths.browser_missing()
    if missing:
        return [Figure(f"corpus_map_{size}_interactive_s", label, None, note=f"skipped: {missing}")]
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = Path(tmp) / "corpus.html"
        path.write_text(page_html, encoding="utf-8")
        browser = p.chromium.launch(executable_path=str(paths.chromium), args=CHROMIUM_ARGS)
        page = offline_context(browser).new_page()
        errors: list[str] = []
        page.on("pageerror", lambda err: errors.append(str(err)))
        page.add_init_script(_WATCH_CLUSTERS)
        page.goto(path.as_uri(), wait_until="load", timeout=120_000)
        page.wait_for_function("() => window.__geo.clusters", timeout=120_000, polling=50)
        page.evaluate(_ON_ZOOM)
        page.evaluate(PICK_CLUSTER)
        page.locator('[data-geo-pick="1"]').click()
        page.wait_for_function("() => window.__geo.zoomed", timeout=30_000, polling=50)
        seen = page.evaluate(
            "() => ({...window.__geo, load: performance.getEntriesByType("
            "'navigation')[0].loadEventEnd})"
        )
        browser.close()
    note = (
        f"load event {seen['load'] / 1000:.2f} s; then a cluster click zooms in "
        f"{(seen['zoomed'] - seen['down']) / 1000:.2f} s"
        + (f"; page errors: {errors}" if errors else "")
    )
    return [
        Figure(
            f"corpus_map_{size}_interactive_s",
            label,
            round(seen["clusters"] / 1000, 2),
            "s",
            ("<=", 2),
            "from navigation to clusters drawn; " + note,
        )
    ]
