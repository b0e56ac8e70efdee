"""Journeys read from sentences of our own, in French and English, with the document date
2023-09-05 (a Tuesday): origin stated or inferred, destinations and legs, traveler, mode, time
as written and normalised, status; negation and cancellation are no journey."""

from __future__ import annotations

import pytest
import spacy

import geo.pipeline
from geo.model import STATUSES
from geo.pipeline import parse
from tests.helpers import JOURNEY_DATE as DATE
from tests.helpers import legs

# text, [(from, to, status)...], expected fields of the first route
FRENCH = [
    (
        "Le dirigeant nord-coréen Kim Jong Un aurait l'intention de se rendre en Russie ce mois-ci.",
        [("Pyongyang", "Russia", "planned")],
        {
            "traveler": "Kim Jong Un",
            "when": "ce mois-ci",
            "when_iso": "2023-09",
            "origin_inferred": True,
        },
    ),
    (
        "Une équipe nord-coréenne s'était rendue à Vladivostok et à Moscou le mois précédent.",
        [("Pyongyang", "Vladivostok", "past"), ("Vladivostok", "Moscow", "past")],
        {"when": "le mois précédent", "when_iso": "2023-08", "leg": 1},
    ),
    (
        "Le ministre est parti en avion depuis Paris vers Berlin hier.",
        [("Paris", "Berlin", "past")],
        {"mode_kind": "plane", "when_iso": "2023-09-04", "origin_inferred": False},
    ),
    (
        "Le chancelier allemand Olaf Scholz se rendra la semaine prochaine à Washington.",
        [("Berlin", "Washington", "planned")],
        {"traveler": "Olaf Scholz", "when_iso": "2023-W37", "origin_inferred": True},
    ),
    (
        "Le président chinois Xi Jinping a quitté Pékin pour Moscou en avion.",
        [("Beijing", "Moscow", "past")],
        {"traveler": "Xi Jinping", "mode_kind": "plane"},
    ),
    (
        "Une délégation japonaise est arrivée en bateau à Vladivostok hier.",
        [("Tokyo", "Vladivostok", "past")],
        {"mode_kind": "ship", "when": "hier"},
    ),
    ("Le Premier ministre pourrait se rendre à Kiev.", [(None, "Kyiv", "hypothetical")], {}),
    ("Poutine se rendrait en Chine si Xi l'invitait.", [(None, "China", "hypothetical")], {}),
    (
        "Emmanuel Macron a annoncé qu'il se rendrait en Inde en janvier.",
        [(None, "India", "planned")],
        {"when": "en janvier", "when_iso": "2024-01"},
    ),
    (
        "Kim Jong Un se serait rendu à Moscou le mois dernier.",
        [(None, "Moscow", "past")],
        {"when_iso": "2023-08"},
    ),
    (
        "Lors de sa visite en juillet, le ministre russe a rencontré des responsables à Pyongyang.",
        [("Moscow", "Pyongyang", "past")],
        {"when": "en juillet", "when_iso": "2023-07"},
    ),
    (
        "Le roi du Maroc a effectué une visite officielle à Paris et à Berlin le mois dernier.",
        [("Rabat", "Paris", "past"), ("Paris", "Berlin", "past")],
        {"traveler": "Le roi du Maroc"},
    ),
    (
        "Le premier ministre indien s'est rendu en train à Kiev depuis la Pologne.",
        [("Poland", "Kyiv", "past")],
        {"mode_kind": "train"},
    ),
    (
        "Le convoi est reparti de Vladivostok vers Khabarovsk.",
        [("Vladivostok", "Khabarovsk", "past")],
        {"traveler": "Le convoi"},
    ),
    ("Le président ira à Pékin.", [(None, "Beijing", "planned")], {}),
    (
        "La ministre allemande des Affaires étrangères est arrivée lundi à Pékin depuis Tokyo.",
        [("Tokyo", "Beijing", "past")],
        {"when": "lundi", "when_iso": "2023-09-04"},
    ),
    ("Le président n'ira pas à Moscou cette année.", [], {}),
    ("Le président ukrainien Volodymyr Zelensky n'a jamais voyagé en Russie.", [], {}),
    ("Le pape a annulé sa visite au Liban.", [], {}),
]
ENGLISH = [
    (
        "Russian Defence Minister Sergei Shoigu held talks with North Korea during a visit in July.",
        [("Moscow", "North Korea", "past")],
        {"traveler": "Sergei Shoigu", "when": "in July", "when_iso": "2023-07"},
    ),
    (
        "The French president will fly to Beijing next week.",
        [("Paris", "Beijing", "planned")],
        {"mode_kind": "plane", "when_iso": "2023-W37"},
    ),
    (
        "Angela Merkel visited Paris and Berlin last week.",
        [(None, "Paris", "past"), ("Paris", "Berlin", "past")],
        {"when_iso": "2023-W35"},
    ),
    (
        "Biden would travel to Kyiv if Congress approved the aid.",
        [(None, "Kyiv", "hypothetical")],
        {},
    ),
    (
        "The Japanese prime minister arrived in Washington from Tokyo on Monday.",
        [("Tokyo", "Washington", "past")],
        {"when_iso": "2023-09-04", "origin_inferred": False},
    ),
    (
        "China's foreign minister Wang Yi is expected to visit Moscow next month.",
        [("Beijing", "Moscow", "planned")],
        {"traveler": "Wang Yi", "when_iso": "2023-10"},
    ),
    (
        "The German chancellor plans to travel to India by plane in January.",
        [("Berlin", "India", "planned")],
        {"mode_kind": "plane", "when_iso": "2024-01"},
    ),
    (
        "The Indian prime minister flew to Kyiv from Poland.",
        [("Poland", "Kyiv", "past")],
        {"mode_kind": "plane"},
    ),
    (
        "Putin might visit Beijing later this year.",
        [(None, "Beijing", "hypothetical")],
        {"when": "this year", "when_iso": "2023"},
    ),
    (
        "North Korean leader Kim Jong Un arrived in Moscow.",
        [("Pyongyang", "Moscow", "past")],
        {"traveler": "Kim Jong Un"},
    ),
    (
        "Kim's trip to Moscow in 2019 lasted three days.",
        [(None, "Moscow", "past")],
        {"traveler": "Kim", "when": "2019", "when_iso": "2019"},
    ),
    (
        "The Brazilian president headed to Buenos Aires yesterday.",
        [("Brasília", "Buenos Aires", "past")],
        {"when_iso": "2023-09-04"},
    ),
    (
        "A Chinese delegation left Beijing for Moscow by train two weeks ago.",
        [("Beijing", "Moscow", "past")],
        {"mode_kind": "train", "when_iso": "2023-W34"},
    ),
    (
        "Officials said the president would travel to Nairobi next month.",
        [(None, "Nairobi", "planned")],
        {"when_iso": "2023-10"},
    ),
    ("Kim Jong Un did not travel to Moscow.", [], {}),
    ("Pope Francis cancelled his trip to Lebanon.", [], {}),
    ("The minister will not go to Paris.", [], {}),
    ("He never travelled to Tokyo.", [], {}),
]


@pytest.mark.parametrize(
    "language, text, expected, fields",
    [("fr", *case) for case in FRENCH] + [("en", *case) for case in ENGLISH],
    ids=lambda v: v[:48] if isinstance(v, str) and len(v) > 2 else None,
)
def test_journeys_of_sentences(language, text, expected, fields):
    found = legs(text, language)
    assert [f[:3] for f in found] == expected
    if expected:
        route = found[0][3]
        assert {k: getattr(route, k) for k in fields} == fields
        assert route.evidence == text.strip() and route.status in STATUSES


def test_enough_sentences_of_each_language():
    assert len(FRENCH) >= 15 and len(ENGLISH) >= 15


def test_legs_share_a_journey_and_the_second_starts_where_the_first_ended():
    first, second = [r for *_, r in legs(FRENCH[1][0], "fr")]
    assert first.journey == second.journey and (first.leg, second.leg) == (1, 2)
    assert second.from_id == first.to_id and second.origin_inferred
    assert "previous leg" in second.origin_reason


def test_inferred_origin_says_why():
    ((*_, route),) = legs(FRENCH[0][0], "fr")
    assert (
        route.origin_reason
        == "capital of North Korea, the traveler's country (\u201cnord-coréen\u201d)"
    )


def test_a_pronoun_continues_from_where_the_traveler_was():
    found = legs("Kim Jong Un est arrivé à Vladivostok. Il s'est ensuite rendu à Moscou.", "fr")
    assert [f[:2] for f in found] == [(None, "Vladivostok"), ("Vladivostok", "Moscow")]
    assert found[1][3].traveler == "Kim Jong Un" and found[1][3].origin_inferred


def test_a_mode_told_apart_joins_the_journey():
    text = (
        "Kim Jong Un aurait l'intention de se rendre en Russie. "
        "Kim Jong Un voyagerait probablement en train blindé si la réunion avait lieu."
    )
    ((*_, route),) = legs(text, "fr")
    assert route.mode == "train" and route.status == "planned"


def test_without_a_document_date_only_absolute_times_are_normalised():
    ((*_, month),) = legs(FRENCH[0][0], "fr", date=None)
    ((*_, year),) = legs(ENGLISH[10][0], "en", date=None)
    assert (month.when, month.when_iso) == ("ce mois-ci", None)
    assert (year.when, year.when_iso) == ("2019", "2019")


def test_a_future_time_makes_a_present_journey_planned_even_without_a_date():
    ((*_, route),) = legs("The president travels to Nairobi next week.", "en", date=None)
    assert route.status == "planned" and route.when == "next week" and route.when_iso is None


def test_evidence_offsets_point_into_the_text():
    text = "Le sommet est prévu à Genève.\n\nLe ministre est parti en avion depuis Paris vers Berlin hier."
    result = parse(text, language="fr", date=DATE)
    (route,) = result.routes
    assert text[route.evidence_start : route.evidence_end] == route.evidence
    assert route.passage == 1


def test_seed_tells_four_journeys_and_no_other(seed_result):
    name = {p.id: p.name for p in seed_result.places}
    told = {(name.get(r.from_id), name[r.to_id], r.status) for r in seed_result.routes}
    assert told == {
        ("Pyongyang", "Russia", "planned"),
        ("Pyongyang", "Vladivostok", "past"),
        ("Vladivostok", "Moscow", "past"),
        ("Moscow", "North Korea", "past"),
    }
    kim = [r for r in seed_result.routes if r.traveler == "Kim Jong Un"]
    assert {(r.mode, r.when) for r in kim} == {("train", "ce mois-ci"), ("train", "2019")}
    (shoigu,) = [r for r in seed_result.routes if r.traveler == "Sergueï Choïgou"]
    assert shoigu.when == "en juillet" and shoigu.origin_inferred


def test_seed_with_a_date_normalises_its_times(seed_text):
    result = parse(seed_text, doc_id="kim-putin-fr.txt", date="2023-09-05")
    assert {r.when: r.when_iso for r in result.routes} == {
        "ce mois-ci": "2023-09",
        "le mois précédent": "2023-08",
        "en juillet": "2023-07",
        "2019": "2019",
    }


@pytest.fixture
def blank_english(monkeypatch):
    """English with no model at all: a blank pipeline that only splits sentences."""

    def blank(language):
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return nlp

    monkeypatch.setattr(geo.pipeline, "load", blank)
    monkeypatch.setattr(geo.pipeline, "has_ner", lambda nlp: False)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The minister flew to Nairobi from London last week.", [("London", "Nairobi", "past")]),
        ("The minister will travel to Nairobi next month.", [(None, "Nairobi", "planned")]),
        ("She visited Nairobi.", [(None, "Nairobi", "past")]),
        ("He did not travel to Nairobi.", []),
    ],
)
def test_english_without_a_parse_does_not_crash(blank_english, text, expected):
    assert [f[:3] for f in legs(text, "en")] == expected


@pytest.mark.usefixtures("blank_english")
def test_blank_english_reads_the_whole_seed_without_crashing(seed_text):
    parse(seed_text, language="en", date=DATE)  # French words, English pipeline: no tree at all


@pytest.mark.parametrize(
    "text",
    [
        "Il s'est rendu compte que la France était stable.",
        "Il en va de la place de la Suisse en Europe.",
    ],
)
def test_idioms_of_motion_verbs_are_no_journey(text):
    assert legs(text, "fr") == []


def test_a_relative_clause_travels_with_its_antecedent():
    ((*_, route),) = legs(
        "Officials want to see Yulia Skripal, who lived in Moscow and was "
        "visiting her father in London.",
        "en",
    )
    assert route.traveler == "Yulia Skripal"
