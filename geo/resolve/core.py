"""`resolve`: the place each name of a document refers to; `rank`: one name's candidates."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace

from geo.model import Alternative, Candidate, Mention, Place
from geo.names import normalize
from geo.resolve.context import Document, Focus, containers, held, inside, qualifiers
from geo.resolve.cues import cue
from geo.resolve.features import reason, score
from geo.resolve.weights import EXONYM_GAP, MAX_ALTERNATIVES, PASSES, TEMPERATURE

# Entries of geo/data (large areas, landmarks): each name listed there is one of the place's own
# names, in one language or another ("Moyen-Orient|Middle East"), never a machine alternate;
# the entry's `name` is only its first ("Middle East" in English is the area's own name)
_CURATED = ("area:", "landmark:")

Lookup = Callable[[str], list[Candidate]]
_Choice = tuple[Candidate, float, str, tuple[Alternative, ...]]


def resolve(
    mentions: Sequence[Mention], lookup: Lookup, text: str = "", *, language: str | None = None
) -> tuple[Place, ...]:
    """Places for the mentions, each with a confidence and ranked alternatives.

    With the document `text`, "Paris, Texas" and "Paris (Texas)" put Paris in Texas; with its
    `language`, places where that language is spoken come first among equals."""
    by_name, asked = _groups(mentions, text, lookup)
    options = {key: lookup(group[0].text) for key, group in by_name.items()}
    options = {key: found for key, found in options.items() if found}
    counties = held(options)
    alone = Focus(language=language)
    readings = {
        key: rank(found, alone, query=asked[key][0], explain=0)[0].candidate
        for key, found in options.items()
    }
    stated = containers(mentions, text)
    # a qualifier that is no mention of its own (", D.C.") is read alone
    names = {name for name, _ in asked.values()}
    said = {q for _, q in asked.values() if q and normalize(q) not in names}
    apart = {normalize(q): found for q in said if (found := lookup(q))}
    aside = {q: rank(found, alone, query=q, explain=0)[0].candidate for q, found in apart.items()}
    for done in range(1, PASSES + 1):
        document = Document(readings, by_name, language)
        # the reasons of the last pass alone are kept: the others read the best candidate only
        told = 1 + MAX_ALTERNATIVES if done == PASSES else 0
        chosen: dict[str, _Choice] = {}
        merged: dict[str, list[Mention]] = defaultdict(list)
        read: dict[str, Candidate] = {}
        for key, found in options.items():
            name, qualifier = asked[key]
            if qualifier is None:
                within = tuple(readings[n] for n in stated.get(name, ()) if n in readings)
                same: tuple[Candidate, ...] = ()
            else:
                q = normalize(qualifier)
                own = [readings[k] for k in readings if asked[k][0] == q]
                within = tuple(c for c in (readings.get(q) or next(iter(own), aside.get(q)),) if c)
                # "Washington, D.C.": the qualifier is another name of one of the candidates
                same = tuple(c for c in within if q != name and c in found)
            focus = document.focus(key, within, cue(by_name[key], text, language), same)
            if counties:
                focus = replace(focus, held=counties)
            ranked = rank(found, focus, query=name, explain=told)
            best = ranked[0].candidate
            confidence = _confidence([a.score for a in ranked])
            alternatives = tuple(ranked[1 : 1 + MAX_ALTERNATIVES])
            if best.id not in chosen or confidence > chosen[best.id][1]:
                chosen[best.id] = (best, confidence, ranked[0].reason, alternatives)
            merged[best.id].extend(by_name[key])
            read[key] = best
        # the next pass reads each name among the others' readings in context, not alone:
        # "Georgia" beside Atlanta is the state once Atlanta is read in context
        readings = read
    return tuple(
        _place(chosen[pid], merged[pid])
        for pid in sorted(merged, key=lambda pid: min(m.start for m in merged[pid]))
    )


def _groups(
    mentions: Sequence[Mention], text: str, lookup: Lookup
) -> tuple[dict[str, list[Mention]], dict[str, tuple[str, str | None]]]:
    """The mentions of each name, one sense per name; but a mention with its own qualifier
    ("Washington, D.C." beside "central Washington") is read apart, with that qualifier: the
    groups by key, and each key's name and qualifier (as written, or None)."""
    qualified = qualifiers(mentions, text, lambda written: bool(lookup(written)))
    by_name: dict[str, list[Mention]] = defaultdict(list)
    asked: dict[str, tuple[str, str | None]] = {}
    for index, mention in enumerate(mentions):
        name, qualifier = normalize(mention.text), qualified.get(index)
        key = name if qualifier is None else f"{name} | {normalize(qualifier)}"
        by_name[key].append(mention)
        asked[key] = (name, qualifier)
    return by_name, asked


def rank(
    found: Sequence[Candidate],
    focus: Focus | None = None,
    *,
    query: str | None = None,
    explain: int | None = None,
) -> list[Alternative]:
    """Candidates for one name, best first, each with its score and the reason for it (the
    first `explain` of them only, when given: the others' reason is empty)."""
    focus = focus or Focus()
    key = normalize(query) if query else None
    cities = [c for c in found if c.kind == "city"]
    biggest = max((c.population for c in found), default=0)
    scored = []
    for c in found:
        # A region that shares its name with a big city inside it ("New York", "Kursk")
        # usually means the city: the region keeps no weight of size or name then.
        shadowed = c.kind == "region" and any(
            city.population >= 0.2 * c.population and inside(city, c) for city in cities
        )
        # "Cologne" is Köln (1 M) before the Italian village of that name (7,000)
        own = (
            key is not None
            and (normalize(c.name) == key or c.id.startswith(_CURATED))
            and not shadowed
            and c.population * EXONYM_GAP >= biggest
        )
        scored.append((round(score(c, focus, own, shadowed), 3), c))
    scored.sort(key=lambda s: -s[0])  # stable: equal scores keep the gazetteer's order
    told = len(scored) if explain is None else explain
    return [
        Alternative(c, points, reason(c, focus) if n < told else "")
        for n, (points, c) in enumerate(scored)
    ]


def _confidence(scores: list[float]) -> float:
    top = scores[0]
    weights = [math.exp((s - top) / TEMPERATURE) for s in scores]
    return round(1.0 / sum(weights), 3)


def _place(choice: _Choice, mentions: list[Mention]) -> Place:
    candidate, confidence, why, alternatives = choice
    ordered = tuple(sorted(mentions, key=lambda m: m.start))
    return Place.of(
        candidate,
        confidence=confidence,
        mentions=ordered,
        reason=why,
        alternatives=alternatives,
    )
