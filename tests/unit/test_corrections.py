"""Corrections: the store (atomic JSON under the cache folder, undo stack, damaged file) and
apply(), a pure function from a Result and corrections to the corrected Result."""

from __future__ import annotations

import json

import pytest

from geo.corrections import Correction, CorrectionStore, apply, document_key
from geo.errors import GeoError
from geo.export.formats import to_csv, to_geojson
from geo.model import Candidate
from tests.conftest import MOSCOW_IDAHO, PARIS
from tests.helpers import MOSCOW, TRIP, make_result

KEY = document_key(TRIP.text)
VL = next(p for p in TRIP.places if p.id == "vl")
MO = next(p for p in TRIP.places if p.id == "mo")
FIRST_MO = MO.mentions[0]
KHABAROVSK = Candidate("geonames:2022890", "Khabarovsk", 48.48, 135.08, "city", "RU", 579000)


def choose(start=FIRST_MO.start, end=FIRST_MO.end, candidate=MOSCOW_IDAHO, **kw) -> Correction:
    return Correction(KEY, "choose", start, end, TRIP.text[start:end], candidate, **kw)


@pytest.fixture
def store(tmp_path) -> CorrectionStore:
    return CorrectionStore(tmp_path / "corrections.json")


def test_choosing_another_place_moves_every_mention_and_the_routes():
    fixed = apply(TRIP, [choose()])
    assert fixed.place("mo") is None
    idaho = fixed.place(MOSCOW_IDAHO.id)
    assert (idaho.lat, idaho.lon, idaho.country_code) == (46.73239, -117.00017, "US")
    assert idaho.mentions == MO.mentions and idaho.confidence == 1.0
    assert idaho.reason == "chosen by the reader"
    assert idaho.alternatives[0].candidate.id == "mo"  # geo's choice stays one click away
    assert fixed.routes[0].to_id == MOSCOW_IDAHO.id
    assert [p.id for p in fixed.places][:2] == ["vl", MOSCOW_IDAHO.id]  # reading order
    assert TRIP.place("mo") is not None  # pure: the input is unchanged


def test_choosing_a_place_already_in_the_text_merges_them():
    to_vl = Candidate(VL.id, VL.name, VL.lat, VL.lon, VL.kind, VL.country_code)
    fixed = apply(TRIP, [choose(candidate=to_vl)])
    (vl,) = [p for p in fixed.places if p.id == "vl"]
    assert len(vl.mentions) == len(VL.mentions) + len(MO.mentions)


def test_removing_a_false_place_drops_it_and_its_routes():
    m = VL.mentions[0]
    fixed = apply(TRIP, [Correction(KEY, "remove", m.start, m.end, m.text)])
    assert fixed.place("vl") is None
    assert all("vl" not in (r.from_id, r.to_id) for r in fixed.routes)


def test_adding_a_missed_mention():
    start = TRIP.text.index("president")
    add = Correction(KEY, "add", start, start + 9, "president", PARIS)
    fixed = apply(TRIP, [add])
    paris = fixed.place(PARIS.id)
    assert [(m.start, m.end, m.passage) for m in paris.mentions] == [(start, start + 9, 1)]
    assert apply(fixed, [add]) == fixed  # already a place: nothing twice
    wrong = Correction(KEY, "add", start, start + 9, "something else", PARIS)
    assert apply(TRIP, [wrong]) == TRIP  # the words are not there


def test_corrections_of_another_document_apply_only_when_everywhere():
    other = make_result(
        ["Snow in Moscow today.", "Moscow shivers."],
        [MOSCOW],
        doc_id="other",
    )
    assert apply(other, [choose()]) == other
    fixed = apply(other, [choose(everywhere=True)])
    assert [p.id for p in fixed.places] == [MOSCOW_IDAHO.id]
    assert len(fixed.places[0].mentions) == 2
    start = TRIP.text.index("president")
    add = Correction(KEY, "add", start, start + 9, "president", PARIS, everywhere=True)
    two = make_result(["The president and the president."], [], doc_id="two")
    assert len(apply(two, [add]).place(PARIS.id).mentions) == 2


def test_a_stale_correction_is_skipped():
    assert apply(TRIP, [choose(start=2000, end=2006)]) == TRIP


def test_exports_carry_the_corrections():
    fixed = apply(TRIP, [choose()])
    assert "Moscow,city,US,46.73239,-117.00017" in to_csv(fixed)
    points = [f for f in to_geojson(fixed)["features"] if f.get("id") == MOSCOW_IDAHO.id]
    assert points[0]["geometry"]["coordinates"] == [-117.00017, 46.73239]


def test_store_keeps_corrections_by_document_and_undoes_the_last(store):
    assert store.for_document(TRIP.text) == []
    first, second = (
        choose(),
        Correction(KEY, "remove", VL.mentions[0].start, VL.mentions[0].end, "Vladivostok"),
    )
    store.add(first)
    store.add(second)
    again = CorrectionStore(store.path)  # as a new session would
    assert again.for_document(TRIP.text) == [first, second]
    assert again.for_document("another text") == []
    assert again.undo(TRIP.text) == second
    assert store.for_document(TRIP.text) == [first]
    assert store.undo("another text") is None and store.for_document(TRIP.text) == [first]
    data = json.loads(store.path.read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["corrections"][0]["candidate"]["id"] == MOSCOW_IDAHO.id


def test_everywhere_corrections_come_first_for_other_documents(store):
    store.add(choose(everywhere=True))
    mine = Correction(document_key("other"), "remove", 0, 5, "Snow.")
    store.add(mine)
    found = store.for_document("other")
    assert [c.kind for c in found] == ["choose", "remove"]


@pytest.mark.parametrize(
    "damage", ["{not json", '["a list"]', '{"corrections": 3}', b"\xff\xfe\x00garbage"]
)
def test_a_damaged_store_is_set_aside_with_a_warning_and_replaced(store, damage):
    if isinstance(damage, bytes):
        store.path.write_bytes(damage)
    else:
        store.path.write_text(damage, encoding="utf-8")
    with pytest.warns(UserWarning, match="damaged; set aside"):
        assert store.all() == []
    assert len(list(store.path.parent.glob("corrections.json.damaged-*"))) == 1
    store.add(choose())
    assert store.all() == [choose()]
    assert not [p for p in store.path.parent.iterdir() if p.name.startswith(".corrections-")]


def test_a_store_that_cannot_be_written_says_so_in_one_line(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    store = CorrectionStore(blocker / "corrections.json")
    assert store.all() == []
    with pytest.raises(GeoError, match="cannot save corrections in .*not-a-folder"):
        store.add(choose())


def test_the_default_store_lives_in_the_cache_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path))
    assert CorrectionStore().path == tmp_path / "corrections.json"


def test_search_ranks_gazetteer_places_with_reasons(tiny_gazetteer):
    from geo.corrections import search
    from geo.geocoding import GazetteerGeocoder

    found = search(GazetteerGeocoder(tiny_gazetteer), "Moscou")
    assert [a.candidate.country_code for a in found] == ["RU"]  # "Moscou" is Moscow's French name
    assert "capital of RU" in found[0].reason
    assert search(GazetteerGeocoder(tiny_gazetteer), "  ") == []
    assert [a.candidate.id for a in search(GazetteerGeocoder(tiny_gazetteer), "Moscow")] == [
        "geonames:524901",
        "geonames:5601538",
    ]


def test_every_field_of_a_place_is_read_back():
    from dataclasses import fields

    from geo.corrections import _CANDIDATE_TYPES

    assert set(_CANDIDATE_TYPES) == {f.name for f in fields(Candidate)}
