"""Several documents on one map: their Results merged into one, passages labelled with their
document, offsets shifted so that each mention still points at its own words."""

from __future__ import annotations

from dataclasses import replace

from geo.model import Passage, Place, Result, Route

SEPARATOR = "\n\n"


def merge(results: list[Result]) -> tuple[Result, dict[int, str]]:
    """One Result for all documents (the same place in two documents is one place with all their
    mentions) and the document name of each passage of it."""
    if len(results) == 1:
        return results[0], {}
    texts: list[str] = []
    passages: list[Passage] = []
    labels: dict[int, str] = {}
    places: dict[str, Place] = {}
    routes: list[Route] = []
    warnings: list[str] = []
    shift = 0
    for result in results:
        base = len(passages)
        for p in result.passages:
            passages.append(replace(p, id=base + p.id, start=p.start + shift, end=p.end + shift))
            labels[base + p.id] = result.id
        for place in result.places:
            moved = tuple(
                replace(m, start=m.start + shift, end=m.end + shift, passage=base + m.passage)
                for m in place.mentions
            )
            known = places.get(place.id)
            places[place.id] = (
                replace(place, mentions=moved)
                if known is None
                else replace(known, mentions=known.mentions + moved)
            )
        routes += [
            replace(
                r,
                passage=base + r.passage,
                evidence_start=None if r.evidence_start is None else r.evidence_start + shift,
                evidence_end=None if r.evidence_end is None else r.evidence_end + shift,
            )
            for r in result.routes
        ]
        warnings += [w for w in result.warnings if w not in warnings]
        texts.append(result.text)
        shift += len(result.text) + len(SEPARATOR)
    merged = Result(
        id=f"{len(results)} documents",
        language=results[0].language,
        text=SEPARATOR.join(texts),
        passages=tuple(passages),
        places=_ordered(places.values()),
        routes=tuple(routes),
        warnings=tuple(warnings),
    )
    return merged, labels


def _ordered(places) -> tuple[Place, ...]:
    return tuple(
        sorted(
            places, key=lambda p: (not p.mentions, min((m.start for m in p.mentions), default=0))
        )
    )
