"""`geo COMMAND`: the parser of every command, and how a run ends (statuses, signals).

Exit status: 0 done; 1 done, but some documents of the run failed (each said on stderr, the
others written); 2 refused before any work (one line on stderr, `geo: ...`), or a failure that
ends the run; 130 and 143 stopped by SIGINT or SIGTERM.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import warnings
from collections.abc import Iterator, Sequence
from typing import NoReturn

from geo.cli import batch, bench, evaluate, gazetteer, geocode, parse
from geo.cli import map as corpus_map
from geo.errors import GeoError

# in the order `geo --help` lists them
COMMANDS = (parse, geocode, gazetteer, evaluate, bench, batch, corpus_map)


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so that a run stops as cleanly as on Ctrl-C."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit status (see the module's docstring)."""
    try:
        args = build_parser().parse_args(argv)
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


def build_parser() -> argparse.ArgumentParser:
    """geo's parser: each command adds its own subparser, which sets `run`."""
    parser = _Parser(prog="geo", description="Map the places and journeys of news articles.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_to(commands)
    return parser


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
