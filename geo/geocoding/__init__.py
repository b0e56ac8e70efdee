"""Geocoders: names to candidate places, offline (the gazetteer) or online (geopy), cached."""
