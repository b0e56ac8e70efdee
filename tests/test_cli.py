"""The command line, run as users run it: `python -m geo ...` in a subprocess."""
import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SEED


def geo(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True,
                          input=stdin, cwd=ROOT, timeout=120)


def test_parse_json_contract(tmp_path):
    out = tmp_path / "seed.json"
    run = geo("parse", str(SEED), "--format", "json", "-o", str(out))
    assert run.returncode == 0, run.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    text = SEED.read_text(encoding="utf-8")
    assert data["id"] == SEED.name and data["language"] == "fr"
    assert {"id", "start", "end", "text"} <= set(data["passages"][0])
    place = data["places"][0]
    assert {"id", "name", "lat", "lon", "kind", "country_code", "source", "confidence",
            "mentions", "alternatives"} <= set(place)
    for place in data["places"]:
        for m in place["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    assert {"from", "to", "traveler", "mode", "when", "status", "passage", "evidence"} <= set(
        data["routes"][0])


def test_parse_geojson_and_html(tmp_path):
    run = geo("parse", str(SEED), "--format", "geojson")
    assert run.returncode == 0, run.stderr
    collection = json.loads(run.stdout)
    kinds = {f["geometry"]["type"] for f in collection["features"]}
    assert collection["type"] == "FeatureCollection" and kinds == {"Point", "LineString"}
    run = geo("parse", str(SEED), "--format", "html", "-o", str(tmp_path / "map.html"))
    assert run.returncode == 0 and "Vladivostok" in (tmp_path / "map.html").read_text(encoding="utf-8")


def test_jsonl_in_jsonl_out(tmp_path):
    docs = tmp_path / "docs.jsonl"
    docs.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in [
        {"id": "a", "text": "Le ministre est arrivé à Moscou.", "lang": "fr", "toponyms": []},
        {"id": 2, "text": "Officials met in Nairobi and Kampala."},
    ]) + "\n", encoding="utf-8")
    run = geo("parse", "--jsonl", str(docs))
    assert run.returncode == 0, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert [d["id"] for d in lines] == ["a", "2"]
    assert lines[0]["places"][0]["country_code"] == "RU"
    assert lines[1]["language"] == "en"


@pytest.mark.parametrize("args, content, message", [
    (["parse", "missing.txt"], None, "no such file"),
    (["parse", "{file}"], b"%PDF-1.4 binary", "binary"),
    (["parse", "{file}"], b"   \n", "empty"),
    (["parse", "--jsonl", "{file}"], b'{"id": 1}\n', "text"),
    (["parse", "--jsonl", "{file}"], b"not json\n", "not JSON"),
    (["parse"], None, "either FILE"),
    (["parse", "{file}", "--geocoder", "nosuch"], b"Paris", "unknown geocoder"),
])
def test_bad_input_gives_one_line_and_non_zero_exit(tmp_path, args, content, message):
    path = tmp_path / "input"
    if content is not None:
        path.write_bytes(content)
    run = geo(*[a.replace("{file}", str(path)) for a in args])
    assert run.returncode != 0
    assert message in run.stderr and len(run.stderr.strip().splitlines()) == 1
    assert "Traceback" not in run.stderr
