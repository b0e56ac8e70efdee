"""The app with text that a template engine would run, through the real streamlit-folium (which
renders the map on the server): nothing is evaluated, the map's script holds the literal
text, no folder appears in the server's working folder, and no traceback."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, isolated_cache
from tests.helpers import TEMPLATE_PAYLOADS, shown

ARTICLE = (
    "Le ministre est arrivé à Berlin {{ 7*7 }} et "
    "{{ cycler.__init__.__globals__.os.mkdir(dict(SSTI_PROOF_DIR=1)|first) }} hier.\n\n"
    "Kim Jong Un {% for x in range(3) %}[{{ x }}]{% endfor %} est parti pour Moscou "
    "en train. " + " ".join(TEMPLATE_PAYLOADS) + "\n"
)


@pytest.fixture
def served_app(monkeypatch, tmp_path) -> AppTest:
    monkeypatch.setenv("GEO_CACHE_DIR", str(isolated_cache(tmp_path / "cache")))
    monkeypatch.setenv("GEO_SERVED", "1")  # as a reader of a shared server would use it
    monkeypatch.chdir(tmp_path)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def component_data(at: AppTest) -> tuple[str, str]:
    """The map's JavaScript as streamlit-folium hands it to its component (it leaves popups
    out: the app shows passages in its panel), and the text component's data."""
    script = text = None
    for element in at.main:
        proto = getattr(element, "proto", None)
        if args := getattr(proto, "json_args", None):
            script = json.loads(args).get("script", script)
        elif getattr(proto, "component_name", None) == "geo_reading_text":
            text = proto.json
    assert script and text, "the map or the text is missing"
    return script, text


# the first runs code if it is evaluated; the second also breaks Jinja2's syntax
@pytest.mark.parametrize("article", [ARTICLE.split("\n\n")[0] + "\n", ARTICLE], ids=["code", "all"])
def test_pasted_template_text_is_shown_not_run(served_app, tmp_path, article):
    at = served_app
    next(r for r in at.sidebar.radio if r.label == "Article").set_value("Paste text").run()
    next(t for t in at.sidebar.text_area if t.label == "Article text").input(article).run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert not (tmp_path / "SSTI_PROOF_DIR").exists()
    script, text = component_data(at)
    assert "Berlin" in script  # a tooltip: the map was rendered
    segments = [s["text"] for p in json.loads(text)["passages"] for s in p["segments"]]
    assert "".join(segments) == article.replace("\n\n", "").strip()


def test_an_upload_named_like_a_template_or_markdown_is_plain_text(served_app, tmp_path):
    at = served_app
    name = "{{ 7*7 }} ![p](http://127.0.0.1:8799/x) :red[alerte] **b** $x^2$.txt"
    next(r for r in at.sidebar.radio if r.label == "Article").set_value("Upload files").run()
    at.sidebar.file_uploader[0].upload(name, ARTICLE.encode("utf-8"), "text/plain").run()
    assert not at.exception, at.exception
    caption = at.caption[0].value
    # every Markdown mark is escaped: shown as the characters themselves
    assert shown(at.caption[0]).startswith(name + " · fr · ")
    assert not re.search(r"(?<!\\)[!\[\]():*$]", caption.split(" · ")[0])
    assert not (tmp_path / "SSTI_PROOF_DIR").exists()
