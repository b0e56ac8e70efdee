"""`geo parse`: the places and journeys of articles, as JSON, GeoJSON, HTML, CSV or KML."""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from geo.cli.arguments import (
    GEOCODER_HELP,
    add_corrections,
    add_date,
    add_demonyms,
    add_language,
)
from geo.cli.outputs import check_output, write_lines
from geo.errors import GeoError, InputError

FORMATS = ("json", "geojson", "html", "csv", "kml")


def add_to(commands: argparse._SubParsersAction) -> None:
    """The `parse` command and its arguments."""
    parse = commands.add_parser("parse", help="find, place and connect the places of articles")
    parse.add_argument(
        "files", nargs="*", metavar="FILE", help="text files (UTF-8 or another encoding)"
    )
    parse.add_argument(
        "--jsonl",
        metavar="DOCS",
        help='one {"id", "text", "lang"?, "date"?} object a line; writes one result a line',
    )
    add_language(parse)
    parse.add_argument("--format", default="json", choices=FORMATS)
    parse.add_argument("--geocoder", help=GEOCODER_HELP)
    add_date(
        parse,
        "the article's date: journeys' relative times get dates (with --jsonl, "
        'a document\'s own "date" wins)',
    )
    add_corrections(parse)
    add_demonyms(parse)
    parse.add_argument(
        "-o", "--output", metavar="OUT", help="write here instead of standard output"
    )
    parse.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Parse the FILEs (or the --jsonl documents) and write the results; the exit status."""
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
    text = _render(results, args.format)
    if args.format == "csv" and args.output is not None:
        # a CSV file without a byte order mark is read in the machine's code page by
        # spreadsheets (accents garbled); printed to a pipe, it stays plain UTF-8
        text = "\ufeff" + text
    write_lines(args.output, [text])
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
    cache folder), unless --no-corrections; without demonyms with --no-demonyms."""
    from geo.corrections import corrected, without_demonyms

    if args.corrections:
        result = corrected(result, text)
    return result if args.demonyms else without_demonyms(result)


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
