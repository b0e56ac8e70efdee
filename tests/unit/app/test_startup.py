"""The app's start makes the first page's map data and readies the model, in its own thread,
without streamlit-folium (whose component must be declared in a page's run)."""

from __future__ import annotations

import textwrap

from geo.app import prepared, startup
from geo.app.sidebar import first_page
from tests.helpers import ROOT, fresh_python


def test_the_first_page_is_the_first_sample_as_the_sidebar_offers_it(tmp_path):
    (tmp_path / "b.txt").write_text("Paris.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Lyon.", encoding="utf-8")
    page = first_page(tmp_path)
    assert page.documents == [("a.txt", "Lyon.")]
    assert (page.language, page.provider, page.date) == ("auto", "gazetteer", None)
    assert first_page(tmp_path / "none").documents == []


def test_pages_wait_for_the_start_and_a_failure_there_is_not_theirs(tmp_path, monkeypatch):
    started = []

    def failing(samples):
        started.append(samples)
        raise RuntimeError("a damaged sample")

    monkeypatch.setattr(startup, "prepare", failing)
    startup.start(tmp_path).join(10)
    assert started == [tmp_path] and prepared.wait_prepared(0)


def test_prepare_imports_the_page_without_the_map_s_libraries(tmp_path):
    # a fresh process, as `streamlit run` starts: the page's modules are imported, and not
    # folium, pandas nor streamlit_folium, which a page whose map is kept does without until
    # its journeys table (pandas)
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from geo.app.startup import prepare
        import streamlit.delta_generator as dg
        assert dg._use_warning_has_been_displayed is False, "Streamlit renamed its mark"
        prepare(Path({str(ROOT / "seeds")!r}))
        assert dg._use_warning_has_been_displayed is True  # no stack walk on the first element
        assert "geo.app.content" in sys.modules and "geo.app.mapview" in sys.modules
        imported = [m for m in ("streamlit_folium", "folium", "pandas") if m in sys.modules]
        assert not imported, imported
        print("ok")
        """
    )
    assert fresh_python(script).split()[0] == "ok"


def test_the_page_draws_its_sidebar_without_the_map_s_libraries():
    # the first page's sidebar is sent while the start still imports them (geo.app.content
    # brings them in after it)
    script = (
        "import sys, geo.app.page; "
        "print(sorted(m for m in ('folium', 'shapely', 'pandas', 'streamlit_folium') "
        "if m in sys.modules))"
    )
    assert fresh_python(script).strip() == "[]"
