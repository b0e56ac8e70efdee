"""Hostile article text through the whole pipeline: every export stays inert and exact."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from geo.export.formats import to_csv, to_geojson, to_kml
from geo.pipeline import parse
from tests.helpers import SCRIPT, UNTRUSTED_ARTICLE, UNTRUSTED_PAYLOADS


@pytest.fixture(scope="module")
def result():
    return parse(UNTRUSTED_ARTICLE, doc_id=f"article {UNTRUSTED_PAYLOADS[0]}", language="fr")


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
    assert SCRIPT in text  # as text, not markup
    assert not root.findall(".//{*}script")


def test_geojson_is_data(result):
    data = json.loads(json.dumps(to_geojson(result)))
    assert data["type"] == "FeatureCollection"
