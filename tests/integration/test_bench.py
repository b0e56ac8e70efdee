"""The benchmarks (benchmarks/, `geo bench`): the table shows each figure beside its budget;
the quick parts run. The figures themselves are printed, not asserted: they depend on the
machine and its load.
"""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
import time

import pytest

import benchmarks
from benchmarks.figures import Figure, format_table
from benchmarks.gazetteer import sample_names
from benchmarks.journeys import journey_figures
from benchmarks.maps import map_figures
from benchmarks.paths import Paths
from benchmarks.processes import probe, watch_tree
from benchmarks.speed import long_text_figures, long_texts
from geo.cli import bench
from geo.cli.main import build_parser, main
from tests.helpers import synthetic_result


@pytest.mark.parametrize(
    "figure, verdict",
    [
        (Figure("cold_start_s", "cold start", 2.5, "s", ("<=", 3)), "ok"),
        (Figure("cold_start_s", "cold start", 3.5, "s", ("<=", 3)), "OVER"),
        (Figure("batch_speedup_2", "speed-up", 1.2, "", (">=", 1.7)), "OVER"),
        (Figure("batch_speedup_2", "speed-up", 1.9, "", (">=", 1.7)), "ok"),
        (Figure("words_per_s_dev", "words/s", None, note="skipped: no dev set"), "skipped"),
    ],
)
def test_each_figure_is_printed_next_to_its_budget(figure, verdict):
    row = format_table([figure]).splitlines()[1]
    assert figure.label in row and verdict in row
    if figure.budget:
        assert f"{figure.budget[0]} {figure.budget[1]:g}" in row


def test_lookup_part_as_json(capsys):
    assert main(["bench", "lookup", "--json"]) == 0
    figures = {f["key"]: f for f in json.loads(capsys.readouterr().out)["figures"]}
    assert figures["lookup_p50_us"]["budget"] == "<= 20" and figures["lookup_p50_us"]["value"] > 0
    assert figures["lookup_p99_us"]["value"] >= figures["lookup_p50_us"]["value"]
    assert isinstance(figures["lookup_p99_us"]["ok"], bool)
    # every run ends with the machine's load and speed, to read the figures by
    start, end = (float(x) for x in figures["reference_s"]["value"].split(" / "))
    assert 0 < start < 60 and 0 < end < 60 and "load_average" in figures


def test_map_part_on_ten_places():
    figures = {f.key: f for f in map_figures(sizes=(10,))}
    assert set(figures) == {
        "article_map_10_s",
        "article_map_10_mb",
        "corpus_map_10_s",
        "corpus_map_10_mb",
    }
    assert all(f.value > 0 for f in figures.values())


def test_synthetic_results_have_distinct_places_with_their_mentions():
    result = synthetic_result(50)
    assert len({p.id for p in result.places}) == 50
    for place in result.places:
        (mention,) = place.mentions
        assert result.text[mention.start : mention.end] == place.name


def test_every_part_can_be_named_and_gazetteer_stays():
    assert bench.PARTS == tuple(benchmarks.PARTS)  # geo bench --help lists them without a checkout
    parts = ("all", "gazetteer", "startup", "speed", "lookup", "maps", "app", "batch")
    for part in parts:
        assert build_parser().parse_args(["bench", part]).what == part
    assert build_parser().parse_args(["bench"]).what == "all"


def test_peak_memory_of_a_process_and_its_children():
    # ru_maxrss would give the parent's peak to the child: VmHWM is read from /proc instead
    child = (
        "import subprocess, sys; b = bytearray(60_000_000); "
        "subprocess.run([sys.executable, '-c', 'import time; b = bytearray(30_000_000); time.sleep(0.5)'])"
    )
    with subprocess.Popen([sys.executable, "-c", child]) as proc:
        peaks = watch_tree(proc, every=0.05)
    assert len(peaks) == 2 and max(peaks.values()) > 60_000 and min(peaks.values()) > 30_000


def test_long_text_figures_give_the_growth_and_the_limit_with_their_budgets():
    from geo.ingest.text import MAX_CHARS

    ((kind, language, text),) = [t for t in long_texts(None) if t[0] == "journeys"]
    figures = {f.key: f for f in long_text_figures(kind, language, text, sizes=(1_000, 2_000))}
    assert figures["long_journeys_1k_chars_per_s"].value > 0
    assert figures["long_journeys_doubling"].budget == ("<=", 2.2)
    limit = figures["long_journeys_limit_s"]
    assert limit.budget == ("<=", 60) and f"{MAX_CHARS:,}" in limit.label
    assert limit.value == pytest.approx(
        MAX_CHARS / figures["long_journeys_2k_chars_per_s"].value, rel=0.01
    )


def test_the_memory_probe_reads_an_index_by_its_file(tiny_gazetteer):
    index = tiny_gazetteer.paths[0]
    assert set(sample_names(index, 3)) <= {"Moscow", "Washington", "Russia", "Paris"}
    # a fresh Python that imports the geo being measured (PYTHONPATH), run by the probe's path
    assert (
        0
        < int(probe("gazetteer_rss", "none", str(index)))
        <= int(probe("gazetteer_rss", "open", str(index)))
    )


TRAVELS = [
    {"id": "fr1", "lang": "fr", "text": "Kim Jong Un s'est rendu à Moscou en train."},
    {"id": "en1", "lang": "en", "text": "The president flew to Moscow on Monday.", "date": "NA"},
    {"id": "fr2", "lang": "fr", "text": "Le président est arrivé à Paris.", "date": "2019-04-25"},
]


def _shares(eval_dir) -> dict[str, tuple[float, float, float]]:
    """The journey reader's figures by label: (share %, reader s, pipeline s) as printed."""
    shares = {}
    for row in format_table(journey_figures(Paths(eval_dir, eval_dir))).splitlines()[1:]:
        label, share, reader, pipeline = re.fullmatch(
            r"(journey reader share, .+?) +([\d.]+) % .* ([\d.]+) s of ([\d.]+) s", row
        ).groups()
        shares[label] = float(share), float(reader), float(pipeline)
    return shares


def test_the_journey_reader_share_is_its_time_in_the_pipeline_by_file_and_language(
    tmp_path, monkeypatch
):
    import geo.pipeline

    (tmp_path / "tiny.dev.jsonl").write_text(
        "\n".join(json.dumps(doc) for doc in TRAVELS), encoding="utf-8"
    )
    shares = _shares(tmp_path)
    assert set(shares) == {
        "journey reader share, tiny.dev (fr)",
        "journey reader share, tiny.dev (en)",
    }
    assert all(0 <= reader <= pipeline for _, reader, pipeline in shares.values())

    real = geo.pipeline.find_routes

    @functools.wraps(real)
    def slow_find_routes(*args, **kwargs):
        time.sleep(0.15)
        return real(*args, **kwargs)

    monkeypatch.setattr(geo.pipeline, "find_routes", slow_find_routes)
    slow = _shares(tmp_path)
    share, reader, pipeline = slow["journey reader share, tiny.dev (fr)"]
    assert reader >= 2 * 0.15 and share > shares["journey reader share, tiny.dev (fr)"][0]
    assert share == pytest.approx(100 * reader / pipeline, rel=0.05)  # as printed: rounded
    assert geo.pipeline.find_routes is slow_find_routes  # the benchmark put back what it timed


def test_the_journey_reader_share_without_dev_files_or_sample_is_skipped(tmp_path):
    (figure,) = journey_figures(Paths(tmp_path))
    assert figure.value is None and "skipped" in figure.note
