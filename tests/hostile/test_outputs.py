"""`-o` never destroys an input or old results: an output that is an input is refused before
anything is read, a missing folder before the parse, and OUT is replaced only by a whole run."""

from __future__ import annotations

import json
import os
import stat

import pytest

from tests.helpers import MOSCOU_DOC, NAIROBI_DOC, run_geo

TEXT = "Le ministre est arrivé à Moscou."
OLD = '{"id": "old", "places": []}\n'


@pytest.fixture
def no_parse(monkeypatch):
    """The pipeline's parse fails the test if called: refusals come before any work."""
    import geo.pipeline

    monkeypatch.setattr(geo.pipeline, "parse", lambda *a, **k: pytest.fail("parsed"))


@pytest.fixture
def docs(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(
        json.dumps(MOSCOU_DOC) + "\n" + json.dumps(NAIROBI_DOC) + "\n", encoding="utf-8"
    )
    return path


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def linked(path, how: str):
    """`path` itself, or another name for it (a symbolic or a hard link)."""
    if how == "same":
        return path
    other = path.with_name(f"{how}-{path.name}")
    (other.symlink_to if how == "symlink" else other.hardlink_to)(path)
    return other


def refused(capsys, args, message: str = "is one of the inputs") -> None:
    status, err, _ = run_geo(capsys, *args)
    assert status == 2 and len(err) == 1 and err[0].startswith("geo: ") and message in err[0], err


@pytest.mark.parametrize("how", ["same", "symlink", "hardlink"])
@pytest.mark.parametrize("command", ["parse", "parse --jsonl", "batch", "map", "eval"])
def test_an_output_that_is_an_input_is_refused(
    tmp_path, capsys, no_parse, docs, article, command, how
):
    source = article if command == "parse" else docs
    if command == "map":
        source.write_text(OLD, encoding="utf-8")
    before = source.read_bytes()
    out = linked(source, how)
    args = {
        "parse": ["parse", source, "-o", out],
        "parse --jsonl": ["parse", "--jsonl", source, "-o", out],
        "batch": ["batch", source, "-o", out, "--no-progress"],
        "map": ["map", source, "-o", out],
        "eval": ["eval", source, "--predictions", out, "--scorer", tmp_path / "score.py"],
    }[command]
    refused(capsys, args)
    assert source.read_bytes() == before


def test_batch_refuses_an_output_in_the_folder_it_reads(tmp_path, capsys, no_parse, article):
    refused(capsys, ["batch", tmp_path, "-o", tmp_path / "out.jsonl", "--no-progress"])


@pytest.mark.parametrize("command", ["parse", "parse --jsonl", "batch", "map"])
def test_a_missing_output_folder_is_refused_before_the_parse(
    tmp_path, capsys, no_parse, docs, article, command
):
    out = tmp_path / "no" / "such" / "out"
    args = {
        "parse": ["parse", article, "-o", out],
        "parse --jsonl": ["parse", "--jsonl", docs, "-o", out],
        "batch": ["batch", docs, "-o", out, "--no-progress"],
        "map": ["map", docs, "-o", out],
    }[command]
    refused(capsys, args, "no such folder")


def test_a_bad_run_leaves_the_old_results(tmp_path, capsys, docs, monkeypatch):
    import geo.pipeline

    out = tmp_path / "out.jsonl"
    out.write_text(OLD, encoding="utf-8")
    real = geo.pipeline.parse

    def parse(text, **kwargs):  # a crash after the first document was written
        if kwargs["doc_id"] == "nairobi":
            raise KeyboardInterrupt
        return real(text, **kwargs)

    monkeypatch.setattr(geo.pipeline, "parse", parse)
    assert run_geo(capsys, "parse", "--jsonl", docs, "-o", out)[0] == 130
    assert out.read_text(encoding="utf-8") == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs.jsonl", "out.jsonl"]


def test_bad_lines_do_not_wipe_the_old_results(tmp_path, capsys):
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps(MOSCOU_DOC) + "\nnot json\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text(OLD, encoding="utf-8")
    status, err, _ = run_geo(capsys, "parse", "--jsonl", docs, "-o", out)
    assert status == 1 and err == [f"geo: {docs} line 2: not JSON: Expecting value (column 1)"]
    assert [json.loads(line)["id"] for line in out.read_text("utf-8").splitlines()] == ["moscou"]
    docs.write_text("not json\n", encoding="utf-8")  # nothing good: OUT stays as it was
    out.write_text(OLD, encoding="utf-8")
    assert run_geo(capsys, "parse", "--jsonl", docs, "-o", out)[0] == 1
    assert out.read_text(encoding="utf-8") == OLD


def test_outputs_get_the_modes_open_would_give(tmp_path, capsys, article):
    new, kept = tmp_path / "new.json", tmp_path / "kept.json"
    kept.write_text("{}", encoding="utf-8")
    kept.chmod(0o640)
    umask = os.umask(0o022)
    try:
        assert run_geo(capsys, "parse", article, "-o", new)[0] == 0
        assert run_geo(capsys, "parse", article, "-o", kept)[0] == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert json.loads(kept.read_text(encoding="utf-8"))["id"] == "a.txt"


def test_a_device_is_written_not_replaced(capsys, article):
    assert run_geo(capsys, "parse", article, "-o", "/dev/null")[0] == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_full_disk_is_one_line(capsys, article, docs):
    refused(capsys, ["parse", article, "-o", "/dev/full"], "No space left on device")
    status, err, _ = run_geo(
        capsys, "batch", docs, "-o", "/dev/full", "--processes", "1", "--no-progress"
    )
    assert status == 2 and err[-1] == "geo: cannot write /dev/full: No space left on device", err
    assert not any("Traceback" in e for e in err)


def test_batch_refuses_an_output_that_is_not_utf8_and_leaves_it(tmp_path, capsys, no_parse, docs):
    out = tmp_path / "out.jsonl"
    data = b'{"id": "old", "places": []}\n{"id": "\xff"}\n{"cut short'
    out.write_bytes(data)
    refused(
        capsys, ["batch", docs, "-o", out, "--no-progress"], "line 2 is not a geo result (not UTF-8"
    )
    assert out.read_bytes() == data


def test_batch_refuses_an_output_that_is_not_results_without_cutting_it(
    tmp_path, capsys, no_parse, docs
):
    out = tmp_path / "notes.txt"
    out.write_bytes(b"my notes\nthe last line, with no line break")
    refused(capsys, ["batch", docs, "-o", out, "--no-progress"], "line 1 is not a geo result")
    assert out.read_bytes() == b"my notes\nthe last line, with no line break"


@pytest.mark.parametrize(
    "content, message",
    [
        (b'{"id": "x", "places": []}\n\xff\n', "line 2 is not a geo result (not UTF-8"),
        (b"[" * 100_000, "nested too deeply"),
        (
            b'{"id": "x", "places": [{"id": ["a"], "name": "A", "lat": 1, "lon": 2}]}\n',
            "a bad place",
        ),
        (
            b'{"id": "x", "places": [{"id": "a", "name": "A", "lat": "north", "lon": 2}]}\n',
            "a bad place",
        ),
    ],
    ids=["invalid UTF-8", "100,000 nested [", "a list as id", "a word as latitude"],
)
def test_map_of_hostile_results_is_one_line(tmp_path, capsys, content, message):
    results = tmp_path / "results.jsonl"
    results.write_bytes(content)
    refused(capsys, ["map", results], message)
