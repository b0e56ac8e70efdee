"""A third language is one more pack: a tiny Spanish one, registered by this test only, on a
blank spaCy pipeline (no model, no entities: the gazetteer finds the places)."""

from __future__ import annotations

import pytest

from geo.errors import InputError
from geo.geocoding import GazetteerGeocoder
from geo.ingest.text import detect_language
from geo.lang import Lexicon, Names, Pack, Times, register, supported, unregister
from geo.nlp.pipelines import load
from geo.pipeline import parse

SPANISH = Pack(
    code="es",
    name="Spanish",
    models=(),  # none: spacy.blank("es")
    common=frozenset("el la los las de del y que en un una es por con para se su al".split()),
    names=Names(
        leading=frozenset({"el", "la", "los", "las"}),
        connectors=frozenset({"de", "del", "la"}),
        locative=frozenset({"a", "en", "desde", "hacia"}),
        where=frozenset({"en"}),
        titles=frozenset({"presidente", "ministro", "señor", "sr."}),
    ),
    motion=Lexicon(
        {
            "verb": ("viajar", "ir", "llegar", "volar"),
            "noun": ("viaje", "visita"),
            "to": ("a", "hacia"),
            "from": ("desde",),
            "mode": ("tren=train", "avión=plane"),
            "by": ("en",),
            "article": ("el", "la", "un", "una"),
            "form": ("viajó=viajar", "llegó=llegar", "voló=volar"),
            "past_form": ("viajó", "llegó", "voló"),
        }
    ),
    times=Times(weekdays={"lunes": 0, "martes": 1}, last=("pasado",), next=("próximo",)),
)
TEXT = "El ministro viajó en tren desde Moskva a París el lunes pasado."


@pytest.fixture
def spanish():
    register(SPANISH)
    try:
        yield SPANISH
    finally:
        unregister("es")


@pytest.mark.usefixtures("spanish")
def test_a_registered_pack_is_read_with_a_blank_pipeline(tiny_gazetteer):
    assert "es" in supported() and load("es").lang == "es"
    result = parse(
        TEXT, language="es", geocoder=GazetteerGeocoder(tiny_gazetteer), date="2023-09-05"
    )
    assert result.language == "es"
    assert {(p.name, p.country_code) for p in result.places} >= {("Moscow", "RU"), ("Paris", "FR")}
    (route,) = result.routes
    names = {p.id: p.name for p in result.places}
    assert (names[route.from_id], names[route.to_id]) == ("Moscow", "Paris")
    assert (route.mode, route.mode_kind, route.status, route.when, route.when_iso) == (
        "tren",
        "train",
        "past",
        "lunes pasado",
        "2023-09-04",
    )


@pytest.mark.usefixtures("spanish")
def test_the_language_guess_offers_it_too():
    assert detect_language(TEXT + " La visita de la ministra a Moscú y a París.") == "es"


def test_unregistered_it_is_gone():
    assert "es" not in supported()
    with pytest.raises(InputError, match="unknown language 'es'"):
        parse(TEXT, language="es")
