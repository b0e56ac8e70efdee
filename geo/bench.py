"""Benchmarks that print figures next to their budgets (`python -m geo bench gazetteer`)."""
from __future__ import annotations

import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from geo.gazetteer import Gazetteer, ensure_built, open_gazetteer

NAMES = 10_000
# ru_maxrss survives fork and exec (the child would report the parent's peak): read VmHWM.
_RSS_CHILD = """
import sys
from geo.gazetteer import Gazetteer
if sys.argv[1] == "open":
    g = Gazetteer(sys.argv[2])
    names = [r[0] for r in g._dbs[0].execute("SELECT name FROM places WHERE rowid % 20 = 0")]
    for name in names:
        g.lookup(name)
status = open("/proc/self/status").read()
print(next(l.split()[1] for l in status.splitlines() if l.startswith("VmHWM")))
"""


def gazetteer_figures(*, eval_dir: str | None = None) -> dict:
    """Build, open, lookup, memory and coverage figures of the embedded gazetteer."""
    figures: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        start = time.perf_counter()
        ensure_built(path, progress=lambda message: None)
        figures["build_s"] = round(time.perf_counter() - start, 2)
        start = time.perf_counter()
        gazetteer = Gazetteer(path)
        gazetteer.lookup("Paris")
        figures["open_s"] = round(time.perf_counter() - start, 4)
        figures.update(_lookup_times(gazetteer))
        figures["rss_mb_added"] = round((_child_rss("open", path) - _child_rss("none", path)) / 1024, 1)
    figures["coverage"] = _coverage(open_gazetteer(), _eval_dir(eval_dir))
    return figures


def _lookup_times(gazetteer: Gazetteer) -> dict:
    db = gazetteer._dbs[0]
    total = db.execute("SELECT count(*) FROM places").fetchone()[0]
    step = max(1, total // NAMES)
    names = [r[0] for r in db.execute("SELECT name FROM places WHERE rowid % ? = 0 LIMIT ?",
                                      (step, NAMES))]
    times = []
    for name in names:
        start = time.perf_counter()
        gazetteer.lookup(name)
        times.append(time.perf_counter() - start)
    times.sort()
    return {"lookups": len(times), "lookup_p50_us": round(times[len(times) // 2] * 1e6, 1),
            "lookup_p99_us": round(times[int(len(times) * 0.99)] * 1e6, 1)}


def _child_rss(mode: str, path: Path) -> int:
    out = subprocess.run([sys.executable, "-c", _RSS_CHILD, mode, str(path)], check=True,
                         capture_output=True, text=True)
    return int(out.stdout.strip())


def _eval_dir(given: str | None) -> Path | None:
    if given:
        return Path(given)
    default = Path.cwd().parent / "shared" / "eval" / "dev"
    return default if default.is_dir() else None


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
    return _km((gold["lat"], gold["lon"]), (candidate.lat, candidate.lon)) <= 161


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


BUDGETS = {"build_s": ("<=", 60), "open_s": ("<=", 0.2), "lookup_p50_us": ("<=", 20),
           "lookup_p99_us": ("<=", 200), "rss_mb_added": ("<=", 150)}


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
        lines.append(f"{'coverage ' + name:<22}{share['covered_pct']:>11}%  {target:<10} {ok}"
                     if name.startswith("gwn") else
                     f"{'coverage ' + name:<22}{share['covered_pct']:>11}%  {target}")
    if not figures["coverage"]:
        lines.append("coverage: no gold files found (give --eval-dir)")
    return "\n".join(lines)
