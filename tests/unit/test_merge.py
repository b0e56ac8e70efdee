"""Several documents: merged for one map with exact offsets; inputs from HTML."""

from __future__ import annotations

import pytest

from geo.app.reading import segments
from geo.errors import InputError
from geo.ingest.articles import main_text, read_upload
from geo.merge import merge
from tests.helpers import MOSCOW, TRIP, make_result

OTHER = make_result(["Snow in Moscow <b>today</b>.", "Moscow shivers."], [MOSCOW], doc_id="b.txt")


def test_merge_keeps_offsets_exact_and_labels_passages():
    merged, labels = merge([TRIP, OTHER])
    for place in merged.places:
        for m in place.mentions:
            assert merged.text[m.start : m.end] == m.text
            assert merged.passages[m.passage].start <= m.start < merged.passages[m.passage].end
    assert len(merged.place("mo").mentions) == len(TRIP.place("mo").mentions) + 2
    assert [labels[p.id] for p in merged.passages] == ["sample"] * 3 + ["b.txt"] * 2
    assert merge([TRIP]) == (TRIP, {})


def test_reading_segments_cover_the_text_and_mark_each_mention():
    merged, labels = merge([TRIP, OTHER])
    parts = segments(merged, labels)
    assert [p["label"] for p in parts][-1] == "b.txt"
    for passage, part in zip(merged.passages, parts, strict=False):
        assert "".join(s["text"] for s in part["segments"]) == passage.text
    marked = [s for part in parts for s in part["segments"] if "place" in s]
    assert len(marked) == sum(len(p.mentions) for p in merged.places)
    assert all(merged.text[s["start"] : s["start"] + len(s["text"])] == s["text"] for s in marked)
    assert "<b>today</b>" in parts[3]["segments"][-1]["text"]  # text, for a text node


def test_html_upload_gives_the_article_text_without_markup():
    page = (
        "<html><head><title>t</title><script>var x=1</script></head><body><nav>Menu Home</nav>"
        "<article><h1>Train news</h1><p>Kim Jong Un left Vladivostok for Moscow by armoured "
        "train on Tuesday, officials said.</p><p>In Moscow he met the president of Russia "
        "for talks that lasted several hours.</p></article><footer>(c) x</footer></body></html>"
    )
    text = read_upload("a.html", page.encode())
    assert "Vladivostok" in text and "<p>" not in text and "var x" not in text
    assert "\n\n" in text
    assert read_upload("a.txt", b"<p>kept</p>") == "<p>kept</p>"
    with pytest.raises(InputError):
        main_text("<html><body></body></html>")
