"""`geo eval`: run geo on gold documents, write predictions, print the scorer's table.

Only `id`, `text`, `lang` and `date` are read from the gold file (by `geo.ingest.documents`, as
`parse --jsonl` reads it); the scoring is done by the shared scorer (`score.py`), run as its own
program, so that geo never sees the gold annotations. A line geo cannot read or a document it
cannot parse is said on stderr and left out (the scorer counts it as no places found).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from geo.cli.outputs import replacing
from geo.errors import GeoError, InputError
from geo.geocoding import Geocoder
from geo.ingest.documents import Document, read_and_report
from geo.model import Result
from geo.pipeline import parse


def predictions(
    documents: Iterable[Document], geocoder: Geocoder, fail: Callable[[Document, GeoError], None]
) -> Iterator[tuple[dict, int]]:
    """One prediction line per gold document, and the number of words it had; a document geo
    cannot parse goes to `fail` instead."""
    for doc in documents:
        if not doc.text.strip():
            yield {"id": doc.id, "places": []}, 0
            continue
        try:
            result = parse(
                doc.text,
                doc_id=doc.id,
                language=doc.lang or "auto",
                geocoder=geocoder,
                date=doc.date,
            )
        except GeoError as err:
            fail(doc, err)
            continue
        yield prediction(result), len(doc.text.split())


def prediction(result: Result) -> dict:
    """The scorer's shape: places with lat, lon, kind, country code and mention spans."""
    return {
        "id": result.id,
        "places": [
            {
                "lat": p.lat,
                "lon": p.lon,
                "kind": p.kind,
                "country_code": p.country_code,
                "mentions": [{"start": m.start, "end": m.end} for m in p.mentions],
            }
            for p in result.places
            if p.mentions
        ],
    }


def evaluate(gold: Path, output: Path, scorer: Path, geocoder: Geocoder) -> tuple[str, float, int]:
    """Write predictions to `output`, run the scorer; its table, the words per CPU second,
    and how many gold lines geo could not read or parse (each said on stderr)."""
    if not scorer.is_file():
        raise InputError(f"no scorer at {scorer} (give --scorer)")
    documents, bad = read_and_report(gold)
    failed: list[int] = []

    def fail(doc: Document, err: GeoError) -> None:
        print(f"geo: {gold} line {doc.line}: {err}", file=sys.stderr)
        failed.append(doc.line)

    words, start = 0, time.process_time()
    with replacing(output) as handle:
        for line, count in predictions(documents, geocoder, fail):
            handle.write(json.dumps(line) + "\n")
            words += count
    # CPU time of this process: the one-core speed, whatever else the machine is doing
    speed = words / max(time.process_time() - start, 1e-9)
    run = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(output)], capture_output=True, text=True
    )
    if run.returncode != 0:
        said = run.stderr.strip().splitlines() or [f"exit status {run.returncode}"]
        raise InputError(f"the scorer failed: {said[-1]}")
    return run.stdout, speed, bad + len(failed)
