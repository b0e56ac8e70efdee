"""The app served to others (AppTest): each reader's corrections stay theirs, across reloads,
and web addresses on the machine's own network are refused."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo.corrections import valid_reader
from tests.conftest import WASHINGTON_DC, isolated_cache
from tests.helpers import APP, APP_TIMEOUT, WASHINGTON_CLICK, FakeMap, button, place_circles, shown

DC = (WASHINGTON_DC.lat, WASHINGTON_DC.lon)  # geo's first choice for Washington in the sample


@pytest.fixture(autouse=True)
def served(monkeypatch, tmp_path):
    monkeypatch.setenv("GEO_CACHE_DIR", str(isolated_cache(tmp_path / "cache")))
    monkeypatch.setenv("GEO_SERVED", "1")
    return tmp_path / "cache"


def session(fake_map: FakeMap, reader: str | None = None) -> AppTest:
    """A reader opening the sample (a reload when `reader` is their token)."""
    fake_map.value = {"last_object_clicked": None}
    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    if reader is not None:
        at.query_params["reader"] = reader
    at.run()
    assert not at.exception, at.exception
    return at


def washington(fake_map: FakeMap) -> tuple[float, float]:
    """Where the last map drew Washington's circle."""
    return place_circles(fake_map.calls[-1][0])["Washington"]


def test_each_reader_sees_only_their_own_corrections(fake_map, served):
    first = session(fake_map)
    token = first.query_params["reader"]
    assert valid_reader(token)
    fake_map.value = WASHINGTON_CLICK
    first.run()
    button(first, "Use this candidate").click().run()
    assert not first.exception, first.exception
    assert washington(fake_map) != DC  # moved for this reader

    other = session(fake_map)  # another reader, same text
    assert valid_reader(other.query_params["reader"]) and other.query_params["reader"] != token
    assert washington(fake_map) == DC
    assert not [b for b in other.button if b.label == "Undo the last correction"]

    session(fake_map, reader=token)  # the first reader reloads the page
    assert washington(fake_map) != DC
    assert [p.name for p in (served / "readers").glob("*.json")] == [f"{token}.json"]
    assert not (served / "corrections.json").exists()


@pytest.mark.parametrize("bad", ["../corrections", "a" * 22 + "/..", "x"])
def test_a_token_that_is_not_ours_is_replaced(fake_map, served, bad):
    at = session(fake_map, reader=bad)
    assert valid_reader(at.query_params["reader"])
    assert not list(served.parent.glob("**/*corrections*.json"))


def test_a_private_web_address_is_refused(fake_map):
    at = session(fake_map)
    next(r for r in at.sidebar.radio if r.label == "Article").set_value("Web address").run()
    next(t for t in at.sidebar.text_input if "Address" in t.label).input(
        "http://127.0.0.1:9/admin"
    ).run()
    assert not at.exception, at.exception
    assert [shown(e) for e in at.error] == [
        "127.0.0.1 is a private or local address; geo does not read those when others use it "
        "(allow_private_urls)"
    ]
