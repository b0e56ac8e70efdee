"""Benchmarks that print figures next to their budgets (`python -m geo bench [PART]`)."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from geo.errors import GeoError
from geo.gazetteer.index import Gazetteer, ensure_built, open_gazetteer
from geo.resolve import km

NAMES = 10_000
# ru_maxrss survives fork and exec (the child would report the parent's peak): read VmHWM.
_RSS_CHILD = """
import sys
from geo.gazetteer.index import Gazetteer
if sys.argv[1] == "open":
    g = Gazetteer(sys.argv[2])
    names = [r[0] for r in g._dbs[0].execute("SELECT name FROM places WHERE rowid % 20 = 0")]
    for name in names:
        g.lookup(name)
status = open("/proc/self/status").read()
print(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))
"""


def gazetteer_figures(*, eval_dir: Path | None = None) -> dict:
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
        figures["rss_mb_added"] = round(
            (_child_rss("open", path) - _child_rss("none", path)) / 1024, 1
        )
    figures["coverage"] = _coverage(open_gazetteer(), _eval_dir(eval_dir))
    return figures


def _lookup_times(gazetteer: Gazetteer) -> dict:
    db = gazetteer._dbs[0]
    total = db.execute("SELECT count(*) FROM places").fetchone()[0]
    step = max(1, total // NAMES)
    names = [
        r[0]
        for r in db.execute("SELECT name FROM places WHERE rowid % ? = 0 LIMIT ?", (step, NAMES))
    ]
    times = []
    for name in names:
        start = time.perf_counter()
        gazetteer.lookup(name)
        times.append(time.perf_counter() - start)
    times.sort()
    return {
        "lookups": len(times),
        "lookup_p50_us": round(times[len(times) // 2] * 1e6, 1),
        "lookup_p99_us": round(times[int(len(times) * 0.99)] * 1e6, 1),
    }


def _child_rss(mode: str, path: Path) -> int:
    out = subprocess.run(
        [sys.executable, "-c", _RSS_CHILD, mode, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(out.stdout.strip())


def _eval_dir(given: str | Path | None) -> Path | None:
    return Path(given) if given else None


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


BUDGETS = {
    "build_s": ("<=", 60),
    "open_s": ("<=", 0.2),
    "lookup_p50_us": ("<=", 20),
    "lookup_p99_us": ("<=", 200),
    "rss_mb_added": ("<=", 150),
}


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


# --- `python -m geo bench [PART]`: every figure of issue 8, each next to its budget ----------
# Each part measures in fresh subprocesses (cold start, batch, app) or in this process (speed,
# maps), prints what it skips and why, and returns Figures; `run_parts` prints the table.

# set by run() (for now: the parts will take them as arguments)
ROOT = Path(__file__).resolve().parents[1]  # the checkout: seeds/ and app.py
SAMPLE = ROOT / "seeds" / "kim-putin-fr.txt"
MAP_SIZES = (10, 100, 1_000, 10_000)
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@dataclass(frozen=True, slots=True)
class Figure:
    """One measured figure, its unit, and its budget as (">=" or "<=", limit) if it has one."""

    key: str
    label: str
    value: float | str | None
    unit: str = ""
    budget: tuple[str, float] | None = None
    note: str = ""

    @property
    def ok(self) -> bool | None:
        """Whether the budget holds (None: no budget, or nothing measured)."""
        if self.budget is None or not isinstance(self.value, (int, float)):
            return None
        op, limit = self.budget
        return self.value <= limit if op == "<=" else self.value >= limit


def format_table(figures: list[Figure]) -> str:
    """The figures as a table: measured value, budget, verdict, and a note."""
    lines = [f"{'figure':<44}{'measured':>14}  {'budget':<12}{'':<6}note"]
    for f in figures:
        value = (
            "skipped"
            if f.value is None
            else f"{f.value:,}"
            if isinstance(f.value, (int, float))
            else str(f.value)
        )
        value = f"{value} {f.unit}".rstrip() if f.value is not None else value
        budget = f"{f.budget[0]} {f.budget[1]:g}" if f.budget else "-"
        verdict = {True: "ok", False: "OVER", None: ""}[f.ok]
        lines.append(f"{f.label:<44}{value:>14}  {budget:<12}{verdict:<6}{f.note}".rstrip())
    return "\n".join(lines)


def figures_json(figures: list[Figure]) -> str:
    """The figures as JSON: one object per figure, with its budget and verdict."""
    rows = [
        {
            "key": f.key,
            "label": f.label,
            "value": f.value,
            "unit": f.unit,
            "budget": f"{f.budget[0]} {f.budget[1]:g}" if f.budget else None,
            "ok": f.ok,
            "note": f.note,
        }
        for f in figures
    ]
    return json.dumps({"figures": rows}, indent=2, ensure_ascii=False)


def run(
    what: str = "all",
    *,
    root: Path,
    eval_dir: Path | None = None,
    chromium: Path | None = None,
    as_json: bool = False,
) -> int:
    """`geo bench [WHAT]`: the figures of one part (or all) of the checkout at `root`."""
    global ROOT, SAMPLE, CHROMIUM
    ROOT, SAMPLE = root, root / "seeds" / "kim-putin-fr.txt"
    CHROMIUM = chromium or root / "no-chromium"
    if what != "gazetteer":
        return run_parts(what, eval_dir=eval_dir, as_json=as_json)
    figures = gazetteer_figures(eval_dir=eval_dir)
    print(json.dumps(figures, indent=2) if as_json else print_figures(figures))
    return 0


def run_parts(what: str = "all", *, eval_dir: Path | None = None, as_json: bool = False) -> int:
    """Run one part of the bench (or all of them) and print the table or JSON on stdout."""
    parts = PARTS if what == "all" else {what: PARTS[what]}
    figures: list[Figure] = []
    load = os.getloadavg()[0]
    for name, part in parts.items():
        print(f"bench: {name}...", file=sys.stderr, flush=True)
        start = time.perf_counter()
        try:
            figures += part(eval_dir=_eval_dir(eval_dir))
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
    print(figures_json(figures) if as_json else format_table(figures))
    return 0


# --- cold start ------------------------------------------------------------------------------

_STARTUP_CHILD = """
import json, sys, time
start = time.perf_counter()
import geo.pipeline
imported = time.perf_counter()
from geo.nlp.pipelines import load
load(sys.argv[1])
loaded = time.perf_counter()
from geo.geocoding import candidates, make_geocoder
geocoder = make_geocoder("gazetteer")
candidates(geocoder, "Paris")
opened = time.perf_counter()
if len(sys.argv) > 2:
    geo.pipeline.parse(open(sys.argv[2], encoding="utf-8").read(), geocoder=geocoder)
parsed = time.perf_counter()
status = open("/proc/self/status").read()
hwm = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))
print(json.dumps({"import": imported - start, "model": loaded - imported, "index": opened - loaded,
                  "parse": parsed - opened, "hwm_kb": hwm}))
"""


def startup_part(*, eval_dir: Path | None = None, runs: int = 3) -> list[Figure]:
    """Cold start (import + model + index open) in fresh processes; peak RSS of a parse."""
    args = ["fr", str(SAMPLE)] if SAMPLE.is_file() else ["fr"]
    _startup_child(args)  # once untimed: builds the index if its sources changed
    samples = sorted(
        (_startup_child(args) for _ in range(runs)),
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
    if SAMPLE.is_file():
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


def _startup_child(args: list[str]) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _STARTUP_CHILD, *args], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- throughput: the pipeline against spaCy alone on the same texts -------------------------


def speed_part(*, eval_dir: Path | None = None) -> list[Figure]:
    """End-to-end words/s and spaCy-alone words/s on the sample article and on the dev set."""
    figures = []
    if SAMPLE.is_file():
        text = SAMPLE.read_text(encoding="utf-8")
        figures += _speed_figures("sample", "sample article", [(text, None)] * 20, rounds=3)
    else:
        figures.append(
            Figure(
                "words_per_s_sample",
                "end-to-end, sample article",
                None,
                note=f"skipped: no {SAMPLE}",
            )
        )
    docs = _dev_docs(eval_dir)
    if docs is None:
        figures.append(
            Figure(
                "words_per_s_dev",
                "end-to-end, dev set",
                None,
                note="skipped: no gold files (give --eval-dir or set GEO_EVAL_DIR)",
            )
        )
    else:
        texts = [(d["text"], d.get("lang")) for d in docs]
        figures += _speed_figures("dev", f"dev set ({len(docs)} docs)", texts, rounds=2)
    for kind, language, text in _long_texts(docs):
        figures += long_text_figures(kind, language, text)
    return figures


def _speed_figures(
    key: str, label: str, texts: list[tuple[str, str | None]], *, rounds: int
) -> list[Figure]:
    from geo.geocoding import make_geocoder
    from geo.ingest.text import detect_language, split_passages
    from geo.nlp.pipelines import load, pipe
    from geo.pipeline import parse

    geocoder = make_geocoder("gazetteer")
    jobs = [(text, lang or detect_language(text)) for text, lang in texts if text.strip()]
    passages = [[p.text for p in split_passages(text)] for text, _ in jobs]
    words = sum(len(text.split()) for text, _ in jobs)

    def spacy_alone():  # the very calls the pipeline makes to spaCy: one pipe per document
        for (_, lang), chunks in zip(jobs, passages, strict=False):
            list(pipe(load(lang), chunks))

    def end_to_end():
        for text, lang in jobs:
            parse(text, language=lang, geocoder=geocoder)

    spacy_alone()  # warm: models loaded, the vocabulary has seen these words
    parse(jobs[0][0], language=jobs[0][1], geocoder=geocoder)
    ner = pipeline = math.inf
    for _ in range(rounds):  # alternate, keep the best of each: less noise from the machine
        ner = min(ner, _seconds(spacy_alone))
        pipeline = min(pipeline, _seconds(end_to_end))
    note = f"{words:,} words, best of {rounds}"
    return [
        Figure(
            f"words_per_s_{key}",
            f"end-to-end words/s, {label}",
            round(words / pipeline),
            "w/s",
            None,
            note,
        ),
        Figure(
            f"spacy_words_per_s_{key}",
            f"spaCy alone words/s, {label}",
            round(words / ner),
            "w/s",
            None,
            "nlp.pipe over the same passages, same pipeline",
        ),
        Figure(
            f"ratio_{key}",
            f"pipeline / spaCy alone, {label}",
            round(ner / pipeline, 3),
            "",
            (">=", 0.85),
            "overhead <= 15%",
        ),
    ]


# --- long texts: CPU time grows with the length, and the longest text allowed takes a minute --

LONG_SIZES = (25_000, 50_000, 100_000, 200_000)
# dense: a motion word, a traveler and three places every 60 characters, in one line
_JOURNEYS = "Kim Jong Un s'est rendu à Moscou, à Séoul et à Pékin en train"


def long_text_figures(
    kind: str, language: str, text: str, *, sizes: tuple[int, ...] = LONG_SIZES
) -> list[Figure]:
    """Characters per CPU second of one parse of the text's start at each size, how much the
    CPU time grows when the length doubles, and the seconds a text at the limit would take."""
    from geo.geocoding import make_geocoder
    from geo.ingest.text import MAX_CHARS
    from geo.pipeline import parse

    geocoder = make_geocoder("gazetteer")
    # once untimed: models loaded, and spaCy's vocabulary holds the words of every size (the
    # sizes are starts of one text: the first parsed would be the only one to meet them new)
    parse(text[: sizes[-1]], language=language, geocoder=geocoder)
    seconds = []
    for size in sizes:
        start = time.process_time()  # CPU: the wall clock counts the other work of the machine
        parse(text[:size], language=language, geocoder=geocoder)
        seconds.append(time.process_time() - start)
    rates = [size / s for size, s in zip(sizes, seconds, strict=False)]
    doubling = (seconds[-1] / seconds[0]) ** (1 / math.log2(sizes[-1] / sizes[0]))
    label = f"long {kind}"
    return [
        *(
            Figure(
                f"long_{kind}_{size // 1000}k_chars_per_s",
                f"{label}, {size:,} chars",
                round(rate),
                "chars/s",
                None,
                f"{s:.1f} CPU s",
            )
            for size, rate, s in zip(sizes, rates, seconds, strict=False)
        ),
        Figure(
            f"long_{kind}_doubling",
            f"{label}, CPU time x a doubling",
            round(doubling, 2),
            "",
            ("<=", 2.2),
            f"2 is linear; {sizes[0]:,} to {sizes[-1]:,} chars",
        ),
        Figure(
            f"long_{kind}_limit_s",
            f"{label}, {MAX_CHARS:,} chars (the limit)",
            round(MAX_CHARS / rates[-1], 1),
            "CPU s",
            ("<=", 60),
            f"extrapolated from {sizes[-1]:,} chars; GEO_MAX_CHARS",
        ),
    ]


def _long_texts(docs: list[dict] | None) -> list[tuple[str, str, str]]:
    """(kind, language, text) of LONG_SIZES[-1] characters or more: the dev documents of each
    language one after the other (the sample article without them), and dense journeys."""
    size, texts = LONG_SIZES[-1], []
    for language in ("en", "fr"):
        news = [d["text"] for d in docs or () if d.get("lang") == language]
        if not news and language == "fr" and SAMPLE.is_file():
            news = [SAMPLE.read_text(encoding="utf-8")]
        if news:
            joined = "\n\n".join(news)
            texts.append(
                (f"news_{language}", language, "\n\n".join([joined] * (size // len(joined) + 1)))
            )
    texts.append(("journeys", "fr", " et ".join([_JOURNEYS] * (size // len(_JOURNEYS) + 1))))
    return texts


def _seconds(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _dev_docs(folder: Path | None) -> list[dict] | None:
    """The documents of the dev gold files (only id, text and lang are read)."""
    files = sorted(folder.glob("*.jsonl")) if folder else []
    if not files:
        return None
    docs = []
    for path in files:
        for line in path.open(encoding="utf-8"):
            if line.strip():
                doc = json.loads(line)
                docs.append(
                    {"id": f"{path.stem}/{doc['id']}", "text": doc["text"], "lang": doc.get("lang")}
                )
    return docs


def lookup_part(*, eval_dir: Path | None = None) -> list[Figure]:
    """Gazetteer lookup p50/p99 over 10,000 names of the index in use."""
    times = _lookup_times(open_gazetteer())
    note = f"{times['lookups']:,} names"
    return [
        Figure(key, f"gazetteer lookup {key.split('_')[1]}", times[key], "us", BUDGETS[key], note)
        for key in ("lookup_p50_us", "lookup_p99_us")
    ]


# --- maps: build time and size, and the 10,000-place corpus map in Chromium -----------------


def synthetic_result(places: int, *, seed: int = 0):
    """A Result with `places` places spread over the world, one passage and mention each."""
    import random

    from geo.model import KINDS, Mention, Passage, Place, Result

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


def map_figures(*, sizes: tuple[int, ...] = MAP_SIZES, browser: bool = True) -> list[Figure]:
    """Article map (geo.export.html) and corpus map (geo.maps.corpus): build time and HTML size."""
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
    if browser and biggest is not None:
        figures += _browser_map_figures(biggest, sizes[-1])
    return figures


def maps_part(*, eval_dir: Path | None = None) -> list[Figure]:
    return map_figures()


def _timed(work):
    start = time.perf_counter()
    value = work()
    return value, time.perf_counter() - start


def _mb(page: str) -> float:
    return round(len(page.encode("utf-8")) / 1e6, 2)


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
_ON_ZOOM = """() => {
  const map = Object.values(window).find(v => window.L && v instanceof L.Map);
  map.once('zoomend', () => { window.__geo.zoomed = performance.now(); });
}"""


def _browser_map_figures(page_html: str, size: int) -> list[Figure]:
    """Open the corpus map in Chromium: until clusters are drawn, then a click on a cluster."""
    label = f"corpus map, {size:,} places: interactive"
    missing = _browser_missing()
    if missing:
        return [Figure(f"corpus_map_{size}_interactive_s", label, None, note=f"skipped: {missing}")]
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = Path(tmp) / "corpus.html"
        path.write_text(page_html, encoding="utf-8")
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = _offline_context(browser).new_page()
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


def _browser_missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return 'playwright is not installed (pip install -e ".[test]")'
    return None if CHROMIUM.exists() else f"{CHROMIUM} is missing (apt-get install chromium)"


def _offline_context(browser, *allowed: str):
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


# --- the app: click-to-panel latency in Chromium, server time, peak RSS ---------------------

# The app started as tests/browser start it, through a wrapper that logs each script run's
# start and end (epoch seconds) on stderr: the server-side time of a click, measured there.
_APP_WRAPPER = """
import sys, time
from streamlit.runtime.scriptrunner import script_runner
run = script_runner.ScriptRunner._run_script
def timed(self, rerun_data):
    start = time.time()
    try:
        return run(self, rerun_data)
    finally:
        print(f"geo-bench-run {start:.4f} {time.time():.4f}", file=sys.stderr, flush=True)
script_runner.ScriptRunner._run_script = timed
from streamlit.web import cli
sys.argv = ["streamlit", "run", *sys.argv[1:]]
sys.exit(cli.main())
"""
_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# Tag the place marker whose tooltip reads `name`, bring it into view and to the front
# (as tests/browser do, but a reader can click a circle around what hides its centre).
_TAG_MARKER = """([name, tag]) => {
  const map = [window.map, ...Object.values(window)].find(v => window.L && v instanceof L.Map);
  if (!map) return false;
  const found = [];
  map.eachLayer(layer => {
    if (!(layer instanceof L.CircleMarker) || !layer._path || !layer.getTooltip()) return;
    if (!layer._path.classList.contains('geo-place')) return;
    const html = String(layer.getTooltip().getContent());
    const text = new DOMParser().parseFromString(html, 'text/html').body.textContent.trim();
    if (text === name) found.push(layer);
  });
  if (found.length !== 1) return false;
  map.closePopup();
  if (!map.getBounds().pad(-0.2).contains(found[0].getLatLng())) {
    map.setView(found[0].getLatLng(), map.getZoom(), {animate: false});
  }
  found[0].bringToFront();  // a circle or a route end drawn over its centre would take the click
  found[0]._path.setAttribute('data-test-place', tag);
  document.addEventListener('click', () => { window.__geoClick = Date.now(); }, {capture: true, once: true});
  return true;
}"""
# Note when the panel beside the map shows the heading of the place clicked.
_WATCH_PANEL = """(name) => {
  window.__geoPanel = null;
  const seen = () => [...document.querySelectorAll('[data-testid="stMain"] h3')]
    .some(h => h.textContent.trim() === name);
  new MutationObserver((records, observer) => {
    if (seen()) { window.__geoPanel = Date.now(); observer.disconnect(); }
  }).observe(document.body, {childList: true, subtree: true, characterData: true});
}"""


def app_part(*, eval_dir: Path | None = None, clicks: int = 6) -> list[Figure]:
    """Click-to-panel latency (browser and server side) and peak RSS of the app with the sample."""
    keys = [
        ("click_browser_ms", "app click-to-panel, in the browser"),
        ("click_server_ms", "app click-to-panel, server side"),
        ("app_rss_mb", "app peak RSS with the sample"),
    ]
    missing = _browser_missing() or (None if (ROOT / "app.py").is_file() else "no app.py")
    if missing or not SAMPLE.is_file():
        return [
            Figure(k, label, None, note=f"skipped: {missing or 'no sample'}") for k, label in keys
        ]
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "streamlit.log"
        server, url = _start_app(log)
        try:
            browser_ms, server_ms, lost = _clicks(url, log, clicks)
            rss = _hwm_kb(server.pid) / 1024
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
            None,
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


def _start_app(log: Path):
    import socket
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [
        sys.executable,
        "-c",
        _APP_WRAPPER,
        "app.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    with log.open("wb") as handle:
        server = subprocess.Popen(command, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT)
    url, deadline = f"http://127.0.0.1:{port}/", time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}_stcore/health", timeout=2) as answer:
                if answer.read() == b"ok":
                    return server, url
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise GeoError(f"the app did not start: {log.read_text()[-500:]}")


def _clicks(url: str, log: Path, clicks: int) -> tuple[list[float], list[float], int]:
    """Browser and server milliseconds of each click, and how many clicks were lost."""
    from playwright.sync_api import TimeoutError as Timeout
    from playwright.sync_api import sync_playwright

    from geo.pipeline import parse

    result = parse(SAMPLE.read_text(encoding="utf-8"), doc_id=SAMPLE.name)
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
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = _offline_context(browser, *prefixes).new_page()
        page.goto(url)
        for i in range(clicks):
            name = names[i % len(names)]
            for attempt in range(2):  # a click lost while the page settles is clicked again
                _wait_idle(log)
                frame = _live_map(page)
                frame.wait_for_function(_TAG_MARKER, arg=[name, name], timeout=120_000, polling=100)
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


def _hwm_kb(pid: int) -> int:
    """Peak resident memory (VmHWM) of a live process, in kB."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))


# --- batch: 1 and 2 processes, Dask, and the memory of 1,000 documents ---------------------


def batch_part(
    *, eval_dir: Path | None = None, docs_count: int = 1_000, rounds: int = 2
) -> list[Figure]:
    """`geo batch` on 1,000 documents: throughput by engine and process count, peak RSS.

    The engines take turns, `rounds` times, and each keeps its best time: other work on the
    machine slows one run or another, never makes one faster.
    """
    docs = _dev_docs(eval_dir)
    source = f"dev texts x{docs_count / len(docs):.1f}" if docs else ""
    if docs is None and SAMPLE.is_file():
        docs = [{"id": "sample", "text": SAMPLE.read_text(encoding="utf-8"), "lang": None}]
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
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as proc:
        peaks = _watch_tree(proc)
        errors = proc.stderr.read().decode(errors="replace")
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise GeoError(f"geo batch {' '.join(options)} failed: {errors.strip()[-300:]}")
    return seconds, peaks, set(out.read_text(encoding="utf-8").splitlines())


def _watch_tree(proc: subprocess.Popen, every: float = 0.1) -> dict[int, int]:
    """VmHWM of a process and of all its descendants, read until it exits (peaks only grow)."""
    peaks: dict[int, int] = {}
    while proc.poll() is None:
        for pid in _descendants(proc.pid):
            try:
                peaks[pid] = max(peaks.get(pid, 0), _hwm_kb(pid))
            except (OSError, StopIteration):
                pass  # ended between the listing and the read
        time.sleep(every)
    return peaks


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


PARTS = {
    "startup": startup_part,
    "speed": speed_part,
    "lookup": lookup_part,
    "maps": maps_part,
    "app": app_part,
    "batch": batch_part,
}
