"""The JSON and GeoJSON forms of a Result: the serialisation of the types in `geo.model`."""
from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

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
    """Places as Point features and routes as LineString features (RFC 7946, lon/lat order)."""
    features = []
    for place in result.places:
        properties = {k: v for k, v in _place(place).items() if k not in {"lat", "lon"}}
        properties["document"] = result.id
        features.append({"type": "Feature", "id": place.id,
                         "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                         "properties": properties})
    for route in result.routes:
        start, end = result.place(route.from_id or ""), result.place(route.to_id)
        if start is None or end is None:
            continue
        features.append({"type": "Feature",
                         "geometry": {"type": "LineString", "coordinates": [
                             [start.lon, start.lat], [end.lon, end.lat]]},
                         "properties": {**_route(route), "document": result.id}})
    return {"type": "FeatureCollection", "features": features}
