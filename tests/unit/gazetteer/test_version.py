"""The index's version: a data file edited without changing its length still rebuilds it."""

from __future__ import annotations

from geo.gazetteer.sources import _digest


def test_a_data_file_edited_at_the_same_length_changes_the_version(tmp_path):
    data, code = tmp_path / "data", tmp_path / "code"
    data.mkdir()
    code.mkdir()
    (data / "large_regions.tsv").write_text("area:x\t29.5\t42.5\n", encoding="utf-8")
    before = _digest(data, code, ())
    (data / "large_regions.tsv").write_text("area:x\t33.1\t35.8\n", encoding="utf-8")
    assert _digest(data, code, ()) != before
