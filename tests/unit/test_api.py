"""geo's public API: the names it promises, loaded on first use."""

from __future__ import annotations

import subprocess
import sys

import pytest

import geo


@pytest.mark.parametrize("name", [n for n in geo.__all__ if n != "__version__"])
def test_every_public_name_is_there(name):
    assert getattr(geo, name) is not None


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_thing"):
        geo.no_such_thing  # noqa: B018


def test_parse_through_the_package(tiny_gazetteer):
    from geo.geocoding import GazetteerGeocoder

    result = geo.parse(
        "Le ministre est arrivé à Paris.", language="fr", geocoder=GazetteerGeocoder(tiny_gazetteer)
    )
    assert isinstance(result, geo.Result)
    assert [p.country_code for p in result.places] == ["FR"]


def test_importing_geo_loads_no_model_and_no_gazetteer():
    code = (
        "import sys, geo; print(sorted(m for m in sys.modules if m.startswith(('spacy', 'geo.'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_example_in_the_package_docstring_runs():
    import doctest

    assert doctest.testmod(geo, raise_on_error=True).attempted == 3
