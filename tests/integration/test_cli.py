"""The command line: its commands run in this process (`geo.cli.main.main`, what
`python -m geo` and the `geo` script call), and `python -m geo` itself once."""

import csv
import importlib
import io
import json
import subprocess
import sys
import tomllib
from dataclasses import dataclass

import pytest

from geo.cli.main import main
from geo.cli.parse import FORMATS
from tests.conftest import ROOT, SEED


@dataclass(frozen=True)
class Run:
    """What a command gave: its exit status, standard output and standard error."""

    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def geo(capsys):
    """`geo ARGS...` in this process: its exit status and what it wrote."""

    def run(*args) -> Run:
        status = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return Run(status, out, err)

    return run


def test_python_m_geo_and_the_geo_script_run_the_cli():
    run = subprocess.run(
        [sys.executable, "-m", "geo", "--help"], capture_output=True, text=True, cwd=ROOT
    )
    assert run.returncode == 0 and run.stdout.startswith("usage: geo ")
    run = subprocess.run([sys.executable, "-m", "geo"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2
    assert run.stderr == "geo: the following arguments are required: COMMAND\n"
    # the `geo` script that pip makes from pyproject.toml (an install older than it may differ)
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    module, _, name = scripts["scripts"]["geo"].partition(":")
    assert getattr(importlib.import_module(module), name) is main


def test_parse_json_contract(tmp_path, geo):
    out = tmp_path / "seed.json"
    run = geo("parse", str(SEED), "--format", "json", "-o", str(out))
    assert run.returncode == 0, run.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    text = SEED.read_text(encoding="utf-8")
    assert data["id"] == SEED.name and data["language"] == "fr"
    assert {"id", "start", "end", "text"} <= set(data["passages"][0])
    place = data["places"][0]
    assert {
        "id",
        "name",
        "lat",
        "lon",
        "kind",
        "country_code",
        "source",
        "confidence",
        "mentions",
        "alternatives",
    } <= set(place)
    for place in data["places"]:
        for m in place["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    assert {"from", "to", "traveler", "mode", "when", "status", "passage", "evidence"} <= set(
        data["routes"][0]
    )


def test_parse_geojson_and_html(tmp_path, geo):
    run = geo("parse", str(SEED), "--format", "geojson")
    assert run.returncode == 0, run.stderr
    collection = json.loads(run.stdout)
    kinds = {f["geometry"]["type"] for f in collection["features"]}
    assert collection["type"] == "FeatureCollection" and kinds == {"Point", "LineString"}
    run = geo("parse", str(SEED), "--format", "html", "-o", str(tmp_path / "map.html"))
    assert run.returncode == 0 and "Vladivostok" in (tmp_path / "map.html").read_text(
        encoding="utf-8"
    )


def test_jsonl_in_jsonl_out(tmp_path, geo):
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        "\n".join(
            json.dumps(d, ensure_ascii=False)
            for d in [
                {
                    "id": "a",
                    "text": "Le ministre est arrivé à Moscou.",
                    "lang": "fr",
                    "toponyms": [],
                },
                {"id": "2", "text": "Officials met in Nairobi and Kampala."},
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    run = geo("parse", "--jsonl", str(docs))
    assert run.returncode == 0, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert [d["id"] for d in lines] == ["a", "2"]
    assert lines[0]["places"][0]["country_code"] == "RU"
    assert lines[1]["language"] == "en"


@pytest.mark.parametrize(
    "args, content, message",
    [
        (["parse", "missing.txt"], None, "no such file"),
        (["parse", "{file}"], b"%PDF-1.4 binary", "binary"),
        (["parse", "{file}"], b"   \n", "empty"),
        (["parse", "--jsonl", "{file}"], b'{"id": "1"}\n', "text"),
        (["parse", "--jsonl", "{file}"], b'{"id": 1, "text": "Paris"}\n', "must be a string"),
        (["parse", "--jsonl", "{file}"], b"not json\n", "not JSON"),
        (["parse"], None, "either FILE"),
        (["parse", "{file}", "--geocoder", "nosuch"], b"Paris", "unknown geocoder"),
    ],
)
def test_bad_input_gives_one_line_and_non_zero_exit(tmp_path, geo, args, content, message):
    path = tmp_path / "input"
    if content is not None:
        path.write_bytes(content)
    run = geo(*[a.replace("{file}", str(path)) for a in args])
    assert run.returncode != 0
    assert message in run.stderr and len(run.stderr.strip().splitlines()) == 1
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(
    "query, name, country",
    [
        ("Moscou", "Moscow", "RU"),
        ("Washington", "Washington", "US"),
        ("RPDC", "North Korea", "KP"),
        ("Corée du Nord", "North Korea", "KP"),
        ("Pékin", "Beijing", "CN"),
    ],
)
def test_geocode_ranks_the_expected_place_first(geo, query, name, country):
    run = geo("geocode", query, "--lang", "fr", "--limit", "3", "--format", "json")
    assert run.returncode == 0, run.stderr
    first = json.loads(run.stdout)[0]
    assert (first["name"], first["country_code"]) == (name, country)
    assert {"lat", "lon", "kind", "population", "score", "reason", "id"} <= set(first)


@pytest.mark.parametrize(
    "query, country, kind",
    [
        ("Primorsky", "RU", "region"),
        ("Primorié", "RU", "region"),
        ("Bavière", "DE", "region"),
        ("Sibérie", "RU", "region"),
        ("Texas", "US", "region"),
        ("Crimée", "UA", "region"),
    ],
)
def test_geocode_finds_regions(geo, query, country, kind):
    run = geo("geocode", query, "--format", "json")
    assert run.returncode == 0, run.stderr
    first = json.loads(run.stdout)[0]
    assert (first["country_code"], first["kind"]) == (country, kind)


def test_geocode_text_output_and_unknown_name(geo):
    run = geo("geocode", "Washington", "--limit", "2")
    lines = run.stdout.splitlines()
    assert run.returncode == 0 and len(lines) == 2 and "capital of US" in lines[0]
    run = geo("geocode", "Xyzzyville")
    assert run.returncode == 2 and run.stderr.strip() == "geo: no place called 'Xyzzyville'"


def test_gazetteer_import_command(tmp_path, monkeypatch, geo):
    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path))
    run = geo("gazetteer", "import", ROOT / "tests/fixtures/geonames_sample.zip")
    assert run.returncode == 0, run.stderr
    assert "4 places added" in run.stderr and (tmp_path / "gazetteer-imported.sqlite").is_file()


def test_parse_with_the_article_date(geo):
    run = geo("parse", str(SEED), "--date", "2023-09-05")
    assert run.returncode == 0, run.stderr
    dates = {r["when"]: r["when_iso"] for r in json.loads(run.stdout)["routes"]}
    assert dates["ce mois-ci"] == "2023-09" and dates["en juillet"] == "2023-07"
    run = geo("parse", str(SEED), "--date", "yesterday")
    assert run.returncode == 2 and "YYYY-MM-DD" in run.stderr


@pytest.fixture
def corrected_seed(tmp_path, monkeypatch, seed_text):
    """A correction saved as the app saves it: the seed's Washington is the English town."""
    from geo.corrections import Correction, CorrectionStore, document_key
    from tests.conftest import WASHINGTON_UK, isolated_cache

    monkeypatch.setenv("GEO_CACHE_DIR", str(isolated_cache(tmp_path / "cache")))
    start = seed_text.index("Washington")
    CorrectionStore().add(
        Correction(
            document_key(seed_text),
            "choose",
            start,
            start + len("Washington"),
            "Washington",
            WASHINGTON_UK,
        )
    )
    return tmp_path


def washington_lats(fmt: str, out: str) -> set[float]:
    """The latitudes at which an output puts the place called Washington."""
    import csv
    import io
    import re
    import xml.etree.ElementTree as ET

    if fmt == "json":
        return {p["lat"] for p in json.loads(out)["places"] if p["name"] == "Washington"}
    if fmt == "geojson":
        return {
            f["geometry"]["coordinates"][1]
            for f in json.loads(out)["features"]
            if f["properties"].get("name") == "Washington"
        }
    if fmt == "csv":
        return {
            float(r["lat"])
            for r in csv.DictReader(io.StringIO(out))
            if r["place_name"] == "Washington"
        }
    if fmt == "kml":
        ns = {"k": "http://www.opengis.net/kml/2.2"}
        return {
            float(p.find("k:Point/k:coordinates", ns).text.split(",")[1])
            for p in ET.fromstring(out).iterfind(".//k:Placemark", ns)
            if p.findtext("k:name", namespaces=ns) == "Washington"
            and p.find("k:Point", ns) is not None
        }
    # html: the popup's facts, "city · GB · 54.9000, -1.5167"
    return {
        float(lat) for lat in re.findall(r"<b>Washington</b><br><small>[^<]*?(-?[\d.]+), ", out)
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_parse_applies_the_saved_corrections_unless_told_not_to(corrected_seed, capsys, fmt):
    assert main(["parse", str(SEED), "--format", fmt]) == 0
    assert washington_lats(fmt, capsys.readouterr().out) == {54.9}
    assert main(["parse", str(SEED), "--format", fmt, "--no-corrections"]) == 0
    (raw,) = washington_lats(fmt, capsys.readouterr().out)
    assert raw == pytest.approx(38.895, abs=1e-3)


def test_parse_jsonl_applies_the_saved_corrections(corrected_seed, capsys, seed_text):
    docs = corrected_seed / "docs.jsonl"
    docs.write_text(json.dumps({"id": "a", "text": seed_text}) + "\n", encoding="utf-8")
    assert main(["parse", "--jsonl", str(docs)]) == 0
    (washington,) = [
        p for p in json.loads(capsys.readouterr().out)["places"] if p["name"] == "Washington"
    ]
    assert washington["lat"] == 54.9 and washington["reason"] == "chosen by the reader"


ADJECTIVES = "Georgian troops shelled Russian positions near Tbilisi. Russia denied it."


def places_and_mentions(out: str) -> dict[str, list[tuple[str, bool]]]:
    """Each place of a JSON result by name: its mentions' words, and whether each is a
    demonym."""
    return {
        p["name"]: [(m["text"], m["demonym"]) for m in p["mentions"]]
        for p in json.loads(out)["places"]
    }


def test_parse_no_demonyms_leaves_out_the_countries_named_by_an_adjective(tmp_path, geo):
    article = tmp_path / "article.txt"
    article.write_text(ADJECTIVES, encoding="utf-8")
    run = geo("parse", article, "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert places_and_mentions(run.stdout) == {
        "Georgia": [("Georgian", True)],
        "Russia": [("Russian", True), ("Russia", False)],
        "Tbilisi": [("Tbilisi", False)],
    }
    run = geo("parse", article, "--lang", "en", "--no-demonyms")
    assert run.returncode == 0, run.stderr
    assert places_and_mentions(run.stdout) == {
        "Russia": [("Russia", False)],
        "Tbilisi": [("Tbilisi", False)],
    }
    run = geo("parse", article, "--lang", "en", "--no-demonyms", "--format", "csv")
    rows = csv.DictReader(io.StringIO(run.stdout))
    assert [(r["place_name"], r["mention"]) for r in rows] == [
        ("Tbilisi", "Tbilisi"),
        ("Russia", "Russia"),
    ]


def test_a_csv_file_starts_with_a_byte_order_mark_for_spreadsheets(tmp_path, geo):
    article = tmp_path / "a.txt"
    article.write_text("Le président est arrivé à Québec puis à Montréal.", encoding="utf-8")
    out = tmp_path / "places.csv"
    run = geo("parse", article, "--lang", "fr", "--format", "csv", "-o", out)
    assert run.returncode == 0, run.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfdocument,")  # UTF-8's BOM, then the header
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["mention"] for r in rows] == ["Québec", "Montréal"]
    printed = geo("parse", article, "--lang", "fr", "--format", "csv")
    assert printed.stdout.startswith("document,")  # to a pipe: no BOM


def test_parse_jsonl_no_demonyms(tmp_path, geo):
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "a", "text": ADJECTIVES, "lang": "en"}) + "\n")
    run = geo("parse", "--jsonl", docs, "--no-demonyms")
    assert run.returncode == 0, run.stderr
    assert set(places_and_mentions(run.stdout)) == {"Russia", "Tbilisi"}


def test_eval_without_a_scorer_names_the_option_and_the_variable(tmp_path, monkeypatch, geo):
    monkeypatch.delenv("GEO_SCORER", raising=False)
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a", "text": "Paris"}) + "\n", encoding="utf-8")
    run = geo("eval", gold)
    assert run.returncode == 2
    assert run.stderr == (
        "geo: eval needs the shared scorer (score.py): give --scorer or set GEO_SCORER\n"
    )
    scorer = tmp_path / "score.py"
    scorer.write_text("import sys\nprint('scored', open(sys.argv[2]).read().count('\\n'))\n")
    monkeypatch.setenv("GEO_SCORER", str(scorer))
    run = geo("eval", gold)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("== gold.jsonl\nscored 1\nspeed: ")


def test_bench_outside_a_checkout_is_one_line(tmp_path, monkeypatch, geo):
    monkeypatch.setenv("GEO_BENCHMARKS", str(tmp_path / "benchmarks"))
    run = geo("bench", "lookup")
    assert run.returncode == 2 and run.stderr == (
        f"geo: no benchmarks at {tmp_path / 'benchmarks'}: geo bench runs in a checkout of "
        "geo's source (or set GEO_BENCHMARKS to its benchmarks folder)\n"
    )


@pytest.mark.parametrize(
    "option, variable, message",
    [
        ("--eval-dir", "GEO_EVAL_DIR", "is not a folder"),
        ("--chromium", "GEO_CHROMIUM", "is not a program"),
    ],
)
def test_bench_refuses_a_path_that_is_not_there(
    tmp_path, monkeypatch, geo, option, variable, message
):
    missing = tmp_path / "missing"
    for args in ([option, missing], []):
        if not args:
            monkeypatch.setenv(variable, str(missing))
        run = geo("bench", "lookup", *args)
        assert run.returncode == 2
        assert run.stderr == f"geo: {option} (or {variable}) {missing} {message}\n"
