"""`geo geocode`: the ranked candidates for one place name."""

from __future__ import annotations

import argparse
import json

from geo.cli.arguments import GEOCODER_HELP
from geo.cli.outputs import write_lines
from geo.errors import InputError


def add_to(commands: argparse._SubParsersAction) -> None:
    """The `geocode` command and its arguments."""
    geocode = commands.add_parser("geocode", help="the ranked candidates for a place name")
    geocode.add_argument("query")
    geocode.add_argument(
        "--lang",
        default=None,
        help="language of the text the name comes from: online providers answer in it, and "
        "places where it is spoken rank higher among equals",
    )
    geocode.add_argument("--limit", type=int, default=5)
    geocode.add_argument("--provider", help=GEOCODER_HELP)
    geocode.add_argument("--format", default="text", choices=("text", "json"))
    geocode.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the best `--limit` candidates for the query, as lines of text or JSON."""
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
