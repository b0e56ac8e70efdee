"""Documents from a JSONL file, the one reader of `parse --jsonl`, `batch` and `eval`.

One `{"id", "text", "lang"?, "date"?}` object a line; other keys are ignored (gold files are read
as they are). Each line costs only itself: a line that is not a document is a `Problem` with its
number, a bad optional field a warning on its document, which is read without it. Ids are the
key of resuming and scoring: one that is not a string, or two documents with one id, refuse the
whole file before any work.
"""

from __future__ import annotations

import datetime
import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from geo.errors import InputError
from geo.ingest.text import max_bytes
from geo.lang import supported

_SURROGATE = re.compile("[\ud800-\udfff]")
_MAX_DIGITS = 100  # no id, offset or count has more; Python refuses to read 4,300
RESULT_LINE_BYTES = 1 << 30  # geo's own result lines (text, passages, places) are far shorter


@dataclass(frozen=True, slots=True)
class Document:
    """One document of a JSONL file, its optional fields checked (None when absent or bad)."""

    id: str
    text: str
    line: int
    lang: str | None = None
    date: datetime.date | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Problem:
    """A line that is not a document: its number and why."""

    line: int
    message: str


class LineError(ValueError):
    """A line that cannot be read as JSON (the message says why, in a few words)."""


def read_documents(path: str | Path) -> tuple[list[Document], list[Problem]]:
    """Every document of a JSONL file and the lines that are not one; refuses (InputError) a
    non-string id or two documents with one id, naming the lines."""
    documents: list[Document] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for number, value in json_lines(path):
        if isinstance(value, Problem):
            problems.append(value)
            continue
        if isinstance(value, dict) and not isinstance(value.get("id", ""), str):
            raise InputError(
                f'{path} line {number}: the "id" must be a string, not {_show(value["id"])}'
            )
        item = _document(value, number)
        if isinstance(item, Problem):
            problems.append(item)
        elif item.id in seen:
            raise InputError(
                f"{path}: two documents have the id {_show(item.id)} "
                f"(lines {seen[item.id]} and {number})"
            )
        else:
            seen[item.id] = number
            documents.append(item)
    return documents, problems


def read_and_report(
    path: str | Path, say: Callable[[str], None] | None = None
) -> tuple[list[Document], int]:
    """`read_documents`, saying each problem (`geo: FILE line N: ...`) and each warning
    (`warning: FILE line N: ...`) in one line; the documents and the number of problems."""
    say = say or (lambda message: print(message, file=sys.stderr))
    documents, problems = read_documents(path)
    notes = [(p.line, f"geo: {path} line {p.line}: {p.message}") for p in problems]
    notes += [
        (d.line, f"warning: {path} line {d.line}: {w}") for d in documents for w in d.warnings
    ]
    for _, note in sorted(notes, key=lambda note: note[0]):
        say(note)
    return documents, len(problems)


def json_lines(path: str | Path, *, limit: int | None = None) -> Iterator[tuple[int, object]]:
    """The number and JSON value of each non-blank line, or the Problem of that line. A line
    longer than `limit` bytes (default GEO_MAX_BYTES) is a Problem, and not read whole."""
    limit = limit or max_bytes()
    try:
        handle = open(path, "rb")
    except FileNotFoundError:
        raise InputError(f"no such file: {path}") from None
    except OSError as err:
        raise InputError(f"cannot read {path}: {err.strerror}") from err
    with handle:
        for number, raw in enumerate(_raw_lines(handle, limit, path), start=1):
            if raw is None:
                yield number, Problem(number, f"longer than {limit:,} bytes (GEO_MAX_BYTES)")
            elif raw.strip():
                try:
                    yield (
                        number,
                        parse_line(raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw),
                    )
                except LineError as err:
                    yield number, Problem(number, str(err))


def parse_line(raw: bytes) -> object:
    """The JSON value of one line of UTF-8; LineError says in a few words why there is none."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise LineError(f"not UTF-8 (byte 0x{raw[err.start]:02x} at {err.start})") from None
    try:
        return json.loads(line, parse_int=_int)
    except json.JSONDecodeError as err:
        raise LineError(f"not JSON: {err.msg} (column {err.colno})") from None
    except RecursionError:
        raise LineError("not JSON geo reads: nested too deeply") from None


def _int(digits: str) -> int:
    if len(digits.lstrip("-")) > _MAX_DIGITS:
        raise LineError(f"not JSON geo reads: a number of {len(digits.lstrip('-')):,} digits")
    return int(digits)


def _raw_lines(handle, limit: int, path: str | Path) -> Iterator[bytes | None]:
    """Each line's bytes, None for one longer than `limit` (skipped by chunks, never held)."""
    try:
        while raw := handle.readline(limit + 1):
            if len(raw) > limit and not raw.endswith(b"\n"):
                while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                yield None
            else:
                yield raw
    except OSError as err:  # a disk error, or a folder given as a file
        raise InputError(f"cannot read {path}: {err.strerror or err}") from err


def _document(value: object, number: int) -> Document | Problem:
    if not isinstance(value, dict):
        return Problem(number, "not a JSON object")
    if "id" not in value or not isinstance(value.get("text"), str):
        return Problem(number, 'needs an "id" and a "text" string')
    if _SURROGATE.search(value["id"]):
        return Problem(number, "the id has a lone surrogate (\\ud800-\\udfff), not a character")
    warnings: list[str] = []
    text, count = _SURROGATE.subn("\ufffd", value["text"])
    if count:  # one code point for another: offsets stay exact
        warnings.append(f"{count:,} lone surrogate(s) in the text, replaced by U+FFFD")
    lang = _language(value.get("lang"), warnings)
    date = _date(value.get("date"), warnings)
    return Document(value["id"], text, number, lang, date, tuple(warnings))


def _language(value: object, warnings: list[str]) -> str | None:
    if value is None or value == "":
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0] if isinstance(value, str) else None
    if code in ("auto", *supported()):
        return code
    warnings.append(
        f'"lang" {_show(value)} is not one geo reads ({", ".join(("auto", *supported()))}); ignored'
    )
    return None


def _date(value: object, warnings: list[str]) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        for read in (datetime.date.fromisoformat, datetime.datetime.fromisoformat):
            try:
                found = read(value.strip())
                return found.date() if isinstance(found, datetime.datetime) else found
            except ValueError:
                pass
    warnings.append(f'"date" {_show(value)} is not a date (YYYY-MM-DD); ignored')
    return None


def _show(value: object) -> str:
    """A value as it may appear in one line of message: repr, cut short."""
    try:
        shown = repr(value)
    except (RecursionError, ValueError):  # a list nested as deep as JSON allows
        return type(value).__name__
    return shown if len(shown) <= 40 else shown[:37] + "..."


def safe_name(name: str) -> str:
    """A file name as an id that can be written as UTF-8 (undecodable bytes become U+FFFD)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
