"""Hostile article text through the whole pipeline: every export stays inert and exact."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from geo.export.formats import to_csv, to_geojson, to_kml
from geo.pipeline import parse

PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "</script><script>window.__pwned=1</script>",
    '<a href="javascript:window.__pwned=1">lien</a> [lien](javascript:window.__pwned=1)',
    '");window.__pwned=1;//',
    "\\');window.__pwned=1;//",
    "`${window.__pwned=1}`",
    ":red[alerte] $$x^2$$ **gras** <style>body{display:none}</style>",
    '=HYPERLINK("http://evil.example","clic")',
    "x" * 5000,
]
ARTICLE = "\n\n".join(
    f"Le ministre est arrivé à {city} {payload} puis il est reparti vers Vladivostok."
    for city, payload in zip(
        [
            "Moscou",
            "Séoul",
            "Pékin",
            "Tokyo",
            "Berlin",
            "Madrid",
            "Rome",
            "Vienne",
            "Prague",
            "Varsovie",
        ],
        PAYLOADS,
        strict=False,
    )
) + ('\n\n=HYPERLINK("http://evil.example","clic") Le ministre est arrivé à Lisbonne.')


@pytest.fixture(scope="module")
def result():
    return parse(ARTICLE, doc_id=f"article {PAYLOADS[0]}", language="fr")


def test_the_article_was_read(result):
    assert len(result.places) >= 8 and result.routes


def test_csv_defuses_formulas_and_reads_back(result):
    rows = list(csv.DictReader(io.StringIO(to_csv(result))))
    assert rows
    for row in rows:
        for value in row.values():
            if _number(value):
                continue  # "-77.03" is a longitude, not a formula
            assert not (value or "").startswith(("=", "+", "-", "@", "\t", "\r")), value
    assert any(v.startswith("'=HYPERLINK") for row in rows for v in row.values() if v)


def _number(value: str | None) -> bool:
    try:
        float(value or "")
        return True
    except ValueError:
        return False


def test_kml_is_well_formed_and_keeps_the_text(result):
    root = ET.fromstring(to_kml(result).encode("utf-8"))
    text = "".join(root.itertext())
    assert "<script>window.__pwned=1</script>" in text  # as text, not markup
    assert not root.findall(".//{*}script")


def test_geojson_is_data(result):
    data = json.loads(json.dumps(to_geojson(result)))
    assert data["type"] == "FeatureCollection"
