import pytest

from geo.names import normalize


@pytest.mark.parametrize(
    "a, b",
    [
        ("Saint-Étienne", "St. Etienne"),
        ("Corée du Nord", "COREE DU NORD"),
        ("L’Aquila", "L'Aquila"),
        ("Mont-Saint-Michel", "Mont St Michel"),
        ("São Paulo", "Sao-Paulo"),
    ],
)
def test_equivalent_names_meet(a, b):
    assert normalize(a) == normalize(b)


@pytest.mark.parametrize(
    "a, b", [("Saint-Denis", "Sainte-Denise"), ("S", "Saint"), ("Paris", "Pari")]
)
def test_different_names_stay_apart(a, b):
    assert normalize(a) != normalize(b)
