"""A reader's corrections: another place for a name, a false place removed, a missed mention
added. Saved under the cache folder, keyed by document (a hash of its text) and mention (its
span), and applied to a Result by a pure function, so that every view and export of the
corrected document agrees.

Served to others, the app gives each reader a store of their own (`reader_store`), named by a
random token kept in the page's address, so that no reader sees another's corrections.

Compute, then apply: `corrections_for(text)` reads what was saved, `apply(result, found)`
returns the corrected Result. A place is one referent: choosing another place for one of its
mentions moves the whole place (all its names), as resolution gave one sense per name.
`without_demonyms(result)` is another view a reader may choose: no country named by an
adjective.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import math
import os
import re
import secrets
import tempfile
import threading
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from geo.cachedir import aside_path, cache_dir, set_aside
from geo.errors import GeoError, warn
from geo.geocoding import Geocoder, candidates
from geo.ingest.text import passage_at
from geo.model import Alternative, Candidate, Mention, Place, Result
from geo.names import normalize
from geo.resolve import Focus, rank

KINDS = ("choose", "remove", "add")
FILE_NAME = "corrections.json"
READER_REASON = "chosen by the reader"
READERS = "readers"  # the folder of the readers' own stores, under the cache folder
# what new_reader() makes: 16 random bytes in URL-safe base64, no padding
READER_TOKEN = re.compile(r"[A-Za-z0-9_-]{22}")


@dataclass(frozen=True, slots=True)
class Correction:
    """One change a reader made to one document.

    `kind` is "choose" (the place of the mention at start:end becomes `candidate`), "remove"
    (the place of that mention is not a place) or "add" (text[start:end] names `candidate`).
    With `everywhere`, the same name in other documents is corrected the same way.
    """

    document: str  # document_key(text)
    kind: str
    start: int
    end: int
    text: str  # the mention's words, for the same name elsewhere
    candidate: Candidate | None = None
    everywhere: bool = False


def document_key(text: str) -> str:
    """The key of a document: the SHA-256 of its text, so that the same text finds its
    corrections whatever its file was called."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def new_reader() -> str:
    """A new reader's token: random, so that no one can guess another reader's."""
    return secrets.token_urlsafe(16)


def valid_reader(token: object) -> bool:
    """Whether `token` has the shape of new_reader()'s (it becomes a file name)."""
    return isinstance(token, str) and READER_TOKEN.fullmatch(token) is not None


def reader_store(token: str, folder: Path | None = None) -> CorrectionStore:
    """The store of one reader: `readers/TOKEN.json` under the cache folder."""
    if not valid_reader(token):
        raise ValueError("not a reader token")
    return CorrectionStore((folder or cache_dir()) / READERS / f"{token}.json")


class CorrectionStore:
    """Corrections in one JSON file, rewritten atomically under a lock; the order of the list
    is the undo stack."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_dir() / FILE_NAME

    def all(self) -> list[Correction]:
        """Every correction that can be read. A file that cannot be read (another user's) is
        said once and left alone; entries this version cannot read are set aside."""
        try:
            found, bad = self._read()
        except OSError as err:
            _say_once(
                f"the corrections file {self.path} cannot be read "
                f"({err.strerror or err}); going on without corrections"
            )
            return []
        if bad:
            try:
                self._write(lambda items: items)  # sets them aside, under the lock
            except OSError as err:
                _say_once(
                    f"{len(bad)} corrections in {self.path} cannot be read "
                    f"and are ignored; they cannot be set aside: {err.strerror or err}"
                )
        return found

    def _read(self) -> tuple[list[Correction], list[object]]:
        """The corrections saved, and the entries that are not corrections; OSError when the
        file is there but cannot be read."""
        try:
            raw = self.path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return [], []
        try:
            data = json.loads(raw.decode("utf-8"))
        except ValueError:  # not JSON, or not UTF-8: a damaged file
            data = None
        if not isinstance(data, dict) or not isinstance(data.get("corrections", []), list):
            self._set_aside()
            return [], []
        found, bad = [], []
        for item in data.get("corrections", []):
            try:
                found.append(_from_dict(item))
            except ValueError:
                bad.append(item)
        return found, bad

    def _set_aside(self) -> None:
        try:
            moved = set_aside(self.path)
        except OSError:
            return  # a folder that cannot be written: saving will say so
        warn(
            f"the corrections file {self.path} was damaged; set aside as {moved.name}, "
            "starting afresh"
        )

    def _set_aside_entries(self, bad: list[object]) -> None:
        aside = aside_path(self.path)
        with open(aside, "a", encoding="utf-8") as handle:  # never over what was set aside before
            json.dump({"corrections": bad}, handle, ensure_ascii=False, indent=1)
        warn(
            f"{len(bad)} correction(s) in {self.path} could not be read; set aside in "
            f"{aside.name}, the others kept"
        )

    def for_document(self, text: str) -> list[Correction]:
        """This document's corrections, after those made elsewhere for all documents."""
        key = document_key(text)
        found = self.all()
        return [c for c in found if c.everywhere and c.document != key] + [
            c for c in found if c.document == key
        ]

    def add(self, correction: Correction) -> None:
        self._update(lambda items: items + [correction])

    def undo(self, text: str) -> Correction | None:
        """Forget the last correction made to this document; return it (None if none)."""
        key, undone = document_key(text), []

        def drop_last(items: list[Correction]) -> list[Correction]:
            for index in range(len(items) - 1, -1, -1):
                if items[index].document == key:
                    undone.append(items[index])
                    return items[:index] + items[index + 1 :]
            return items

        self._update(drop_last)
        return undone[0] if undone else None

    def _update(self, change) -> None:
        try:
            self._write(change)
        except OSError as err:
            raise GeoError(
                f"cannot save corrections in {self.path.parent}: {err.strerror or err}"
            ) from err

    def _write(self, change) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # two app sessions do not lose each other's work
            items, bad = self._read()  # one that cannot be read is never overwritten
            if bad:
                self._set_aside_entries(bad)
            items = change(items)
            data = {"version": 1, "corrections": [_to_dict(c) for c in items]}
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".corrections-")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(data, handle, ensure_ascii=False, indent=1)
                os.replace(tmp, self.path)
            finally:
                Path(tmp).unlink(missing_ok=True)


_said: set[str] = set()
_said_lock = threading.Lock()


def _say_once(message: str) -> None:
    """Warn once a process: the command line reads the store for each document, the app at
    each run."""
    with _said_lock:
        if message in _said:
            return
        _said.add(message)
    warn(message)


def search(
    geocoder: Geocoder, query: str, *, language: str | None = None, limit: int = 10
) -> list[Alternative]:
    """Places called `query`, best first, each with the reason for its rank (for the reader to
    pick one when none of geo's alternatives is right); `language` is the text's."""
    if not query.strip():
        return []
    found = candidates(geocoder, query.strip(), language=language, limit=50)
    return rank(found, Focus(language=language), query=query)[:limit]


def corrected(result: Result, text: str) -> Result:
    """The result with the corrections saved for its text (the app's, under the cache
    folder), as `geo parse` and `geo batch` write it."""
    return apply(result, CorrectionStore().for_document(text))


def apply(result: Result, corrections: list[Correction]) -> Result:
    """The result with the corrections made, in order; those that no longer fit are skipped."""
    key = document_key(result.text)
    for correction in corrections:
        if correction.document == key:
            result = _apply_one(result, correction)
        elif correction.everywhere:
            for start, end in _same_name(result, correction):
                result = _apply_one(
                    result, replace(correction, start=start, end=end, text=result.text[start:end])
                )
    return result


def without_demonyms(result: Result) -> Result:
    """The result without the mentions that name a country by its people's adjective
    ("Georgian troops"), for a reader who counts only names as places.

    A place left with no mention goes, unless a route goes from or to it; one named nowhere to
    begin with (an inferred origin) stays. Routes are kept as they are: none goes to a place
    through a demonym.
    """
    if not any(m.demonym for p in result.places for m in p.mentions):
        return result  # the same result, its places in the same order
    routed = {r.from_id for r in result.routes} | {r.to_id for r in result.routes}
    places = []
    for place in result.places:
        named = tuple(m for m in place.mentions if not m.demonym)
        if named == place.mentions:
            places.append(place)
        elif named or place.id in routed:
            places.append(replace(place, mentions=named))
    return replace(result, places=_ordered(places))


def _apply_one(result: Result, c: Correction) -> Result:
    if c.kind == "add":
        return _add(result, c) if c.candidate else result
    place = _place_of(result, c.start, c.end)
    if place is None:
        return result
    if c.kind == "remove":
        places = tuple(p for p in result.places if p.id != place.id)
        routes = tuple(r for r in result.routes if place.id not in (r.from_id, r.to_id))
        return replace(result, places=places, routes=routes)
    if c.kind == "choose" and c.candidate is not None:
        return _move(result, place, c.candidate)
    return result


def _move(result: Result, place: Place, to: Candidate) -> Result:
    """The place becomes `to`; merged with `to` if the document already has it."""
    before = Candidate(
        place.id,
        place.name,
        place.lat,
        place.lon,
        place.kind,
        place.country_code,
        source=place.source,
    )
    others = tuple(a for a in place.alternatives if a.candidate.id != to.id)
    moved = _as_place(to, place.mentions, (Alternative(before, 0.0, "geo's first choice"), *others))
    places = []
    for p in result.places:
        if p.id == to.id and p.id != place.id:
            moved = replace(
                moved, mentions=tuple(sorted(p.mentions + moved.mentions, key=lambda m: m.start))
            )
        elif p.id != place.id:
            places.append(p)
    places.append(moved)
    routes = tuple(
        replace(
            r,
            from_id=to.id if r.from_id == place.id else r.from_id,
            to_id=to.id if r.to_id == place.id else r.to_id,
        )
        for r in result.routes
    )
    return replace(result, places=_ordered(places), routes=routes)


def _add(result: Result, c: Correction) -> Result:
    if result.text[c.start : c.end] != c.text or _place_of(result, c.start, c.end):
        return result  # the words are not there, or already a place
    if c.candidate is None:
        return result  # an addition always has its place; a damaged one changes nothing
    mention = Mention(c.start, c.end, c.text, passage_at(result.passages, c.start))
    existing = result.place(c.candidate.id)
    if existing is not None:
        grown = replace(
            existing, mentions=tuple(sorted(existing.mentions + (mention,), key=lambda m: m.start))
        )
        places = [grown if p.id == existing.id else p for p in result.places]
    else:
        places = [*result.places, _as_place(c.candidate, (mention,), ())]
    return replace(result, places=_ordered(places))


def _as_place(candidate: Candidate, mentions, alternatives) -> Place:
    return Place.of(
        candidate,
        confidence=1.0,
        mentions=tuple(mentions),
        reason=READER_REASON,
        alternatives=tuple(alternatives),
    )


def _ordered(places: list[Place]) -> tuple[Place, ...]:
    """Places in reading order; those named nowhere (inferred origins) last, as parsed."""
    return tuple(
        sorted(
            places, key=lambda p: (not p.mentions, min((m.start for m in p.mentions), default=0))
        )
    )


def _place_of(result: Result, start: int, end: int) -> Place | None:
    """The place with a mention at exactly start:end, else one overlapping it."""
    exact = [p for p in result.places for m in p.mentions if (m.start, m.end) == (start, end)]
    if exact:
        return exact[0]
    return next(
        (p for p in result.places for m in p.mentions if m.start < end and start < m.end), None
    )


def _same_name(result: Result, c: Correction) -> list[tuple[int, int]]:
    """Spans in this document that name what the correction's words name."""
    if c.kind == "add":
        pattern = re.compile(rf"(?<!\w){re.escape(c.text)}(?!\w)")
        return [(m.start(), m.end()) for m in pattern.finditer(result.text)]
    name = normalize(c.text)
    return [
        (m.start, m.end) for p in result.places for m in p.mentions if normalize(m.text) == name
    ][:1]  # one mention moves its whole place


def _to_dict(c: Correction) -> dict:
    return asdict(c)


_CANDIDATE_TYPES: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "name": str,
    "lat": float,
    "lon": float,
    "kind": str,
    "country_code": (str, type(None)),
    "population": int,
    "source": str,
    "admin1": (str, type(None)),
    "feature": (str, type(None)),
}


def _from_dict(item: object) -> Correction:
    """A saved correction, its unknown keys ignored (a later version may add some);
    ValueError if it cannot be one."""
    if not isinstance(item, dict) or item.get("kind") not in KINDS:
        raise ValueError("not a correction")
    start, end, document, text = (item.get(k) for k in ("start", "end", "document", "text"))
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end):
        raise ValueError("not a span")
    if not isinstance(document or "", str) or not isinstance(text or "", str):
        raise ValueError("not a document key and words")
    return Correction(
        document=document or "",
        kind=item["kind"],
        start=start,
        end=end,
        text=text or "",
        candidate=_candidate(item.get("candidate")),
        everywhere=bool(item.get("everywhere", False)),
    )


def _candidate(item: object) -> Candidate | None:
    if item is None:
        return None
    if not isinstance(item, dict):
        raise ValueError("not a place")
    known = {k: item[k] for k in _CANDIDATE_TYPES if k in item}
    for key, kind in _CANDIDATE_TYPES.items():
        value = known.get(key)
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            known[key] = value = float(value)
        if key in known and not isinstance(value, kind):
            raise ValueError(f"a place's {key} is not a {kind}")
    if not (-90 <= known.get("lat", math.nan) <= 90 and -180 <= known.get("lon", math.nan) <= 180):
        raise ValueError("a place without coordinates")
    try:
        return Candidate(**known)
    except TypeError as err:  # a field it must have is missing
        raise ValueError(str(err)) from None
