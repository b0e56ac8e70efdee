"""`geo map`: one clustered map of the places of `geo batch` results."""

from __future__ import annotations

import argparse

from geo.cli.outputs import check_output, write_lines


def add_to(commands: argparse._SubParsersAction) -> None:
    """The `map` command and its arguments."""
    corpus = commands.add_parser("map", help="one clustered map of the places of batch results")
    corpus.add_argument(
        "results", nargs="+", metavar="RESULTS", help="the .jsonl that geo batch wrote"
    )
    corpus.add_argument(
        "-o", "--output", metavar="OUT", help="the HTML file (default: standard output)"
    )
    corpus.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the standalone page of the places of every RESULTS file."""
    from geo.maps.corpus import corpus_html, read_results

    if args.output:
        check_output(args.output, args.results)
    write_lines(args.output, [corpus_html(read_results(args.results))])
    return 0
