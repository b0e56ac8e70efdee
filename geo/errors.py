"""The exception tree of geo: one root, a few kinds, one clear line for users; and the
warnings that reach a Result."""

from __future__ import annotations

import contextlib
import contextvars
import warnings
from collections.abc import Iterator


class GeoError(Exception):
    """Root of every error geo raises on purpose."""


class InputError(GeoError):
    """The input cannot be read as text (missing, binary, empty, badly formed)."""


class GazetteerError(GeoError):
    """The embedded gazetteer cannot be built or opened."""


class GeocoderError(GeoError):
    """A geocoder is unknown, misconfigured or failed to answer."""


# Warnings: something went wrong but geo went on (a provider down, a cache set aside). They
# reach the Result being parsed. Not through warnings.catch_warnings, which is process-wide:
# two app sessions parsing at once in two threads would get each other's messages (and the
# place names in them). A context variable keeps each thread's own.
_COLLECTED: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "geo_warnings", default=None
)


def warn(message: str) -> None:
    """Tell the reader: into the messages collected in this thread (see `collect`), else as a
    Python UserWarning."""
    collected = _COLLECTED.get()
    if collected is None:
        warnings.warn(message, UserWarning, stacklevel=3)
    else:
        collected.append(message)


@contextlib.contextmanager
def collect() -> Iterator[list[str]]:
    """The messages `warn` gets from this thread while the block runs, in order."""
    collected: list[str] = []
    token = _COLLECTED.set(collected)
    try:
        yield collected
    finally:
        _COLLECTED.reset(token)
