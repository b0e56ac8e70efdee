"""`geo eval`: run geo on gold documents, write predictions, print the scorers' figures and
geo's mistakes.

geo parses only `id`, `text`, `lang` and `date` of the gold file (by `geo.ingest.documents`, as
`parse --jsonl` reads it), and whether a document has a `journeys` key; the scoring is done by the
shared scorers, each run as its own program: the place scorer (`score.py`, given with --scorer or
GEO_SCORER) on the places, and for a gold file with journeys the journeys scorer
(`journeys_score.py`, given with --journeys-scorer or GEO_JOURNEYS_SCORER, else the one beside the
place scorer) on geo's full results, the lines `parse --jsonl` writes. Once the figures are
taken, geo reads the gold toponyms to sort its own mistakes by class (`geo.cli.mistakes`), from
the results it already has. A line geo cannot read or a document it cannot parse is said on
stderr and left out (the scorers count it as nothing found, the mistakes as all missed).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from geo.cli.arguments import GEOCODER_HELP
from geo.cli.outputs import check_output, replacing, write_lines
from geo.errors import GeoError, InputError

if TYPE_CHECKING:
    from geo.cli.mistakes import Mistake, Predicted
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
    evaluate.add_argument(
        "--journeys-scorer",
        metavar="SCORER",
        help="the journeys scorer, journeys_score.py (default: GEO_JOURNEYS_SCORER, else the one "
        "beside the place scorer; without either the journeys figures are skipped)",
    )
    evaluate.add_argument(
        "--mistakes",
        metavar="N",
        type=count,
        default=5,
        help="under each file's figures, geo's mistakes by class (missed, false, wrong place) "
        "with the N most frequent of each (default: 5; 0: none)",
    )
    evaluate.add_argument(
        "--mistakes-out", metavar="OUT", help="write every mistake to OUT, one JSON line each"
    )
    evaluate.add_argument("--geocoder", help=GEOCODER_HELP)
    evaluate.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Score each GOLD file and print its table (and journeys line); 1 if a gold line could not
    be read or parsed."""
    from geo.cli.mistakes import summary, to_json
    from geo.geocoding import make_geocoder

    scorer = args.scorer or os.environ.get("GEO_SCORER")
    if not scorer:
        raise InputError("eval needs the shared scorer (score.py): give --scorer or set GEO_SCORER")
    if args.predictions and len(args.gold) > 1:
        raise InputError("--predictions takes one GOLD file")
    for out in filter(None, (args.predictions, args.mistakes_out)):
        check_output(out, args.gold)
    if args.predictions and args.mistakes_out and _same_path(args.predictions, args.mistakes_out):
        raise InputError("--predictions and --mistakes-out are one file; give two")
    if not Path(scorer).is_file():
        raise InputError(f"no scorer at {scorer} (give --scorer or set GEO_SCORER)")
    journeys = journeys_scorer(
        args.journeys_scorer or os.environ.get("GEO_JOURNEYS_SCORER"), Path(scorer)
    )
    geocoder = make_geocoder(args.geocoder)
    failed, noted, every = 0, False, []
    with tempfile.TemporaryDirectory() as tmp:
        for gold in map(Path, args.gold):
            output = (
                Path(args.predictions)
                if args.predictions
                else Path(tmp) / f"{gold.stem}.pred.jsonl"
            )
            read_for_journeys = has_journeys(gold)
            if read_for_journeys and journeys is None and not noted:
                print(
                    f"note: journeys not scored: no journeys_score.py beside {scorer} "
                    "(give --journeys-scorer or set GEO_JOURNEYS_SCORER)",
                    file=sys.stderr,
                )
                noted = True
            scored = read_for_journeys and journeys is not None
            full = Path(tmp) / f"{gold.stem}.results.jsonl" if scored else None
            done = evaluate(gold, output, Path(scorer), geocoder, full)
            failed += done.bad
            lines = [f"== {gold.name}", done.table.rstrip()]
            if full is not None and journeys is not None:
                lines.append(score(journeys, gold, full, "the journeys scorer").rstrip())
            lines.append(f"speed: {done.speed:,.0f} words per CPU second")
            if args.mistakes:
                lines += summary(done.mistakes, args.mistakes, done.located)
            write_lines(None, [*lines, ""])
            every += [json.dumps(to_json(m, gold.name), ensure_ascii=False) for m in done.mistakes]
    if args.mistakes_out:
        write_lines(args.mistakes_out, every)
    return 1 if failed else 0


def count(value: str) -> int:
    """A whole number, 0 or more (argparse's type)."""
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"not a count (0 or more): {value!r}")
    return number


def _same_path(a: str, b: str) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)


def journeys_scorer(given: str | None, scorer: Path) -> Path | None:
    """The journeys scorer: the one `given`, else `journeys_score.py` beside the place scorer;
    None when neither is given nor there."""
    if given:
        if not Path(given).is_file():
            raise InputError(
                f"no journeys scorer at {given} (give --journeys-scorer or set GEO_JOURNEYS_SCORER)"
            )
        return Path(given)
    beside = scorer.parent / "journeys_score.py"
    return beside if beside.is_file() else None


def has_journeys(gold: Path) -> bool:
    """Whether a document of `gold` has a `journeys` key (an empty list too: read for them)."""
    from geo.ingest.documents import json_lines

    return any(isinstance(value, dict) and "journeys" in value for _, value in json_lines(gold))


def results(
    documents: Iterable[Document], geocoder: Geocoder, fail: Callable[[Document, GeoError], None]
) -> Iterator[tuple[Document, Result | None]]:
    """Each gold document and geo's result for it (None for an empty text); a document geo
    cannot parse goes to `fail` instead."""
    from geo.pipeline import parse

    for doc in documents:
        if not doc.text.strip():
            yield doc, None
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
        yield doc, result


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


@dataclass(frozen=True, slots=True)
class Evaluation:
    """What eval found on one gold file."""

    table: str  # the scorer's
    speed: float  # words per CPU second
    bad: int  # gold lines geo could not read or parse (each said on stderr)
    mistakes: list[Mistake]
    located: bool  # whether a required gold toponym has a point (else no place is wrong)


def evaluate(
    gold: Path, output: Path, scorer: Path, geocoder: Geocoder, full: Path | None = None
) -> Evaluation:
    """Write predictions to `output` (and geo's full results to `full`, if given), run the
    scorer, sort geo's mistakes."""
    from geo.cli.mistakes import predictions
    from geo.export.formats import to_dict
    from geo.ingest.documents import read_and_report

    documents, bad = read_and_report(gold)
    failed: list[int] = []
    found: dict[int, tuple[Predicted, ...]] = {}

    def fail(doc: Document, err: GeoError) -> None:
        print(f"geo: {gold} line {doc.line}: {err}", file=sys.stderr)
        failed.append(doc.line)

    words, start = 0, time.process_time()
    with replacing(output) as handle, contextlib.ExitStack() as stack:
        whole = stack.enter_context(replacing(full)) if full else None
        for doc, result in results(documents, geocoder, fail):
            line = prediction(result) if result is not None else {"id": doc.id, "places": []}
            handle.write(json.dumps(line) + "\n")
            # an empty text has no result: the journeys scorer counts it as no routes
            if whole is not None and result is not None:
                whole.write(json.dumps(to_dict(result), ensure_ascii=False) + "\n")
            words += len(doc.text.split()) if result is not None else 0
            found[doc.line] = predictions(result)
    # CPU time of this process: the one-core speed, whatever else the machine is doing
    speed = words / max(time.process_time() - start, 1e-9)
    table = score(scorer, gold, output, "the scorer")
    mistakes, located = file_mistakes(gold, found)
    return Evaluation(table, speed, bad + len(failed), mistakes, located)


def file_mistakes(
    gold: Path, found: dict[int, tuple[Predicted, ...]]
) -> tuple[list[Mistake], bool]:
    """geo's mistakes on each document of `gold`, given its mentions by line (a line without
    them has every toponym missed), and whether a required gold toponym has a point."""
    from geo.cli.mistakes import classify, gold_toponyms
    from geo.ingest.documents import json_lines

    mistakes: list[Mistake] = []
    located = False
    for line, value in json_lines(gold):
        if not isinstance(value, dict):
            continue
        text = value.get("text")
        toponyms = gold_toponyms(text if isinstance(text, str) else "", value.get("toponyms"))
        located = located or any(t.located and not t.optional for t in toponyms)
        mistakes += classify(str(value.get("id", "")), toponyms, found.get(line, ()))
    return mistakes, located


def score(scorer: Path, gold: Path, predictions: Path, name: str) -> str:
    """What `scorer GOLD PREDICTIONS` prints, run as its own program; its failure as one line."""
    run = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(predictions)], capture_output=True, text=True
    )
    if run.returncode != 0:
        said = run.stderr.strip().splitlines() or [f"exit status {run.returncode}"]
        raise InputError(f"{name} failed: {said[-1]}")
    return run.stdout
