"""Language packs: what geo knows about each language it reads, registered by language code.

Each pack lives in its own package (`geo/lang/fr/`, `geo/lang/en/`: data files beside a short
module), like spaCy's `spacy/lang/<code>/`; stages ask `pack(code)` for a document's words.
"""

from __future__ import annotations

import importlib

from geo.errors import InputError
from geo.lang.base import Lexicon, Names, Pack, Times

__all__ = ["Lexicon", "Names", "Pack", "Times", "pack", "register", "supported", "unregister"]

# code -> the pack, or the module whose PACK it is (imported on first use: its files are read
# then), in the order the languages are offered; ties of the language guess go to the first
_PACKS: dict[str, Pack | str] = {"fr": "geo.lang.fr", "en": "geo.lang.en"}


def supported() -> tuple[str, ...]:
    """The codes of the languages geo reads, in the order they are offered."""
    return tuple(_PACKS)


def pack(code: str) -> Pack:
    """The pack of a language code; an InputError names the codes there are."""
    found = _PACKS.get(code)
    if found is None:
        raise InputError(f"unknown language {code!r}; geo reads: {', '.join(_PACKS)}")
    if isinstance(found, str):
        found = _PACKS[code] = importlib.import_module(found).PACK
    return found


def register(new: Pack) -> None:
    """Offer a language: a pack made elsewhere (a test's, a plugin's) under its code, last."""
    if new.code in _PACKS:
        raise ValueError(f"a pack for {new.code!r} is registered already")
    _PACKS[new.code] = new


def unregister(code: str) -> None:
    """Stop offering a language (a test cleaning up after itself)."""
    _PACKS.pop(code, None)
