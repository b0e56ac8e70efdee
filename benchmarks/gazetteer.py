"""The embedded gazetteer: build, open, lookup and memory figures, and the gold's coverage."""

from __future__ import annotations

import json
import sqlite3
import tempfile
import time
from pathlib import Path

from benchmarks.figures import Figure
from benchmarks.paths import Paths
from benchmarks.processes import probe
from geo.gazetteer.index import Gazetteer, ensure_built, open_gazetteer
from geo.resolve import km

NAMES = 10_000
BUDGETS = {
    "build_s": ("<=", 60),
    "open_s": ("<=", 0.2),
    "lookup_p50_us": ("<=", 20),
    "lookup_p99_us": ("<=", 200),
    "rss_mb_added": ("<=", 150),
}


def gazetteer_figures(paths: Paths) -> dict:
    """Build, open, lookup, memory and coverage figures of the embedded gazetteer."""
    figures: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        start = time.perf_counter()
        ensure_built(path, progress=lambda message, done: None)
        figures["build_s"] = round(time.perf_counter() - start, 2)
        start = time.perf_counter()
        gazetteer = Gazetteer(path)
        gazetteer.lookup("Paris")
        figures["open_s"] = round(time.perf_counter() - start, 4)
        figures.update(lookup_times(gazetteer))
        added = int(probe("gazetteer_rss", "open", str(path))) - int(
            probe("gazetteer_rss", "none", str(path))
        )
        figures["rss_mb_added"] = round(added / 1024, 1)
    figures["coverage"] = _coverage(open_gazetteer(), paths.eval_dir)
    return figures


def sample_names(index: Path, count: int = NAMES) -> list[str]:
    """`count` names spread over the places of an index file, read from it as any SQLite
    client would (read-only), not through the gazetteer being measured."""
    with sqlite3.connect(f"file:{index}?mode=ro", uri=True) as db:
        total = db.execute("SELECT count(*) FROM places").fetchone()[0]
        step = max(1, total // count)
        rows = db.execute("SELECT name FROM places WHERE rowid % ? = 0 LIMIT ?", (step, count))
        return [r[0] for r in rows]


def lookup_times(gazetteer: Gazetteer) -> dict:
    """p50 and p99 of a lookup of 10,000 names of the gazetteer's first index, in µs."""
    times = []
    for name in sample_names(gazetteer.paths[0]):
        start = time.perf_counter()
        gazetteer.lookup(name)
        times.append(time.perf_counter() - start)
    times.sort()
    return {
        "lookups": len(times),
        "lookup_p50_us": round(times[len(times) // 2] * 1e6, 1),
        "lookup_p99_us": round(times[int(len(times) * 0.99)] * 1e6, 1),
    }


def lookup_part(paths: Paths) -> list[Figure]:
    """Gazetteer lookup p50/p99 over 10,000 names of the index in use."""
    times = lookup_times(open_gazetteer())
    note = f"{times['lookups']:,} names"
    return [
        Figure(key, f"gazetteer lookup {key.split('_')[1]}", times[key], "us", BUDGETS[key], note)
        for key in ("lookup_p50_us", "lookup_p99_us")
    ]


def _coverage(gazetteer: Gazetteer, folder: Path | None) -> dict:
    """Share of required gold toponyms with a candidate within 161 km of the gold point."""
    shares = {}
    for path in sorted(folder.glob("*.jsonl")) if folder else []:
        hit = total = 0
        for line in path.open(encoding="utf-8"):
            for toponym in json.loads(line).get("toponyms", []):
                if toponym.get("optional") or toponym.get("lat") is None:
                    continue
                total += 1
                hit += any(_close(toponym, c) for c in gazetteer.lookup(toponym["text"], limit=200))
        if total:
            shares[path.name] = {"toponyms": total, "covered_pct": round(100 * hit / total, 1)}
    return shares


def _close(gold: dict, candidate) -> bool:
    # A country has no single right point: the scorer takes the same country as exact.
    if gold.get("kind") == "country" and candidate.kind == "country":
        return gold.get("country_code") == candidate.country_code
    return km(gold["lat"], gold["lon"], candidate.lat, candidate.lon) <= 161


def print_figures(figures: dict) -> str:
    """The figures as a table: measured value, budget, and whether it holds."""
    lines = [f"{'figure':<22}{'measured':>12}  {'budget':<10}"]
    for key, (op, limit) in BUDGETS.items():
        value = figures[key]
        ok = value <= limit if op == "<=" else value >= limit
        lines.append(f"{key:<22}{value:>12}  {op} {limit:<7} {'ok' if ok else 'OVER'}")
    for name, share in figures["coverage"].items():
        ok = "ok" if share["covered_pct"] >= 90 or not name.startswith("gwn") else "UNDER"
        target = ">= 90" if name.startswith("gwn") else "(no coords)"
        lines.append(
            f"{'coverage ' + name:<22}{share['covered_pct']:>11}%  {target:<10} {ok}"
            if name.startswith("gwn")
            else f"{'coverage ' + name:<22}{share['covered_pct']:>11}%  {target}"
        )
    if not figures["coverage"]:
        lines.append("coverage: no gold files found (give --eval-dir or set GEO_EVAL_DIR)")
    return "\n".join(lines)
