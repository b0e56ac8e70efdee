"""geo's benchmarks: each figure next to its budget (`python -m geo bench [PART]`).

They are not part of the installed package: they live in a checkout of geo and are given its
paths (`run`). Each part measures in fresh processes (cold start, batch, the app) or in this
one (speed, lookups, maps), says what it skips and why, and returns Figures; `run` prints them.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.app import app_part
from benchmarks.batch import batch_part
from benchmarks.figures import Figure, figures_json, format_table
from benchmarks.first_run import first_run_part
from benchmarks.gazetteer import gazetteer_figures, lookup_part, print_figures
from benchmarks.maps import maps_part
from benchmarks.paths import Paths
from benchmarks.speed import speed_part
from benchmarks.startup import startup_part

# `geo bench` runs them all, in this order; `gazetteer` (a fresh index built) only when named
PARTS: dict[str, Callable[[Paths], list[Figure]]] = {
    "startup": startup_part,
    "speed": speed_part,
    "lookup": lookup_part,
    "maps": maps_part,
    "app": app_part,
    "first_run": first_run_part,
    "batch": batch_part,
}


def run(
    what: str = "all",
    *,
    root: Path,
    eval_dir: Path | None = None,
    chromium: Path | None = None,
    as_json: bool = False,
) -> int:
    """Print the figures of one part (or all, or `gazetteer`) of the checkout at `root`, with
    the gold files in `eval_dir` and `chromium` for the browser's figures (each skipped with a
    note when missing); the exit status."""
    paths = Paths(root, eval_dir, chromium)
    if what == "gazetteer":
        table = gazetteer_figures(paths)
        print(json.dumps(table, indent=2) if as_json else print_figures(table))
        return 0
    figures = run_parts(what, paths)
    print(figures_json(figures) if as_json else format_table(figures))
    return 0


def run_parts(what: str, paths: Paths) -> list[Figure]:
    """The figures of one part or of all; a part that fails is one figure saying why."""
    parts = PARTS if what == "all" else {what: PARTS[what]}
    figures: list[Figure] = []
    load, speed = os.getloadavg()[0], reference_s()
    for name, part in parts.items():
        print(f"bench: {name}...", file=sys.stderr, flush=True)
        start = time.perf_counter()
        try:
            figures += part(paths)
        except Exception as err:  # one part failing (no browser, a timeout) leaves the others
            message = f"{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}"
            figures.append(Figure(name, f"{name} part", None, note=f"failed: {message}"))
        print(
            f"bench: {name} took {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True
        )
    figures.append(
        Figure(
            "load_average",
            "machine load average (1 min), start / end",
            f"{load:.1f} / {os.getloadavg()[0]:.1f}",
            "",
            None,
            f"{os.cpu_count()} cores: other work on the machine slows every figure",
        )
    )
    figures.append(
        Figure(
            "reference_s",
            "machine speed: import folium, pandas (s), start / end",
            f"{speed:.2f} / {reference_s():.2f}",
            "s",
            None,
            "a fresh Python, best of 3: the bulk of the app's start, so a slower figure here "
            "(a shared machine having a slow hour) slows the first-map figures alike",
        )
    )
    return figures


def reference_s(tries: int = 3) -> float:
    """Seconds a fresh Python takes to import folium and pandas, the best of `tries`: how fast
    the machine is now, for reading the other figures."""
    import subprocess

    best = float("inf")
    for _ in range(tries):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import folium, pandas"], check=True)
        best = min(best, time.perf_counter() - start)
    return best
