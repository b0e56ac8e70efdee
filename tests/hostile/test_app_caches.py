"""The app with a damaged or unwritable corrections file (AppTest): a warning or one clear
error, never a traceback."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import APP, APP_TIMEOUT, WASHINGTON_CLICK, FakeMap, button, shown


@pytest.fixture
def cache(monkeypatch, tmp_path):
    import streamlit_folium

    from tests.conftest import isolated_cache

    folder = isolated_cache(tmp_path / "cache")
    monkeypatch.setenv("GEO_CACHE_DIR", str(folder))
    monkeypatch.setenv("GEO_SERVED", "0")
    fake = FakeMap()
    monkeypatch.setattr(streamlit_folium, "st_folium", fake)
    return folder, fake


def open_app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    return at


def correct(at: AppTest, fake: FakeMap) -> None:
    fake.value = WASHINGTON_CLICK
    at.run()
    button(at, "Use this candidate").click().run()


def test_a_damaged_corrections_file_is_set_aside_with_a_warning(cache):
    cache, fake = cache
    (cache / "corrections.json").write_text("{not json", encoding="utf-8")
    at = open_app()
    assert any("corrections file" in w.value and "set aside" in w.value for w in at.warning)
    assert list(cache.glob("corrections.json.damaged-*"))
    correct(at, fake)
    assert not at.exception and not at.error, (at.exception, at.error)
    assert "chosen by the reader" in " ".join(m.value for m in at.markdown)


def test_a_correction_that_cannot_be_saved_is_one_clear_error(cache):
    cache, fake = cache
    (cache / "corrections.lock").mkdir()  # the lock cannot be opened: like a read-only folder
    at = open_app()
    correct(at, fake)
    assert not at.exception, at.exception
    assert [shown(e) for e in at.error] == [f"cannot save corrections in {cache}: Is a directory"]
