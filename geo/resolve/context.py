"""What the document says around a name: its countries, regions and other places, and the
containers it states ("Paris, Texas"); `Focus` is that context as one name sees it."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from geo.model import Candidate, Mention
from geo.names import normalize
from geo.resolve.weights import COUNTY_KM, NEAR_KM
from geo.world.nearby import Points

# the kinds whose point says where the text is: countries and continents are too big
LOCAL_KINDS = frozenset({"city", "region", "landmark"})


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine: ranking needs speed, not geodesy)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


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
    # what the text's qualifier names as this very place under another name ("Washington,
    # D.C.": "D.C." is the city of Washington, not a container of it)
    same: tuple[Candidate, ...] = ()
    # the candidates that a county named elsewhere in the text holds, and those counties
    held: frozenset[str] = frozenset()

    def contains(self, candidate: Candidate) -> Candidate | None:
        """The stated container that holds the candidate (or the qualifier that is it), if any."""
        if any(box.id == candidate.id for box in self.same):
            return candidate
        return next((box for box in self.within if holds(box, candidate)), None)

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
        """How many other places of the text lie within each of NEAR_KM of the candidate."""
        counts: list[int] = []
        for radius in NEAR_KM:
            # none within a ring, none within the smaller ones: most candidates stop at the first
            found = self.points.within(candidate.lat, candidate.lon, radius) if all(counts) else 0
            counts.append(found)
        return tuple(counts)


class Document:
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
        self.points = Points(
            ((c.lat, c.lon) for c in readings.values() if c.kind in LOCAL_KINDS), distance=km
        )

    def focus(
        self,
        name: str,
        within: tuple[Candidate, ...] = (),
        cue: float = 0.0,
        same: tuple[Candidate, ...] = (),
    ) -> Focus:
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
            self.points.without((best.lat, best.lon)) if best.kind in LOCAL_KINDS else self.points
        )
        return Focus(countries, regions, points, within, self.language, cue, same)


def held(options: dict[str, list[Candidate]]) -> frozenset[str]:
    """The towns a county of another name holds (within COUNTY_KM of its point, in its state),
    and those counties: "Paris" beside "Henry County" is Paris, Tennessee, and the county
    Tennessee's. Counties are the US counties of geo/data (ids "fips:")."""
    counties: defaultdict[str, list[tuple[str, Candidate]]] = defaultdict(list)
    for key, found in options.items():
        for c in found:
            if c.id.startswith("fips:") and c.admin1:
                counties[c.admin1.removeprefix("US-")].append((key, c))
    if not counties:
        return frozenset()
    found_ids: set[str] = set()
    for key, found in options.items():
        for town in found:
            if town.kind != "city" or town.country_code != "US" or not town.admin1:
                continue
            for other, county in counties.get(town.admin1, ()):
                if other != key and km(town.lat, town.lon, county.lat, county.lon) <= COUNTY_KM:
                    found_ids.update((town.id, county.id))
    return frozenset(found_ids)


def containers(mentions: Sequence[Mention], text: str) -> dict[str, set[str]]:
    """Names said to lie in another: "Paris, Texas", "Sabadell (Barcelone)"."""
    found: dict[str, set[str]] = defaultdict(set)
    ordered = sorted(mentions, key=lambda m: m.start)
    for first, second in zip(ordered, ordered[1:], strict=False):
        if text[first.end : second.start] in {", ", ",", " (", "("}:
            found[normalize(first.text)].add(normalize(second.text))
    return found


# ", D.C.", ", Wash.", ", N.Y.": an abbreviation with points right after a name, which
# recognition may leave out of its mentions (it is not a name of its own in the text)
_ABBREVIATION = re.compile(r",\s?((?:[A-Z][a-z]{0,4}\.){1,3})")


def qualifiers(
    mentions: Sequence[Mention], text: str, known: Callable[[str], bool] = bool
) -> dict[int, str]:
    """Each mention's explicit qualifier, as written, by the mention's position in `mentions`:
    the next mention after ", " or " (" ("Paris, Texas", "Sabadell (Barcelone)"), else an
    abbreviation with points after ", " that is `known` ("Washington, D.C.", "Springfield,
    Ill."; not "Lyon, Mr. Smith said")."""
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    found: dict[int, str] = {}
    for here, after in zip(order, [*order[1:], None], strict=False):
        first = mentions[here]
        second = mentions[after] if after is not None else None
        if second is not None and text[first.end : second.start] in {", ", ",", " (", "("}:
            found[here] = second.text
        elif abbreviation := _ABBREVIATION.match(text, first.end):
            if (second is None or second.start >= abbreviation.end(1)) and known(
                abbreviation.group(1)
            ):
                found[here] = abbreviation.group(1)
    return found


def inside(city: Candidate, region: Candidate) -> bool:
    """Whether a town lies in a region: its admin1 code, else within 150 km of its point."""
    if city.country_code != region.country_code:
        return False
    if region.admin1 and region.admin1.endswith(f"-{city.admin1}"):
        return True
    return km(city.lat, city.lon, region.lat, region.lon) <= 150


def holds(box: Candidate, candidate: Candidate) -> bool:
    """Whether a stated container (a country, a region, else within 400 km) holds a place."""
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


def _region(candidate: Candidate) -> tuple[str | None, str] | None:
    """(country, GeoNames admin1 code) of a first-level region, or of a county's region."""
    if candidate.kind == "region" and candidate.admin1 and "-" in candidate.admin1:
        return candidate.country_code, candidate.admin1.split("-", 1)[1]
    return None


def _named_region(candidate: Candidate) -> tuple[str | None, str] | None:
    """(country, GeoNames admin1 code) of a first-level region the text names: a county's
    name does not name its state ("Boone County" is in eight)."""
    return None if candidate.feature == "county" else _region(candidate)


def _home_region(candidate: Candidate) -> tuple[str | None, str] | None:
    """The first-level region of a town or a county ("Boone County", admin1 "US-IN")."""
    if candidate.kind == "city" and candidate.admin1:
        return candidate.country_code, candidate.admin1
    if candidate.feature == "county":
        return _region(candidate)
    return None
