"""Resolution: choose, for each name, the place it most likely refers to in this document.

Each candidate gets a prior (kind, capital, population) and a coherence bonus when its country
is one the document talks about. One sense per name per document: all mentions of a name share
one place, and names resolved to the same entry become one place.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from geo.model import Alternative, Candidate, Mention, Place
from geo.names import normalize

_KIND_PRIOR = {"country": 0.8, "continent": 1.0, "landmark": 0.9, "region": 0.4, "city": 0.0,
               "other": 0.0}
_CAPITAL_BONUS = 0.5
_COHERENCE_BONUS = 0.5
_OWN_NAME_BONUS = 0.25  # "Salisbury" is Salisbury before it is Harare's old name
_REGION_BONUS = 0.3  # "Red Oak" in a story about Iowa
_USER_BONUS = 3.0  # a reader's own places win over any gazetteer entry of the same name
_TEMPERATURE = 0.25
_MAX_ALTERNATIVES = 5

Lookup = Callable[[str], list[Candidate]]


@dataclass(frozen=True, slots=True)
class Focus:
    """What the document talks about: countries (with counts) and first-level regions."""

    countries: Counter[str] = field(default_factory=Counter)
    regions: frozenset[tuple[str, str]] = frozenset()  # (country, GeoNames admin1 code)


def resolve(mentions: Sequence[Mention], lookup: Lookup) -> tuple[Place, ...]:
    """Places for the mentions, each with a confidence and ranked alternatives."""
    by_name: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_name[normalize(mention.text)].append(mention)
    options = {name: lookup(group[0].text) for name, group in by_name.items()}
    options = {name: found for name, found in options.items() if found}
    readings = {name: rank(found, query=name)[0].candidate for name, found in options.items()}
    chosen: dict[str, tuple[Candidate, float, str, tuple[Alternative, ...]]] = {}
    merged: dict[str, list[Mention]] = defaultdict(list)
    for name, found in options.items():
        # the other names' context: "Mexico" must not pull itself towards Mexico City
        others = {n: c for n, c in readings.items() if n != name}
        ranked = rank(found, _document_focus(others, by_name), query=name)
        best = ranked[0].candidate
        confidence = _confidence([a.score for a in ranked])
        alternatives = tuple(ranked[1:1 + _MAX_ALTERNATIVES])
        if best.id not in chosen or confidence > _confidence_of(chosen[best.id]):
            chosen[best.id] = (best, confidence, ranked[0].reason, alternatives)
        merged[best.id].extend(by_name[name])
    return tuple(_place(chosen[pid], merged[pid]) for pid in sorted(
        merged, key=lambda pid: min(m.start for m in merged[pid])))


def rank(found: Sequence[Candidate], focus: Focus | None = None, *,
         query: str | None = None) -> list[Alternative]:
    """Candidates for one name, best first, each with its score and the reason for it."""
    focus = focus or Focus()
    key = normalize(query) if query else None
    biggest: dict[str | None, int] = {}
    for c in found:
        if c.kind == "city":
            biggest[c.country_code] = max(biggest.get(c.country_code, 0), c.population)
    scored = []
    for c in found:
        # A region that shares its name with a big city of its country ("New York", "Kursk")
        # usually means the city: the region keeps no weight of size or name then.
        shadowed = c.kind == "region" and biggest.get(c.country_code, 0) >= 0.2 * c.population
        scored.append(Alternative(c, round(_score(c, focus, key, shadowed), 3), _reason(c, focus)))
    return sorted(scored, key=lambda a: -a.score)


def _confidence_of(choice: tuple[Candidate, float, str, tuple[Alternative, ...]]) -> float:
    return choice[1]


def _document_focus(readings: dict[str, Candidate], by_name: dict[str, list[Mention]]) -> Focus:
    """The countries and regions of the names' likeliest readings, weighted by mentions."""
    countries: Counter[str] = Counter()
    regions = set()
    for name, best in readings.items():
        if best.country_code:
            countries[best.country_code] += len(by_name[name])
        if best.kind == "region" and best.admin1 and "-" in best.admin1:
            regions.add((best.country_code, best.admin1.split("-", 1)[1]))
    return Focus(countries, frozenset(regions))


def _score(candidate: Candidate, focus: Focus, query: str | None = None,
           shadowed: bool = False) -> float:
    score = _KIND_PRIOR.get(candidate.kind, 0.0)
    if not shadowed:
        score += 0.08 * math.log10(candidate.population + 1)
    if candidate.feature == "capital":
        score += _CAPITAL_BONUS
    if candidate.source == "user":
        score += _USER_BONUS
    if query is not None and normalize(candidate.name) == query and not shadowed:
        score += _OWN_NAME_BONUS
    if candidate.kind != "country" and focus.countries[candidate.country_code or ""]:
        score += _COHERENCE_BONUS
    if candidate.kind == "city" and (candidate.country_code, candidate.admin1) in focus.regions:
        score += _REGION_BONUS
    return score
def _confidence(scores: list[float]) -> float:
    top = scores[0]
    weights = [math.exp((s - top) / _TEMPERATURE) for s in scores]
    return round(1.0 / sum(weights), 3)


def _reason(candidate: Candidate, focus: Focus) -> str:
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
    if candidate.kind != "country" and focus.countries[code]:
        parts.append(f"{code} is named in the text ({focus.countries[code]}×)")
    if candidate.kind == "city" and (candidate.country_code, candidate.admin1) in focus.regions:
        parts.append("its region is named in the text")
    return "; ".join(parts)


def _place(choice: tuple[Candidate, float, str, tuple[Alternative, ...]],
           mentions: list[Mention]) -> Place:
    candidate, confidence, reason, alternatives = choice
    ordered = tuple(sorted(mentions, key=lambda m: m.start))
    return Place(
        id=candidate.id, name=candidate.name, lat=candidate.lat, lon=candidate.lon,
        kind=candidate.kind, country_code=candidate.country_code, source=candidate.source,
        confidence=confidence, mentions=ordered, reason=reason, alternatives=alternatives)
