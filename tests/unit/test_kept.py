"""Derived data kept on disk: made once per version of geo, read back equal, made again when
its file is damaged or geo changes, and never an error when the folder cannot be written."""

from __future__ import annotations

import json
import os

import pytest

from geo import kept as kept_module
from geo.kept import code_version, folder, keep, kept, recall


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path))
    return tmp_path


def counted(name: str = "squares", **options):
    calls: list[tuple] = []

    @kept(name, **options)
    def squares(n: int, *, start: int = 0) -> list[int]:
        calls.append((n, start))
        return [i * i for i in range(start, n)]

    return squares, calls


def test_a_value_is_made_once_then_read_back_per_arguments(cache):
    squares, calls = counted()
    assert squares(4) == [0, 1, 4, 9]
    assert squares(4) == [0, 1, 4, 9]
    assert squares(4, start=2) == [4, 9]
    assert calls == [(4, 0), (4, 2)]
    assert len(list(folder().glob("squares-*.json"))) == 2
    again, calls_again = counted()  # another process: the same files
    assert again(4, start=2) == [4, 9] and calls_again == []


def test_encode_and_decode_bring_back_the_same_kind_of_value(cache):
    @kept("pairs", encode=lambda d: sorted(d.items()), decode=lambda rows: dict(map(tuple, rows)))
    def pairs() -> dict[str, int]:
        return {"a": 1, "b": 2}

    assert pairs() == {"a": 1, "b": 2}
    assert pairs() == {"a": 1, "b": 2}
    assert json.loads(next(folder().glob("pairs-*.json")).read_text())["value"] == [
        ["a", 1],
        ["b", 2],
    ]


@pytest.mark.parametrize(
    "damage",
    [b"{not json", b'{"format": 1}', b'{"format": 99, "name": "squares", "asked": "", "value": 1}'],
)
def test_a_damaged_or_foreign_file_is_made_again(cache, damage):
    squares, calls = counted()
    squares(3)
    (path,) = folder().glob("squares-*.json")
    path.write_bytes(damage)
    assert squares(3) == [0, 1, 4] and len(calls) == 2
    assert json.loads(path.read_bytes())["value"] == [0, 1, 4]


def test_a_file_made_for_other_arguments_is_not_taken(cache):
    squares, calls = counted()
    squares(3)
    (path,) = folder().glob("squares-*.json")
    data = json.loads(path.read_bytes())
    path.write_text(json.dumps({**data, "asked": "[[5], []]", "value": [7]}))
    assert squares(3) == [0, 1, 4] and len(calls) == 2


def test_another_version_s_folder_goes_once_this_one_is_written(cache):
    old = cache / "derived" / "0123456789abcdef"
    old.mkdir(parents=True)
    (old / "squares-0.json").write_text("{}")
    squares, _ = counted()
    squares(2)
    assert not old.exists() and folder().is_dir()
    assert [p.name for p in (cache / "derived").iterdir()] == [folder().name]


def test_a_folder_geo_may_not_write_keeps_nothing_and_says_nothing(cache):
    (cache / "derived").write_text("a file where the folder should be")
    squares, calls = counted()
    assert squares(3) == [0, 1, 4] and squares(3) == [0, 1, 4]
    assert len(calls) == 2


def test_a_value_made_elsewhere_is_kept_and_recalled_by_what_was_asked(cache):
    assert recall("maps", ["one", 1]) is None
    keep("maps", ["one", 1], {"script": "L.map()"})
    assert recall("maps", ["one", 1]) == {"script": "L.map()"}
    assert recall("maps", ["one", 2]) is None and recall("other", ["one", 1]) is None
    keep("maps", ["bad"], {1, 2})  # not JSON data: nothing kept, nothing said
    assert recall("maps", ["bad"]) is None


def test_only_the_latest_values_of_a_name_are_kept_when_asked(cache):
    for n in range(5):
        keep("maps", [n], n, most=3)
        for path in folder().glob("maps-*.json"):  # older files, older times
            os.utime(path, (path.stat().st_mtime - 1,) * 2)
    keep("other", [0], 0)
    assert [recall("maps", [n]) for n in range(5)] == [None, None, 2, 3, 4]
    assert recall("other", [0]) == 0


def test_the_code_version_follows_every_file_of_the_package_and_the_models(tmp_path, monkeypatch):
    package = tmp_path / "geo"
    (package / "__pycache__").mkdir(parents=True)
    (package / "pipeline.py").write_text("A = 1\n", encoding="utf-8")
    (package / "lemmas.tsv").write_text("allé\taller\n", encoding="utf-8")
    monkeypatch.setattr(kept_module, "PACKAGE", package)
    version = code_version.__wrapped__
    first = version()
    (package / "__pycache__" / "pipeline.cpython-311.pyc").write_bytes(b"\0")
    assert version() == first  # compiled files say nothing new
    (package / "lemmas.tsv").write_text("allé\tallé\n", encoding="utf-8")
    assert version() != first
    second = version()
    monkeypatch.setattr(kept_module, "_installed", lambda name: "99.0")
    assert version() != second  # another version of a library or a model
    assert len(code_version()) == 64 and code_version() is code_version()  # once a process
