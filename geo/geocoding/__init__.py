"""Geocoders: names to candidate places, offline (the gazetteer) or online (geopy), cached.

The package is the registry: what the rest of geo uses is imported from here. Each geocoder
implements `geo.geocoding.base.Geocoder`; the modules import that, never this package.
"""

from geo.geocoding.base import Geocoder, candidates, health, locations, shape
from geo.geocoding.cache import CachedGeocoder, GeocodeCache
from geo.geocoding.combine import FallbackGeocoder, MergedGeocoder
from geo.geocoding.gazetteer import GazetteerGeocoder
from geo.geocoding.online import USER_AGENT, OnlineGeocoder
from geo.geocoding.registry import make_geocoder
from geo.geocoding.userplaces import UserPlaces

__all__ = [
    "USER_AGENT",
    "CachedGeocoder",
    "FallbackGeocoder",
    "GazetteerGeocoder",
    "GeocodeCache",
    "Geocoder",
    "MergedGeocoder",
    "OnlineGeocoder",
    "UserPlaces",
    "candidates",
    "health",
    "locations",
    "make_geocoder",
    "shape",
]
