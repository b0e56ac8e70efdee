"""Resolution: choose, for each name, the place it most likely refers to in this document.

Each candidate gets a prior (kind, capital, population) and a coherence bonus when its country
is one the document talks about. One sense per name per document: all mentions of a name share
one place, and names resolved to the same entry become one place.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from geo.model import Alternative, Candidate, Mention, Place
from geo.names import normalize

_KIND_PRIOR = {"country": 1.2, "continent": 1.0, "landmark": 0.9, "region": 0.4, "city": 0.0,
               "other": 0.0}
_CAPITAL_BONUS = 0.5
_COHERENCE_BONUS = 0.5
_USER_BONUS = 3.0  # a reader's own places win over any gazetteer entry of the same name
_TEMPERATURE = 0.25
_MAX_ALTERNATIVES = 5

Lookup = Callable[[str], list[Candidate]]


def resolve(mentions: Sequence[Mention], lookup: Lookup) -> tuple[Place, ...]:
    """Places for the mentions, each with a confidence and ranked alternatives."""
    by_name: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_name[normalize(mention.text)].append(mention)
    options = {name: lookup(group[0].text) for name, group in by_name.items()}
    options = {name: found for name, found in options.items() if found}
    focus = _document_countries(options, by_name)
    chosen: dict[str, tuple[Candidate, float, str, tuple[Alternative, ...]]] = {}
    merged: dict[str, list[Mention]] = defaultdict(list)
    for name, found in options.items():
        ranked = rank(found, focus)
        best = ranked[0].candidate
        confidence = _confidence([a.score for a in ranked])
        alternatives = tuple(ranked[1:1 + _MAX_ALTERNATIVES])
        if best.id not in chosen or confidence > _confidence_of(chosen[best.id]):
            chosen[best.id] = (best, confidence, ranked[0].reason, alternatives)
        merged[best.id].extend(by_name[name])
    return tuple(_place(chosen[pid], merged[pid]) for pid in sorted(
        merged, key=lambda pid: min(m.start for m in merged[pid])))


def rank(found: Sequence[Candidate], focus: Counter[str] | None = None) -> list[Alternative]:
    """Candidates for one name, best first, each with its score and the reason for it."""
    focus = focus if focus is not None else Counter()
    scored = [Alternative(c, round(_score(c, focus), 3), _reason(c, focus)) for c in found]
    return sorted(scored, key=lambda a: -a.score)


def _confidence_of(choice: tuple[Candidate, float, str, tuple[Alternative, ...]]) -> float:
    return choice[1]


def _document_countries(options: dict[str, list[Candidate]],
                        by_name: dict[str, list[Mention]]) -> Counter[str]:
    """How often each country is named, or is the country of a name's likeliest reading."""
    focus: Counter[str] = Counter()
    for name, found in options.items():
        best = max(found, key=lambda c: _score(c, Counter()))
        if best.country_code:
            focus[best.country_code] += len(by_name[name])
    return focus


def _score(candidate: Candidate, focus: Counter[str]) -> float:
    score = _KIND_PRIOR.get(candidate.kind, 0.0)
    score += 0.08 * math.log10(candidate.population + 1)
    if candidate.feature == "capital":
        score += _CAPITAL_BONUS
    if candidate.source == "user":
        score += _USER_BONUS
    if candidate.kind != "country" and focus[candidate.country_code or ""]:
        score += _COHERENCE_BONUS
    return score


def _confidence(scores: list[float]) -> float:
    top = scores[0]
    weights = [math.exp((s - top) / _TEMPERATURE) for s in scores]
    return round(1.0 / sum(weights), 3)


def _reason(candidate: Candidate, focus: Counter[str]) -> str:
    parts = []
    code = candidate.country_code or "?"
    if candidate.kind == "country":
        parts.append("country")
    elif candidate.feature == "capital":
        parts.append(f"capital of {code}")
    elif candidate.country_code:
        parts.append(f"{candidate.kind} in {code}")
    else:
        parts.append(candidate.kind)
    if candidate.population:
        parts.append(f"population {candidate.population:,}")
    if candidate.kind != "country" and focus[code]:
        parts.append(f"{code} is named in the text ({focus[code]}×)")
    return "; ".join(parts)


def _place(choice: tuple[Candidate, float, str, tuple[Alternative, ...]],
           mentions: list[Mention]) -> Place:
    candidate, confidence, reason, alternatives = choice
    ordered = tuple(sorted(mentions, key=lambda m: m.start))
    return Place(
        id=candidate.id, name=candidate.name, lat=candidate.lat, lon=candidate.lon,
        kind=candidate.kind, country_code=candidate.country_code, source=candidate.source,
        confidence=confidence, mentions=ordered, reason=reason, alternatives=alternatives)
