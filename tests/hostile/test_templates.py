"""Template injection: text from articles, travelers, ids and file names never runs as a
template. folium renders its elements through Jinja2, and used to render their output a
second time as template source, so that `{{ 7*7 }}` in an article became 49 and
`{{ cycler.__init__.__globals__.os... }}` ran Python on the server.

Each test records every template source Jinja2 compiles while a map is built and rendered,
and checks that none holds the hostile text (`SENTINEL` marks it); then that the page shows
the text literally, that no folder was made, and that nothing raised.
"""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
import pytest

from geo.app.livemap import layers_script
from geo.cli.main import main
from geo.export.formats import to_csv, to_dict, to_geojson, to_kml
from geo.export.html import to_html
from geo.maps.corpus import corpus_html
from geo.maps.document import build_map, journey_highlight, reading_order_layer, selection_layer
from tests.helpers import TEMPLATE_PAYLOADS, hostile_result

SENTINEL = "Zq9"
PROOF = "SSTI_PROOF_DIR"  # the folder the `cycler` payload makes if it runs


@pytest.fixture
def template_sources(monkeypatch, tmp_path) -> list[str]:
    """Every template source Jinja2 compiles from now on; the test runs in an empty folder,
    where the `cycler` payload would make its folder."""
    sources: list[str] = []
    compile_source = jinja2.Environment.from_string

    def recording(self, source, *args, **kwargs):
        sources.append(str(source))
        return compile_source(self, source, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "from_string", recording)
    monkeypatch.chdir(tmp_path)
    return sources


def assert_inert(page: str, sources: list[str], folder: Path) -> None:
    assert not [s for s in sources if SENTINEL in s], "hostile text compiled as a template"
    assert not (folder / PROOF).exists()
    assert "[0][1][2]" not in page  # the {% for %} payload did not run
    assert "{{ 7*7 }}" in page and "<%= 7*7 %>" not in page  # literal; escaped as HTML


@pytest.fixture(params=range(len(TEMPLATE_PAYLOADS)), ids=lambda i: TEMPLATE_PAYLOADS[i][:12])
def payload(request) -> str:
    return f"{SENTINEL} {TEMPLATE_PAYLOADS[request.param]}"


def test_the_article_map_never_makes_hostile_text_a_template(template_sources, tmp_path, payload):
    result = hostile_result(payload)
    m = build_map(result, selected=result.places[0].id, reading_order=True, compact=True)
    page = m.get_root().render()
    assert not [s for s in template_sources if SENTINEL in s]
    assert not (tmp_path / PROOF).exists()
    assert page.count(SENTINEL) >= 10  # names, passages, traveler, legend, tooltips...


def test_every_payload_at_once_through_the_export(template_sources, tmp_path):
    result = hostile_result(" ".join(f"{SENTINEL} {p}" for p in TEMPLATE_PAYLOADS))
    assert_inert(to_html(result), template_sources, tmp_path)


def test_the_app_s_extra_layers_are_inert(template_sources, tmp_path):
    result = hostile_result(" ".join(f"{SENTINEL} {p}" for p in TEMPLATE_PAYLOADS))
    script = layers_script(
        [
            reading_order_layer(result),
            selection_layer(result.places[0]),
            journey_highlight(result, result.routes[0]),
        ]
    )
    assert script and not [s for s in template_sources if SENTINEL in s]
    assert not (tmp_path / PROOF).exists()


def test_the_corpus_map_is_inert(template_sources, tmp_path):
    text = " ".join(f"{SENTINEL} {p}" for p in TEMPLATE_PAYLOADS)
    data = to_dict(hostile_result(text))
    assert_inert(
        corpus_html([data, {**data, "id": f"{text} second"}], title=text),
        template_sources,
        tmp_path,
    )


def test_the_data_exports_keep_the_text_as_it_is(template_sources):
    text = " ".join(f"{SENTINEL} {p}" for p in TEMPLATE_PAYLOADS)
    result = hostile_result(text)
    assert text in json.dumps(to_dict(result), ensure_ascii=False)
    assert text in json.dumps(to_geojson(result), ensure_ascii=False)
    assert "{{ 7*7 }}" in to_csv(result) and "{{ 7*7 }}" in to_kml(result)
    assert not [s for s in template_sources if SENTINEL in s]


ARTICLE = (
    "Le ministre est arrivé à Berlin {{ 7*7 }} et "
    "{{ cycler.__init__.__globals__.os.mkdir(dict(SSTI_PROOF_DIR=1)|first) }} hier. "
    "Il est ensuite parti pour Moscou {% for x in range(3) %}[{{ x }}]{% endfor %} "
    "{# et ${7*7} <%= 7*7 %> l'{{ ' }}.\n"
)


def test_parse_html_of_a_hostile_file_named_like_a_template(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "{{ 7*7 }} {% if 1 %}x{% endif %}.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    assert main(["parse", source.name, "--lang", "fr", "--format", "html", "-o", "out.html"]) == 0
    page = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert not (tmp_path / PROOF).exists()
    assert "<title>{{ 7*7 }} {% if 1 %}x{% endif %}.txt</title>" in page
    assert "Berlin {{ 7*7 }}" in page and "49" not in page.split("<title>")[1][:40]
    assert "[0][1][2]" not in page
    assert "Traceback" not in capsys.readouterr().err


def test_geo_map_with_hostile_ids_and_names(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = to_dict(hostile_result(" ".join(TEMPLATE_PAYLOADS)))
    lines = [
        json.dumps({**data, "id": f"{{{{ 7*7 }}}} {i} {p}"})
        for i, p in enumerate(TEMPLATE_PAYLOADS)
    ]
    (tmp_path / "out.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["map", "out.jsonl", "-o", "corpus.html"]) == 0
    page = (tmp_path / "corpus.html").read_text(encoding="utf-8")
    assert not (tmp_path / PROOF).exists()
    assert "{{ 7*7 }} 0" in page and "49 0" not in page
