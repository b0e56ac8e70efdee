"""Core data types of geo: what the pipeline produces, frozen and serialisable.

The JSON output is the serialisation of these types (see `geo.export.formats`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("country", "region", "city", "continent", "landmark", "other")
STATUSES = ("past", "planned", "hypothetical", "unknown")


@dataclass(frozen=True, slots=True)
class Passage:
    """A paragraph of the document, with its character span in the text as read."""

    id: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text naming a place: `document[start:end] == text`; `demonym` when it
    names it by its people's adjective ("Georgian troops")."""

    start: int
    end: int
    text: str
    passage: int
    demonym: bool = False


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer or provider entry that a name may refer to."""

    id: str
    name: str
    lat: float
    lon: float
    kind: str
    country_code: str | None
    population: int = 0
    source: str = "gazetteer"
    admin1: str | None = None
    feature: str | None = None  # "capital" for national capitals


@dataclass(frozen=True, slots=True)
class Alternative:
    """A candidate that resolution ranked below the chosen one, with its score."""

    candidate: Candidate
    score: float
    reason: str


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place and every mention of it in the document."""

    id: str
    name: str
    lat: float
    lon: float
    kind: str
    country_code: str | None
    source: str
    confidence: float
    mentions: tuple[Mention, ...]
    reason: str = ""
    alternatives: tuple[Alternative, ...] = ()

    @classmethod
    def of(
        cls,
        candidate: Candidate,
        *,
        confidence: float,
        mentions: tuple[Mention, ...] = (),
        reason: str = "",
        alternatives: tuple[Alternative, ...] = (),
    ) -> Place:
        """The place a gazetteer candidate stands for, with what the document says of it."""
        return cls(
            candidate.id,
            candidate.name,
            candidate.lat,
            candidate.lon,
            candidate.kind,
            candidate.country_code,
            candidate.source,
            confidence,
            mentions,
            reason,
            alternatives,
        )


@dataclass(frozen=True, slots=True)
class Route:
    """One leg of a journey told in the text, from one place to another.

    `when` is the time expression as written, `when_iso` its ISO 8601 value (day, week, month
    or year) when it can be known; `mode` is how the journey goes as written ("flew", "train",
    "avion"), `mode_kind` the same in one word of English (plane, train, ship, car, bus,
    helicopter, convoy, road, foot); `status` is one of STATUSES. The legs of one journey ("à
    Vladivostok et à Moscou") share `journey` and are numbered by `leg` from 1.
    """

    from_id: str | None
    to_id: str
    traveler: str | None
    mode: str | None
    when: str | None
    status: str
    passage: int
    evidence: str
    origin_inferred: bool = False
    origin_reason: str | None = None  # why an inferred origin was chosen
    when_iso: str | None = None
    evidence_start: int | None = None  # the evidence's span in the document text
    evidence_end: int | None = None
    journey: int = 0
    leg: int = 1
    mode_kind: str | None = None


@dataclass(frozen=True, slots=True)
class Result:
    """Everything geo found in one document."""

    id: str
    language: str
    text: str
    passages: tuple[Passage, ...]
    places: tuple[Place, ...]
    routes: tuple[Route, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def place(self, place_id: str) -> Place | None:
        """The place with this id, if any."""
        return next((p for p in self.places if p.id == place_id), None)
