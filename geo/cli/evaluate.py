"""`geo eval`: run geo on gold documents, write predictions, print the scorer's table.

Only `id`, `text`, `lang` and `date` are read from the gold file (by `geo.ingest.documents`, as
`parse --jsonl` reads it); the scoring is done by the shared scorer (`score.py`, given with
--scorer or GEO_SCORER), run as its own program, so that geo never sees the gold annotations.
A line geo cannot read or a document it cannot parse is said on stderr and left out (the
scorer counts it as no places found).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from geo.cli.arguments import GEOCODER_HELP
from geo.cli.outputs import check_output, replacing, write_lines
from geo.errors import GeoError, InputError

if TYPE_CHECKING:
    from geo.geocoding import Geocoder
    from geo.ingest.documents import Document
    from geo.model import Result


def add_to(commands: argparse._SubParsersAction) -> None:
    """The `eval` command and its arguments."""
    evaluate = commands.add_parser("eval", help="score geo on gold files with the shared scorer")
    evaluate.add_argument("gold", nargs="+", metavar="GOLD", help="gold .jsonl files")
    evaluate.add_argument(
        "--predictions", metavar="OUT", help="where to write predictions (one gold file only)"
    )
    evaluate.add_argument(
        "--scorer", metavar="SCORER", help="the shared scorer, score.py (default: GEO_SCORER)"
    )
    evaluate.add_argument("--geocoder", help=GEOCODER_HELP)
    evaluate.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Score each GOLD file and print its table; 1 if a gold line could not be read or parsed."""
    from geo.geocoding import make_geocoder

    scorer = args.scorer or os.environ.get("GEO_SCORER")
    if not scorer:
        raise InputError("eval needs the shared scorer (score.py): give --scorer or set GEO_SCORER")
    if args.predictions and len(args.gold) > 1:
        raise InputError("--predictions takes one GOLD file")
    if args.predictions:
        check_output(args.predictions, args.gold)
    geocoder = make_geocoder(args.geocoder)
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for gold in map(Path, args.gold):
            output = (
                Path(args.predictions)
                if args.predictions
                else Path(tmp) / f"{gold.stem}.pred.jsonl"
            )
            table, speed, bad = evaluate(gold, output, Path(scorer), geocoder)
            failed += bad
            write_lines(
                None,
                [
                    f"== {gold.name}",
                    table.rstrip(),
                    f"speed: {speed:,.0f} words per CPU second",
                    "",
                ],
            )
    return 1 if failed else 0


def predictions(
    documents: Iterable[Document], geocoder: Geocoder, fail: Callable[[Document, GeoError], None]
) -> Iterator[tuple[dict, int]]:
    """One prediction line per gold document, and the number of words it had; a document geo
    cannot parse goes to `fail` instead."""
    from geo.pipeline import parse

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
    from geo.ingest.documents import read_and_report

    if not scorer.is_file():
        raise InputError(f"no scorer at {scorer} (give --scorer or set GEO_SCORER)")
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
