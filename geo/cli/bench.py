"""`geo bench`: runs the benchmarks of a checkout of geo (its `benchmarks/` folder)."""

from __future__ import annotations

import argparse
import importlib
import os
import shutil
import sys
from pathlib import Path
from types import ModuleType

from geo.errors import InputError

# the parts of benchmarks.PARTS (named here too: `geo bench --help` needs no checkout)
PARTS = ("startup", "speed", "lookup", "maps", "app", "first_run", "batch")


def add_to(commands: argparse._SubParsersAction) -> None:
    """The `bench` command and its arguments."""
    bench = commands.add_parser("bench", help="print speed, memory and coverage figures")
    bench.add_argument(
        "what",
        nargs="?",
        default="all",
        choices=("all", "gazetteer", *PARTS),
        help="one part of the bench (default: all but gazetteer)",
    )
    bench.add_argument(
        "--eval-dir",
        metavar="EVAL_DIR",
        help="gold files for the coverage, speed and batch figures (default: GEO_EVAL_DIR; "
        "without them those figures are skipped)",
    )
    bench.add_argument(
        "--chromium",
        metavar="PATH",
        help="the Chromium of the maps and app figures (default: GEO_CHROMIUM, else chromium "
        "on the PATH; without it those figures are skipped)",
    )
    bench.add_argument("--json", action="store_true", help="print the figures as JSON")
    bench.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run one part of the benchmarks (or all of them) and print their figures."""
    eval_dir = args.eval_dir or os.environ.get("GEO_EVAL_DIR") or None
    if eval_dir and not Path(eval_dir).is_dir():
        raise InputError(f"--eval-dir (or GEO_EVAL_DIR) {eval_dir} is not a folder")
    chromium = args.chromium or os.environ.get("GEO_CHROMIUM") or shutil.which("chromium")
    if chromium and not os.access(chromium, os.X_OK):
        raise InputError(f"--chromium (or GEO_CHROMIUM) {chromium} is not a program")
    folder = benchmarks_folder()
    return harness(folder).run(
        args.what,
        root=folder.parent,
        eval_dir=Path(eval_dir) if eval_dir else None,
        chromium=Path(chromium) if chromium else None,
        as_json=args.json,
    )


def benchmarks_folder() -> Path:
    """GEO_BENCHMARKS, else the `benchmarks/` folder beside the geo package (in a checkout)."""
    given = os.environ.get("GEO_BENCHMARKS")
    folder = Path(given) if given else Path(__file__).resolve().parents[2] / "benchmarks"
    if not (folder / "__init__.py").is_file():
        raise InputError(
            f"no benchmarks at {folder}: geo bench runs in a checkout of geo's source "
            "(or set GEO_BENCHMARKS to its benchmarks folder)"
        )
    return folder.resolve()


def harness(folder: Path) -> ModuleType:
    """The `benchmarks` package in `folder`, imported with its checkout first on the path
    (the benchmarks import the tests' helpers)."""
    root = str(folder.parent)
    if root not in sys.path:
        sys.path.insert(0, root)
    module = importlib.import_module("benchmarks")
    found = Path(module.__file__ or "").resolve().parent
    if found != folder:
        raise InputError(f"the benchmarks imported are {found}, not {folder}")
    return module
