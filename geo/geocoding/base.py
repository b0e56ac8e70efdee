"""Geocoders behind one contract: the embedded gazetteer and geopy's online providers.

The contract is geopy's: `geocode(query, *, exactly_one=True, language=None, limit=...)`
returning `geopy.location.Location` objects (or one, or None) whose `raw` keeps the provider's
record, plus `raw["candidate"]`, the record in geo's own terms. Caching and fallback wrap a
geocoder instead of living inside it.
"""

from __future__ import annotations

import concurrent.futures
import inspect
import logging
import time
from dataclasses import asdict
from typing import TYPE_CHECKING, Protocol

from geo.config import Settings, load_settings
from geo.errors import GeocoderError, warn
from geo.gazetteer.index import Gazetteer, open_gazetteer
from geo.geocoding.cache import GeocodeCache
from geo.geocoding.userplaces import UserPlaces
from geo.ingest.invisible import visible
from geo.model import Candidate

if TYPE_CHECKING:
    from geopy.location import Location
# geopy itself is imported where it is used: importing it loads every provider it knows, a
# tenth of a second of each command's start that the offline gazetteer does not need

USER_AGENT = "geo-news-mapper/0.1 (offline-first geoparser; https://pypi.org/project/geopy/)"
_KINDS = {
    "country": "country",
    "state": "region",
    "region": "region",
    "province": "region",
    "county": "region",
    "city": "city",
    "town": "city",
    "village": "city",
    "hamlet": "city",
    "municipality": "city",
    "suburb": "city",
    "continent": "continent",
}


_CALLS = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="geocode")
# geopy logs every retry as a warning with its traceback (and the query): with no logging set
# up, Python prints that on stderr. geo reports a failing provider itself, in one line.
logging.getLogger("geopy").addHandler(logging.NullHandler())


class Geocoder(Protocol):
    """What every geocoder offers: a name and geopy's `geocode` shape."""

    name: str

    def geocode(
        self, query: str, *, exactly_one: bool = True, language: str | None = None, limit: int = 25
    ) -> Location | list[Location] | None: ...


def candidates(
    geocoder: Geocoder, query: str, *, language: str | None = None, limit: int = 25
) -> list[Candidate]:
    """All candidates a geocoder gives for a name, in its order (characters that show nothing,
    a zero-width space pasted with the name, taken out)."""
    query = visible(query).text
    native = getattr(geocoder, "candidates", None)
    if native is not None:  # the gazetteer: no round trip through geopy Locations
        return native(query, limit=limit)
    found = geocoder.geocode(query, exactly_one=False, language=language, limit=limit) or []
    return [Candidate(**loc.raw["candidate"]) for loc in found]


def locations(found: list[Candidate], raws: list[dict] | None = None) -> list[Location]:
    """geopy Locations for candidates, each keeping its provider record and the candidate."""
    from geopy.location import Location

    raws = raws or [{} for _ in found]
    return [
        Location(
            f"{c.name}, {c.country_code or ''}".rstrip(", "),
            (c.lat, c.lon),
            {**raw, "candidate": asdict(c)},
        )
        for c, raw in zip(found, raws, strict=False)
    ]


def shape(found: list[Location], exactly_one: bool) -> Location | list[Location] | None:
    """geopy's answer shape: one Location or None, or a non-empty list or None."""
    if exactly_one:
        return found[0] if found else None
    return found or None


class GazetteerGeocoder:
    """The embedded offline gazetteer as a geocoder (the default)."""

    name = "gazetteer"

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = open_gazetteer()
        return self._gazetteer

    def geocode(
        self, query: str, *, exactly_one: bool = True, language: str | None = None, limit: int = 25
    ) -> Location | list[Location] | None:
        return shape(locations(self.candidates(query, limit=limit)), exactly_one)

    def candidates(self, query: str, *, limit: int = 25) -> list[Candidate]:
        """The gazetteer's candidates, as they are."""
        return self.gazetteer.lookup(query, limit=limit)


class OnlineGeocoder:
    """A geopy provider (Nominatim, Photon, ArcGIS, ...) with user agent, rate limit, timeout."""

    def __init__(
        self,
        service: str,
        *,
        user_agent: str = USER_AGENT,
        min_delay: float = 1.0,
        timeout: float = 10.0,
        retry_wait: float = 2.0,
        **options: object,
    ) -> None:
        from geopy.exc import GeocoderNotFound, GeopyError
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import get_geocoder_for_service

        try:
            cls = get_geocoder_for_service(service)
        except GeocoderNotFound as err:
            raise GeocoderError(f"unknown geocoder {service!r}: {err}") from err
        if "user_agent" in inspect.signature(cls.__init__).parameters:
            options["user_agent"] = user_agent
        try:
            self._provider = cls(timeout=timeout, **options)
        except (GeopyError, TypeError) as err:
            raise GeocoderError(f"cannot set up geocoder {service!r}: {err}") from err
        self.name = service
        self._deadline = 2 * timeout + retry_wait + min_delay
        self._accepts = set(inspect.signature(self._provider.geocode).parameters)
        self._geocode = RateLimiter(
            self._provider.geocode,
            min_delay_seconds=min_delay,
            max_retries=1,
            error_wait_seconds=retry_wait,
            swallow_exceptions=False,
        )

    def geocode(
        self, query: str, *, exactly_one: bool = True, language: str | None = None, limit: int = 25
    ) -> Location | list[Location] | None:
        from geopy.exc import GeopyError

        options = {"limit": limit, "language": language, "addressdetails": True}
        options = {k: v for k, v in options.items() if k in self._accepts and v is not None}
        # geopy's timeout bounds each read, not the answer: a server that drips a byte at a
        # time would hold the caller for ever, so the whole call gets a deadline too.
        future = _CALLS.submit(self._geocode, query, exactly_one=False, **options)
        try:
            found = future.result(timeout=self._deadline) or []
        except concurrent.futures.TimeoutError:
            raise GeocoderError(
                f"{self.name} did not answer {query!r} within {self._deadline:.0f} s"
            ) from None
        except GeopyError as err:
            raise GeocoderError(f"{self.name} failed for {query!r}: {err}") from err
        except (ValueError, KeyError, TypeError) as err:  # a malformed answer
            raise GeocoderError(f"{self.name} gave an unreadable answer for {query!r}") from err
        cands = [self._candidate(loc) for loc in found]
        return shape(locations(cands, [loc.raw for loc in found]), exactly_one)

    def _candidate(self, location: Location) -> Candidate:
        raw = location.raw if isinstance(location.raw, dict) else {}
        address = raw.get("address") if isinstance(raw.get("address"), dict) else {}
        ident = (
            raw.get("osm_id") or raw.get("place_id") or f"{location.latitude},{location.longitude}"
        )
        osm_type = raw.get("osm_type")
        kind = _KINDS.get(str(raw.get("addresstype") or raw.get("type") or ""), "other")
        code = address.get("country_code") or raw.get("country_code")
        return Candidate(
            id=f"{self.name}:{osm_type + '/' if osm_type else ''}{ident}",
            name=str(raw.get("name") or location.address.split(",")[0]),
            lat=location.latitude,
            lon=location.longitude,
            kind=kind,
            country_code=code.upper() if isinstance(code, str) else None,
            source=self.name,
        )


class CachedGeocoder:
    """A geocoder with the persistent cache in front: a query reaches the provider once."""

    def __init__(self, inner: Geocoder, cache: GeocodeCache | None = None) -> None:
        self.inner = inner
        self.name = inner.name
        self.cache = cache or GeocodeCache()

    def geocode(
        self, query: str, *, exactly_one: bool = True, language: str | None = None, limit: int = 25
    ) -> Location | list[Location] | None:
        found = self.cache.get(self.name, language or "", query)
        if found is None:
            found = candidates(self.inner, query, language=language, limit=limit)
            self.cache.put(self.name, language or "", query, found)
        return shape(locations(found[:limit]), exactly_one)


class FallbackGeocoder:
    """Ask `primary`; if it fails or finds nothing, warn and ask `fallback` (the gazetteer).

    After a failure the primary is left alone for `pause` seconds, so that a provider that is
    down costs one timeout per run, not one per name; what is answered meanwhile says so.
    """

    def __init__(
        self, primary: Geocoder, fallback: Geocoder, *, pause: float = 60.0, clock=time.monotonic
    ) -> None:
        self.primary, self.fallback = primary, fallback
        self.name = primary.name
        self._pause, self._clock, self._failed_at = pause, clock, None

    def geocode(
        self, query: str, *, exactly_one: bool = True, language: str | None = None, limit: int = 25
    ) -> Location | list[Location] | None:
        found = None
        if self._paused():
            # not the failure's own message: it names another reader's place
            warn(
                f"{self.primary.name} failed less than {self._pause:.0f} s ago; using the "
                f"{self.fallback.name} instead"
            )
        else:
            try:
                found = self.primary.geocode(
                    query, exactly_one=exactly_one, language=language, limit=limit
                )
                self._failed_at = None
            except GeocoderError as err:
                self._failed_at = self._clock()
                warn(f"{err}; using the {self.fallback.name} instead")
        if found:
            return found
        return self.fallback.geocode(query, exactly_one=exactly_one, language=language, limit=limit)

    def _paused(self) -> bool:
        failed_at = self._failed_at
        return failed_at is not None and self._clock() - failed_at <= self._pause

    def health(self) -> str:
        """`ok`, or since when the primary has failed and whether it is still left alone:
        what an answer given now depends on (a cache of results keys on it)."""
        failed_at = self._failed_at
        if failed_at is None:
            return "ok"
        return f"{'paused' if self._paused() else 'due'} since {failed_at}"


class MergedGeocoder:
    """Candidates from several geocoders in turn (the reader's places first), without repeats."""

    def __init__(self, *geocoders: Geocoder) -> None:
        self.geocoders = geocoders
        self.name = geocoders[-1].name

    def geocode(
        self, query: str, *, exactly_one: bool = True, language: str | None = None, limit: int = 25
    ) -> Location | list[Location] | None:
        found: dict[str, Candidate] = {}
        for geocoder in self.geocoders:
            for candidate in candidates(geocoder, query, language=language, limit=limit):
                found.setdefault(candidate.id, candidate)
        return shape(locations(list(found.values())[:limit]), exactly_one)

    def health(self) -> str:
        return ",".join(health(g) for g in self.geocoders)


def health(geocoder: Geocoder) -> str:
    """What a geocoder's answers depend on besides the query: "ok", unless an online provider
    behind it has failed (see FallbackGeocoder.health)."""
    check = getattr(geocoder, "health", None)
    return check() if check is not None else "ok"


def make_geocoder(provider: str | None = None, settings: Settings | None = None) -> Geocoder:
    """The geocoder the settings ask for: the gazetteer, or a cached online provider in
    front of it, with the reader's own places (if any) before either."""
    settings = settings or load_settings()
    provider = provider or settings.provider
    geocoder: Geocoder = GazetteerGeocoder()
    if provider != "gazetteer":
        online = OnlineGeocoder(
            provider,
            user_agent=settings.user_agent or USER_AGENT,
            min_delay=settings.min_delay,
            timeout=settings.timeout,
            **settings.options,
        )
        geocoder = FallbackGeocoder(CachedGeocoder(online), geocoder)
    if settings.user_places:
        geocoder = MergedGeocoder(UserPlaces(settings.user_places), geocoder)
    return geocoder
