"""Command line: `python -m geo parse FILE... [--lang] [--format] [-o OUT]` and `--jsonl`."""
from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path

from geo.errors import GeoError, InputError

FORMATS = ("json", "geojson", "html", "csv", "kml")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit status (0 ok, 2 bad input or failure)."""
    parser = _parser()
    args = parser.parse_args(argv)
    warnings.showwarning = lambda message, *_a, **_k: print(f"warning: {message}", file=sys.stderr)
    try:
        return args.run(args)
    except GeoError as err:
        print(f"geo: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="geo", description="Map the places and journeys of news articles.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    parse = commands.add_parser("parse", help="find, place and connect the places of articles")
    parse.add_argument("files", nargs="*", metavar="FILE", help="text files (UTF-8 or another encoding)")
    parse.add_argument("--jsonl", metavar="DOCS", help='one {"id", "text", "lang"?} object a line; writes one result a line')
    parse.add_argument("--lang", default="auto", choices=("auto", "fr", "en"))
    parse.add_argument("--format", default="json", choices=FORMATS)
    parse.add_argument("--geocoder", help=_GEOCODER_HELP)
    parse.add_argument("--date", metavar="YYYY-MM-DD",
                       help="the article's date: journeys' relative times get dates (with --jsonl, "
                            "a document's own \"date\" wins)")
    parse.add_argument("--no-corrections", dest="corrections", action="store_false",
                       help="ignore the corrections saved in the app for these texts")
    parse.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    parse.set_defaults(run=_run_parse)

    geocode = commands.add_parser("geocode", help="the ranked candidates for a place name")
    geocode.add_argument("query")
    geocode.add_argument("--lang", default=None, help="language of the text the name comes from: online providers answer in it, and "
                              "places where it is spoken rank higher among equals")
    geocode.add_argument("--limit", type=int, default=5)
    geocode.add_argument("--provider", help=_GEOCODER_HELP)
    geocode.add_argument("--format", default="text", choices=("text", "json"))
    geocode.set_defaults(run=_run_geocode)

    gazetteer = commands.add_parser("gazetteer", help="manage the embedded gazetteer")
    actions = gazetteer.add_subparsers(required=True, metavar="ACTION")
    build = actions.add_parser("build", help="build the index now (otherwise done on first use)")
    build.set_defaults(run=_run_build)
    load = actions.add_parser("import", help="add a GeoNames dump you downloaded (allCountries.txt, cities1000.zip, FR.zip...)")
    load.add_argument("dump", metavar="FILE")
    load.set_defaults(run=_run_import)

    evaluate = commands.add_parser("eval", help="score geo on gold files with the shared scorer")
    evaluate.add_argument("gold", nargs="+", metavar="GOLD", help="gold .jsonl files")
    evaluate.add_argument("--predictions", metavar="OUT", help="where to write predictions (one gold file only)")
    evaluate.add_argument("--scorer", default=str(Path("..") / "shared" / "eval" / "score.py"))
    evaluate.add_argument("--geocoder", help=_GEOCODER_HELP)
    evaluate.set_defaults(run=_run_eval)

    bench = commands.add_parser("bench", help="print speed, memory and coverage figures")
    bench.add_argument("what", nargs="?", default="all", choices=("all", "gazetteer", *_BENCH_PARTS),
                       help="one part of the bench (default: all but gazetteer)")
    bench.add_argument("--eval-dir", help="gold files for the coverage, speed and batch figures (default ../shared/eval/dev)")
    bench.add_argument("--json", action="store_true", help="print the figures as JSON")
    bench.set_defaults(run=_run_bench)

    batch = commands.add_parser("batch", help="parse a corpus on every core, resumably")
    batch.add_argument("input", metavar="INPUT", help="a folder, a glob or a .jsonl of documents")
    batch.add_argument("-o", "--output", metavar="OUT", required=True,
                       help="the .jsonl of results; ids already in it are skipped")
    batch.add_argument("--processes", type=int, metavar="N", help="worker processes (default: all cores)")
    batch.add_argument("--engine", default="pool", choices=("pool", "dask"))
    batch.add_argument("--scheduler", metavar="ADDRESS", help="a Dask scheduler (default: a local cluster)")
    batch.add_argument("--lang", default="auto", choices=("auto", "fr", "en"))
    batch.add_argument("--geocoder", help=_GEOCODER_HELP)
    batch.add_argument("--no-progress", action="store_true", help="no progress bar")
    batch.set_defaults(run=_run_batch)

    corpus = commands.add_parser("map", help="one clustered map of the places of batch results")
    corpus.add_argument("results", nargs="+", metavar="RESULTS", help="the .jsonl that geo batch wrote")
    corpus.add_argument("-o", "--output", metavar="OUT", help="the HTML file (default: standard output)")
    corpus.set_defaults(run=_run_map)
    return parser


_BENCH_PARTS = ("startup", "speed", "lookup", "maps", "app", "batch")


_GEOCODER_HELP = ("gazetteer (offline, the default) or a geopy service name such as nominatim "
                  "(online, opt-in); default from GEO_GEOCODER or the configuration file")


def _run_geocode(args: argparse.Namespace) -> int:
    from geo.geocoders import candidates, make_geocoder
    from geo.resolve import Focus, rank

    if args.limit < 1:
        raise InputError("--limit must be at least 1")
    found = candidates(make_geocoder(args.provider), args.query, language=args.lang, limit=50)
    ranked = rank(found, Focus(language=args.lang), query=args.query)[:args.limit]
    if not ranked:
        raise InputError(f"no place called {args.query!r}")
    if args.format == "json":
        from dataclasses import asdict

        rows = [{**asdict(a.candidate), "score": a.score, "reason": a.reason} for a in ranked]
        _write(None, [json.dumps(rows, ensure_ascii=False, indent=2)])
    else:
        _write(None, [f"{i}. {a.candidate.name} ({a.candidate.kind}, {a.candidate.country_code or '-'}) "
                      f"{a.candidate.lat:.4f}, {a.candidate.lon:.4f}  {a.candidate.id}  [{a.reason}]"
                      for i, a in enumerate(ranked, start=1)])
    return 0


def _run_build(args: argparse.Namespace) -> int:
    from geo.gazetteer import open_gazetteer

    print(f"gazetteer ready: {open_gazetteer().paths[0]}", file=sys.stderr)
    return 0


def _run_import(args: argparse.Namespace) -> int:
    from geo.gazetteer import imported_path
    from geo.geonames_import import import_dump

    target = imported_path()
    added = import_dump(Path(args.dump), target,
                        progress=lambda message: print(message, file=sys.stderr, flush=True))
    print(f"{added:,} places added to {target}", file=sys.stderr)
    return 0


def _run_eval(args: argparse.Namespace) -> int:
    import tempfile

    from geo.evaluate import evaluate
    from geo.geocoders import make_geocoder

    if args.predictions and len(args.gold) > 1:
        raise InputError("--predictions takes one GOLD file")
    geocoder = make_geocoder(args.geocoder)
    with tempfile.TemporaryDirectory() as tmp:
        for gold in map(Path, args.gold):
            output = Path(args.predictions) if args.predictions else Path(tmp) / f"{gold.stem}.pred.jsonl"
            table, speed = evaluate(gold, output, Path(args.scorer), geocoder)
            _write(None, [f"== {gold.name}", table.rstrip(), f"speed: {speed:,.0f} words per CPU second", ""])
    return 0


def _run_bench(args: argparse.Namespace) -> int:
    if args.what != "gazetteer":
        from geo.bench import run_parts

        return run_parts(args.what, eval_dir=args.eval_dir, as_json=args.json)
    from geo.bench import gazetteer_figures, print_figures

    figures = gazetteer_figures(eval_dir=args.eval_dir)
    _write(None, [json.dumps(figures, indent=2) if args.json else print_figures(figures)])
    return 0


def _run_batch(args: argparse.Namespace) -> int:
    from geo.batch import run_batch

    summary = run_batch(args.input, args.output, processes=args.processes, engine=args.engine,
                        scheduler=args.scheduler, lang=args.lang, provider=args.geocoder,
                        progress=not args.no_progress)
    return 1 if summary.failed else 0


def _run_map(args: argparse.Namespace) -> int:
    from geo.corpusmap import corpus_html, read_results

    _write(args.output, [corpus_html(read_results(args.results))])
    return 0


def _run_parse(args: argparse.Namespace) -> int:
    from geo.geocoders import make_geocoder

    if bool(args.files) == bool(args.jsonl):
        raise InputError("give either FILE arguments or --jsonl DOCS, not both or neither")
    geocoder = make_geocoder(args.geocoder)
    if args.jsonl:
        if args.format != "json":
            raise InputError("--jsonl writes JSON lines; --format must be json")
        lines = (json.dumps(_dict(r), ensure_ascii=False) for r in _parse_jsonl(args, geocoder))
        _write(args.output, lines)
        return 0
    if args.format == "html" and len(args.files) > 1:
        raise InputError("--format html maps one FILE at a time")
    results = [_parse_file(path, args, geocoder) for path in args.files]
    for message in dict.fromkeys(m for r in results for m in r.warnings):
        print(f"warning: {message}", file=sys.stderr)
    _write(args.output, [_render(results, args.format)])
    return 0


def _parse_file(path: str, args: argparse.Namespace, geocoder):
    from geo.pipeline import parse
    from geo.text import read_file

    text = read_file(path)
    result = parse(text, doc_id=Path(path).name, language=args.lang, geocoder=geocoder,
                   date=args.date)
    return _corrected(result, text, args)


def _corrected(result, text: str, args: argparse.Namespace):
    """The result with the corrections a reader saved for this text (the app's, under the
    cache folder), unless --no-corrections."""
    if not args.corrections:
        return result
    from geo.corrections import CorrectionStore, apply

    return apply(result, CorrectionStore().for_document(text))


def _parse_jsonl(args: argparse.Namespace, geocoder) -> Iterator:
    from geo.pipeline import parse

    try:
        handle = open(args.jsonl, encoding="utf-8")
    except OSError as err:
        raise InputError(f"cannot read {args.jsonl}: {err.strerror}") from err
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            doc = _document(line, number)
            result = parse(doc["text"], doc_id=str(doc["id"]), language=doc.get("lang") or args.lang,
                           geocoder=geocoder, date=doc.get("date") or args.date)
            yield _corrected(result, doc["text"], args)


def _document(line: str, number: int) -> dict:
    try:
        doc = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(f"line {number} is not JSON: {err.msg}") from err
    if not isinstance(doc, dict) or "id" not in doc or not isinstance(doc.get("text"), str):
        raise InputError(f'line {number} needs an "id" and a "text" string')
    return doc


def _dict(result) -> dict:
    from geo.serialize import to_dict

    return to_dict(result)


def _render(results: list, fmt: str) -> str:
    from geo.serialize import to_geojson, to_json

    if fmt == "html":
        from geo.export import to_html

        return to_html(results[0])
    if fmt in ("csv", "kml"):  # one table / one KML Document for all files
        from geo.serialize import to_csv, to_kml

        return (to_csv if fmt == "csv" else to_kml)(results).rstrip("\n")
    if fmt == "geojson":
        features = [f for r in results for f in to_geojson(r)["features"]]
        return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=2)
    if len(results) == 1:
        return to_json(results[0])
    return "\n".join(json.dumps(_dict(r), ensure_ascii=False) for r in results)


def _write(output: str | None, chunks) -> None:
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk + "\n")
        return
    try:
        with open(output, "w", encoding="utf-8") as handle:
            for chunk in chunks:
                handle.write(chunk + "\n")
    except OSError as err:
        raise InputError(f"cannot write {output}: {err.strerror}") from err
