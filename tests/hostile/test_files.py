"""Odd files: pipes, devices, standard input, nearly-UTF-8 bytes, sizes just over the limit.
Each is read or refused in one line, quickly, never a hang, a traceback or silent mojibake."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
import warnings

import pytest

from geo.cli.main import main
from geo.errors import InputError
from geo.ingest.text import decode, read_file
from tests.conftest import ROOT

ARTICLE = "Le président est arrivé à Séoul, puis à Pékin.\n"


def geo(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "geo", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )


def test_a_fifo_with_no_writer_is_refused_not_waited_for(tmp_path, capsys):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    status = []
    # in a thread: opening the pipe used to block forever
    reading = threading.Thread(
        target=lambda: status.append(main(["parse", str(fifo)])), daemon=True
    )
    reading.start()
    reading.join(timeout=30)
    assert status == [2]
    assert capsys.readouterr().err.splitlines() == [
        f"geo: {fifo} is not a regular file (a pipe, socket or device); give a file, or - for "
        "standard input"
    ]


def test_standard_input_is_read_and_named_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("cp1252"))))
    assert main(["parse", "-"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["id"] == "stdin" and "Séoul" in result["passages"][0]["text"]


@pytest.mark.slow  # a new Python (and spaCy): a real pipe needs a process of its own
def test_a_pipe_into_dev_stdin_is_read():
    run = geo("parse", "/dev/stdin", "--format", "csv", stdin=ARTICLE.encode("utf-8"))
    assert run.returncode == 0, run.stderr
    assert "Séoul" in run.stdout.decode("utf-8")


def test_a_device_is_refused_at_once():
    with pytest.raises(InputError, match="not a regular file"):
        read_file("/dev/zero")


def test_one_bad_byte_in_utf8_is_replaced_with_a_warning_not_mojibake():
    data = ARTICLE.encode("utf-8").replace(b"puis", b"pu\xffis")
    at = data.index(b"\xff")
    with pytest.warns(
        UserWarning, match=rf"UTF-8 but for 1 bad byte sequence \(the first at byte {at}\)"
    ):
        text = decode(data)
    assert text == ARTICLE.replace("puis", "pu\ufffdis")  # "arrivé", not "arrivÃ©"


def test_a_western_file_is_still_read_as_such_without_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert decode(ARTICLE.encode("cp1252")) == ARTICLE


def test_broken_utf16_is_a_warning_not_a_traceback():
    data = "\ufeffSéoul".encode("utf-16-le") + b"\x00\xd8"  # a lone surrogate at the end
    with pytest.warns(UserWarning, match="UTF-16 but for 1 bad"):
        assert decode(data).startswith("Séoul")


def test_the_cli_says_the_file_was_mended(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode("utf-8").replace(b"puis", b"pu\xffis"))
    assert main(["parse", str(path), "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    assert "warning: the file is UTF-8 but for 1 bad byte" in err
    assert "arrivé à Séoul" in out


@pytest.mark.parametrize("size", [1_000_001, 1_048_577])
def test_the_size_error_tells_the_two_sizes_apart(tmp_path, monkeypatch, size):
    monkeypatch.setenv("GEO_MAX_BYTES", str(size - 1))
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * size)
    for read in (lambda: read_file(path), lambda: decode(path.read_bytes())):
        with pytest.raises(InputError) as caught:
            read()
        numbers = str(caught.value).split("; the limit is ")
        assert numbers[0].removeprefix("the file is ") != numbers[1].removesuffix(
            " (GEO_MAX_BYTES)"
        )


def test_a_huge_file_is_refused_with_its_real_size(tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.truncate(8 * 1024**3)  # sparse
    with pytest.raises(InputError, match=r"the file is 8,589.9 MB; the limit is 21.0 MB"):
        read_file(huge)


def test_one_bad_file_among_several_costs_only_itself(tmp_path, capsys):
    good, empty = tmp_path / "good.txt", tmp_path / "empty.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty.write_bytes(b"")
    assert (
        main(
            [
                "parse",
                str(good),
                str(empty),
                str(tmp_path / "gone.txt"),
                "--format",
                "csv",
                "-o",
                str(tmp_path / "out.csv"),
            ]
        )
        == 1
    )
    assert "Séoul" in (tmp_path / "out.csv").read_text(encoding="utf-8")
    assert capsys.readouterr().err.splitlines() == [
        f"geo: {empty}: the text is empty",
        f"geo: {tmp_path / 'gone.txt'}: no such file: {tmp_path / 'gone.txt'}",
    ]
    assert main(["parse", str(empty), str(tmp_path / "gone.txt")]) == 2
