"""`geo gazetteer import`: GeoNames dumps (plain or zipped) into a second index."""

import pytest

from geo.errors import InputError
from geo.gazetteer.importer import feature_kind, import_dump
from geo.gazetteer.index import Gazetteer
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"


@pytest.mark.parametrize("dump", ["geonames_sample.txt", "geonames_sample.zip"])
def test_import_then_lookup(tmp_path, tiny_gazetteer, dump):
    target = tmp_path / "imported.sqlite"
    assert import_dump(FIXTURES / dump, target) == 4
    both = Gazetteer(tiny_gazetteer.paths[0], target)
    assert both.lookup("Etretat")[0].name == "Étretat"
    assert both.lookup("Lutèce")[0].feature == "capital"
    assert both.lookup("Région parisienne")[0].kind == "region"
    assert [c.id for c in both.lookup("Paris")].count("geonames:2988507") == 1  # no repeats
    assert import_dump(FIXTURES / dump, target) == 0  # importing twice adds nothing


@pytest.mark.parametrize("content", [b"just some text\nwith lines\n", b"\x89PNG\r\n"])
def test_a_file_that_is_not_a_dump_is_refused(tmp_path, content):
    source = tmp_path / "notes.txt"
    source.write_bytes(content)
    with pytest.raises(InputError):
        import_dump(source, tmp_path / "imported.sqlite")


@pytest.mark.parametrize(
    "feature_class, code, kind",
    [
        ("P", "PPLC", ("city", "capital")),
        ("P", "PPL", ("city", None)),
        ("A", "PCLI", ("country", None)),
        ("A", "ADM1", ("region", None)),
        ("L", "CONT", ("continent", None)),
        ("S", "BLDG", ("landmark", None)),
        ("H", "LK", ("other", None)),
    ],
)
def test_feature_kinds(feature_class, code, kind):
    assert feature_kind(feature_class, code) == kind
