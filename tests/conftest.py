"""Shared fixtures: the sample article, a tiny gazetteer built from hand-made entries, a
cache folder of a test's own, a stand-in for the app's map; every test under tests/browser is
marked `browser`.

Named samples and builders live in tests/helpers.py; the gazetteer's candidates are here,
beside the tiny gazetteer they make."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.gazetteer.entry import Entry
from geo.gazetteer.index import Gazetteer
from geo.model import Candidate

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "kim-putin-fr.txt"
BROWSER = Path(__file__).resolve().parent / "browser"

# Candidates as the gazetteer answers them. MOSCOW_CANDIDATE and RUSSIA_CANDIDATE are not
# tests.helpers.MOSCOW and RUSSIA, which are Places of hand-made Results (other coordinates).
MOSCOW_CANDIDATE = Candidate(
    "geonames:524901", "Moscow", 55.75204, 37.61781, "city", "RU", 10381222, feature="capital"
)
MOSCOW_IDAHO = Candidate("geonames:5601538", "Moscow", 46.73239, -117.00017, "city", "US", 25060)
WASHINGTON_DC = Candidate(
    "geonames:4140963", "Washington", 38.89511, -77.03637, "city", "US", 689545, feature="capital"
)
WASHINGTON_UK = Candidate("geonames:2634715", "Washington", 54.9, -1.51667, "city", "GB", 67085)
RUSSIA_CANDIDATE = Candidate("geonames:2017370", "Russia", 63.26, 93.32, "country", "RU", 144478050)
PARIS = Candidate(
    "geonames:2988507", "Paris", 48.85341, 2.3488, "city", "FR", 2138551, feature="capital"
)
PARIS_TEXAS = Candidate("geonames:4717560", "Paris", 33.66094, -95.55551, "city", "US", 24782)
TINY = (
    Entry(MOSCOW_CANDIDATE, (("Moscow", ""), ("Moscou", "fr"), ("Moskva", ""))),
    Entry(MOSCOW_IDAHO, (("Moscow", ""),)),
    Entry(WASHINGTON_DC, (("Washington", ""), ("Washington D.C.", ""))),
    Entry(WASHINGTON_UK, (("Washington", ""),)),
    Entry(RUSSIA_CANDIDATE, (("Russia", "en"), ("Russie", "fr"))),
    Entry(PARIS, (("Paris", ""),)),
    Entry(PARIS_TEXAS, (("Paris", ""),)),
)


def pytest_collection_modifyitems(config, items):
    """Tests under tests/browser drive Chromium: `-m "not browser"` leaves them out."""
    for item in items:
        if BROWSER in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def tiny_gazetteer(tmp_path_factory) -> Gazetteer:
    """An index of TINY, built as the real one is from the entries the sources would give."""
    from geo.gazetteer import index

    path = tmp_path_factory.mktemp("gaz") / "tiny.sqlite"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index, "entries", lambda min_population, reading=None: iter(TINY))
        index.ensure_built(path, progress=lambda message, done: None)
    return Gazetteer(path)


@pytest.fixture(scope="session")
def seed_result(seed_text):
    from geo.pipeline import parse

    return parse(seed_text, doc_id="kim-putin-fr.txt")


def isolated_cache(folder: Path) -> Path:
    """A fresh cache folder that shares the built gazetteer index of the real one (a link), so
    that a test can own its corrections and caches without building the index again."""
    from geo.gazetteer.index import open_gazetteer

    real = open_gazetteer().paths[0]  # built if needed, in the real cache folder
    folder.mkdir(parents=True, exist_ok=True)
    if real.parent.resolve() != folder.resolve():
        (folder / real.name).symlink_to(real)
    return folder


@pytest.fixture
def fake_map(monkeypatch):
    """The app's map replaced by a tests.helpers.FakeMap, which records what it was given."""
    import streamlit_folium

    from tests.helpers import FakeMap

    fake = FakeMap()
    monkeypatch.setattr(streamlit_folium, "st_folium", fake)
    return fake
