"""Served to others, each reader's corrections are their own: a random token names the store,
a token that is not one of ours never becomes a file name, and whether the app is served to
others follows the settings or, by default, the address Streamlit listens on."""

import pytest

from geo.config import Settings, load_settings, refuse_private_urls, served_to_others
from geo.corrections import Correction, CorrectionStore, new_reader, reader_store, valid_reader
from geo.errors import GeoError
from tests.conftest import MOSCOW_IDAHO, WASHINGTON_UK

TEXT = "Le ministre est arrivé à Moscou puis à Washington."


def test_reader_tokens_are_random_and_valid():
    tokens = {new_reader() for _ in range(100)}
    assert len(tokens) == 100 and all(valid_reader(t) for t in tokens)


@pytest.mark.parametrize(
    "token",
    [
        None,
        "",
        42,
        ["a" * 22],
        "a" * 21,
        "a" * 23,
        "a" * 22 + "\n",
        "../../../../etc/passwd",
        "..%2F..%2Fcache%2Fx123456",
        "/tmp/aaaaaaaaaaaaaaaaaaa",
        "é" * 22,
        "a" * 21 + ".",
        "a" * 11 + "/" + "a" * 10,
        "a" * 21 + "\0",
        "٣" * 22,
    ],
)
def test_anything_else_is_refused_before_it_becomes_a_file_name(token, tmp_path):
    assert not valid_reader(token)
    with pytest.raises(ValueError):
        reader_store(token, tmp_path)
    assert not any(tmp_path.iterdir())


def correct(store: CorrectionStore, start: int, candidate) -> None:
    from geo.corrections import document_key

    store.add(
        Correction(
            document_key(TEXT), "choose", start, start + 6, TEXT[start : start + 6], candidate
        )
    )


def test_readers_stores_are_kept_apart(tmp_path):
    a, b = new_reader(), new_reader()
    correct(reader_store(a, tmp_path), 25, MOSCOW_IDAHO)
    correct(reader_store(b, tmp_path), 40, WASHINGTON_UK)
    assert [c.candidate for c in reader_store(a, tmp_path).for_document(TEXT)] == [MOSCOW_IDAHO]
    assert [c.candidate for c in reader_store(b, tmp_path).for_document(TEXT)] == [WASHINGTON_UK]
    assert reader_store(new_reader(), tmp_path).for_document(TEXT) == []
    assert CorrectionStore(tmp_path / "corrections.json").for_document(TEXT) == []  # local one
    assert sorted(p.name for p in (tmp_path / "readers").glob("*.json")) == sorted(
        [f"{a}.json", f"{b}.json"]
    )
    assert reader_store(a, tmp_path).undo(TEXT).candidate == MOSCOW_IDAHO
    assert [c.candidate for c in reader_store(b, tmp_path).for_document(TEXT)] == [WASHINGTON_UK]


@pytest.mark.parametrize(
    "address, served",
    [
        (None, True),  # Streamlit's default: every interface
        ("", True),
        ("0.0.0.0", True),
        ("::", True),
        ("192.168.1.20", True),
        ("news.example.org", True),
        ("unix:///run/geo.sock", True),  # a proxy in front
        ("127.0.0.1", False),
        ("127.0.1.1", False),
        ("localhost", False),
        ("::1", False),
        ("[::1]", False),
    ],
)
def test_served_to_others_follows_the_address_by_default(address, served):
    assert served_to_others(Settings(), address) is served
    assert refuse_private_urls(Settings(), served) is served


@pytest.mark.parametrize("setting", [True, False])
def test_the_settings_win_over_the_address(setting):
    for address in (None, "127.0.0.1", "0.0.0.0"):
        assert served_to_others(Settings(served=setting), address) is setting
    assert refuse_private_urls(Settings(allow_private_urls=setting), True) is not setting


def test_settings_from_the_file_and_the_environment(tmp_path, monkeypatch):
    config = tmp_path / "geo.toml"
    config.write_text("[app]\nserved = true\nallow_private_urls = false\n", encoding="utf-8")
    monkeypatch.setenv("GEO_CONFIG", str(config))
    monkeypatch.delenv("GEO_SERVED", raising=False)
    monkeypatch.delenv("GEO_ALLOW_PRIVATE_URLS", raising=False)
    settings = load_settings()
    assert (settings.served, settings.allow_private_urls) == (True, False)
    monkeypatch.setenv("GEO_SERVED", "0")
    monkeypatch.setenv("GEO_ALLOW_PRIVATE_URLS", "auto")
    settings = load_settings()
    assert (settings.served, settings.allow_private_urls) == (False, None)
    monkeypatch.setenv("GEO_SERVED", "sometimes")
    with pytest.raises(GeoError, match="served must be true, false or auto"):
        load_settings()
