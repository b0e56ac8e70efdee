"""`geo eval` with journeys: the journeys scorer's line under the place table of a gold file
that was read for journeys, the scorer found as an option, a variable or beside the place
scorer. The gold files and both scorers are tiny ones written here (the shared evaluation is
not needed), and geo places with the tiny gazetteer."""

import json

import pytest

from geo.cli.main import main

TEXT = "President Macron flew from Paris to Moscow on Monday."
GOLD = {
    "id": "a",
    "lang": "en",
    "text": TEXT,
    "toponyms": [
        {"start": 27, "end": 32, "text": "Paris", "lat": 48.85, "lon": 2.35},
        {"start": 36, "end": 42, "text": "Moscow", "lat": 55.75, "lon": 37.62},
    ],
}
JOURNEY = {"traveler": "Macron", "from": 0, "to": 1, "mode": "flew", "when": "on Monday"}
# Each fake scorer prints what it was given: the place scorer how many lines, the journeys
# scorer the destinations of the routes in geo's lines, by the names of their places.
PLACE_SCORER = "import sys\nprint('scored', open(sys.argv[2]).read().count('\\n'))\n"
JOURNEYS_SCORER = """import json, sys
lines = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
names = {p["id"]: p["name"] for d in lines for p in d["places"]}
to = [names[r["to"]] for d in lines for r in d["routes"]]
print("journeys:", len(lines), "documents, to", ",".join(to))
"""
JOURNEYS_LINE = "journeys: 1 documents, to Moscow\n"


@pytest.fixture
def tiny(monkeypatch, tiny_gazetteer):
    """eval places with the tiny gazetteer, and no scorer comes from the environment."""
    from geo import geocoding

    monkeypatch.setattr(
        geocoding,
        "make_geocoder",
        lambda provider=None: geocoding.GazetteerGeocoder(tiny_gazetteer),
    )
    for variable in ("GEO_SCORER", "GEO_JOURNEYS_SCORER"):
        monkeypatch.delenv(variable, raising=False)


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def gold(tmp_path, name, **extra):
    return write(tmp_path / name, json.dumps({**GOLD, **extra}) + "\n")


def scorers(folder, journeys=True):
    """score.py in `folder`, with journeys_score.py beside it unless told otherwise."""
    if journeys:
        write(folder / "journeys_score.py", JOURNEYS_SCORER)
    return write(folder / "score.py", PLACE_SCORER)


def test_the_journeys_line_is_under_the_table_of_a_gold_file_read_for_journeys(
    tmp_path, tiny, capsys
):
    scorer = scorers(tmp_path / "eval")
    read = gold(tmp_path, "read.jsonl", journeys=[JOURNEY])
    unread = gold(tmp_path, "unread.jsonl")
    assert main(["eval", str(read), str(unread), "--scorer", str(scorer)]) == 0
    out, err = capsys.readouterr()
    first, second = out.split("== unread.jsonl\n")
    assert first.startswith(f"== read.jsonl\nscored 1\n{JOURNEYS_LINE}speed: ")
    assert second.startswith("scored 1\nspeed: ") and "journeys" not in second
    assert err == ""


def test_the_journeys_scorer_from_the_option_or_the_variable(tmp_path, tiny, capsys, monkeypatch):
    scorer = scorers(tmp_path / "places", journeys=False)
    journeys = write(tmp_path / "other" / "routes.py", JOURNEYS_SCORER)
    read = gold(tmp_path, "read.jsonl", journeys=[])  # an empty list: read, none stated
    args = ["eval", str(read), "--scorer", str(scorer)]
    assert main([*args, "--journeys-scorer", str(journeys)]) == 0
    assert JOURNEYS_LINE in capsys.readouterr().out
    monkeypatch.setenv("GEO_JOURNEYS_SCORER", str(journeys))
    assert main(args) == 0
    assert JOURNEYS_LINE in capsys.readouterr().out


def test_without_a_journeys_scorer_the_figures_are_skipped_with_a_note(tmp_path, tiny, capsys):
    scorer = scorers(tmp_path, journeys=False)
    read = gold(tmp_path, "read.jsonl", journeys=[JOURNEY])
    again = gold(tmp_path, "again.jsonl", journeys=[JOURNEY])
    assert main(["eval", str(read), str(again), "--scorer", str(scorer)]) == 0
    out, err = capsys.readouterr()
    assert "journeys" not in out and out.count("scored 1\n") == 2
    assert err == (
        f"note: journeys not scored: no journeys_score.py beside {scorer} "
        "(give --journeys-scorer or set GEO_JOURNEYS_SCORER)\n"
    )


def test_a_journeys_scorer_that_is_not_there_is_one_line(tmp_path, tiny, capsys, monkeypatch):
    scorer = scorers(tmp_path)  # one beside it does not stand in for the one given
    read = gold(tmp_path, "read.jsonl", journeys=[JOURNEY])
    missing = tmp_path / "missing.py"
    for args in (["--journeys-scorer", str(missing)], []):
        if not args:
            monkeypatch.setenv("GEO_JOURNEYS_SCORER", str(missing))
        assert main(["eval", str(read), "--scorer", str(scorer), *args]) == 2
        out, err = capsys.readouterr()
        assert out == "" and err == (
            f"geo: no journeys scorer at {missing} "
            "(give --journeys-scorer or set GEO_JOURNEYS_SCORER)\n"
        )


# --- geo's mistakes by class, under the figures -------------------------------------------

# Two documents whose gold has one mistake of each class and the cases that are not one: a
# country read at another point than the gold's but with its code, a mention of an optional
# toponym (excused), an optional toponym geo did not find (not missed).
FIRST = (
    "President Macron flew from Paris to Moscow on Monday. Russia's envoy met him in Gotham. "
    "A Russian diplomat said Washington would wait."
)
SECOND = "From Paris, envoys went to Gotham and on to Moscow."
PARIS_TEXAS = {"lat": 33.66, "lon": -95.56}  # geo reads Paris, France: wrong place
GOTHAM = {"lat": 40.0, "lon": -74.0}  # not in the tiny gazetteer: missed


def toponym(text, name, **extra):
    start = text.index(name)
    return {"start": start, "end": start + len(name), "text": name, **extra}


MISTAKEN = [
    {
        "id": "first",
        "lang": "en",
        "text": FIRST,
        "toponyms": [
            toponym(FIRST, "Paris", **PARIS_TEXAS),
            toponym(FIRST, "Moscow", lat=55.75, lon=37.62),
            # Moscow's point, 3,000 km from geo's Russia: right, by the country code
            toponym(FIRST, "Russia", lat=55.75, lon=37.62, kind="country", country_code="RU"),
            toponym(FIRST, "Gotham", **GOTHAM),
            toponym(FIRST, "Russian", lat=60.0, lon=90.0, optional=True),
            toponym(FIRST, "Washington", lat=38.9, lon=-77.0, optional=True),
        ],
    },
    {
        "id": "second",
        "lang": "en",
        "text": SECOND,
        # Moscow is not annotated: false
        "toponyms": [toponym(SECOND, "Paris", **PARIS_TEXAS), toponym(SECOND, "Gotham", **GOTHAM)],
    },
]
SUMMARY = (
    "missed: 2 — Gotham ×2\n"
    "false: 1 — Moscow ×1\n"
    "wrong place: 2 — Paris (gold 33.7,-95.6; geo FR 48.9,2.3) ×2\n"
)


def mistaken(tmp_path):
    lines = "".join(json.dumps(doc) + "\n" for doc in MISTAKEN)
    return write(tmp_path / "mistaken.jsonl", lines)


def test_the_mistakes_by_class_are_under_the_figures(tmp_path, tiny, capsys):
    scorer = scorers(tmp_path, journeys=False)
    assert main(["eval", str(mistaken(tmp_path)), "--scorer", str(scorer)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("== mistaken.jsonl\nscored 2\nspeed: ")
    assert out.endswith(f" words per CPU second\n{SUMMARY}\n")


def test_the_examples_are_the_most_frequent_and_none_with_0(tmp_path, tiny, capsys):
    scorer = scorers(tmp_path, journeys=False)
    gold = mistaken(tmp_path)
    assert main(["eval", str(gold), "--scorer", str(scorer), "--mistakes", "0"]) == 0
    out = capsys.readouterr().out
    assert "missed" not in out and out.endswith(" words per CPU second\n\n")
    again = write(tmp_path / "again.jsonl", json.dumps({**MISTAKEN[1], "id": "third"}) + "\n")
    assert main(["eval", str(gold), str(again), "--scorer", str(scorer), "--mistakes", "1"]) == 0
    second = capsys.readouterr().out.split("== again.jsonl\n")[1]
    assert second.endswith(
        " words per CPU second\nmissed: 1 — Gotham ×1\nfalse: 1 — Moscow ×1\n"
        "wrong place: 1 — Paris (gold 33.7,-95.6; geo FR 48.9,2.3) ×1\n\n"
    )


def test_every_mistake_is_a_json_line_of_mistakes_out(tmp_path, tiny, capsys):
    scorer = scorers(tmp_path, journeys=False)
    out = tmp_path / "mistakes.jsonl"
    args = ["eval", str(mistaken(tmp_path)), "--scorer", str(scorer), "--mistakes-out", str(out)]
    assert main(args) == 0
    assert SUMMARY in capsys.readouterr().out
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(m["doc"], m["class"], m["text"], m["start"]) for m in lines] == [
        ("first", "wrong_place", "Paris", 27),
        ("first", "missed", "Gotham", FIRST.index("Gotham")),
        ("second", "wrong_place", "Paris", 5),
        ("second", "missed", "Gotham", SECOND.index("Gotham")),
        ("second", "false", "Moscow", SECOND.index("Moscow")),
    ]
    wrong, missed, false = lines[0], lines[1], lines[4]
    assert wrong["file"] == "mistaken.jsonl" and wrong["end"] == 32
    assert (wrong["gold_lat"], wrong["gold_lon"]) == (33.66, -95.56)
    assert (wrong["geo_name"], wrong["geo_kind"], wrong["geo_country_code"]) == (
        "Paris",
        "city",
        "FR",
    )
    assert (round(wrong["geo_lat"], 2), round(wrong["geo_lon"], 2)) == (48.85, 2.35)
    assert 7_000 < wrong["km"] < 9_000
    assert missed["geo_name"] is None and (missed["gold_lat"], missed["gold_lon"]) == (40.0, -74.0)
    assert false["gold_lat"] is None and false["geo_name"] == "Moscow"


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (["--mistakes", "-1"], "not a count (0 or more): '-1'"),
        (["--mistakes-out", "GOLD"], "is one of the inputs"),
        (["--mistakes-out", "OUT", "--predictions", "OUT"], "are one file"),
    ],
)
def test_a_bad_mistakes_option_is_refused_before_any_work(tmp_path, tiny, capsys, extra, said):
    scorer = scorers(tmp_path, journeys=False)
    gold = mistaken(tmp_path)
    paths = {"GOLD": str(gold), "OUT": str(tmp_path / "out.jsonl")}
    args = [paths.get(arg, arg) for arg in extra]
    assert main(["eval", str(gold), "--scorer", str(scorer), *args]) == 2
    out, err = capsys.readouterr()
    assert out == "" and said in err and not (tmp_path / "out.jsonl").exists()
