"""`geo gazetteer build|import`: build the embedded index, or add a GeoNames dump to it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_to(commands: argparse._SubParsersAction) -> None:
    """The `gazetteer` command and its two actions."""
    gazetteer = commands.add_parser("gazetteer", help="manage the embedded gazetteer")
    actions = gazetteer.add_subparsers(required=True, metavar="ACTION")
    build = actions.add_parser("build", help="build the index now (otherwise done on first use)")
    build.set_defaults(run=run_build)
    load = actions.add_parser(
        "import",
        help="add a GeoNames dump you downloaded (allCountries.txt, cities1000.zip, FR.zip...)",
    )
    load.add_argument("dump", metavar="FILE")
    load.set_defaults(run=run_import)


def run_build(args: argparse.Namespace) -> int:
    """Build the index if it is not built yet; say where it is."""
    from geo.gazetteer.index import open_gazetteer

    print(f"gazetteer ready: {open_gazetteer().paths[0]}", file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Add the places of a GeoNames dump to the imported index; say how many."""
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
