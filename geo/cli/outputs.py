"""Output files of the command line: checked before any input is read, and written whole or
not at all (into a temporary file beside the target, renamed over it once complete)."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TextIO, cast

from geo.errors import InputError


def check_output(out: str | Path, inputs: Iterable[str | Path] = ()) -> None:
    """Refuse an OUT that is one of the inputs (also through a link), a folder, or in a folder
    that does not exist: one line, before anything is read or parsed."""
    target = Path(out)
    if target.is_dir():
        raise InputError(f"the output {out} is a folder; give a file")
    folder = Path(os.path.realpath(target)).parent
    if not folder.is_dir():
        raise InputError(f"no such folder for the output {out}: {folder}")
    for source in inputs:
        if _same(target, Path(source)):
            raise InputError(
                f"the output {out} is one of the inputs ({source}); give another output"
            )


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): they are not the same file
        return False


@contextlib.contextmanager
def replacing(out: str | Path) -> Iterator[TextIO]:
    """A UTF-8 handle whose content replaces `out` only if the block ends without an error;
    otherwise `out` is left as it was. A device or pipe (/dev/stdout) is written directly."""
    try:
        mode = os.stat(out).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as err:
        raise InputError(f"cannot write {out}: {err.strerror}") from err
    if mode is not None and not stat.S_ISREG(mode):
        with _writing(out, lambda: open(out, "w", encoding="utf-8")) as handle:
            yield handle
        return
    if mode is not None and not os.access(out, os.W_OK):  # as open(out, "w") would refuse
        raise InputError(f"cannot write {out}: Permission denied")
    target = Path(os.path.realpath(out))  # a link's target is replaced, not the link
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        with _writing(out, lambda: _create(temporary, mode)) as handle:
            yield handle
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def _create(path: Path, mode: int | None) -> TextIO:
    """A new file with the mode open() would give it (umask applied), or the target's own."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    if mode is not None:
        os.fchmod(fd, stat.S_IMODE(mode))
    return os.fdopen(fd, "w", encoding="utf-8")


@contextlib.contextmanager
def _writing(out: str | Path, opener: Callable[[], TextIO]) -> Iterator[TextIO]:
    """The handle `opener` gives, flushed to disk and closed once the block is done; an
    OSError of opening, writing or closing (a full disk...) as one line."""
    try:
        handle = opener()
    except OSError as err:
        raise InputError(f"cannot write {out}: {err.strerror or err}") from err
    try:
        yield cast(TextIO, _Checked(handle, out))  # callers only write() to it
        try:
            handle.flush()
            if stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                os.fsync(handle.fileno())
            handle.close()
        except OSError as err:
            raise InputError(f"cannot write {out}: {err.strerror or err}") from err
    finally:
        with contextlib.suppress(OSError):  # after a failed flush close would fail the same way
            handle.close()


class _Checked:
    """A text handle whose write errors are one line (the errors of the caller's own work,
    between writes, are left alone)."""

    def __init__(self, handle: TextIO, out: str | Path) -> None:
        self._handle, self._out = handle, out

    def write(self, text: str) -> int:
        try:
            return self._handle.write(text)
        except OSError as err:
            raise InputError(f"cannot write {self._out}: {err.strerror or err}") from err


def write_lines(out: str | Path | None, lines: Iterable[str]) -> None:
    """Each of `lines` and a line break, to standard output or replacing the file `out`."""
    if out is None:
        for line in lines:
            sys.stdout.write(line + "\n")
        return
    with replacing(out) as handle:
        for line in lines:
            handle.write(line + "\n")
