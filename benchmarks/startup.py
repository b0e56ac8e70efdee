"""Cold start: import, model and index open in fresh processes, and the peak RSS of a parse."""

from __future__ import annotations

import json

from benchmarks.figures import Figure
from benchmarks.paths import Paths
from benchmarks.processes import probe


def startup_part(paths: Paths, *, runs: int = 3) -> list[Figure]:
    """Cold start (import + model + index open) in fresh processes; peak RSS of a parse."""
    sample = paths.sample if paths.sample.is_file() else None
    args = ["fr", str(sample)] if sample else ["fr"]
    _startup(args)  # once untimed: builds the index if its sources changed
    samples = sorted(
        (_startup(args) for _ in range(runs)),
        key=lambda s: s["import"] + s["model"] + s["index"],
    )
    median = samples[len(samples) // 2]
    cold = median["import"] + median["model"] + median["index"]
    parts = ", ".join(f"{k} {median[k]:.2f}" for k in ("import", "model", "index"))
    figures = [
        Figure(
            "cold_start_s",
            "cold start (import + model + index)",
            round(cold, 2),
            "s",
            ("<=", 3),
            f"median of {runs} fresh processes; {parts} s; French model",
        )
    ]
    if sample:
        figures += [
            Figure(
                "first_parse_s",
                "first parse of the sample, after cold start",
                round(median["parse"], 2),
                "s",
            ),
            Figure(
                "parse_rss_mb",
                "peak RSS, one process parsing the sample",
                round(median["hwm_kb"] / 1024),
                "MB",
                None,
                "VmHWM of the process",
            ),
        ]
    return figures


def _startup(args: list[str]) -> dict:
    return json.loads(probe("startup", *args))
