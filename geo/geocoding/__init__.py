"""Geocoders: names to candidate places, offline (the gazetteer) or online (geopy), cached.

The package is the registry: what the rest of geo uses is imported from here.
"""

from geo.geocoding.geocoders import (
    USER_AGENT,
    CachedGeocoder,
    FallbackGeocoder,
    GazetteerGeocoder,
    Geocoder,
    MergedGeocoder,
    OnlineGeocoder,
    candidates,
    health,
    make_geocoder,
)
from geo.geocoding.userplaces import UserPlaces

__all__ = [
    "USER_AGENT",
    "CachedGeocoder",
    "FallbackGeocoder",
    "GazetteerGeocoder",
    "Geocoder",
    "MergedGeocoder",
    "OnlineGeocoder",
    "UserPlaces",
    "candidates",
    "health",
    "make_geocoder",
]
