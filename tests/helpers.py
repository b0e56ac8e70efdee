"""Helpers that tests share (and the benchmarks reuse): geo's CLI run in this process, two
.jsonl documents, synthetic results, Chromium kept offline."""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from geo.cli.main import main
from geo.model import KINDS, Mention, Passage, Place, Result

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

# two documents of a .jsonl, in French and in English
MOSCOU_DOC = {"id": "moscou", "text": "Le ministre est arrivé à Moscou.", "lang": "fr"}
NAIROBI_DOC = {"id": "nairobi", "text": "Officials met in Nairobi and Kampala.", "lang": "en"}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# Tag the cluster icon nearest the centre of the window, for a click that a reader would make.
PICK_CLUSTER = """() => {
  const icons = [...document.querySelectorAll('.marker-cluster')];
  const centre = (e) => { const r = e.getBoundingClientRect();
    return Math.hypot(r.x + r.width / 2 - innerWidth / 2, r.y + r.height / 2 - innerHeight / 2); };
  icons.forEach(e => e.removeAttribute('data-geo-pick'));
  icons.sort((a, b) => centre(a) - centre(b));
  if (icons.length) icons[0].setAttribute('data-geo-pick', '1');
  return icons.length;
}"""


def run_geo(capsys, *args) -> tuple[int, list[str], str]:
    """`geo ARGS...` run in this process (as `python -m geo` runs it), its output captured by
    pytest's `capsys`: the exit status, the lines of standard error, standard output."""
    status = main([str(a) for a in args])
    captured = capsys.readouterr()
    return status, captured.err.strip().splitlines(), captured.out


def synthetic_result(places: int, *, seed: int = 0) -> Result:
    """A Result with `places` places spread over the world, one passage and mention each."""
    rng = random.Random(seed)
    passages, found, at = [], [], 0
    for i in range(places):
        name = f"Place {i}"
        text = f"Le rapport cite {name} parmi les lieux visités."
        passages.append(Passage(i, at, at + len(text), text))
        start = at + text.index(name)
        found.append(
            Place(
                f"synthetic:{i}",
                name,
                round(rng.uniform(-60, 70), 5),
                round(rng.uniform(-180, 180), 5),
                KINDS[i % len(KINDS)],
                "FR",
                "gazetteer",
                0.9,
                (Mention(start, start + len(name), name, i),),
                reason="synthetic",
            )
        )
        at += len(text) + 2
    return Result(
        "synthetic", "fr", "\n\n".join(p.text for p in passages), tuple(passages), tuple(found)
    )


def chromium() -> Path | None:
    """The Chromium to drive: GEO_CHROMIUM, else `chromium` on the PATH; None if neither."""
    found = os.environ.get("GEO_CHROMIUM") or shutil.which("chromium")
    return Path(found) if found else None


def browser_missing() -> str | None:
    """Why Chromium cannot be driven here (no Playwright, no Chromium), or None if it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return 'playwright is not installed (pip install -e ".[test]")'
    if chromium() is None:
        return (
            "no Chromium: set GEO_CHROMIUM or put chromium on the PATH (apt-get install chromium)"
        )
    return None


def offline_context(browser: Browser, *allowed: str) -> BrowserContext:
    """A browser context that reaches nothing but files, data: URIs and `allowed` prefixes."""
    prefixes = ("file:", "data:", "about:", *allowed)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(prefixes) else route.abort()
        ),
    )
    return context
