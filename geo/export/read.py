"""A Result read back from its JSON form: the inverse of `geo.export.formats.to_dict`.

Every nested type is rebuilt from `geo.model`'s type hints, so that a field added there is
read back with no change here; only what `to_dict` renames is undone by hand (a route's
`from`/`to`, an alternative's candidate written flat beside its score).
"""

from __future__ import annotations

import functools
import json
import types
import typing
from dataclasses import MISSING, fields, is_dataclass
from typing import Any

from geo.errors import InputError
from geo.model import Alternative, Result, Route


def from_json(document: str, *, text: str | None = None) -> Result:
    """The Result of a JSON document written by `to_json` (or `to_dict`); `text` is the
    document's text when the JSON leaves it out (as `to_json` does).

    >>> from geo.export.formats import to_json
    >>> from geo.model import Passage
    >>> result = Result("doc", "fr", "Moscou.", (Passage(0, 0, 7, "Moscou."),), ())
    >>> from_json(to_json(result), text="Moscou.") == result
    True
    """
    try:
        data = json.loads(document)
    except ValueError as err:
        raise InputError(f"not a JSON result: {err}") from err
    return from_dict(data, text=text)


def from_dict(data: Any, *, text: str | None = None) -> Result:
    """The Result that `to_dict` wrote as `data`; `text` is the document's text when `data`
    has none (`to_dict` writes it only with `include_text`). Anything else than what `to_dict`
    writes is an InputError naming the first field that is wrong."""
    if isinstance(data, dict) and "text" not in data:
        if text is None:
            raise InputError("the result has no text: give the document's text with it")
        data = {**data, "text": text}
    return _build(Result, data, "result")


def _route(data: dict[str, Any]) -> dict[str, Any]:
    renamed = dict(data)
    for written, name in (("from", "from_id"), ("to", "to_id")):
        if written in renamed:
            renamed[name] = renamed.pop(written)
    return renamed


def _alternative(data: dict[str, Any]) -> dict[str, Any]:
    ranking: dict[str, Any] = {k: data[k] for k in ("score", "reason") if k in data}
    return {"candidate": {k: v for k, v in data.items() if k not in ranking}, **ranking}


# to_dict's shape of a type, back to its fields
_UNDONE = {Route: _route, Alternative: _alternative}


def _build(cls: type, data: Any, where: str) -> Any:
    """An instance of the dataclass `cls` from a JSON object, each field read by its hint."""
    if not isinstance(data, dict):
        raise _wrong(where, "an object", data)
    data = _UNDONE.get(cls, dict)(data)
    hints = _hints(cls)
    unknown = sorted(data.keys() - hints.keys())
    if unknown:
        raise InputError(f"{where}: unknown field {unknown[0]!r}")
    values = {}
    for f in fields(cls):
        if f.name in data:
            values[f.name] = _value(hints[f.name], data[f.name], f"{where}.{f.name}")
        elif f.default is MISSING and f.default_factory is MISSING:
            raise InputError(f"{where}: no {f.name!r}")
    return cls(**values)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _value(hint: Any, value: Any, where: str) -> Any:
    """`value` read as the type `hint`: a dataclass, `tuple[X, ...]`, `X | None`, or one of
    str, int, float and bool (an int is a float, a bool is not a number)."""
    origin = typing.get_origin(hint)
    if origin is types.UnionType or origin is typing.Union:
        if value is None and type(None) in typing.get_args(hint):
            return None
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        return _value(inner, value, where)
    if origin is tuple:
        if not isinstance(value, list):
            raise _wrong(where, "a list", value)
        item = typing.get_args(hint)[0]
        return tuple(_value(item, v, f"{where}[{i}]") for i, v in enumerate(value))
    if is_dataclass(hint):
        return _build(typing.cast(type, hint), value, where)
    if hint is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if hint in (int, str, bool) and type(value) is hint:
        return value
    expected = {float: "a number", int: "an integer", str: "a string", bool: "true or false"}
    if hint in expected:
        raise _wrong(where, expected[hint], value)
    raise TypeError(f"{where}: no reader for {hint!r}")  # a type geo.model began to use


def _wrong(where: str, expected: str, value: Any) -> InputError:
    shown = repr(value)
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    return InputError(f"{where}: {expected} expected, not {shown}")
