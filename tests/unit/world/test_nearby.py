"""Counting points within a distance: the same count as measuring every point, much less work."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.resolve import km
from geo.world.nearby import Points

LAT = st.floats(-90, 90, allow_nan=False)
LON = st.floats(-180, 180, allow_nan=False)
# points bunched around a few centres (towns of one region, both sides of ±180, a pole) so that
# whole cells, cells on the edge and empty ones are all met
CENTRES = st.sampled_from(
    [
        (48.8, 2.3),
        (0.0, 179.9),
        (0.0, -179.9),
        (89.5, 0.0),
        (-89.9, 45.0),
        (70.0, 100.0),
        (38.9, -77.0),
    ]
)


def _near(spread: float):
    return st.builds(
        lambda c, dlat, dlon: (max(-90.0, min(90.0, c[0] + dlat)), (c[1] + dlon + 180) % 360 - 180),
        CENTRES,
        st.floats(-spread, spread),
        st.floats(-1.5 * spread, 1.5 * spread),
    )


NEAR = st.one_of(_near(2), _near(8))
POINTS = st.lists(st.one_of(NEAR, NEAR, st.tuples(LAT, LON)), max_size=150)


def brute(points, lat, lon, limit):
    return sum(km(lat, lon, *p) <= limit for p in points)


@settings(max_examples=300, deadline=None)
@given(POINTS, st.one_of(NEAR, st.tuples(LAT, LON)), st.sampled_from([1.0, 150.0, 500.0, 900.0]))
def test_the_count_is_the_count_of_every_point_measured(points, query, limit):
    assert Points(points, distance=km).within(*query, limit) == brute(points, *query, limit)


@pytest.mark.slow  # 300 clusters of up to 300 points, each point measured by brute()
@settings(max_examples=300, deadline=None)
@given(
    CENTRES,
    st.lists(st.tuples(st.floats(-1.5, 1.5), st.floats(-2, 2)), min_size=50, max_size=300),
    st.tuples(st.floats(-7, 7), st.floats(-10, 10)),
    st.sampled_from([150.0, 500.0]),
)
def test_the_count_in_dense_cells_at_the_edge_of_the_distance(centre, offsets, away, limit):
    # many points a cell, the query far enough for the distance to cut through the cluster
    lat, lon = centre
    points = [(max(-90.0, min(90.0, lat + a)), (lon + b + 180) % 360 - 180) for a, b in offsets]
    query = (max(-90.0, min(90.0, lat + away[0])), (lon + away[1] + 180) % 360 - 180)
    assert Points(points, distance=km).within(*query, limit) == brute(points, *query, limit)


@settings(max_examples=100, deadline=None)
@given(POINTS.filter(bool), st.one_of(NEAR, st.tuples(LAT, LON)), st.data())
def test_without_leaves_one_occurrence_out(points, query, data):
    left_out = data.draw(st.sampled_from(points))
    rest = list(points)
    rest.remove(left_out)
    found = Points(points, distance=km).without(left_out)
    assert found.within(*query, 500.0) == brute(rest, *query, 500.0) and len(found) == len(rest)


def test_a_whole_cell_is_counted_without_measuring_its_points():
    calls = []

    def counting(*args):
        calls.append(args)
        return km(*args)

    paris = [(48.5 + i / 100, 2.1 + i / 100) for i in range(50)]  # one cell, all within 500 km
    assert Points(paris, distance=counting).within(48.85, 2.35, 500.0) == 50
    assert len(calls) <= 4  # its corners


@pytest.mark.parametrize("odd", [(math.nan, 2.0), (95.0, 2.0), (48.0, 400.0)])
def test_odd_coordinates_are_measured_as_before(odd):
    points = [odd, *[(48.0 + i / 10, 2.0) for i in range(20)]]
    for query in [(48.0, 2.0), odd, (math.nan, math.nan)]:
        assert Points(points, distance=km).within(*query, 500.0) == brute(points, *query, 500.0)
