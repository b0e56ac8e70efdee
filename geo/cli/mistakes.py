"""geo's mistakes on a gold document, by class: what `geo eval` prints under the scorer's figures.

geo's own reading of the evaluation's rules (the gold format's README), so that the counts add
up to the scorer's table: predicted mentions and required gold toponyms are paired one to one by
character overlap, the largest first (an exact span before a partial one, then the earlier
mention); then
- missed: a required gold toponym left unpaired;
- false: a predicted mention left unpaired that overlaps no optional gold toponym (an optional
  one, a demonym or a name inside a name, excuses it);
- wrong place: a pair whose gold toponym has coordinates and whose place is more than 161 km
  from them, unless both are countries with one country code (a country has no one right point).
The predictions are those of the results eval already has: nothing is parsed again.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from geo.model import Result
from geo.resolve import km

MISSED, FALSE, WRONG_PLACE = "missed", "false", "wrong_place"
CLASSES = (MISSED, FALSE, WRONG_PLACE)
LABELS = {MISSED: "missed", FALSE: "false", WRONG_PLACE: "wrong place"}
RIGHT_KM = 161.0


@dataclass(frozen=True, slots=True)
class Gold:
    """One gold toponym; lat/lon None when it counts for recognition only."""

    start: int
    end: int
    text: str
    lat: float | None = None
    lon: float | None = None
    optional: bool = False
    kind: str | None = None
    country_code: str | None = None
    ref: str | None = None

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True, slots=True)
class Predicted:
    """One mention geo found, with the place it read there."""

    start: int
    end: int
    text: str
    name: str
    lat: float | None
    lon: float | None
    kind: str
    country_code: str | None


@dataclass(frozen=True, slots=True)
class Mistake:
    """One mistake: its class, the document, the gold toponym and geo's mention (as there are)."""

    error: str
    doc: str
    gold: Gold | None
    geo: Predicted | None
    km: float | None = None

    @property
    def span(self) -> Gold | Predicted:
        """The gold toponym, else geo's mention: what the mistake is about."""
        return self.gold or self.geo  # type: ignore[return-value]  # one of them is always set


def gold_toponyms(text: str, toponyms: object) -> tuple[Gold, ...]:
    """The toponyms of a gold document that fit its text (a span out of it, or whose text is
    not the text's, is left out as the scorer leaves it out), each once."""
    found: dict[Gold, None] = {}
    for item in toponyms if isinstance(toponyms, list) else ():
        if not isinstance(item, dict):
            continue
        start, end = item.get("start"), item.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            continue
        if "text" in item and item["text"] != text[start:end]:
            continue
        lat, lon = _number(item.get("lat")), _number(item.get("lon"))
        located = lat is not None and lon is not None
        gold = Gold(
            start,
            end,
            text[start:end],
            lat if located else None,
            lon if located else None,
            optional=bool(item.get("optional")),
            kind=_string(item.get("kind")),
            country_code=_string(item.get("country_code")),
            ref=_string(item.get("ref")),
        )
        found.setdefault(gold)
    return tuple(found)


def predictions(result: Result | None) -> tuple[Predicted, ...]:
    """geo's mentions in a result, in its order, each span once (the first place keeps it)."""
    found: dict[tuple[int, int], Predicted] = {}
    for place in result.places if result is not None else ():
        for m in place.mentions:
            found.setdefault(
                (m.start, m.end),
                Predicted(
                    m.start,
                    m.end,
                    m.text,
                    place.name,
                    place.lat,
                    place.lon,
                    place.kind,
                    place.country_code,
                ),
            )
    return tuple(found.values())


def classify(doc: str, gold: Iterable[Gold], found: Iterable[Predicted]) -> list[Mistake]:
    """geo's mistakes on one document, in the order of the text."""
    gold = list(gold)
    required = sorted((g for g in gold if not g.optional), key=lambda g: (g.start, g.end))
    optional = [g for g in gold if g.optional]
    found = list(found)
    pairs = pair(required, found)
    paired = set(pairs.values())
    mistakes = [Mistake(MISSED, doc, g, None) for j, g in enumerate(required) if j not in pairs]
    mistakes += [
        Mistake(FALSE, doc, None, p)
        for i, p in enumerate(found)
        if i not in paired and not any(_overlap(p, o) for o in optional)
    ]
    for j, i in pairs.items():
        distance = error_km(required[j], found[i])
        if distance is not None and distance > RIGHT_KM:
            mistakes.append(Mistake(WRONG_PLACE, doc, required[j], found[i], _finite(distance)))
    return sorted(mistakes, key=lambda m: (m.span.start, m.span.end, CLASSES.index(m.error)))


def pair(required: list[Gold], found: list[Predicted]) -> dict[int, int]:
    """Gold index -> mention index, one to one: the largest overlap first, an exact span before
    a partial one, then the earlier mention and the earlier toponym."""
    ranked = sorted(
        (-_overlap(p, g), (p.start, p.end) != (g.start, g.end), p.start, i, j)
        for i, p in enumerate(found)
        for j, g in enumerate(required)
        if _overlap(p, g)
    )
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for *_, i, j in ranked:
        if i not in taken and j not in pairs:
            pairs[j] = i
            taken.add(i)
    return pairs


def error_km(gold: Gold, geo: Predicted) -> float | None:
    """How far geo's place is from the gold point: None for a toponym without coordinates,
    0 for the right country, infinite for a place without a point."""
    if not gold.located:
        return None
    if gold.kind == "country" and gold.country_code and geo.kind == "country":
        if geo.country_code == gold.country_code:
            return 0.0
    if geo.lat is None or geo.lon is None:
        return math.inf
    # the scorer's haversine on a 6,371 km sphere, which is geo.resolve.km's
    return km(gold.lat, gold.lon, geo.lat, geo.lon)  # type: ignore[arg-type]


def summary(mistakes: list[Mistake], examples: int, located: bool) -> list[str]:
    """One line a class: its count and its `examples` most frequent cases ("missed: 412 —
    Washington ×9, Gaza ×7, ..."); wrong place is a dash when no gold toponym has a point."""
    lines = []
    for error in CLASSES:
        label = LABELS[error]
        if error == WRONG_PLACE and not located:
            lines.append(f"{label}: - (no gold coordinates)")
            continue
        cases = Counter(describe(m) for m in mistakes if m.error == error)
        total = sum(cases.values())
        shown = [f"{case} ×{count}" for case, count in cases.most_common(examples)]
        more = [] if len(cases) <= examples else ["..."]
        lines.append(f"{label}: {total}" + (" — " + ", ".join(shown + more) if shown else ""))
    return lines


def describe(mistake: Mistake) -> str:
    """The case a mistake counts under: its text, and for a wrong place both sides' points
    ("Georgia (gold 32.7,-83.4; geo GE)")."""
    text = " ".join(mistake.span.text.split())
    if mistake.error != WRONG_PLACE or mistake.gold is None or mistake.geo is None:
        return text
    gold, geo = mistake.gold, mistake.geo
    said = gold.country_code if gold.kind == "country" and gold.country_code else _point(gold)
    if geo.kind == "country" and geo.country_code:
        read = geo.country_code
    else:
        read = " ".join(filter(None, (geo.country_code, _point(geo))))
    return f"{text} (gold {said}; geo {read})"


def to_json(mistake: Mistake, file: str) -> dict:
    """One line of `--mistakes-out`: where, which class, the gold side and geo's side."""
    gold, geo = mistake.gold, mistake.geo
    span = mistake.span
    return {
        "file": file,
        "doc": mistake.doc,
        "class": mistake.error,
        "text": span.text,
        "start": span.start,
        "end": span.end,
        "gold_lat": gold.lat if gold else None,
        "gold_lon": gold.lon if gold else None,
        "gold_kind": gold.kind if gold else None,
        "gold_country_code": gold.country_code if gold else None,
        "gold_ref": gold.ref if gold else None,
        "geo_text": geo.text if geo else None,
        "geo_start": geo.start if geo else None,
        "geo_end": geo.end if geo else None,
        "geo_name": geo.name if geo else None,
        "geo_lat": geo.lat if geo else None,
        "geo_lon": geo.lon if geo else None,
        "geo_kind": geo.kind if geo else None,
        "geo_country_code": geo.country_code if geo else None,
        "km": round(mistake.km) if mistake.km is not None else None,
    }


def _overlap(a: Gold | Predicted, b: Gold | Predicted) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _point(place: Gold | Predicted) -> str:
    if place.lat is None or place.lon is None:
        return "no point"
    return f"{place.lat:.1f},{place.lon:.1f}"


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _string(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _finite(distance: float | None) -> float | None:
    return distance if distance is not None and math.isfinite(distance) else None
