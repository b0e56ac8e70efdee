"""`geo batch`: the same lines by every engine and process count as `geo parse --jsonl`,
resumable, one clear line for bad input; `geo map`: a clustered corpus map that stays inert."""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from geo.cli.batch import finished_ids, read_tasks, run_batch
from geo.cli.main import main
from geo.export.formats import to_dict
from geo.maps.corpus import corpus_html, corpus_places
from tests.helpers import (
    CHROMIUM_ARGS,
    MOSCOW,
    PICK_CLUSTER,
    browser_missing,
    chromium,
    offline_context,
    result_from,
    synthetic_result,
)

DOCS = (
    {
        "id": "kim",
        "text": "Kim Jong Un a quitté Pyongyang pour Vladivostok, puis Moscou.",
        "lang": "fr",
    },
    {
        "id": "visit",
        "text": "Le président est arrivé à Paris mardi, avant de rejoindre Berlin.",
        "lang": "fr",
    },
    {
        "id": "flight",
        "text": "The delegation flew from Washington to Tokyo on Monday.",
        "lang": "en",
    },
    {"id": "floods", "text": "Floods hit Bangladesh and eastern India this week."},
    {"id": "5", "text": "À Lyon, des habitants de Marseille ont manifesté devant la mairie."},
    {
        "id": "talks",
        "text": "Talks in Geneva between Russia and Ukraine stalled again.",
        "lang": "en",
    },
    {
        "id": "trip",
        "text": "Kim Jong Un a quitté Pyongyang pour Vladivostok le mois dernier.",
        "date": "2023-09-05",
    },  # its own date reaches the workers: "le mois dernier" is 2023-08
)
SCRIPT = "<script>window.__pwned=1</script>"


def write_docs(path, docs=DOCS):
    path.write_text(
        "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8"
    )
    return path


def by_id(path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    found = {json.loads(line)["id"]: line for line in lines}
    assert len(found) == len(lines), "an id was written twice"
    return found


@pytest.fixture(scope="module")
def expected(tmp_path_factory) -> dict[str, str]:
    """What `geo parse --jsonl` writes for DOCS, one line per id."""
    folder = tmp_path_factory.mktemp("expected")
    out = folder / "parse.jsonl"
    assert main(["parse", "--jsonl", str(write_docs(folder / "docs.jsonl")), "-o", str(out)]) == 0
    return by_id(out)


# worker processes each load spaCy and the models: seconds, even on a warm machine
SLOW = pytest.mark.slow


@pytest.mark.parametrize(
    "engine, processes",
    [("pool", 1), pytest.param("pool", 2, marks=SLOW), pytest.param("dask", 2, marks=SLOW)],
)
def test_every_engine_and_process_count_writes_what_parse_writes(
    tmp_path, expected, engine, processes
):
    if engine == "dask":
        pytest.importorskip(
            "distributed", reason='Dask is not installed (pip install -e ".[dask]")'
        )
    out = tmp_path / "out.jsonl"
    summary = run_batch(
        str(write_docs(tmp_path / "docs.jsonl")),
        out,
        processes=processes,
        engine=engine,
        progress=False,
        report=lambda message: None,
    )
    assert (summary.done, summary.failed, summary.skipped) == (len(DOCS), 0, 0)
    assert by_id(out) == expected


@pytest.fixture
def counted_parse(monkeypatch):
    """The pipeline's parse, counting the documents it is given (one process: in this one)."""
    import geo.pipeline

    calls: list[str] = []
    real = geo.pipeline.parse

    def parse(text, **kwargs):
        calls.append(kwargs["doc_id"])
        return real(text, **kwargs)

    monkeypatch.setattr(geo.pipeline, "parse", parse)
    return calls


def test_resume_parses_only_the_documents_not_in_the_output(tmp_path, counted_parse):
    out = tmp_path / "out.jsonl"
    run_batch(str(write_docs(tmp_path / "first.jsonl", DOCS[:3])), out, processes=1, progress=False)
    assert counted_parse == ["kim", "visit", "flight"]
    before = out.read_text(encoding="utf-8")
    counted_parse.clear()
    summary = run_batch(str(write_docs(tmp_path / "docs.jsonl")), out, processes=1, progress=False)
    assert counted_parse == ["floods", "5", "talks", "trip"]
    assert (summary.skipped, summary.done) == (3, 4)
    assert out.read_text(encoding="utf-8").startswith(before)  # finished lines untouched
    assert set(by_id(out)) == {str(d["id"]) for d in DOCS}


@SLOW
def test_resume_with_worker_processes_keeps_finished_lines(tmp_path, expected):
    out = tmp_path / "out.jsonl"
    # a line that parse would never write: proof that the pool did not redo "kim"
    out.write_text(json.dumps({"id": "kim", "places": [], "marker": 1}) + "\n", encoding="utf-8")
    summary = run_batch(str(write_docs(tmp_path / "docs.jsonl")), out, processes=2, progress=False)
    found = by_id(out)
    assert summary.skipped == 1 and json.loads(found.pop("kim"))["marker"] == 1
    assert found == {k: v for k, v in expected.items() if k != "kim"}


def test_a_last_line_cut_by_a_crash_is_redone(tmp_path, expected, counted_parse):
    out = tmp_path / "out.jsonl"
    out.write_text(expected["kim"] + "\n" + expected["visit"][:40], encoding="utf-8")
    assert (
        finished_ids(out) == {"kim"} and out.read_text(encoding="utf-8") == expected["kim"] + "\n"
    )
    run_batch(str(write_docs(tmp_path / "docs.jsonl")), out, processes=1, progress=False)
    assert len(counted_parse) == len(DOCS) - 1 and by_id(out) == expected


def test_no_demonyms_writes_what_parse_no_demonyms_writes(tmp_path):
    docs = write_docs(
        tmp_path / "docs.jsonl",
        [{"id": "raid", "text": "Israeli jets struck near Damascus.", "lang": "en"}],
    )
    parsed, out = tmp_path / "parse.jsonl", tmp_path / "out.jsonl"
    assert main(["parse", "--jsonl", str(docs), "--no-demonyms", "-o", str(parsed)]) == 0
    argv = ["batch", str(docs), "-o", str(out), "--processes", "1", "--no-progress"]
    assert main([*argv, "--no-demonyms"]) == 0
    assert by_id(out) == by_id(parsed)
    assert [p["name"] for p in json.loads(by_id(out)["raid"])["places"]] == ["Damascus"]


def test_folder_and_glob_documents_are_named_by_their_files(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Les ministres se sont réunis à Bruxelles.", encoding="utf-8")
    (folder / "b.md").write_text("Officials met in Nairobi.", encoding="utf-8")
    (folder / ".hidden").write_text("x", encoding="utf-8")
    assert [t.id for t in read_tasks(str(folder))[0]] == ["a.txt", "b.md"]
    assert [t.id for t in read_tasks(str(folder / "*.txt"))[0]] == ["a.txt"]
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(folder), "-o", str(out), "--processes", "1", "--no-progress"]) == 0
    assert set(by_id(out)) == {"a.txt", "b.md"}


def test_a_document_that_fails_is_reported_not_written(tmp_path, capsys):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text("Officials met in Nairobi.", encoding="utf-8")
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(folder), "-o", str(out), "--processes", "1", "--no-progress"]) == 1
    assert set(by_id(out)) == {"good.txt"}  # a rerun tries empty.txt again
    err = capsys.readouterr().err
    assert "geo: empty.txt: the text is empty" in err and "1 failed" in err


@pytest.mark.parametrize(
    "make, extra, message",
    [
        (lambda tmp: tmp / "missing", [], "no such file or folder"),
        (lambda tmp: tmp / "nothing-*.txt", [], "no file matches"),
        (lambda tmp: (tmp / "empty").mkdir() or tmp / "empty", [], "has no files"),
        (lambda tmp: (tmp / "a.txt").write_text("x") and tmp / "a.txt", [], "neither a folder"),
        (
            lambda tmp: (
                (tmp / "d.jsonl").write_text('{"id": "1", "text": "a"}\n{"id": 2, "text": "b"}\n')
                and tmp / "d.jsonl"
            ),
            [],
            'line 2: the "id" must be a string',
        ),
        (
            lambda tmp: (
                (tmp / "d.jsonl").write_text('{"id": "1", "text": "a"}\n{"id": "1", "text": "b"}\n')
                and tmp / "d.jsonl"
            ),
            [],
            "two documents have the id '1' (lines 1 and 2)",
        ),
        (lambda tmp: tmp / "missing.jsonl", ["--processes", "0"], "at least 1"),
        (
            lambda tmp: tmp / "missing.jsonl",
            ["--scheduler", "tcp://127.0.0.1:1"],
            "needs --engine dask",
        ),
        (
            lambda tmp: tmp / "missing.jsonl",
            ["--geocoder", "nominatim", "--processes", "2"],
            "one request a second",
        ),
    ],
)
def test_bad_input_gives_one_clear_line(tmp_path, capsys, make, extra, message):
    status = main(
        ["batch", str(make(tmp_path)), "-o", str(tmp_path / "out.jsonl"), "--no-progress", *extra]
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 2 and len(err) == 1 and err[0].startswith("geo: ") and message in err[0], err


def test_an_output_that_is_not_geo_results_is_refused(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    out.write_text("hello\n", encoding="utf-8")
    assert main(["batch", str(write_docs(tmp_path / "docs.jsonl")), "-o", str(out)]) == 2
    assert "line 1 is not a geo result" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "hello\n"


# --- the corpus map ---------------------------------------------------------------------------


def hostile_results() -> list[dict]:
    first = result_from((f"Kim Jong Un left Vladivostok for Moscow. {SCRIPT}",), doc_id="one")
    second = result_from(
        (f"Moscow welcomed the train. {SCRIPT}",),
        doc_id=SCRIPT,
        places=(MOSCOW, ("evil", SCRIPT, 10.0, 10.0)),
    )
    return [to_dict(first), to_dict(second)]


def test_a_place_named_in_several_documents_is_one_marker():
    places = {p.id: p for p in corpus_places(hostile_results())}
    assert set(places) == {"vl", "mo", "evil"}
    assert places["mo"].documents == ("one", SCRIPT) and places["mo"].mentions == 2
    assert places["vl"].documents == ("one",)


def test_corpus_map_is_standalone_clustered_and_escapes_names(tmp_path):
    page = corpus_html(hostile_results())
    assert "L.markerClusterGroup(" in page and ".marker-cluster-small" in page
    assert "<script src" not in page and "https://cdn" not in page
    assert SCRIPT not in page  # names reach the page as escaped JSON
    out = tmp_path / "map.html"
    results = tmp_path / "results.jsonl"
    results.write_text("".join(json.dumps(r) + "\n" for r in hostile_results()), encoding="utf-8")
    assert main(["map", str(results), "-o", str(out)]) == 0
    assert "L.markerClusterGroup(" in out.read_text(encoding="utf-8")


def test_ten_thousand_places_fit_in_five_megabytes():
    page = corpus_html([to_dict(synthetic_result(10_000))])
    assert len(page.encode("utf-8")) <= 5_000_000


def test_map_of_a_file_that_is_not_results_gives_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    assert main(["map", str(bad)]) == 2
    assert capsys.readouterr().err.strip() == f"geo: {bad} line 1 is not a geo result (no places)"


# Zoom until the hostile place (at 10, 10) is out of its cluster, then tag its circle.
SHOW_HOSTILE = """() => new Promise((resolve, reject) => {
  const group = Object.values(window).find(v => v instanceof L.MarkerClusterGroup);
  const layer = group.getLayers().find(l => l.getLatLng().lat === 10 && l.getLatLng().lng === 10);
  group.zoomToShowLayer(layer, () => { layer._path.setAttribute('data-geo-pick', 'hostile'); resolve(); });
  setTimeout(() => reject(new Error('the hostile place never showed')), 10000);
})"""
CLUSTERS_SETTLED = """() => { const group = Object.values(window).find(v => v instanceof L.MarkerClusterGroup);
  return group._map.getZoom() > %d && !group._inZoomAnimation && !group._map._animatingZoom; }"""


@pytest.mark.browser
def test_corpus_map_clusters_in_chromium_and_stays_inert(tmp_path):
    """A thousand places render as clusters; a click zooms in; a hostile name stays text."""
    if missing := browser_missing():  # as tests/browser/conftest.py: skip here, fail in CI
        if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
            pytest.fail(f"{missing}: browser tests must run in CI", pytrace=False)
        pytest.skip(missing)
    path = tmp_path / "corpus.html"
    path.write_text(
        corpus_html(hostile_results() + [to_dict(synthetic_result(1_000))]), encoding="utf-8"
    )
    # its own thread: tests/browser keep a session-wide Playwright running in this one
    with ThreadPoolExecutor(1) as thread:
        thread.submit(drive_corpus_map, path).result()


def drive_corpus_map(path) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium()), args=CHROMIUM_ARGS)
        page = offline_context(browser).new_page()
        errors: list[str] = []
        page.on("pageerror", lambda err: errors.append(str(err)))
        page.goto(path.as_uri())
        expect(page.locator(".marker-cluster").first).to_be_visible(timeout=20_000)
        zoom = page.evaluate("() => Object.values(window).find(v => v instanceof L.Map).getZoom()")
        assert page.evaluate(PICK_CLUSTER) > 1
        page.locator('[data-geo-pick="1"]').click()
        page.wait_for_function(CLUSTERS_SETTLED % zoom, timeout=10_000)
        page.evaluate(SHOW_HOSTILE)  # then click it as a reader would
        page.locator('path[data-geo-pick="hostile"]').click()
        popup = page.locator(".leaflet-popup-content")
        expect(popup).to_contain_text(SCRIPT)
        expect(popup).to_contain_text("1 mention in 1 document")
        assert page.evaluate("window.__pwned") is None and errors == []
        expect(popup.locator("script")).to_have_count(0)
        browser.close()
