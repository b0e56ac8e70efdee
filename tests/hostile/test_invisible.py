"""Characters that show nothing (zero-width spaces and joiners, direction marks, bidi controls,
soft hyphens, BOMs) do not hide a place, and every offset still points into the text as given."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.pipeline import parse
from tests.helpers import assert_offsets_exact

INVISIBLE = {
    "zero-width space": "\u200b",
    "ZWNJ": "\u200c",
    "ZWJ": "\u200d",
    "LRM": "\u200e",
    "RLM": "\u200f",
    "LRE": "\u202a",
    "RLE": "\u202b",
    "PDF": "\u202c",
    "LRO": "\u202d",
    "RLO": "\u202e",
    "LRI": "\u2066",
    "RLI": "\u2067",
    "FSI": "\u2068",
    "PDI": "\u2069",
    "soft hyphen": "\u00ad",
    "BOM": "\ufeff",
    "word joiner": "\u2060",
}
PLACES = {
    "Séoul": ("Sé", "oul"),
    "Vladivostok": ("Vladi", "vostok"),
    "Corée du Nord": ("Corée du", " Nord"),
}
SENTENCE = "Kim Jong Un s'est rendu à {} en train blindé la semaine dernière."


def mentioned(result, text):
    return {text[m.start : m.end]: p.country_code for p in result.places for m in p.mentions}


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
@pytest.mark.parametrize("where", ["before", "inside", "after"])
def test_a_name_next_to_an_invisible_character_is_found(char, where):
    first, second = PLACES["Séoul"]
    name = {"before": char + "Séoul", "inside": first + char + second, "after": "Séoul" + char}[
        where
    ]
    text = SENTENCE.format(name)
    result = parse(text, language="fr")
    assert_offsets_exact(result, text)
    # the mention holds the invisible character inside the name, not those at its edges
    expected = first + char + second if where == "inside" else "Séoul"
    assert mentioned(result, text).get(expected) == "KR", mentioned(result, text)
    (route,) = result.routes
    assert result.place(route.to_id).country_code == "KR"


@pytest.mark.parametrize("name", PLACES)
def test_the_same_places_and_routes_with_invisible_characters_inside_every_name(name):
    first, second = PLACES[name]
    clean = SENTENCE.format(name)
    text = "\ufeff" + SENTENCE.format(first + "\u00ad\u200b" + second).replace(" ", " \u200f")
    plain, hidden = parse(clean, language="fr"), parse(text, language="fr")
    assert_offsets_exact(hidden, text)
    assert [p.id for p in hidden.places] == [p.id for p in plain.places]
    assert [(r.from_id, r.to_id, r.mode, r.status) for r in hidden.routes] == [
        (r.from_id, r.to_id, r.mode, r.status) for r in plain.routes
    ]
    assert hidden.routes[0].evidence.startswith("Kim")  # no BOM at the evidence's edge


ARTICLE = (
    "Le dirigeant nord-coréen Kim Jong Un est arrivé à Vladivostok. "
    "Il doit ensuite se rendre à Moscou, puis à Séoul.\n\n"
    "La Corée du Nord et la Russie ont signé un accord à Pyongyang."
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, len(ARTICLE)), st.sampled_from(list(INVISIBLE.values()))),
        max_size=12,
    )
)
def test_invisible_characters_anywhere_change_nothing_but_offsets(insertions):
    text = ARTICLE
    for at, char in sorted(insertions, reverse=True):
        text = text[:at] + char + text[at:]
    kept = [i for i, ch in enumerate(text) if ch not in INVISIBLE.values()]  # where each went
    plain, hidden = parse(ARTICLE, language="fr"), parse(text, language="fr")
    assert_offsets_exact(hidden, text)
    assert [p.id for p in hidden.places] == [p.id for p in plain.places]
    for before, after in zip(plain.places, hidden.places, strict=False):
        assert [(kept[m.start], kept[m.end - 1] + 1) for m in before.mentions] == [
            (m.start, m.end) for m in after.mentions
        ]
    assert [(r.from_id, r.to_id) for r in hidden.routes] == [
        (r.from_id, r.to_id) for r in plain.routes
    ]


def test_a_text_of_invisible_characters_only_has_no_places():
    result = parse("\u200b\u200f\ufeff" * 10, language="fr")
    assert result.places == () and result.routes == ()


def test_a_name_looked_up_with_an_invisible_character_is_found(capsys):
    from geo.cli.main import main

    assert main(["geocode", "Sé\u200boul\u200f", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["country_code"] == "KR"
