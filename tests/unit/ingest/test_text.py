import pytest

from geo.errors import InputError
from geo.ingest.text import decode, detect_language, passage_at, sentence_spans, split_passages

FRENCH = "Kim Jong Un aurait l'intention de se rendre en Russie ce mois-ci."
ENGLISH = "The president flew to Moscow on Monday for talks with the Russian leader."


@pytest.mark.parametrize(
    "data, expected",
    [
        ("Séoul".encode(), "Séoul"),
        ("\ufeffSéoul".encode("utf-8"), "Séoul"),
        ("Séoul et Pékin".encode("utf-16"), "Séoul et Pékin"),
        (
            "À Séoul, la Corée du Sud répond à Pékin et à Moscou.".encode("cp1252"),
            "À Séoul, la Corée du Sud répond à Pékin et à Moscou.",
        ),
    ],
)
def test_decode_finds_the_encoding(data, expected):
    assert decode(data) == expected


@pytest.mark.parametrize(
    "data", [b"%PDF-1.7\n...", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04zip", b"a\x00b"]
)
def test_decode_refuses_binary(data):
    with pytest.raises(InputError):
        decode(data)


@pytest.mark.parametrize(
    "text, count",
    [
        ("One.\nTwo.\nThree.", 3),
        ("One line\nwrapped.\n\nSecond paragraph.", 2),
        ("\r\n  First.\r\n\r\nSecond.\r\n", 2),
        ("   \n\n  ", 0),
    ],
)
def test_passages_keep_offsets(text, count):
    passages = split_passages(text)
    assert len(passages) == count
    for passage in passages:
        assert text[passage.start : passage.end] == passage.text
        assert passage.text == passage.text.strip()


def test_sentences_and_passage_lookup():
    text = "Title\nIl est parti. Il est arrivé à Vladivostok!\nFin."
    passages = split_passages(text)
    spans = sentence_spans(passages[1])
    assert [text[a:b] for a, b in spans] == ["Il est parti.", "Il est arrivé à Vladivostok!"]
    assert passage_at(passages, text.index("Vladivostok")) == 1
    assert passage_at(passages, 0) == 0


@pytest.mark.parametrize("text, language", [(FRENCH, "fr"), (ENGLISH, "en")])
def test_detect_language(text, language):
    assert detect_language(text) == language
