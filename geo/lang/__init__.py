"""Language packs: what geo knows about each language it reads, registered by language code."""

from __future__ import annotations

_CODES: list[str] = ["fr", "en"]


def supported() -> tuple[str, ...]:
    """The codes of the languages geo reads, in the order they are offered."""
    return tuple(_CODES)
