"""The cross-validated search of the ranking's weights (scripts/search_weights.py): its rules,
and that what it sets is what the ranking reads."""

from scripts import search_weights as search
from tests.conftest import WASHINGTON_DC, WASHINGTON_UK


def test_every_file_is_dealt_evenly_round_the_folds_and_always_the_same_way():
    cases = [search.Case(file, {}, None, None, "en", {}) for file in ["a"] * 10 + ["b"] * 5]
    folds = search._fold_of(cases, 5)
    assert folds == search._fold_of(cases, 5)
    for file, size in (("a", 2), ("b", 1)):
        mine = [f for f, c in zip(folds, cases, strict=True) if c.file == file]
        assert sorted(mine) == sorted(list(range(5)) * size)


def test_a_step_must_gain_on_the_mean_and_cost_no_file_more_than_half_a_point():
    before = {"gwn": 90.0, "lgl": 80.0}
    assert search._better({"gwn": 91.0, "lgl": 79.6}, before)
    assert not search._better({"gwn": 92.0, "lgl": 79.4}, before)  # lgl pays 0.6
    assert not search._better({"gwn": 90.1, "lgl": 80.0}, before)  # +0.05: noise


def test_the_weights_it_sets_are_the_ones_the_ranking_reads():
    from geo.resolve import rank

    start = search.current()
    try:
        assert rank([WASHINGTON_UK, WASHINGTON_DC])[0].candidate == WASHINGTON_DC
        search.use({**start, "CAPITAL_BONUS": -10.0})
        assert rank([WASHINGTON_UK, WASHINGTON_DC])[0].candidate == WASHINGTON_UK
    finally:
        search.use(start)
    assert search.current() == start
