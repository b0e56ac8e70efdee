"""Fresh Pythons for the figures of a cold process, and the peak memory of a process tree."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

PROBES = Path(__file__).resolve().parent / "probes"


def child_env() -> dict[str, str]:
    """This environment, with the folder of the geo being measured first on PYTHONPATH: a
    probe run by its path (not with -c from the checkout) imports that geo, not another."""
    import geo

    home = str(Path(geo.__file__).resolve().parents[1])
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": home + (os.pathsep + path if path else "")}


def probe_command(name: str, *args: str) -> list[str]:
    """The command that runs benchmarks/probes/NAME.py in a fresh Python."""
    return [sys.executable, str(PROBES / f"{name}.py"), *args]


def probe(name: str, *args: str) -> str:
    """The last line that a probe prints (its figures), once it has ended."""
    out = subprocess.run(
        probe_command(name, *args), check=True, capture_output=True, text=True, env=child_env()
    )
    return out.stdout.strip().splitlines()[-1]


def hwm_kb(pid: int) -> int:
    """Peak resident memory (VmHWM) of a live process, in kB (ru_maxrss survives fork and exec:
    a child would report its parent's peak)."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))


def watch_tree(proc: subprocess.Popen, every: float = 0.1) -> dict[int, int]:
    """VmHWM of a process and of all its descendants, read until it exits (peaks only grow)."""
    peaks: dict[int, int] = {}
    while proc.poll() is None:
        for pid in descendants(proc.pid):
            try:
                peaks[pid] = max(peaks.get(pid, 0), hwm_kb(pid))
            except (OSError, StopIteration):
                pass  # ended between the listing and the read
        time.sleep(every)
    return peaks


def descendants(root: int) -> list[int]:
    """A process and all its descendants, from the parents that /proc gives."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found
