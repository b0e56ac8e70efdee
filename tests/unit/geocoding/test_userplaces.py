"""A reader's own places and the settings that bring them and online providers in."""

import pytest

from geo.config import load_settings
from geo.errors import GeoError, InputError
from geo.geocoding import (
    FallbackGeocoder,
    GazetteerGeocoder,
    MergedGeocoder,
    UserPlaces,
    candidates,
    make_geocoder,
)
from geo.resolve import rank
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"


def test_csv_and_geojson_places():
    places = UserPlaces([FIXTURES / "places.csv", FIXTURES / "places.geojson"])
    assert len(places) == 3
    assert candidates(places, "trifouilly")[0].kind == "landmark"
    assert candidates(places, "Le Matin")[0].country_code == "FR"
    assert candidates(places, "Nowhere") == []


def test_user_places_come_first_and_win(tiny_gazetteer):
    merged = MergedGeocoder(
        UserPlaces([FIXTURES / "places.csv"]), GazetteerGeocoder(tiny_gazetteer)
    )
    found = candidates(merged, "Paris")
    assert found[0].source == "user" and len(found) == 3
    assert rank(found)[0].candidate.source == "user"


@pytest.mark.parametrize(
    "content, message",
    [
        ("name,lat\nX,1\n", "lat and lon"),
        ("name,lat,lon\nX,91,0\n", "out of range"),
        ("name,lat,lon,kind\nX,1,1,planet\n", "kind"),
    ],
)
def test_bad_places_files_say_which_line(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        UserPlaces([path])


def test_settings_file_and_environment(tmp_path, monkeypatch):
    config = tmp_path / "geo.toml"
    config.write_text(
        '[geocoder]\nprovider = "nominatim"\nuser_agent = "newsroom/1"\n'
        'min_delay = 2\n[geocoder.options]\ndomain = "127.0.0.1:9"\nscheme = "http"\n'
        f'[gazetteer]\nuser_places = ["{FIXTURES / "places.csv"}"]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("GEO_CONFIG", str(config))
    monkeypatch.delenv("GEO_GEOCODER", raising=False)
    settings = load_settings()
    assert (settings.provider, settings.min_delay, settings.options["scheme"]) == (
        "nominatim",
        2.0,
        "http",
    )
    geocoder = make_geocoder()
    assert isinstance(geocoder, MergedGeocoder)
    assert isinstance(geocoder.geocoders[1], FallbackGeocoder)
    monkeypatch.setenv("GEO_GEOCODER", "gazetteer")
    assert isinstance(make_geocoder().geocoders[1], GazetteerGeocoder)


def test_a_broken_settings_file_is_one_clear_error(tmp_path, monkeypatch):
    config = tmp_path / "geo.toml"
    config.write_text("[geocoder\nprovider = ", encoding="utf-8")
    monkeypatch.setenv("GEO_CONFIG", str(config))
    with pytest.raises(GeoError, match="configuration"):
        load_settings()
