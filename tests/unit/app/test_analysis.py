"""The reading time under the map says what the reading cost, not how long the cache took."""

from __future__ import annotations

from geo.app.analysis import Timing


def test_a_fresh_reading_gives_its_time():
    assert Timing(2.345).caption() == "Read in 2.35 s"


def test_the_first_run_says_what_building_the_index_cost():
    assert Timing(23.0, 17.04).caption() == (
        "Read in 23.00 s, of which 17.0 s building the offline place index (first run)"
    )


def test_a_reading_from_the_cache_gives_the_time_it_took_then():
    assert Timing(1.5, cached=True).caption() == (
        "Read in 1.50 s when first opened; shown from the cache"
    )
