"""The JSON, GeoJSON, CSV and KML forms of a Result: the serialisation of the types in
`geo.model`, in one place."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from shapely import LineString, MultiLineString

from geo.maps.arcs import arc_between, split_antimeridian
from geo.model import Place, Result, Route


def to_dict(result: Result, *, include_text: bool = False) -> dict[str, Any]:
    """The JSON output contract (see README): passages, places with mentions, routes."""
    data: dict[str, Any] = {
        "id": result.id,
        "language": result.language,
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
        {**asdict(a.candidate), "score": a.score, "reason": a.reason} for a in place.alternatives
    ]
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
        features.append(
            {
                "type": "Feature",
                "id": place.id,
                "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                "properties": properties,
            }
        )
    for route in result.routes:
        start, end = result.place(route.from_id or ""), result.place(route.to_id)
        if start is None or end is None:  # no stated or inferred origin: nothing to draw
            continue
        line = arc_between(start, end)
        if line is None:  # both ends on one point
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": _geometry(split_antimeridian(line)),
                "properties": {
                    **_route(route),
                    "from_name": start.name,
                    "to_name": end.name,
                    "document": result.id,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _geometry(line: LineString | MultiLineString) -> dict[str, Any]:
    """GeoJSON geometry of a route: the geodesic arc, cut in two where it crosses ±180."""
    if isinstance(line, MultiLineString):
        return {
            "type": "MultiLineString",
            "coordinates": [[list(p) for p in part.coords] for part in line.geoms],
        }
    return {"type": "LineString", "coordinates": [list(p) for p in line.coords]}


# --- tables and Google Earth ------------------------------------------------------------------

CSV_COLUMNS = (
    "document",
    "place_id",
    "place_name",
    "kind",
    "country_code",
    "lat",
    "lon",
    "source",
    "confidence",
    "mention",
    "start",
    "end",
    "passage",
    "passage_text",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
KML_NS = "http://www.opengis.net/kml/2.2"
# characters XML 1.0 cannot hold at all, even escaped
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def csv_cell(value: object) -> object:
    """A spreadsheet-safe cell: text that a spreadsheet would run as a formula gets a leading
    apostrophe (OWASP's advice); numbers stay numbers.

    >>> csv_cell("=HYPERLINK(1)"), csv_cell(-77.0), csv_cell("Moscou")
    ("'=HYPERLINK(1)", -77.0, 'Moscou')
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_rows(result: Result) -> list[dict[str, Any]]:
    """One row per mention (a place named nowhere, such as an inferred origin, gets one row
    with empty mention columns), in reading order."""
    passages = {p.id: p for p in result.passages}
    rows = []
    for place in result.places:
        base = {
            "document": result.id,
            "place_id": place.id,
            "place_name": place.name,
            "kind": place.kind,
            "country_code": place.country_code or "",
            "lat": place.lat,
            "lon": place.lon,
            "source": place.source,
            "confidence": place.confidence,
        }
        for mention in place.mentions or (None,):
            passage = passages.get(mention.passage) if mention else None
            rows.append(
                {
                    **base,
                    "mention": mention.text if mention else "",
                    "start": mention.start if mention else "",
                    "end": mention.end if mention else "",
                    "passage": mention.passage if mention else "",
                    "passage_text": passage.text if passage else "",
                }
            )
    return sorted(rows, key=lambda r: (r["start"] == "", r["start"] or 0))


def to_csv(results: Result | Iterable[Result]) -> str:
    """Every mention of one or more results as CSV (RFC 4180, header row, formulas defused)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for result in _each(results):
        for row in csv_rows(result):
            writer.writerow({k: csv_cell(v) for k, v in row.items()})
    return out.getvalue()


def to_kml(results: Result | Iterable[Result]) -> str:
    """Places as Placemarks with a Point, routes as Placemarks with a LineString (two in a
    MultiGeometry across ±180), one Folder per document; every text escaped by ElementTree."""
    ET.register_namespace("", KML_NS)
    root = ET.Element(_k("kml"))
    document = ET.SubElement(root, _k("Document"))
    _text(document, "name", "geo")
    for result in _each(results):
        folder = ET.SubElement(document, _k("Folder"))
        _text(folder, "name", result.id)
        passages = {p.id: p for p in result.passages}
        for place in result.places:
            _kml_place(folder, result, place, passages)
        for route in result.routes:
            _kml_route(folder, result, route)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _kml_place(folder: ET.Element, result: Result, place: Place, passages: dict) -> None:
    mark = ET.SubElement(folder, _k("Placemark"), id=_xml_id(result.id, place.id))
    _text(mark, "name", place.name)
    said = [passages[m.passage].text for m in place.mentions if m.passage in passages]
    _text(mark, "description", "\n\n".join(dict.fromkeys(said)) or place.reason)
    _extended(
        mark,
        {
            "id": place.id,
            "kind": place.kind,
            "country_code": place.country_code or "",
            "source": place.source,
            "confidence": place.confidence,
            "reason": place.reason,
            "mentions": len(place.mentions),
            "document": result.id,
        },
    )
    point = ET.SubElement(mark, _k("Point"))
    _text(point, "coordinates", f"{place.lon},{place.lat}")


def _kml_route(folder: ET.Element, result: Result, route: Route) -> None:
    start, end = result.place(route.from_id or ""), result.place(route.to_id)
    line = arc_between(start, end) if start is not None and end is not None else None
    if start is None or end is None or line is None:
        return
    mark = ET.SubElement(folder, _k("Placemark"))
    _text(mark, "name", f"{route.traveler or 'Journey'}: {start.name} → {end.name}")
    _text(mark, "description", route.evidence)
    _extended(
        mark, {k: "" if v is None else v for k, v in _route(route).items() if k != "evidence"}
    )
    split = split_antimeridian(line)
    parts = list(split.geoms) if isinstance(split, MultiLineString) else [split]
    holder = ET.SubElement(mark, _k("MultiGeometry")) if len(parts) > 1 else mark
    for part in parts:
        geometry = ET.SubElement(holder, _k("LineString"))
        _text(geometry, "tessellate", "1")
        _text(geometry, "coordinates", " ".join(f"{x:.5f},{y:.5f}" for x, y in part.coords))


def _each(results: Result | Iterable[Result]) -> list[Result]:
    return [results] if isinstance(results, Result) else list(results)


def _k(tag: str) -> str:
    return f"{{{KML_NS}}}{tag}"


def _text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    child = ET.SubElement(parent, _k(tag))
    child.text = _NOT_XML.sub("\ufffd", value)
    return child


def _extended(mark: ET.Element, values: dict[str, object]) -> None:
    data = ET.SubElement(mark, _k("ExtendedData"))
    for key, value in values.items():
        item = ET.SubElement(data, _k("Data"), name=key)
        _text(item, "value", str(value))


def _xml_id(document: str, place_id: str) -> str:
    """An XML ID (a name: no colon, no leading digit) for a place of a document."""
    return "p-" + re.sub(r"[^\w.-]", "-", f"{document}-{place_id}")
