"""Bad files and odd texts: a correct result or one clear message, offsets always exact."""

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.cli.main import main
from geo.errors import InputError
from geo.ingest.text import decode, split_passages
from geo.pipeline import parse
from tests.helpers import assert_offsets_exact

NAMES = [
    "Moscou",
    "Vladivostok",
    "Paris",
    "Corée du Nord",
    "Washington",
    "Kim Jong Un",
    "New York Times",
    "Séoul",
    "Russie",
    "Pyongyang",
]
PIECES = st.one_of(
    st.sampled_from(NAMES),
    st.sampled_from(
        [
            " ",
            ", ",
            ". ",
            "\n",
            "\n\n",
            "\r\n",
            " à ",
            " et ",
            " le ",
            "«",
            "»",
            "’",
            "\u200f",
            "🙂",
            "\t",
        ]
    ),
    st.text(max_size=12),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, min_size=1, max_size=30).map("".join))
def test_offsets_are_exact_for_any_text(text):
    try:
        result = parse(text, language="fr")
    except InputError:
        assert not text.strip()
        return
    assert_offsets_exact(result, text)


@given(st.text(max_size=300))
def test_passages_cover_their_text(text):
    for passage in split_passages(text):
        assert text[passage.start : passage.end] == passage.text and passage.text.strip()


@pytest.mark.parametrize(
    "text",
    [
        "Moscou\r\nVladivostok\rSéoul\nParis",  # mixed line endings
        "Le président est arrivé à Moscou 🙂 puis à Séoul 🇰🇷.",  # emoji
        "وصل الرئيس إلى موسكو. Le président est arrivé à Moscou.",  # right to left
        "Moscou, Pékin, Séoul, Tokyo, Berlin, Madrid, Rome, Vienne, Prague",  # only places
        "a" * 100_000 + " Le ministre est arrivé à Moscou.",  # a very long word
    ],
)
def test_odd_texts(text):
    result = parse(text, language="fr")
    assert_offsets_exact(result, text)
    assert any(p.country_code == "RU" for p in result.places)


def test_a_long_single_line_is_cut_into_passages():
    text = ("Le ministre est arrivé à Moscou hier soir avec sa délégation. " * 32_000)[:2_000_000]
    passages = split_passages(text)
    assert len(passages) > 50 and all(len(p.text) <= 20_000 for p in passages)
    assert all(text[p.start : p.end] == p.text for p in passages)


def test_too_long_a_text_is_refused_quickly(monkeypatch):
    monkeypatch.setenv("GEO_MAX_CHARS", "1000")
    start = time.perf_counter()
    with pytest.raises(InputError, match="GEO_MAX_CHARS"):
        parse("Moscou. " * 500)
    assert time.perf_counter() - start < 1


def test_too_big_a_file_is_refused(monkeypatch):
    monkeypatch.setenv("GEO_MAX_BYTES", "1000")
    with pytest.raises(InputError, match="GEO_MAX_BYTES"):
        decode(b"x" * 1001)


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n", "empty"),
        ("doc.pdf", b"%PDF-1.7\n%\xe2\xe3", "binary"),
        ("img.png", b"\x89PNG\r\n\x1a\n\0\0", "binary"),
        ("a.zip", b"PK\x03\x04\x14\0", "binary"),
        ("nul.txt", "Moscou\0Séoul".encode(), "NUL"),
    ],
)
def test_bad_files_on_the_command_line(tmp_path, capsys, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252", "latin-1", "utf-8-sig"])
def test_encodings_on_the_command_line(tmp_path, capsys, encoding):
    path = tmp_path / "article.txt"
    path.write_bytes("Le président est arrivé à Séoul, puis à Pékin.".encode(encoding))
    status = main(["parse", str(path)])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert '"Séoul"' in out and '"Pékin"' in out


def test_a_huge_or_endless_file_is_refused_without_reading_it_all(tmp_path):
    from geo.ingest.text import read_file

    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.truncate(8 * 1024**3)  # 8 GB, sparse: reading it all would exhaust memory
    for path, why in ((huge, "GEO_MAX_BYTES"), ("/dev/zero", "not a regular file")):
        start = time.perf_counter()
        with pytest.raises(InputError, match=why):
            read_file(path)
        assert time.perf_counter() - start < 5


def test_a_20_mb_text_on_the_command_line_is_one_clear_line(tmp_path, capsys):
    path = tmp_path / "long.txt"
    path.write_bytes(("Le ministre est arrivé à Moscou. " * 620_000).encode()[: 20 * 10**6])
    start = time.perf_counter()
    status = main(["parse", str(path)])
    err = capsys.readouterr().err
    assert status == 2 and "GEO_MAX_CHARS" in err, err
    assert len(err.strip().splitlines()) == 1
    assert time.perf_counter() - start < 60
