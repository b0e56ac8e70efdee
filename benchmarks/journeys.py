"""The journey reader's share of the pipeline's time, on each dev file (or the sample article).

Each document goes through the real pipeline (`geo.parse`); the functions that `geo.pipeline`
takes from `geo.journeys` (find_routes, which calls travelers, motion and timex, and the
geocoder for capitals; parse_date) are wrapped, where the pipeline looks them up, by a timer
that adds up their seconds. The share is those seconds over the same parses' seconds.
"""

from __future__ import annotations

import datetime
import functools
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

from benchmarks.figures import Figure
from benchmarks.paths import Paths

BUDGET = ("<=", 10.0)  # issue 14: the journey reader costs no more than 10 % of the pipeline
SAMPLE_COPIES = 10  # one article is too short to time alone
# what geo.pipeline calls of geo.journeys; a name it no longer has fails the figure, not zero
READER = ("find_routes", "parse_date")


def journey_figures(paths: Paths) -> list[Figure]:
    """The journey reader's share of the pipeline's time on each dev file, by language; on the
    sample article without dev files."""
    docs = paths.dev_docs()
    if docs is not None:
        groups: dict[tuple[str, str], list[dict]] = {}
        for doc in docs:
            groups.setdefault((doc["id"].split("/")[0], doc.get("lang") or "auto"), []).append(doc)
        return [journey_share(name, language, group) for (name, language), group in groups.items()]
    if not paths.sample.is_file():
        return [
            Figure(
                "journey_share_sample",
                "journey reader share",
                None,
                note=f"skipped: no {paths.sample}",
            )
        ]
    text = paths.sample.read_text(encoding="utf-8")
    docs = [{"text": text, "lang": "fr"}] * SAMPLE_COPIES
    return [journey_share("sample", "fr", docs, count=f"1 article x {SAMPLE_COPIES}")]


def journey_share(name: str, language: str, docs: list[dict], *, count: str = "") -> Figure:
    """The share, in %, of the seconds the parses of `docs` spent in the journey reader.

    Every document is parsed once untimed first, so that the models, the gazetteer's pages and
    spaCy's vocabulary are as warm for the journey reader as for the stages before it.
    """
    import geo.pipeline
    from geo.geocoding import make_geocoder

    geocoder = make_geocoder("gazetteer")
    jobs = [d for d in docs if d["text"].strip()]

    def parse_all() -> float:
        start = time.perf_counter()
        for doc in jobs:
            geo.pipeline.parse(
                doc["text"], language=language, geocoder=geocoder, date=_date(doc.get("date"))
            )
        return time.perf_counter() - start

    parse_all()
    with journey_timer(geo.pipeline) as spent:
        pipeline = parse_all()
    reader = sum(spent)
    return Figure(
        f"journey_share_{name.replace('.', '_')}_{language}",
        f"journey reader share, {name} ({language})",
        round(100 * reader / pipeline, 1),
        "%",
        BUDGET,
        f"of pipeline time; {count or f'{len(jobs)} docs'}: {reader:.2f} s of {pipeline:.2f} s",
    )


@contextmanager
def journey_timer(pipeline: ModuleType) -> Iterator[list[float]]:
    """While inside, the journey reader's functions, under the names `pipeline` looks them up
    by, are timed: each call's seconds are appended to the list yielded. Only these names are
    replaced, so a call inside the reader (find_routes calls parse_date) is not counted twice."""
    originals = {name: getattr(pipeline, name) for name in READER}
    spent: list[float] = []
    for name, original in originals.items():
        setattr(pipeline, name, _timed(original, spent))
    try:
        yield spent
    finally:
        for name, original in originals.items():
            setattr(pipeline, name, original)


def _date(value: str | None) -> str | None:
    """The document's date as the pipeline takes it; none for what is not one (newseye: 'NA')."""
    try:
        return datetime.date.fromisoformat(value).isoformat() if value else None
    except ValueError:
        return None


def _timed(function, spent: list[float]):
    @functools.wraps(function)
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - start)

    return timed
