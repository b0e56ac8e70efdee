"""Corrections: the store (atomic JSON under the cache folder, undo stack, damaged file),
apply(), a pure function from a Result and corrections to the corrected Result, and
without_demonyms(), the view without the countries named by an adjective."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace

import pytest

from geo.corrections import (
    Correction,
    CorrectionStore,
    apply,
    document_key,
    without_demonyms,
)
from geo.errors import GeoError
from geo.export.formats import to_csv, to_geojson
from geo.model import Candidate, Mention, Result, Route
from tests.conftest import MOSCOW_IDAHO, PARIS
from tests.helpers import MOSCOW, TRIP, make_result, place

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


# --- without_demonyms ---------------------------------------------------------------------


def named_by_adjective(result: Result, adjectives: dict[str, str]) -> Result:
    """The result with each adjective of `adjectives` (adjective -> place id) a demonym
    mention of its place wherever the text has it."""
    found: dict[str, list[Mention]] = {}
    for adjective, pid in adjectives.items():
        for m in re.finditer(rf"\b{adjective}\b", result.text):
            passage = next(p.id for p in result.passages if p.start <= m.start() < p.end)
            found.setdefault(pid, []).append(Mention(m.start(), m.end(), adjective, passage, True))
    places = tuple(
        replace(
            p,
            mentions=tuple(sorted(p.mentions + tuple(found.get(p.id, ())), key=lambda m: m.start)),
        )
        for p in result.places
    )
    return replace(result, places=places)


# France named and named by its adjective; the Netherlands by its adjective only; the United
# Kingdom by its adjective only but a journey's origin; Pyongyang an inferred origin
ENVOYS = named_by_adjective(
    make_result(
        [
            "Dutch, British and French officials met in Moscow.",
            "France sent its envoy. Kim Jong Un flew to Moscow.",
        ],
        [
            MOSCOW,
            place("fr", "France", 46.2, 2.2, "country", "FR"),
            place("nl", "Netherlands", 52.2, 5.3, "country", "NL"),
            place("gb", "United Kingdom", 54.8, -2.7, "country", "GB"),
            place("py", "Pyongyang", 39.03, 125.75, "city", "KP"),
        ],
        routes=(
            Route("gb", "mo", "British officials", None, None, "past", 0, "met in Moscow"),
            Route("py", "mo", "Kim Jong Un", "flew", None, "past", 1, "flew", True, "capital"),
        ),
    ),
    {"Dutch": "nl", "British": "gb", "French": "fr"},
)


def test_without_demonyms_drops_the_adjectives_and_places_named_only_by_them():
    plain = without_demonyms(ENVOYS)
    assert not any(m.demonym for p in plain.places for m in p.mentions)
    assert [m.text for m in plain.place("fr").mentions] == ["France"]
    assert plain.place("nl") is None
    assert plain.place("mo") == ENVOYS.place("mo")
    assert (plain.text, plain.passages, plain.routes) == (
        ENVOYS.text,
        ENVOYS.passages,
        ENVOYS.routes,
    )


def test_without_demonyms_keeps_the_places_of_routes_and_inferred_origins():
    plain = without_demonyms(ENVOYS)
    assert plain.place("gb").mentions == ()  # a journey starts there: still on the map
    assert plain.place("py") == ENVOYS.place("py")
    # reading order, those named nowhere last (as corrections leave them)
    assert [p.id for p in plain.places] == ["mo", "fr", "gb", "py"]


def test_without_demonyms_leaves_a_result_without_them_as_it_is():
    assert without_demonyms(TRIP) is TRIP
    assert without_demonyms(without_demonyms(ENVOYS)) == without_demonyms(ENVOYS)


def test_exports_without_demonyms_name_no_adjective():
    rows = list(csv.DictReader(io.StringIO(to_csv([without_demonyms(ENVOYS)]))))
    assert [(r["place_id"], r["mention"]) for r in rows] == [
        ("mo", "Moscow"),
        ("fr", "France"),
        ("mo", "Moscow"),
        ("gb", ""),  # a place named nowhere: one row with empty mention columns
        ("py", ""),
    ]
