"""Hostile JSONL documents: each bad line is one line on stderr and costs only itself, in
`parse --jsonl`, `batch` and `eval` alike; a bad optional field is a warning; never a traceback."""

from __future__ import annotations

import json
import sys

import pytest

from tests.helpers import MOSCOU_DOC, NAIROBI_DOC, run_geo

TRIP = "Kim Jong Un a quitté Pyongyang pour Vladivostok le mois dernier."

# A line that is not a document: what stderr must say about it.
BAD_LINES = {
    "invalid UTF-8": (b'{"id": "x", "text": "Paris \xff"}', "not UTF-8"),
    "a 5,000-digit number": (b'{"id": ' + b"9" * 5000 + b', "text": "Paris"}', "5,000 digits"),
    "100,000 nested [": (b"[" * 100_000, "nested too deeply"),
    "a lone surrogate in the id": (b'{"id": "a\\ud800", "text": "Paris"}', "surrogate"),
    "not an object": (b"[1, 2]", "not a JSON object"),
    "no text": (b'{"id": "x"}', '"text"'),
    "not JSON": (b"not json", "not JSON"),
}
# A document with a bad optional field: parsed without it, with a warning.
WARNED = {
    "an integer date": ({"id": "w", "text": TRIP, "date": 20230905}, '"date" 20230905'),
    "an NA date": ({"id": "w", "text": TRIP, "date": "NA"}, "\"date\" 'NA'"),
    "an unknown language": ({"id": "w", "text": TRIP, "lang": "de"}, "\"lang\" 'de'"),
    "a lone surrogate in the text": ({"id": "w", "text": TRIP + " \ud800"}, "surrogate"),
}
SCORER = "import json, sys\nprint(sorted(json.loads(l)['id'] for l in open(sys.argv[2])))\n"


def docs_file(tmp_path, middle: bytes) -> str:
    path = tmp_path / "docs.jsonl"
    path.write_bytes(
        b"\n".join([json.dumps(MOSCOU_DOC).encode(), middle, json.dumps(NAIROBI_DOC).encode()])
        + b"\n"
    )
    return str(path)


def command(name: str, docs: str, tmp_path) -> list[str]:
    """`name` run on `docs`, writing its results where `written` finds them."""
    if name == "parse":
        return ["parse", "--jsonl", docs, "-o", tmp_path / "out.jsonl"]
    if name == "batch":
        return ["batch", docs, "-o", tmp_path / "out.jsonl", "--processes", "1", "--no-progress"]
    scorer = tmp_path / "score.py"
    scorer.write_text(SCORER, encoding="utf-8")
    return ["eval", docs, "--scorer", scorer, "--predictions", tmp_path / "out.jsonl"]


def written(tmp_path) -> dict[str, dict]:
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["id"]: json.loads(line) for line in lines}


@pytest.mark.parametrize("name", ["parse", "batch", "eval"])
@pytest.mark.parametrize("line, message", BAD_LINES.values(), ids=BAD_LINES)
def test_a_bad_line_is_one_line_and_the_others_are_written(tmp_path, capsys, name, line, message):
    docs = docs_file(tmp_path, line)
    status, err, _ = run_geo(capsys, *command(name, docs, tmp_path))
    assert status == 1, err
    assert not any("Traceback" in e for e in err)
    (said,) = [e for e in err if "line 2" in e]
    assert said.startswith(f"geo: {docs} line 2: ") and message in said, said
    assert set(written(tmp_path)) == {"moscou", "nairobi"}


@pytest.mark.parametrize("name", ["parse", "batch", "eval"])
@pytest.mark.parametrize("doc, message", WARNED.values(), ids=WARNED)
def test_a_bad_optional_field_is_a_warning(tmp_path, capsys, name, doc, message):
    docs = docs_file(tmp_path, json.dumps(doc).encode())
    status, err, _ = run_geo(capsys, *command(name, docs, tmp_path))
    assert status == 0, err
    (said,) = [e for e in err if "line 2" in e]
    assert said.startswith(f"warning: {docs} line 2: ") and message in said, said
    assert set(written(tmp_path)) == {"moscou", "w", "nairobi"}
    if name != "eval" and "surrogate" in message:
        (passage,) = written(tmp_path)["w"]["passages"]
        assert passage["text"] == TRIP + " \ufffd" and passage["end"] == len(doc["text"])


@pytest.mark.parametrize("name", ["parse", "batch", "eval"])
@pytest.mark.parametrize(
    "line, message",
    [
        (
            json.dumps({"id": "moscou", "text": "Paris"}),
            "two documents have the id 'moscou' (lines 1 and 2)",
        ),
        (json.dumps({"id": 5, "text": "Paris"}), 'line 2: the "id" must be a string, not 5'),
    ],
)
def test_ids_are_checked_before_any_work(tmp_path, capsys, monkeypatch, name, line, message):
    import geo.pipeline

    monkeypatch.setattr(geo.pipeline, "parse", lambda *a, **k: pytest.fail("parsed"))
    status, err, _ = run_geo(capsys, *command(name, docs_file(tmp_path, line.encode()), tmp_path))
    assert status == 2 and len(err) == 1 and err[0].startswith("geo: ") and message in err[0], err
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.parametrize(
    "args",
    [["parse", "{file}", "--lang", "de"], ["batch", "{file}", "-o", "out.jsonl", "--lang", "de"]],
)
def test_an_unknown_language_is_one_line_naming_the_languages(tmp_path, capsys, args):
    path = tmp_path / "a.txt"
    path.write_text("Paris", encoding="utf-8")
    status, err, _ = run_geo(capsys, *[a.replace("{file}", str(path)) for a in args])
    assert status == 2 and err == [
        "geo: argument --lang: unknown language 'de'; choose one of: auto, fr, en"
    ]


def test_usage_errors_are_one_line(capsys):
    status, err, _ = run_geo(capsys, "parse", "--format", "pdf")
    assert status == 2 and len(err) == 1 and err[0].startswith("geo: ") and "json" in err[0]
    status, err, _ = run_geo(capsys)
    assert status == 2 and len(err) == 1 and err[0].startswith("geo: ")


def test_batch_gives_each_document_its_own_date_as_parse_does(tmp_path, capsys):
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        "".join(
            json.dumps(d) + "\n"
            for d in [
                {"id": "august", "text": TRIP, "date": "2023-09-05"},
                {"id": "march", "text": TRIP, "date": "2024-04-20"},
                {"id": "none", "text": TRIP},
            ]
        ),
        encoding="utf-8",
    )
    assert run_geo(capsys, "parse", "--jsonl", docs, "-o", tmp_path / "parse.jsonl")[0] == 0
    assert (
        run_geo(
            capsys,
            "batch",
            docs,
            "-o",
            tmp_path / "batch.jsonl",
            "--processes",
            "1",
            "--no-progress",
        )[0]
        == 0
    )
    parsed, batched = (
        {json.loads(line)["id"]: line for line in path.read_text("utf-8").splitlines()}
        for path in (tmp_path / "parse.jsonl", tmp_path / "batch.jsonl")
    )
    assert batched == parsed
    when = {
        key: [r["when_iso"] for r in json.loads(line)["routes"]] for key, line in parsed.items()
    }
    assert when == {"august": ["2023-08"], "march": ["2024-03"], "none": [None]}


def test_a_byte_order_mark_and_blank_lines_are_fine(tmp_path, capsys):
    docs = tmp_path / "docs.jsonl"
    docs.write_bytes(
        b"\xef\xbb\xbf"
        + json.dumps(MOSCOU_DOC).encode()
        + b"\n\n  \n"
        + json.dumps(NAIROBI_DOC).encode()
    )
    status, err, out = run_geo(capsys, "parse", "--jsonl", docs)
    assert status == 0, err
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["moscou", "nairobi"]


@pytest.mark.skipif(sys.platform != "linux", reason="file names of any bytes: Linux")
@pytest.mark.parametrize("name", ["parse", "batch"])
def test_a_file_name_that_is_not_utf8_is_an_id_that_is(tmp_path, capsys, name):
    folder = tmp_path / "articles"
    folder.mkdir()
    path = folder.joinpath(b"Moscou-\xff.txt".decode("utf-8", "surrogateescape"))
    path.write_text("Le ministre est arrivé à Moscou.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = (
        ["parse", path, "-o", out]
        if name == "parse"
        else ["batch", folder, "-o", out, "--processes", "1", "--no-progress"]
    )
    status, err, _ = run_geo(capsys, *args)
    assert status == 0, err
    assert json.loads(out.read_text(encoding="utf-8"))["id"] == "Moscou-\ufffd.txt"


def test_a_line_over_the_size_limit_is_skipped_unread(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GEO_MAX_BYTES", "1000")
    long_line = json.dumps({"id": "long", "text": "Paris. " * 100_000}).encode()
    docs = docs_file(tmp_path, long_line)
    status, err, out = run_geo(capsys, "parse", "--jsonl", docs)
    assert status == 1 and err == [f"geo: {docs} line 2: longer than 1,000 bytes (GEO_MAX_BYTES)"]
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["moscou", "nairobi"]


def test_batch_applies_the_saved_corrections_as_parse_does(tmp_path, capsys, monkeypatch):
    from geo.corrections import Correction, CorrectionStore, document_key
    from tests.conftest import MOSCOW_IDAHO, isolated_cache

    monkeypatch.setenv("GEO_CACHE_DIR", str(isolated_cache(tmp_path / "cache")))
    text = MOSCOU_DOC["text"]
    start = text.index("Moscou")
    CorrectionStore().add(
        Correction(document_key(text), "choose", start, start + 6, "Moscou", MOSCOW_IDAHO)
    )
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps(MOSCOU_DOC) + "\n", encoding="utf-8")
    lines = {}
    for name, extra in (("parse", []), ("batch", []), ("plain", ["--no-corrections"])):
        out = tmp_path / f"{name}.jsonl"
        args = (
            ["parse", "--jsonl", docs, "-o", out]
            if name == "parse"
            else ["batch", docs, "-o", out, "--processes", "1", "--no-progress"]
        )
        assert run_geo(capsys, *args, *extra)[0] == 0
        lines[name] = out.read_text(encoding="utf-8")
    assert lines["batch"] == lines["parse"]
    assert [p["id"] for p in json.loads(lines["batch"])["places"]] == [MOSCOW_IDAHO.id]
    assert MOSCOW_IDAHO.id not in lines["plain"]
