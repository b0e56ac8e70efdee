"""geo: read a news article, find its places and journeys, and map them, offline.

The public API, loaded on first use (importing geo loads no model and no gazetteer):

    >>> import geo
    >>> result = geo.parse("Kim Jong Un est arrivé à Vladivostok.", language="fr")
    >>> [place.name for place in result.places]
    ['Vladivostok']

`parse` reads one text into a `Result` (its `Passage`s, `Place`s with their `Mention`s, and
`Route`s); `make_geocoder` makes the geocoder the settings ask for; `to_json`, `to_geojson`,
`to_csv`, `to_kml` and `to_html` write a Result out; `build_map` draws it with folium. Every
error geo raises is a `GeoError`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_WHERE = {
    "parse": "geo.pipeline",
    "Result": "geo.model",
    "Passage": "geo.model",
    "Place": "geo.model",
    "Mention": "geo.model",
    "Route": "geo.model",
    "Candidate": "geo.model",
    "GeoError": "geo.errors",
    "Geocoder": "geo.geocoding",
    "make_geocoder": "geo.geocoding",
    "to_json": "geo.export.formats",
    "to_geojson": "geo.export.formats",
    "to_csv": "geo.export.formats",
    "to_kml": "geo.export.formats",
    "to_html": "geo.export.html",
    "build_map": "geo.maps.document",
}
__all__ = [  # written out for the tools that read it; the same names as _WHERE
    "__version__",
    "parse",
    "Result",
    "Passage",
    "Place",
    "Mention",
    "Route",
    "Candidate",
    "GeoError",
    "Geocoder",
    "make_geocoder",
    "to_json",
    "to_geojson",
    "to_csv",
    "to_kml",
    "to_html",
    "build_map",
]

if TYPE_CHECKING:
    from geo.errors import GeoError
    from geo.export.formats import to_csv, to_geojson, to_json, to_kml
    from geo.export.html import to_html
    from geo.geocoding import Geocoder, make_geocoder
    from geo.maps.document import build_map
    from geo.model import Candidate, Mention, Passage, Place, Result, Route
    from geo.pipeline import parse


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'geo' has no attribute {name!r}")
