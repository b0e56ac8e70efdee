"""The place index built in a process of its own, for a server that has other work meanwhile.

In the app's process a build shares the interpreter with what the server does meanwhile
(loading the article's language model, answering the browser): the two took turns on one
core, and the build took a third longer, the model three times as long. Apart, each has a
core. The child (`python -m geo.gazetteer.apart FOLDER MIN_POPULATION`) says how the build
goes, one JSON line at a time; one build runs at a time, and a page run again during it (or
another reader's page) follows the same build.
"""

from __future__ import annotations

import atexit
import json
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from geo.errors import GazetteerError, collect, warn
from geo.gazetteer.index import DEFAULT_MIN_POPULATION, Progress, built_index

POLL = 0.1  # seconds between two looks at a build's progress


@dataclass
class _Build:
    """A build running in a child process, as its lines tell it."""

    process: subprocess.Popen[str]
    progress: tuple[str, float] = ("", 0.0)
    path: Path | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    finished: threading.Event = field(default_factory=threading.Event)

    def follow(self) -> None:
        """Read the child's lines until it ends (in a thread of its own)."""
        assert self.process.stdout is not None
        for line in self.process.stdout:
            try:
                said = json.loads(line)
            except ValueError:
                continue  # not one of ours
            if not isinstance(said, dict):
                continue
            if "done" in said:
                self.progress = (str(said.get("message", "")), float(said["done"]))
            elif "warning" in said:
                self.warnings.append(str(said["warning"]))
            elif "path" in said:
                self.path = Path(said["path"])
            elif "error" in said:
                self.error = str(said["error"])
        code = self.process.wait()
        if self.path is None and self.error is None:
            self.error = f"the place index's build stopped (exit status {code})"
        self.finished.set()


_LOCK = threading.Lock()
_RUNNING: dict[tuple[Path, int], _Build] = {}


@atexit.register
def stop_builds() -> None:
    """End the builds still running (the server stops): what they leave is removed by the
    next build (geo.gazetteer.index)."""
    with _LOCK:
        for build in _RUNNING.values():
            if not build.finished.is_set():
                build.process.terminate()


def build_apart(
    folder: Path, min_population: int = DEFAULT_MIN_POPULATION, *, progress: Progress
) -> Path:
    """What `built_index(folder, min_population)` gives, built in a child process that tells
    `progress` how it goes; its warnings are this thread's. Raises GazetteerError if it fails."""
    build = _build_of(folder, min_population)
    seen: tuple[str, float] | None = None
    while not build.finished.wait(POLL):
        if build.progress != seen and build.progress[0]:
            seen = build.progress
            progress(*seen)
    for message in build.warnings:
        warn(message)
    if build.error is not None:
        raise GazetteerError(build.error)
    assert build.path is not None
    progress(*build.progress)
    return build.path


def _build_of(folder: Path, min_population: int) -> _Build:
    """The build of that index running now, or a new one (after one that ended)."""
    key = (folder, min_population)
    with _LOCK:
        build = _RUNNING.get(key)
        if build is None or build.finished.is_set():
            process = subprocess.Popen(
                [sys.executable, "-m", __name__, str(folder), str(min_population)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
            build = _RUNNING[key] = _Build(process)
            threading.Thread(target=build.follow, name="geo-index-build", daemon=True).start()
        return build


def _say(**what: object) -> None:
    print(json.dumps(what), flush=True)


def main(argv: list[str]) -> int:
    """The child: build the index in folder `argv[0]` for places of `argv[1]` people or more."""
    folder, min_population = Path(argv[0]), int(argv[1])
    with collect() as messages:
        try:
            path = built_index(
                folder,
                min_population,
                progress=lambda message, done: _say(message=message, done=done),
            )
        except GazetteerError as err:
            _say(error=str(err))
            return 1
        finally:
            for message in messages:
                _say(warning=message)
    _say(path=str(path))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
