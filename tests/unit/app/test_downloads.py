"""The app's downloads: named after the article and their kind, a CSV spreadsheets read."""

import csv
import io
import json

from geo.app.downloads import download_files
from geo.export.formats import to_csv, to_json
from tests.helpers import make_result

QUEBEC = make_result(
    ["Le maire de Québec a rencontré celui de Montréal."], [], doc_id="quebec.html"
)


def test_each_file_is_named_after_the_article_and_its_kind():
    names = [name for _, _, name, _ in download_files(QUEBEC, to_json(QUEBEC))]
    assert names == [
        "quebec-map.html",
        "quebec-data.json",
        "quebec-places.geojson",
        "quebec-places.csv",
        "quebec-places.kml",
    ]


def test_the_csv_starts_with_a_byte_order_mark_before_the_same_table():
    content = next(
        c for label, c, _, _ in download_files(QUEBEC, to_json(QUEBEC)) if "CSV" in label
    )()
    assert isinstance(content, bytes) and content.startswith(b"\xef\xbb\xbf")
    assert content.decode("utf-8-sig") == to_csv(QUEBEC)
    assert next(csv.reader(io.StringIO(content.decode("utf-8-sig"))))[0] == "document"


def test_each_export_is_made_when_asked_for_and_is_the_export_itself():
    made = {label: make() for label, make, _, _ in download_files(QUEBEC, to_json(QUEBEC))}
    assert made["Data (JSON)"] == to_json(QUEBEC)
    assert made["Map (HTML)"].lstrip().lower().startswith("<!doctype html>")
    assert "<title>quebec.html</title>" in made["Map (HTML)"]
    assert "<name>quebec.html</name>" in made["Google Earth (KML)"]
    assert json.loads(made["GeoJSON"])["type"] == "FeatureCollection"
