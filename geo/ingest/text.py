"""Reading documents: bytes to text, text to passages, and a guess at the language.

Offsets everywhere are Python string indices into the text exactly as returned by
`decode`, so `text[start:end]` gives back what was found.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from bisect import bisect_right
from pathlib import Path

from charset_normalizer import from_bytes

from geo.errors import InputError, warn
from geo.lang import pack, supported
from geo.model import Passage

MAX_BYTES = 20 * 1024 * 1024  # GEO_MAX_BYTES: the largest file geo reads
MAX_CHARS = 500_000  # GEO_MAX_CHARS: the longest text geo analyses, in under a minute of CPU
# (measured: 33 s for English news, 49 s for the densest texts made; `geo bench speed`)
MAX_PASSAGE = 20_000  # longer paragraphs (a file with no line breaks) are cut for the parser
_BLANK_LINE = re.compile(r"(?:\r?\n|\r)[ \t]*(?:\r?\n|\r)\s*")
_LINE = re.compile(r"\r\n|\n|\r")
_SPACES = re.compile(r"\s*")  # what str.strip() strips
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"»”)]?\s+(?=[\"«“(]?[A-ZÀ-ÖØ-Þ0-9])")
_WESTERN = ["cp1252", "iso8859_15", "latin_1"]
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\x7fELF")


def decode(data: bytes) -> str:
    """Decode a document: UTF-8 (with or without BOM), else the detected encoding. A file that
    is UTF-8 but for a few bad bytes is read as UTF-8, those bytes replaced, with a warning."""
    limit = max_bytes()
    if len(data) > limit:
        raise InputError(_too_big(len(data), limit))
    if data.startswith(_BINARY_MAGIC):
        raise InputError("this looks like a binary file (PDF, image, archive), not text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _utf(data, "utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _mostly_utf8(data) or _detected(data)
    if "\x00" in text:
        raise InputError("the file contains NUL bytes: it looks binary, not text")
    return text


def _utf(data: bytes, encoding: str) -> str:
    """The text in a UTF encoding, bad sequences replaced by U+FFFD with a warning."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        bad = _bad_sequences(data, encoding)
        warn(
            f"the file is {encoding.upper().removesuffix('-SIG')} but for {bad:,} bad byte "
            f"sequence{'s' * (bad != 1)} (the first at byte {err.start:,}), shown as \ufffd"
        )
        return data.decode(encoding, errors="replace")


def _bad_sequences(data: bytes, encoding: str) -> int:
    genuine = data.decode(encoding, errors="ignore").count("\ufffd")  # U+FFFD in the file
    return data.decode(encoding, errors="replace").count("\ufffd") - genuine


def _mostly_utf8(data: bytes) -> str | None:
    """The text as UTF-8 when it holds more well-formed multi-byte characters than bad bytes:
    text in a single-byte encoding almost never forms one (é in cp1252 is one byte, E9)."""
    good = sum(ch > "\x7f" for ch in data.decode("utf-8-sig", errors="ignore"))
    return _utf(data, "utf-8-sig") if good > _bad_sequences(data, "utf-8-sig") else None


def _detected(data: bytes) -> str:
    # Western single-byte encodings first: for short news texts the open detection
    # often prefers a Baltic or DOS code page that also decodes without error.
    best = from_bytes(data, cp_isolation=_WESTERN).best()
    if best is None or best.chaos > 0.1:
        best = from_bytes(data).best()
    if best is None:
        raise InputError("the file is not text in any encoding geo recognises")
    return str(best)


def _too_big(size: int, limit: int) -> str:
    """The size error, precise enough that the two figures differ."""
    shown = [f"{n / 1e6:,.1f} MB" for n in (size, limit)]
    if shown[0] == shown[1]:
        shown = [f"{n:,} bytes" for n in (size, limit)]
    return f"the file is {shown[0]}; the limit is {shown[1]} (GEO_MAX_BYTES)"


def check_length(text: str) -> None:
    """Refuse a text longer than the configured limit, with one clear line."""
    limit = _limit("GEO_MAX_CHARS", MAX_CHARS)
    if len(text) > limit:
        raise InputError(
            f"the text has {len(text):,} characters; the limit is {limit:,} (GEO_MAX_CHARS)"
        )


def max_bytes() -> int:
    """The largest file geo reads, in bytes (GEO_MAX_BYTES)."""
    return _limit("GEO_MAX_BYTES", MAX_BYTES)


def _limit(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        raise InputError(f"{name} must be a whole number") from None


def read_file(path: str | Path) -> str:
    """Read a text file from disk ("-": standard input), with a clear error when that is not
    possible. Only regular files are read (a FIFO with no writer would block forever, a
    device never end), and no more than the size limit and one byte: a file that grows while
    it is read is refused in bounded time and memory too."""
    limit = max_bytes()
    if str(path) == "-":
        return decode(sys.stdin.buffer.read(limit + 1))
    try:
        # O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a file") from None
    except OSError as err:
        raise InputError(f"cannot read {path}: {err.strerror}") from err
    with open(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) and not _is_stdin(info):
            raise InputError(
                f"{path} is not a regular file (a pipe, socket or device); "
                "give a file, or - for standard input"
            )
        if info.st_size > limit:
            raise InputError(_too_big(info.st_size, limit))
        os.set_blocking(fd, True)
        try:
            data = handle.read(limit + 1)
        except OSError as err:
            raise InputError(f"cannot read {path}: {err.strerror}") from err
    return decode(data)


def _is_stdin(info: os.stat_result) -> bool:
    """Whether a file is this process's standard input (/dev/stdin, a pipe into geo)."""
    try:
        own = os.fstat(0)
    except OSError:
        return False
    return (own.st_dev, own.st_ino) == (info.st_dev, info.st_ino)


def split_passages(text: str) -> tuple[Passage, ...]:
    """Split into paragraphs: blank-line separated, or one a line when there are no blank lines."""
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE
    passages: list[Passage] = []
    start = 0
    for gap in [*separator.finditer(text), None]:
        end = gap.start() if gap else len(text)
        _add_passage(passages, text, start, end)
        start = gap.end() if gap else end
    return tuple(passages)


def _add_passage(passages: list[Passage], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    start += len(chunk) - len(chunk.lstrip())
    end = start + len(stripped)
    while end - start > MAX_PASSAGE:  # cut after a sentence, else at a space, else anywhere
        window = text[start : start + MAX_PASSAGE]
        cut = max(window.rfind(". "), window.rfind(" "))
        cut = cut + 1 if cut > MAX_PASSAGE // 2 else MAX_PASSAGE
        _add_passage(passages, text, start, start + cut)
        spaces = _SPACES.match(text, start + cut, end)  # not a copy of the rest each cut
        assert spaces is not None  # r"\s*" matches anywhere, if only the empty string
        start = spaces.end()
    passages.append(Passage(id=len(passages), start=start, end=end, text=text[start:end]))


def sentence_spans(passage: Passage) -> list[tuple[int, int]]:
    """Sentence spans (document offsets) inside a passage, by punctuation and capitals."""
    spans, start = [], 0
    for gap in _SENTENCE_END.finditer(passage.text):
        spans.append((passage.start + start, passage.start + gap.start()))
        start = gap.end()
    spans.append((passage.start + start, passage.end))
    return spans


def passage_at(passages: tuple[Passage, ...], offset: int) -> int:
    """The id of the passage containing a document offset (the previous one if in a gap)."""
    index = bisect_right([p.start for p in passages], offset) - 1
    return passages[max(index, 0)].id if passages else 0


def detect_language(text: str) -> str:
    """Guess the language among those geo reads, from each pack's commonest words
    (`Pack.common`); a tie goes to the language offered first."""
    words = re.findall(r"[a-zà-ÿ]+", text[:20000].lower())
    scores = {code: sum(w in pack(code).common for w in words) for code in supported()}
    return max(scores, key=scores.__getitem__)  # the first of the best
