"""The JSON and GeoJSON forms of a Result: the serialisation of the types in `geo.model`."""
from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from shapely import LineString, MultiLineString

from geo.arcs import arc_between, split_antimeridian
from geo.model import Place, Result, Route


def to_dict(result: Result, *, include_text: bool = False) -> dict[str, Any]:
    """The JSON output contract (see README): passages, places with mentions, routes."""
    data: dict[str, Any] = {
        "id": result.id, "language": result.language,
        "passages": [asdict(p) for p in result.passages],
        "places": [_place(p) for p in result.places],
        "routes": [_route(r) for r in result.routes],
    }
    if result.warnings:
        data["warnings"] = list(result.warnings)
    if include_text:
        data["text"] = result.text
    return data


def _place(place: Place) -> dict[str, Any]:
    data = asdict(place)
    data["mentions"] = [asdict(m) for m in place.mentions]
    data["alternatives"] = [
        {**asdict(a.candidate), "score": a.score, "reason": a.reason} for a in place.alternatives]
    return data


def _route(route: Route) -> dict[str, Any]:
    data = asdict(route)
    return {"from": data.pop("from_id"), "to": data.pop("to_id"), **data}


def to_json(result: Result, *, indent: int | None = 2) -> str:
    """The result as a JSON document."""
    return json.dumps(to_dict(result), ensure_ascii=False, indent=indent)


def to_geojson(result: Result) -> dict[str, Any]:
    """Places as Point features and routes as LineString features (RFC 7946, lon/lat order).

    A route is its geodesic arc; one that crosses the antimeridian is a MultiLineString of two
    parts that meet at ±180. Routes with no origin have no line and are left out.
    """
    features = []
    for place in result.places:
        properties = {k: v for k, v in _place(place).items() if k not in {"lat", "lon"}}
        properties["document"] = result.id
        features.append({"type": "Feature", "id": place.id,
                         "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                         "properties": properties})
    for route in result.routes:
        start, end = result.place(route.from_id or ""), result.place(route.to_id)
        line = arc_between(start, end) if start and end else None
        if line is None:  # no stated or inferred origin: nothing to draw
            continue
        features.append({"type": "Feature", "geometry": _geometry(split_antimeridian(line)),
                         "properties": {**_route(route), "from_name": start.name,
                                        "to_name": end.name, "document": result.id}})
    return {"type": "FeatureCollection", "features": features}


def _geometry(line: LineString | MultiLineString) -> dict[str, Any]:
    """GeoJSON geometry of a route: the geodesic arc, cut in two where it crosses ±180."""
    if isinstance(line, MultiLineString):
        return {"type": "MultiLineString",
                "coordinates": [[list(p) for p in part.coords] for part in line.geoms]}
    return {"type": "LineString", "coordinates": [list(p) for p in line.coords]}
