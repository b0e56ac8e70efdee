"""Command line: `python -m geo parse FILE... [--lang] [--format] [-o OUT]` and `--jsonl`.

Exit status: 0 done; 1 done, but some documents of the run failed (each said on stderr, the
others written); 2 refused before any work (one line on stderr, `geo: ...`), or a failure that
ends the run; 130 and 143 stopped by SIGINT or SIGTERM.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import itertools
import json
import signal
import sys
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NoReturn

from geo.cli.outputs import check_output, write_lines
from geo.errors import GeoError, InputError
from geo.lang import supported

FORMATS = ("json", "geojson", "html", "csv", "kml")


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so that a run stops as cleanly as on Ctrl-C."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit status (see the module's docstring)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:  # --help, or a usage error already said in one line
        return exit_.code if isinstance(exit_.code, int) else 2
    warnings.showwarning = lambda message, *_a, **_k: print(f"warning: {message}", file=sys.stderr)
    with _sigterm_raises():
        try:
            return args.run(args)
        except GeoError as err:
            print(f"geo: {err}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            print("geo: interrupted", file=sys.stderr)
            return 130
        except Terminated:
            print("geo: stopped (SIGTERM)", file=sys.stderr)
            return 143


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    def stop(signum, frame) -> NoReturn:
        raise Terminated

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: signals are not ours to handle
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Parser(argparse.ArgumentParser):
    """argparse, its usage errors said in one line as geo's other errors are."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"geo: {message}\n")


def _language(value: str) -> str:
    if value not in ("auto", *supported()):
        raise argparse.ArgumentTypeError(
            f"unknown language {value!r}; choose one of: {', '.join(('auto', *supported()))}"
        )
    return value


def _date(value: str) -> datetime.date:
    from geo.journeys.timex import parse_date

    try:
        return parse_date(value)
    except InputError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="geo", description="Map the places and journeys of news articles.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    parse = commands.add_parser("parse", help="find, place and connect the places of articles")
    parse.add_argument(
        "files", nargs="*", metavar="FILE", help="text files (UTF-8 or another encoding)"
    )
    parse.add_argument(
        "--jsonl",
        metavar="DOCS",
        help='one {"id", "text", "lang"?, "date"?} object a line; writes one result a line',
    )
    parse.add_argument(
        "--lang", default="auto", type=_language, metavar="|".join(("auto", *supported()))
    )
    parse.add_argument("--format", default="json", choices=FORMATS)
    parse.add_argument("--geocoder", help=_GEOCODER_HELP)
    parse.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        type=_date,
        help="the article's date: journeys' relative times get dates (with --jsonl, "
        'a document\'s own "date" wins)',
    )
    parse.add_argument(
        "--no-corrections",
        dest="corrections",
        action="store_false",
        help="ignore the corrections saved in the app for these texts",
    )
    parse.add_argument(
        "-o", "--output", metavar="OUT", help="write here instead of standard output"
    )
    parse.set_defaults(run=_run_parse)

    geocode = commands.add_parser("geocode", help="the ranked candidates for a place name")
    geocode.add_argument("query")
    geocode.add_argument(
        "--lang",
        default=None,
        help="language of the text the name comes from: online providers answer in it, and "
        "places where it is spoken rank higher among equals",
    )
    geocode.add_argument("--limit", type=int, default=5)
    geocode.add_argument("--provider", help=_GEOCODER_HELP)
    geocode.add_argument("--format", default="text", choices=("text", "json"))
    geocode.set_defaults(run=_run_geocode)

    gazetteer = commands.add_parser("gazetteer", help="manage the embedded gazetteer")
    actions = gazetteer.add_subparsers(required=True, metavar="ACTION")
    build = actions.add_parser("build", help="build the index now (otherwise done on first use)")
    build.set_defaults(run=_run_build)
    load = actions.add_parser(
        "import",
        help="add a GeoNames dump you downloaded (allCountries.txt, cities1000.zip, FR.zip...)",
    )
    load.add_argument("dump", metavar="FILE")
    load.set_defaults(run=_run_import)

    evaluate = commands.add_parser("eval", help="score geo on gold files with the shared scorer")
    evaluate.add_argument("gold", nargs="+", metavar="GOLD", help="gold .jsonl files")
    evaluate.add_argument(
        "--predictions", metavar="OUT", help="where to write predictions (one gold file only)"
    )
    evaluate.add_argument("--scorer", default=str(Path("..") / "shared" / "eval" / "score.py"))
    evaluate.add_argument("--geocoder", help=_GEOCODER_HELP)
    evaluate.set_defaults(run=_run_eval)

    bench = commands.add_parser("bench", help="print speed, memory and coverage figures")
    bench.add_argument(
        "what",
        nargs="?",
        default="all",
        choices=("all", "gazetteer", *_BENCH_PARTS),
        help="one part of the bench (default: all but gazetteer)",
    )
    bench.add_argument(
        "--eval-dir",
        help="gold files for the coverage, speed and batch figures (default ../shared/eval/dev)",
    )
    bench.add_argument("--json", action="store_true", help="print the figures as JSON")
    bench.set_defaults(run=_run_bench)

    batch = commands.add_parser("batch", help="parse a corpus on every core, resumably")
    batch.add_argument("input", metavar="INPUT", help="a folder, a glob or a .jsonl of documents")
    batch.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        required=True,
        help="the .jsonl of results; ids already in it are skipped",
    )
    batch.add_argument(
        "--processes", type=int, metavar="N", help="worker processes (default: all cores)"
    )
    batch.add_argument("--engine", default="pool", choices=("pool", "dask"))
    batch.add_argument(
        "--scheduler", metavar="ADDRESS", help="a Dask scheduler (default: a local cluster)"
    )
    batch.add_argument(
        "--lang", default="auto", type=_language, metavar="|".join(("auto", *supported()))
    )
    batch.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        type=_date,
        help="the documents' date (a .jsonl document's own \"date\" wins)",
    )
    batch.add_argument("--geocoder", help=_GEOCODER_HELP)
    batch.add_argument(
        "--no-corrections",
        dest="corrections",
        action="store_false",
        help="ignore the corrections saved in the app for these texts",
    )
    batch.add_argument("--no-progress", action="store_true", help="no progress bar")
    batch.set_defaults(run=_run_batch)

    corpus = commands.add_parser("map", help="one clustered map of the places of batch results")
    corpus.add_argument(
        "results", nargs="+", metavar="RESULTS", help="the .jsonl that geo batch wrote"
    )
    corpus.add_argument(
        "-o", "--output", metavar="OUT", help="the HTML file (default: standard output)"
    )
    corpus.set_defaults(run=_run_map)
    return parser


_BENCH_PARTS = ("startup", "speed", "lookup", "maps", "app", "batch")


_GEOCODER_HELP = (
    "gazetteer (offline, the default) or a geopy service name such as nominatim "
    "(online, opt-in); default from GEO_GEOCODER or the configuration file"
)


def _run_geocode(args: argparse.Namespace) -> int:
    from geo.geocoding import candidates, make_geocoder
    from geo.resolve import Focus, rank

    if args.limit < 1:
        raise InputError("--limit must be at least 1")
    found = candidates(make_geocoder(args.provider), args.query, language=args.lang, limit=50)
    ranked = rank(found, Focus(language=args.lang), query=args.query)[: args.limit]
    if not ranked:
        raise InputError(f"no place called {args.query!r}")
    if args.format == "json":
        from dataclasses import asdict

        rows = [{**asdict(a.candidate), "score": a.score, "reason": a.reason} for a in ranked]
        write_lines(None, [json.dumps(rows, ensure_ascii=False, indent=2)])
    else:
        write_lines(
            None,
            [
                f"{i}. {a.candidate.name} ({a.candidate.kind}, {a.candidate.country_code or '-'}) "
                f"{a.candidate.lat:.4f}, {a.candidate.lon:.4f}  {a.candidate.id}  [{a.reason}]"
                for i, a in enumerate(ranked, start=1)
            ],
        )
    return 0


def _run_build(args: argparse.Namespace) -> int:
    from geo.gazetteer.index import open_gazetteer

    print(f"gazetteer ready: {open_gazetteer().paths[0]}", file=sys.stderr)
    return 0


def _run_import(args: argparse.Namespace) -> int:
    from geo.gazetteer.importer import import_dump
    from geo.gazetteer.index import imported_path

    target = imported_path()
    added = import_dump(
        Path(args.dump),
        target,
        progress=lambda message: print(message, file=sys.stderr, flush=True),
    )
    print(f"{added:,} places added to {target}", file=sys.stderr)
    return 0


def _run_eval(args: argparse.Namespace) -> int:
    import tempfile

    from geo.cli.evaluate import evaluate
    from geo.geocoding import make_geocoder

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
            table, speed, bad = evaluate(gold, output, Path(args.scorer), geocoder)
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


def _run_bench(args: argparse.Namespace) -> int:
    if args.what != "gazetteer":
        from geo.bench import run_parts

        return run_parts(args.what, eval_dir=args.eval_dir, as_json=args.json)
    from geo.bench import gazetteer_figures, print_figures

    figures = gazetteer_figures(eval_dir=args.eval_dir)
    write_lines(None, [json.dumps(figures, indent=2) if args.json else print_figures(figures)])
    return 0


def _run_batch(args: argparse.Namespace) -> int:
    from geo.cli.batch import run_batch

    summary = run_batch(
        args.input,
        args.output,
        processes=args.processes,
        engine=args.engine,
        scheduler=args.scheduler,
        lang=args.lang,
        date=args.date,
        provider=args.geocoder,
        progress=not args.no_progress,
        corrections=args.corrections,
    )
    return 1 if summary.failed else 0


def _run_map(args: argparse.Namespace) -> int:
    from geo.maps.corpus import corpus_html, read_results

    if args.output:
        check_output(args.output, args.results)
    write_lines(args.output, [corpus_html(read_results(args.results))])
    return 0


def _run_parse(args: argparse.Namespace) -> int:
    from geo.geocoding import make_geocoder

    if bool(args.files) == bool(args.jsonl):
        raise InputError("give either FILE arguments or --jsonl DOCS, not both or neither")
    if args.jsonl and args.format != "json":
        raise InputError("--jsonl writes JSON lines; --format must be json")
    if args.format == "html" and len(args.files) > 1:
        raise InputError("--format html maps one FILE at a time")
    if args.output:
        check_output(args.output, args.files or [args.jsonl])
    geocoder = make_geocoder(args.geocoder)
    if args.jsonl:
        return _run_jsonl(args, geocoder)
    results = [r for r in (_parse_file(path, args, geocoder) for path in args.files) if r]
    for message in dict.fromkeys(m for r in results for m in r.warnings):
        print(f"warning: {message}", file=sys.stderr)
    if not results:  # each file has said what is wrong with it
        return 2
    write_lines(args.output, [_render(results, args.format)])
    return 0 if len(results) == len(args.files) else 1


def _parse_file(path: str, args: argparse.Namespace, geocoder):
    """The corrected result of one file; None when it cannot be read or parsed, said on
    stderr with its name when other files are parsed with it (one bad file costs only
    itself), else raised."""
    from geo.ingest.documents import safe_name
    from geo.ingest.text import read_file
    from geo.pipeline import parse

    try:
        text = read_file(path)
        result = parse(
            text,
            doc_id="stdin" if path == "-" else safe_name(Path(path).name),
            language=args.lang,
            geocoder=geocoder,
            date=args.date,
        )
    except GeoError as err:
        if len(args.files) == 1:
            raise
        print(f"geo: {path}: {err}", file=sys.stderr)
        return None
    return _corrected(result, text, args)


def _run_jsonl(args: argparse.Namespace, geocoder) -> int:
    """Each document's result, a line; one that cannot be read or parsed is said and skipped.
    OUT is replaced once all are done, and left as it was when none could be."""
    from geo.ingest.documents import read_and_report

    documents, bad = read_and_report(args.jsonl)
    failed: list[int] = []
    lines = (
        json.dumps(_dict(r), ensure_ascii=False)
        for r in _parse_documents(documents, args, geocoder, failed)
    )
    first = next(lines, None)
    if first is not None or not (bad or failed):
        write_lines(args.output, itertools.chain([first] if first is not None else [], lines))
    return 1 if bad or failed else 0


def _parse_documents(
    documents: list, args: argparse.Namespace, geocoder, failed: list[int]
) -> Iterator:
    """The corrected result of each document; the line of each one that fails goes to
    `failed`, and what went wrong to stderr."""
    from geo.pipeline import parse

    for doc in documents:
        try:
            result = parse(
                doc.text,
                doc_id=doc.id,
                language=doc.lang or args.lang,
                geocoder=geocoder,
                date=doc.date or args.date,
            )
        except Exception as err:  # as in geo batch: one bad document does not end the run
            why = (
                err if isinstance(err, GeoError) else f"internal error: {type(err).__name__}: {err}"
            )
            print(f"geo: {args.jsonl} line {doc.line}: {why}", file=sys.stderr)
            failed.append(doc.line)
            continue
        yield _corrected(result, doc.text, args)


def _corrected(result, text: str, args: argparse.Namespace):
    """The result with the corrections a reader saved for this text (the app's, under the
    cache folder), unless --no-corrections."""
    if not args.corrections:
        return result
    from geo.corrections import corrected

    return corrected(result, text)


def _dict(result) -> dict:
    from geo.export.formats import to_dict

    return to_dict(result)


def _render(results: list, fmt: str) -> str:
    from geo.export.formats import to_geojson, to_json

    if fmt == "html":
        from geo.export.html import to_html

        return to_html(results[0])
    if fmt in ("csv", "kml"):  # one table / one KML Document for all files
        from geo.export.formats import to_csv, to_kml

        return (to_csv if fmt == "csv" else to_kml)(results).rstrip("\n")
    if fmt == "geojson":
        features = [f for r in results for f in to_geojson(r)["features"]]
        return json.dumps(
            {"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=2
        )
    if len(results) == 1:
        return to_json(results[0])
    return "\n".join(json.dumps(_dict(r), ensure_ascii=False) for r in results)
