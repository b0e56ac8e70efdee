"""Resolution: choose, for each name, the place it most likely refers to in this document.

Each candidate gets a prior (kind, capital, population) and a coherence bonus when its country
is one the document talks about. One sense per name per document: all mentions of a name share
one place, and names resolved to the same entry become one place.

The modules, in the order a name goes through them: `context` (the document's countries,
regions, other places and stated containers, as `Focus`), `cues` (the words around a name:
town or area), `features` (what each feature adds to a candidate's score, and the reason
given), `weights` (every number of the ranking, in one place), `core` (`resolve`, `rank`).
"""

from __future__ import annotations

from geo.resolve.context import Focus, km
from geo.resolve.core import Lookup, rank, resolve

__all__ = ["Focus", "Lookup", "km", "rank", "resolve"]
