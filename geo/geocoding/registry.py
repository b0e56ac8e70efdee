"""The geocoder the settings ask for, put together from the providers of this package."""

from __future__ import annotations

from geo.config import Settings, load_settings
from geo.geocoding.base import Geocoder
from geo.geocoding.cache import CachedGeocoder
from geo.geocoding.combine import FallbackGeocoder, MergedGeocoder
from geo.geocoding.gazetteer import GazetteerGeocoder
from geo.geocoding.online import USER_AGENT, OnlineGeocoder
from geo.geocoding.userplaces import UserPlaces


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
