"""`geo batch` killed or stopped: its worker processes never outlive it, and OUT keeps whole
lines only. Real processes and signals; every wait polls against a generous deadline."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = [
    pytest.mark.skipif(sys.platform != "linux", reason="reads /proc"),
    pytest.mark.slow,  # a real `geo batch` and its workers, then signals: seconds each
]

TEXT = (
    "Le président est arrivé à Moscou mardi, avant de rejoindre Berlin puis Paris. "
    "Ses ministres ont quitté Lyon pour Marseille en train. "
) * 3


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := condition():
            return found
        time.sleep(0.05)
    pytest.fail(f"after {seconds} s: {what}")


def children(pid: int) -> list[int]:
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        return [int(c) for t in tasks for c in (t / "children").read_text().split()]
    except OSError:
        return []


def alive(pid: int) -> bool:
    """Running, not a zombie waiting to be reaped (PID 1 of a container may never reap it)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.fixture
def batch(tmp_path):
    """A started `geo batch` with two workers, once both are parsing: (process, workers, OUT)."""
    docs, out = tmp_path / "docs.jsonl", tmp_path / "out.jsonl"
    docs.write_text(
        "".join(
            json.dumps({"id": f"d{i}", "text": TEXT, "lang": "fr"}) + "\n" for i in range(3000)
        ),
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "geo",
            "batch",
            str(docs),
            "-o",
            str(out),
            "--processes",
            "2",
            "--no-progress",
        ],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        wait_for(lambda: out.exists() and out.stat().st_size > 0, 120, "no document written")
        workers = children(proc.pid)
        assert len(workers) >= 2, workers  # two workers (and multiprocessing's resource tracker)
        yield proc, workers, out
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # whatever is left of this test's own processes
        proc.wait()
        proc.stderr.close()


def test_workers_exit_when_batch_is_killed(batch):
    proc, workers, _ = batch
    proc.kill()
    proc.wait(30)
    wait_for(lambda: not any(map(alive, workers)), 30, "workers outlived their parent")


@pytest.mark.parametrize("signum, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_stopped_batch_stops_its_workers_and_keeps_whole_lines(batch, signum, status):
    proc, workers, out = batch
    proc.send_signal(signum)
    assert proc.wait(60) == status
    assert "Traceback" not in proc.stderr.read()
    wait_for(lambda: not any(map(alive, workers)), 30, "workers outlived their parent")
    data = out.read_text(encoding="utf-8")
    assert data.endswith("\n") and all(json.loads(line)["id"] for line in data.splitlines())
