"""A first reading of journeys: destination, origin, traveler, mode, time, status."""
import pytest

from geo.pipeline import parse


def routes_of(text, language="fr"):
    result = parse(text, language=language)
    name = {p.id: p.name for p in result.places}
    return [(name.get(r.from_id), name[r.to_id], r) for r in result.routes]


def test_planned_trip_with_inferred_origin():
    (origin, to, route), = routes_of(
        "Le dirigeant nord-coréen Kim Jong Un aurait l'intention de se rendre en Russie ce mois-ci.")
    assert (origin, to) == ("Pyongyang", "Russia")
    assert route.origin_inferred and route.status == "planned"
    assert route.when == "ce mois-ci" and "Kim Jong Un" in route.traveler


def test_two_destinations_give_two_legs():
    found = routes_of("Une équipe nord-coréenne s'était rendue à Vladivostok et à Moscou le mois précédent.")
    assert [to for _, to, _ in found] == ["Vladivostok", "Moscow"]
    assert all(r.status == "past" and r.when == "le mois précédent" for *_, r in found)


def test_stated_origin_and_mode():
    (origin, to, route), = routes_of("Le ministre est parti en avion depuis Paris vers Berlin hier.")
    assert (origin, to, route.mode) == ("Paris", "Berlin", "plane")


def test_negation_is_no_journey():
    assert routes_of("Le président n'ira pas à Moscou cette année.") == []


@pytest.mark.parametrize("text, status", [
    ("The minister flew to Nairobi from London last week.", "past"),
    ("The minister will travel to Nairobi next month.", "planned"),
])
def test_english_status(text, status):
    found = routes_of(text, "en")
    assert found and found[0][1] == "Nairobi" and found[0][2].status == status
