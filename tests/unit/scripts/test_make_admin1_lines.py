"""The first-level borders for the offline base map (scripts/make_admin1_lines.py): only the
lines that two divisions of one country share."""

from scripts import make_admin1_lines as admin1

# three unit squares in a row, quantized with scale 1: A and B (one country) share arc 1,
# B and C (two countries) share arc 3
SQUARES = {
    "transform": {"scale": [1, 1], "translate": [0, 0]},
    "arcs": [
        [[1, 0], [-1, 0], [0, 1], [1, 0]],  # A's outer side
        [[1, 1], [0, -1]],  # A | B
        [[1, 0], [1, 0]],  # B's bottom
        [[2, 0], [0, 1]],  # B | C
        [[2, 1], [-1, 0]],  # B's top
        [[2, 0], [1, 0], [0, 1], [-1, 0]],  # C's outer side
    ],
    "objects": {
        "subunits": {
            "geometries": [
                {"type": "Polygon", "arcs": [[0, ~1]], "properties": {"gu": "USA"}},
                {"type": "Polygon", "arcs": [[1, 2, 3, 4]], "properties": {"gu": "USA"}},
                {"type": "Polygon", "arcs": [[~3, 5]], "properties": {"gu": "CAN"}},
            ]
        }
    },
}


def test_only_the_borders_inside_one_country_are_kept():
    assert admin1.inner_lines(SQUARES) == {"USA": [[[1, 1], [1, 0]]]}


def test_arc_indexes_of_nested_lists():
    assert admin1.arc_owners([[[0, ~1]], [[2]]]) == {0, 1, 2}
    assert admin1.arc_owners([]) == set()
