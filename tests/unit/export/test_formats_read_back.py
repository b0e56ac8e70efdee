"""CSV, KML and GeoJSON exports read back as their readers would: the csv module, an XML
parser, shapely and the rules of RFC 7946; spreadsheet formulas and markup stay inert."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from shapely.geometry import shape

from geo.export.formats import CSV_COLUMNS, KML_NS, csv_cell, to_csv, to_geojson, to_kml
from tests.helpers import INJECTIONS, MOSCOW, TRIP, make_result

K = {"k": KML_NS}
FORMULAS = ('=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd")
EVIL = make_result(
    [f"In Moscow {f}" for f in FORMULAS]
    + [f"Moscow: {i}" for i in INJECTIONS]
    + ["Moscow \x0b vertical tab"],
    [MOSCOW],
    doc_id="=evil<doc>&",
)


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_has_one_row_per_mention_with_exact_offsets():
    rows = read_csv(to_csv(TRIP))
    assert list(rows[0]) == list(CSV_COLUMNS)
    mentions = [m for p in TRIP.places for m in p.mentions]
    assert len(rows) == len(mentions)
    for row in rows:
        assert TRIP.text[int(row["start"]) : int(row["end"])] == row["mention"]
        assert row["document"] == "sample" and float(row["lat"]) and float(row["lon"])
    assert [r["start"] for r in rows] == sorted((r["start"] for r in rows), key=int)


def test_csv_defuses_formulas_and_keeps_numbers():
    rows = read_csv(to_csv(EVIL))
    cells = [
        v
        for row in rows
        for k, v in row.items()
        if k not in {"lat", "lon", "start", "end", "passage", "confidence"}
    ]
    assert all(not v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in cells)
    assert rows[0]["document"] == "'=evil<doc>&"
    assert {r["passage_text"] for r in rows} >= {f"In Moscow {f}" for f in FORMULAS}  # inside: kept
    assert csv_cell("-2+3") == "'-2+3" and csv_cell(-77.036) == -77.036


def test_csv_of_several_documents_is_one_table():
    other = make_result(["Moscow again."], [MOSCOW], doc_id="other")
    rows = read_csv(to_csv([TRIP, other]))
    assert [r["document"] for r in rows].count("other") == 1
    assert len(rows) == len(read_csv(to_csv(TRIP))) + 1


def test_kml_parses_with_places_as_points_and_routes_as_lines():
    root = ET.fromstring(to_kml(TRIP).encode("utf-8"))
    marks = root.findall(".//k:Placemark", K)
    points = [m for m in marks if m.find("k:Point", K) is not None]
    assert [m.findtext("k:name", namespaces=K) for m in points] == [
        "Vladivostok",
        "Moscow",
        "Washington",
    ]
    lon, lat = map(float, points[0].findtext("k:Point/k:coordinates", namespaces=K).split(","))
    assert (lon, lat) == (131.874, 43.106)  # KML is lon,lat too
    lines = [m for m in marks if m.find(".//k:LineString", K) is not None]
    assert len(lines) == 2  # the origin-less route has no line
    pacific = lines[1].findall("k:MultiGeometry/k:LineString", K)
    assert len(pacific) == 2  # cut at the antimeridian
    for line in root.iterfind(".//k:LineString/k:coordinates", K):
        for pair in line.text.split():
            x, y = map(float, pair.split(","))
            assert -180 <= x <= 180 and -90 <= y <= 90


def test_kml_text_is_escaped_by_the_xml_writer():
    text = to_kml(EVIL)
    root = ET.fromstring(text.encode("utf-8"))  # parses: \x0b was replaced, markup escaped
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert root.find(".//k:Folder/k:name", K).text == "=evil<doc>&"
    description = root.find(".//k:Placemark/k:description", K).text
    assert INJECTIONS[0] in description  # the same text, as text


def test_geojson_is_valid_rfc_7946():
    collection = json.loads(json.dumps(to_geojson(TRIP)))
    assert collection["type"] == "FeatureCollection"
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        geometry = shape(feature["geometry"])
        assert geometry.is_valid and not geometry.is_empty
        coords = [c for part in getattr(geometry, "geoms", [geometry]) for c in part.coords]
        assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in coords)  # lon, lat
        assert "crs" not in collection  # RFC 7946 dropped it: WGS84 only
    (vl,) = [f for f in collection["features"] if f.get("id") == "vl"]
    assert vl["geometry"]["coordinates"] == [131.874, 43.106]
    assert vl["properties"]["mentions"][0]["start"] == 17


@pytest.mark.parametrize(
    "fmt, check",
    [
        ("csv", lambda out: read_csv(out)[0]["place_name"]),
        ("kml", lambda out: ET.fromstring(out.encode()).find(".//k:Placemark/k:name", K).text),
    ],
)
def test_cli_writes_csv_and_kml(tmp_path, capsys, fmt, check):
    from geo.cli.main import main

    article = tmp_path / "a.txt"
    article.write_text("Le ministre est arrivé à Moscou.", encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    assert main(["parse", str(article), "--format", fmt, "-o", str(out)]) == 0, capsys.readouterr()
    assert check(out.read_text(encoding="utf-8")) == "Moscow"
