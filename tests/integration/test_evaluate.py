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
