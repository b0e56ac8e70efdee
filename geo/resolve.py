"""Resolution: choose, for each name, the place it most likely refers to in this document.

Each candidate gets a prior (kind, capital, population) and a coherence bonus when its country
is one the document talks about. One sense per name per document: all mentions of a name share
one place, and names resolved to the same entry become one place.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from geo.model import Alternative, Candidate, Mention, Place
from geo.names import normalize
from geo.world.languages import speakers
from geo.world.nearby import Points

_KIND_PRIOR = {
    "country": 0.8,
    "continent": 1.0,
    "landmark": 0.9,
    "region": 0.4,
    "city": 0.0,
    "other": 0.0,
}
# An airport is a landmark that shares its name with towns ("Heathrow", Florida): it weighs
# less than a town of 500 people (0.08 * log10(500) = 0.22) unless the text's context helps.
_FEATURE_PRIOR = {"airport": 0.2}
_CAPITAL_BONUS = 0.5
# times the share of the text's mentions in the candidate's country: at 0.8 "London" beside
# Toronto and Canada, "Georgia" beside Gainesville stayed abroad (lgl.dev acc@161 85.3 -> 86.3
# at 1.2; gwn.dev and frnews.dev the same from 0.8 to 1.6; gwn and lgl worse at 2.0)
_COHERENCE_BONUS = 1.2
_POPULATION_WEIGHT = 0.08  # per tenfold population
_OWN_NAME_BONUS = 0.25  # "Salisbury" is Salisbury before it is Harare's old name
# ... but not for a place a hundred times smaller than one that has the name as an alternate
# ("Cologne", "Bâle", "Trèves": the exonyms of Köln, Basel and Trier)
_EXONYM_GAP = 100
_REGION_BONUS = 0.3  # "Red Oak" in a story about Iowa
_NEAR_BONUS = 0.2  # each: "Georgia" among Azerbaijan and Armenia, "Washington" beside Seattle
_NEAR_MAX = 0.6
# Each other place of the text within 500 km, again within 100 km, again within 30 km: Boone
# County in Indiana lies 40 km from the text's Montgomery County, the one in Missouri 600 km
# (on lgl.dev acc@161 83.5 -> 85.3 with the two inner rings, gwn.dev 93.7 -> 94.1)
_NEAR_KM = (500.0, 100.0, 30.0)
_LOCAL_KINDS = frozenset({"city", "region", "landmark"})
# The words around a name that say a town or an area: "à Québec" is the city, "au Québec" the
# province; "central Washington", "New York state". Worth more than the kind prior of a region
# (0.4) and a tenfold population, less than "X, State" (_WITHIN_BONUS).
_CUE_BONUS = 0.6
_TOWN_BEFORE = re.compile(r"(?:^|[\s(])(?:à|À|downtown)\s+$")
_AREA_BEFORE = re.compile(
    r"(?:^|[\s(])(?:au|Au|du|Du|en|En|state of|State of|l'État de|province de"
    r"|central|eastern|western|northern|southern|upstate|rural|tout le|toute la)\s+$"
)
_AREA_AFTER = re.compile(r"^\s+state\b")
_WITHIN_BONUS = 1.5  # "Paris, Texas": the text says where
_LANGUAGE_BONUS = 0.05  # a tie-breaker: at 0.2, English put St. Petersburg in Florida
_USER_BONUS = 3.0  # a reader's own places win over any gazetteer entry of the same name
_TEMPERATURE = 0.25
_MAX_ALTERNATIVES = 5
_PASSES = 2  # the first reads each name among the others read alone, the second among theirs

Lookup = Callable[[str], list[Candidate]]


@dataclass(frozen=True, slots=True)
class Focus:
    """What the document talks about: countries (with counts) and first-level regions."""

    countries: Counter[str] = field(default_factory=Counter)
    # (country, GeoNames admin1 code) -> mentions
    regions: Counter[tuple[str | None, str]] = field(default_factory=Counter)
    # the other towns, regions and sites named
    points: Points = field(default_factory=lambda: Points(distance=km))
    within: tuple[Candidate, ...] = ()  # what the text says this name lies in ("X, Y")
    language: str | None = None  # the text's: a French paper's "Valence" is in France
    cue: float = 0.0  # the words around the name: 1 all say a town, -1 all an area

    def contains(self, candidate: Candidate) -> Candidate | None:
        """The stated container that holds the candidate, if any."""
        return next((box for box in self.within if _holds(box, candidate)), None)

    def share(self, country: str | None) -> float:
        """The part of the text's mentions that are in this country (0 to 1), smoothed so
        that one mention in a short text is not taken for the whole story."""
        return self.countries[country or ""] / (sum(self.countries.values()) + 2)

    def region_weight(self, candidate: Candidate) -> float:
        """0 when the text names no region holding the candidate, else that region's mentions
        over those of the region it names most: "Boone County" among five "Indiana" and one
        "Ohio" is in Indiana."""
        region = _home_region(candidate)
        if region is None or not self.regions[region]:
            return 0.0
        return self.regions[region] / max(self.regions.values())

    def near(self, candidate: Candidate) -> tuple[int, ...]:
        """How many other places of the text lie within each of _NEAR_KM of the candidate."""
        counts: list[int] = []
        for radius in _NEAR_KM:
            # none within a ring, none within the smaller ones: most candidates stop at the first
            found = self.points.within(candidate.lat, candidate.lon, radius) if all(counts) else 0
            counts.append(found)
        return tuple(counts)


def resolve(
    mentions: Sequence[Mention], lookup: Lookup, text: str = "", *, language: str | None = None
) -> tuple[Place, ...]:
    """Places for the mentions, each with a confidence and ranked alternatives.

    With the document `text`, "Paris, Texas" and "Paris (Texas)" put Paris in Texas; with its
    `language`, places where that language is spoken come first among equals."""
    by_name: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_name[normalize(mention.text)].append(mention)
    options = {name: lookup(group[0].text) for name, group in by_name.items()}
    options = {name: found for name, found in options.items() if found}
    alone = Focus(language=language)
    readings = {
        name: rank(found, alone, query=name)[0].candidate for name, found in options.items()
    }
    containers = _containers(mentions, text)
    for _ in range(_PASSES):
        document = _Document(readings, by_name, language)
        chosen: dict[str, tuple[Candidate, float, str, tuple[Alternative, ...]]] = {}
        merged: dict[str, list[Mention]] = defaultdict(list)
        read: dict[str, Candidate] = {}
        for name, found in options.items():
            within = tuple(readings[n] for n in containers.get(name, ()) if n in readings)
            focus = document.focus(name, within, _cue(by_name[name], text))
            ranked = rank(found, focus, query=name)
            best = ranked[0].candidate
            confidence = _confidence([a.score for a in ranked])
            alternatives = tuple(ranked[1 : 1 + _MAX_ALTERNATIVES])
            if best.id not in chosen or confidence > _confidence_of(chosen[best.id]):
                chosen[best.id] = (best, confidence, ranked[0].reason, alternatives)
            merged[best.id].extend(by_name[name])
            read[name] = best
        # the next pass reads each name among the others' readings in context, not alone:
        # "Georgia" beside Atlanta is the state once Atlanta is read in context
        readings = read
    return tuple(
        _place(chosen[pid], merged[pid])
        for pid in sorted(merged, key=lambda pid: min(m.start for m in merged[pid]))
    )


def rank(
    found: Sequence[Candidate], focus: Focus | None = None, *, query: str | None = None
) -> list[Alternative]:
    """Candidates for one name, best first, each with its score and the reason for it."""
    focus = focus or Focus()
    key = normalize(query) if query else None
    cities = [c for c in found if c.kind == "city"]
    biggest = max((c.population for c in found), default=0)
    scored = []
    for c in found:
        # A region that shares its name with a big city inside it ("New York", "Kursk")
        # usually means the city: the region keeps no weight of size or name then.
        shadowed = c.kind == "region" and any(
            city.population >= 0.2 * c.population and _inside(city, c) for city in cities
        )
        # "Cologne" is Köln (1 M) before the Italian village of that name (7,000)
        own = (
            key is not None
            and normalize(c.name) == key
            and not shadowed
            and c.population * _EXONYM_GAP >= biggest
        )
        scored.append(Alternative(c, round(_score(c, focus, own, shadowed), 3), _reason(c, focus)))
    return sorted(scored, key=lambda a: -a.score)


def _inside(city: Candidate, region: Candidate) -> bool:
    if city.country_code != region.country_code:
        return False
    if region.admin1 and region.admin1.endswith(f"-{city.admin1}"):
        return True
    return km(city.lat, city.lon, region.lat, region.lon) <= 150


def _confidence_of(choice: tuple[Candidate, float, str, tuple[Alternative, ...]]) -> float:
    return choice[1]


def _containers(mentions: Sequence[Mention], text: str) -> dict[str, set[str]]:
    """Names said to lie in another: "Paris, Texas", "Sabadell (Barcelone)"."""
    found: dict[str, set[str]] = defaultdict(set)
    ordered = sorted(mentions, key=lambda m: m.start)
    for first, second in zip(ordered, ordered[1:], strict=False):
        if text[first.end : second.start] in {", ", ",", " (", "("}:
            found[normalize(first.text)].add(normalize(second.text))
    return found


def _cue(mentions: Sequence[Mention], text: str) -> float:
    """What the words around a name's mentions say it is, from 1 (a town: "à Québec") to -1
    (an area: "au Québec", "central Washington", "New York state"); 0 when they say nothing."""
    said = 0
    for m in mentions:
        before, after = text[max(0, m.start - 20) : m.start], text[m.end : m.end + 8]
        if _TOWN_BEFORE.search(before):
            said += 1
        elif _AREA_BEFORE.search(before) or _AREA_AFTER.match(after):
            said -= 1
    return said / len(mentions)


class _Document:
    """The countries, regions and points of all the names' likeliest readings, weighted by
    mentions and counted once; each name sees them without its own reading ("Mexico" must not
    pull itself towards Mexico City). Counting the others anew for every name cost names²."""

    def __init__(
        self,
        readings: dict[str, Candidate],
        by_name: dict[str, list[Mention]],
        language: str | None,
    ) -> None:
        self.readings, self.by_name, self.language = readings, by_name, language
        self.countries: Counter[str] = Counter()
        self.regions: Counter[tuple[str | None, str]] = Counter()
        for name, best in readings.items():
            if best.country_code:
                self.countries[best.country_code] += len(by_name[name])
            if region := _named_region(best):
                self.regions[region] += len(by_name[name])
        # countries and continents are too big for their point to say where the text is
        self.points = Points(
            ((c.lat, c.lon) for c in readings.values() if c.kind in _LOCAL_KINDS), distance=km
        )

    def focus(self, name: str, within: tuple[Candidate, ...] = (), cue: float = 0.0) -> Focus:
        """The document's focus as the other names give it."""
        best = self.readings[name]
        countries = Counter(self.countries)
        if best.country_code:
            countries[best.country_code] -= len(self.by_name[name])
            if not countries[best.country_code]:
                del countries[best.country_code]
        region = _named_region(best)
        regions = Counter(self.regions)
        if region:
            regions[region] -= len(self.by_name[name])
            if not regions[region]:
                del regions[region]
        points = (
            self.points.without((best.lat, best.lon)) if best.kind in _LOCAL_KINDS else self.points
        )
        return Focus(countries, regions, points, within, self.language, cue)


def _region(candidate: Candidate) -> tuple[str | None, str] | None:
    """(country, GeoNames admin1 code) of a first-level region, or of a county's region."""
    if candidate.kind == "region" and candidate.admin1 and "-" in candidate.admin1:
        return candidate.country_code, candidate.admin1.split("-", 1)[1]
    return None


def _named_region(candidate: Candidate) -> tuple[str | None, str] | None:
    """(country, GeoNames admin1 code) of a first-level region the text names: a county's
    name does not name its state ("Boone County" is in eight)."""
    return None if candidate.feature == "county" else _region(candidate)


def _score(candidate: Candidate, focus: Focus, own: bool = False, shadowed: bool = False) -> float:
    score = _FEATURE_PRIOR.get(candidate.feature or "", _KIND_PRIOR.get(candidate.kind, 0.0))
    if not shadowed:
        score += _POPULATION_WEIGHT * math.log10(candidate.population + 1)
    if candidate.feature == "capital":
        score += _CAPITAL_BONUS
    if candidate.source == "user":
        score += _USER_BONUS
    if own:
        # a country called by its own name is that country, not its capital ("Mexico")
        score += _OWN_NAME_BONUS * (2 if candidate.kind == "country" else 1)
    if candidate.kind != "country":
        score += _COHERENCE_BONUS * focus.share(candidate.country_code)
    score += _REGION_BONUS * focus.region_weight(candidate)
    if candidate.kind in _LOCAL_KINDS:
        score += sum(min(_NEAR_MAX, _NEAR_BONUS * n) for n in focus.near(candidate))
    if focus.contains(candidate):
        score += _WITHIN_BONUS
    if candidate.kind == "city":
        score += _CUE_BONUS * max(0.0, focus.cue)
    elif candidate.kind in {"region", "country"}:
        score += _CUE_BONUS * max(0.0, -focus.cue)
    if focus.language:
        score += _LANGUAGE_BONUS * speakers(candidate.country_code, focus.language)
    return score


def _home_region(candidate: Candidate) -> tuple[str | None, str] | None:
    """The first-level region of a town or a county ("Boone County", admin1 "US-IN")."""
    if candidate.kind == "city" and candidate.admin1:
        return candidate.country_code, candidate.admin1
    if candidate.feature == "county":
        return _region(candidate)
    return None


def _holds(box: Candidate, candidate: Candidate) -> bool:
    if box.id == candidate.id or box.kind in {"city", "landmark", "other"}:
        return False
    if box.kind == "country":
        return candidate.country_code == box.country_code
    if (
        box.kind == "region"
        and box.admin1
        and candidate.admin1
        and box.country_code == candidate.country_code
    ):
        return box.admin1 == candidate.admin1 or box.admin1.endswith(f"-{candidate.admin1}")
    return km(box.lat, box.lon, candidate.lat, candidate.lon) <= 400


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine: ranking needs speed, not geodesy)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


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
        parts.append(f"{candidate.feature or candidate.kind} in {code}")
    else:
        parts.append(candidate.kind)
    if candidate.population:
        parts.append(f"population {candidate.population:,}")
    if candidate.kind != "country" and focus.countries[code]:
        parts.append(f"the text names {focus.countries[code]} other place(s) in {code}")
    if focus.region_weight(candidate):
        parts.append("its region is named in the text")
    if candidate.kind in _LOCAL_KINDS:
        for radius, near in reversed(tuple(zip(_NEAR_KM, focus.near(candidate), strict=True))):
            if near:  # the closest ring that holds some
                parts.append(f"{near} other place(s) of the text within {radius:.0f} km")
                break
    if box := focus.contains(candidate):
        parts.append(f"in {box.name}, as the text says")
    if focus.cue and candidate.kind in {"city", "region", "country"}:
        said = "a town" if focus.cue > 0 else "an area"
        parts.append(f"the words around the name say {said}")
    if focus.language and (share := speakers(candidate.country_code, focus.language)) >= 0.5:
        parts.append(f"{share:.0%} of {code} speak the text's language")
    return "; ".join(parts)


def _place(
    choice: tuple[Candidate, float, str, tuple[Alternative, ...]], mentions: list[Mention]
) -> Place:
    candidate, confidence, reason, alternatives = choice
    ordered = tuple(sorted(mentions, key=lambda m: m.start))
    return Place.of(
        candidate,
        confidence=confidence,
        mentions=ordered,
        reason=reason,
        alternatives=alternatives,
    )
