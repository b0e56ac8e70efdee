"""The place index built in a child process: what the child says, and how the parent follows
it (a stand-in child here: the real one builds the whole index, which the first-run browser
test and the first-run bench do)."""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path

import pytest

from geo.errors import GazetteerError, collect, warn
from geo.gazetteer import apart

# the stand-in child: says what the folder's `said` file holds, then ends with its `status`;
# with a `wait` file, it first waits for a `go` file; each start is a line of `starts`
CHILD = """#!/bin/sh
folder="$3"
echo start >> "$folder/starts"
if [ -e "$folder/wait" ]; then
    while [ ! -e "$folder/go" ]; do sleep 0.02; done
fi
cat "$folder/said"
exit "$(cat "$folder/status")"
"""


@pytest.fixture
def child(tmp_path, monkeypatch):
    """A folder whose build the stand-in child makes: write what it says with `says`."""
    script = tmp_path / "python"
    script.write_text(CHILD)
    script.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(script))
    folder = tmp_path / "cache"
    folder.mkdir()

    def says(*lines: object, status: int = 0) -> Path:
        text = "".join(
            f"{line}\n" if isinstance(line, str) else f"{json.dumps(line)}\n" for line in lines
        )
        (folder / "said").write_text(text)
        (folder / "status").write_text(str(status))
        return folder

    return says


def _steps() -> tuple[list[tuple[str, float]], apart.Progress]:
    steps: list[tuple[str, float]] = []
    return steps, lambda message, done: steps.append((message, done))


def test_the_parent_passes_on_the_progress_and_warnings_and_gives_the_path(child):
    folder = child(
        {"message": "gazetteer: reading", "done": 0.0},
        "a line of someone else's",
        {"message": "gazetteer: 10,000 places read", "done": 0.4},
        {"warning": "the index is kept in /tmp instead"},
        {"message": "gazetteer: indexed", "done": 1.0},
        {"path": "/somewhere/gazetteer-500.sqlite"},
    )
    steps, progress = _steps()
    with collect() as warnings:
        path = apart.build_apart(folder, 500, progress=progress)
    assert path == Path("/somewhere/gazetteer-500.sqlite")
    assert warnings == ["the index is kept in /tmp instead"]
    assert steps[-1] == ("gazetteer: indexed", 1.0)
    assert [s for s in steps if s[1] < 1.0] in (  # a poll may miss a step, never reorders
        [("gazetteer: reading", 0.0), ("gazetteer: 10,000 places read", 0.4)],
        [("gazetteer: reading", 0.0)],
        [("gazetteer: 10,000 places read", 0.4)],
        [],
    )


def test_a_build_that_fails_says_why(child):
    folder = child({"error": "cannot write the gazetteer index in /x: Read-only"}, status=1)
    with pytest.raises(GazetteerError, match="cannot write the gazetteer index in /x"):
        apart.build_apart(folder, 500, progress=lambda *_: None)


def test_a_child_that_stops_without_a_word_is_an_error_not_a_hang(child):
    folder = child({"message": "gazetteer: reading", "done": 0.0}, "Traceback...", status=3)
    with pytest.raises(GazetteerError, match=r"build stopped \(exit status 3\)"):
        apart.build_apart(folder, 500, progress=lambda *_: None)


def test_pages_at_once_follow_one_build_and_a_later_one_starts_another(child):
    folder = child({"message": "gazetteer: indexed", "done": 1.0}, {"path": "/p.sqlite"})
    (folder / "wait").touch()
    got: list[Path] = []
    pages = [
        threading.Thread(target=lambda: got.append(apart.build_apart(folder, 500, progress=print)))
        for _ in range(2)
    ]
    for page in pages:
        page.start()
    (folder / "go").touch()
    for page in pages:
        page.join(10)
    assert got == [Path("/p.sqlite")] * 2
    assert (folder / "starts").read_text().count("start") == 1
    apart.build_apart(folder, 500, progress=print)  # that one ended: this is a new build
    assert (folder / "starts").read_text().count("start") == 2


def test_the_child_says_each_step_as_a_json_line(monkeypatch, capsys, tmp_path):
    def built(folder, min_population, *, progress):
        progress("gazetteer: reading", 0.0)
        warn("the index is kept elsewhere")
        progress("gazetteer: indexed", 1.0)
        return folder / f"gazetteer-{min_population}.sqlite"

    monkeypatch.setattr(apart, "built_index", built)
    assert apart.main([str(tmp_path), "1000"]) == 0
    said = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert said == [
        {"message": "gazetteer: reading", "done": 0.0},
        {"message": "gazetteer: indexed", "done": 1.0},
        {"warning": "the index is kept elsewhere"},
        {"path": str(tmp_path / "gazetteer-1000.sqlite")},
    ]


def test_the_child_says_why_it_failed(monkeypatch, capsys, tmp_path):
    def failing(folder, min_population, *, progress):
        raise GazetteerError("cannot build the gazetteer index at /x: disk full")

    monkeypatch.setattr(apart, "built_index", failing)
    assert apart.main([str(tmp_path), "500"]) == 1
    said = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert said == [{"error": "cannot build the gazetteer index at /x: disk full"}]


def test_a_build_still_running_when_the_server_stops_is_ended(child):
    folder = child({"path": "/p.sqlite"})
    (folder / "wait").touch()  # it would wait for ever
    failed: list[Exception] = []

    def page() -> None:
        try:
            apart.build_apart(folder, 500, progress=print)
        except GazetteerError as err:
            failed.append(err)

    waiting = threading.Thread(target=page)
    waiting.start()
    while not (folder / "starts").exists():
        threading.Event().wait(0.02)
    apart.stop_builds()
    waiting.join(10)
    assert not waiting.is_alive()
    assert "build stopped" in str(failed[0])
