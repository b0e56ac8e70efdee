"""`geo batch` on 1,000 documents: 1 and 2 processes, Dask, and the memory of all processes."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.figures import Figure
from benchmarks.paths import Paths
from benchmarks.processes import child_env, watch_tree
from geo.errors import GeoError


def batch_part(paths: Paths, *, docs_count: int = 1_000, rounds: int = 2) -> list[Figure]:
    """`geo batch` on 1,000 documents: throughput by engine and process count, peak RSS.

    The engines take turns, `rounds` times, and each keeps its best time: other work on the
    machine slows one run or another, never makes one faster.
    """
    docs = paths.dev_docs()
    source = f"dev texts x{docs_count / len(docs):.1f}" if docs else ""
    if docs is None and paths.sample.is_file():
        docs = [{"id": "sample", "text": paths.sample.read_text(encoding="utf-8"), "lang": None}]
        source = "the sample article repeated (no dev set)"
    if not docs:
        return [Figure("batch", "geo batch", None, note="skipped: no dev set and no sample")]
    words = sum(len(docs[i % len(docs)]["text"].split()) for i in range(docs_count))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = _write_corpus(Path(tmp) / "corpus.jsonl", docs, docs_count)
        runs: dict[str, tuple[float, dict[int, int], set[str]]] = {}
        for round_ in range(rounds):
            for label, options in _batch_engines():
                out = Path(tmp) / f"{label}-{round_}.jsonl"
                run = _batch_run(corpus, out, options)
                runs[label] = min(runs.get(label, run), run, key=lambda r: r[0])
    figures = _batch_speed_figures(
        runs, words, f"{docs_count:,} docs ({source}), {words:,} words, best of {rounds}"
    )
    _, peaks, _ = runs["pool-2"]
    return figures + [
        Figure(
            "batch_rss_mb",
            f"geo batch, {docs_count:,} docs, 2 processes: peak RSS",
            round(sum(peaks.values()) / 1024),
            "MB",
            None,
            f"sum of the VmHWM of its {len(peaks)} processes; largest "
            f"{max(peaks.values()) / 1024:.0f} MB",
        )
    ]


def _batch_engines() -> list[tuple[str, list[str]]]:
    engines = [("pool-1", ["--processes", "1"]), ("pool-2", ["--processes", "2"])]
    try:
        import distributed  # noqa: F401
    except ImportError:
        return engines
    return engines + [("dask-2", ["--engine", "dask", "--processes", "2"])]


def _batch_speed_figures(runs: dict, words: int, source: str) -> list[Figure]:
    speed = {label: words / seconds for label, (seconds, _, _) in runs.items()}
    lines = {label: out for label, (_, _, out) in runs.items()}
    same = len({frozenset(out) for out in lines.values()}) == 1
    note = f"{source}; wall time of the command, model loading included"
    figures = [
        Figure(f"batch_{label}_words_per_s", f"geo batch, {label}", round(value), "w/s", None, note)
        for label, value in speed.items()
    ]
    figures.append(
        Figure(
            "batch_speedup_2",
            "geo batch, 2 processes / 1 process",
            round(speed["pool-2"] / speed["pool-1"], 2),
            "",
            (">=", 1.7),
        )
    )
    if "dask-2" in speed:
        figures.append(
            Figure(
                "batch_dask_vs_pool",
                "geo batch, Dask / pool (2 processes)",
                round(speed["dask-2"] / speed["pool-2"], 2),
                "",
                (">=", 0.8),
                "within 20% of the process pool",
            )
        )
    else:
        figures.append(
            Figure(
                "batch_dask_vs_pool",
                "geo batch, Dask / pool (2 processes)",
                None,
                note='skipped: Dask is not installed (pip install -e ".[dask]")',
            )
        )
    figures.append(
        Figure(
            "batch_identical",
            "geo batch, same results by every engine and count",
            "yes" if same else "NO",
            "",
            None,
            ", ".join(lines),
        )
    )
    return figures


def _write_corpus(path: Path, docs: list[dict], count: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            doc = docs[i % len(docs)]
            line = {"id": f"{i:05d}:{doc['id']}", "text": doc["text"], "lang": doc.get("lang")}
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return path


def _batch_run(
    corpus: Path, out: Path, options: list[str]
) -> tuple[float, dict[int, int], set[str]]:
    """Wall time, peak RSS of each process of the run (kB), and the output's lines."""
    command = [
        sys.executable,
        "-m",
        "geo",
        "batch",
        str(corpus),
        "-o",
        str(out),
        "--no-progress",
        *options,
    ]
    start = time.perf_counter()
    with subprocess.Popen(
        command, env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    ) as proc:
        peaks = watch_tree(proc)
        errors = proc.communicate()[1].decode(errors="replace")
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise GeoError(f"geo batch {' '.join(options)} failed: {errors.strip()[-300:]}")
    return seconds, peaks, set(out.read_text(encoding="utf-8").splitlines())
