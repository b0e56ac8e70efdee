"""Online geocoding through a geopy provider, with user agent, rate limit and deadline."""

from __future__ import annotations

import concurrent.futures
import inspect
import logging
from typing import TYPE_CHECKING, Any

from geo.errors import GeocoderError
from geo.geocoding.base import Geocoder, locations, shape
from geo.model import Candidate

if TYPE_CHECKING:
    from geopy.location import Location

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


class OnlineGeocoder(Geocoder):
    """A geopy provider (Nominatim, Photon, ArcGIS, ...) with user agent, rate limit, timeout."""

    def __init__(
        self,
        service: str,
        *,
        user_agent: str = USER_AGENT,
        min_delay: float = 1.0,
        timeout: float = 10.0,
        retry_wait: float = 2.0,
        **options: Any,
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
        found = found[:limit]  # a provider without a limit option may answer more
        cands = [self._candidate(loc) for loc in found]
        return shape(locations(cands, [loc.raw for loc in found]), exactly_one)

    def _candidate(self, location: Location) -> Candidate:
        raw = location.raw if isinstance(location.raw, dict) else {}
        address = raw.get("address")
        address = address if isinstance(address, dict) else {}
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
