"""The exception tree of geo: one root, a few kinds, one clear line for users."""


class GeoError(Exception):
    """Root of every error geo raises on purpose."""


class InputError(GeoError):
    """The input cannot be read as text (missing, binary, empty, badly formed)."""


class GazetteerError(GeoError):
    """The embedded gazetteer cannot be built or opened."""


class GeocoderError(GeoError):
    """A geocoder is unknown, misconfigured or failed to answer."""
