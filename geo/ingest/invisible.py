"""Characters that show nothing: taken out of the text for reading, offsets mapped back.

A zero-width space, a joiner, a direction mark or a soft hyphen inside or beside "Séoul" hides
it from the tokenizer and the gazetteer. The pipeline reads the visible text and maps every
offset of its result back into the text as given: a mention then spans the invisible characters
inside a name, never those at its edges.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from geo.model import Mention, Passage, Result, Route

# zero-width space, non-joiner and joiner, LRM, RLM; bidi embeddings and overrides; word joiner
# and invisible operators; bidi isolates; soft hyphen; Arabic letter mark; Mongolian vowel
# separator; BOM (zero-width no-break space)
INVISIBLE = (
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062"
    "\u2063\u2064\u2066\u2067\u2068\u2069\u00ad\u061c\u180e\ufeff"
)
_RUNS = re.compile(f"[{INVISIBLE}]+")


@dataclass(frozen=True, slots=True)
class Visible:
    """The visible text of a document and where its characters stand in the text as given."""

    text: str
    runs: tuple[int, ...] = ()  # visible offsets where invisible characters were taken out
    removed: tuple[int, ...] = ()  # how many in all, up to and including each run

    def offset(self, index: int) -> int:
        """Where the visible character at `index` stands in the text as given."""
        run = bisect_right(self.runs, index) - 1
        return index + (self.removed[run] if run >= 0 else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A visible span as a span of the text as given, invisible edges left out."""
        first = self.offset(start)
        return first, (self.offset(end - 1) + 1 if end > start else first)


def visible(text: str) -> Visible:
    """The text without its invisible characters."""
    runs, removed, total, pieces, last = [], [], 0, [], 0
    for match in _RUNS.finditer(text):
        pieces.append(text[last : match.start()])
        total += match.end() - match.start()
        runs.append(match.end() - total)
        removed.append(total)
        last = match.end()
    if not runs:
        return Visible(text)
    pieces.append(text[last:])
    return Visible("".join(pieces), tuple(runs), tuple(removed))


def restore(result: Result, seen: Visible, text: str) -> Result:
    """The result read from the visible text, its offsets and excerpts in the text as given."""
    if not seen.runs:
        return replace(result, text=text)
    passages = tuple(Passage(p.id, *_slice(seen, text, p.start, p.end)) for p in result.passages)
    places = tuple(
        replace(
            p,
            mentions=tuple(
                Mention(*_slice(seen, text, m.start, m.end), m.passage, m.demonym)
                for m in p.mentions
            ),
        )
        for p in result.places
    )
    return replace(
        result,
        text=text,
        passages=passages,
        places=places,
        routes=tuple(_route(r, seen, text) for r in result.routes),
    )


def _slice(seen: Visible, text: str, start: int, end: int) -> tuple[int, int, str]:
    start, end = seen.span(start, end)
    return start, end, text[start:end]


def _route(route: Route, seen: Visible, text: str) -> Route:
    if route.evidence_start is None or route.evidence_end is None:
        return route
    start, end, evidence = _slice(seen, text, route.evidence_start, route.evidence_end)
    return replace(route, evidence=evidence, evidence_start=start, evidence_end=end)
