"""Achievement percentages for each direction, and the on track / at risk / missed verdict."""

from decimal import Decimal

import pytest

from motcua.targets.achievement import AT_RISK, MISSED, NO_DATA, ON_TRACK, achievement, assess

D = Decimal


@pytest.mark.parametrize(
    ("goal", "actual", "expected"),
    [
        ("14", "14.9", "106.43"),
        ("100", "145", "145.00"),
        ("100", "160", "160.00"),
        ("14", "7", "50.00"),
        ("10", "0", "0.00"),
    ],
)
def test_higher_is_better_is_actual_over_goal(goal, actual, expected):
    assert achievement("higher", D(goal), D(actual)) == D(expected)


@pytest.mark.parametrize(
    ("goal", "actual", "expected"),
    [
        ("60", "60", "100.00"),
        ("60", "45", "125.00"),
        ("60", "90", "50.00"),
        ("60", "0", "200.00"),
        ("60", "150", "0.00"),
        ("0", "0", "100"),
    ],
)
def test_lower_is_better_rewards_falling_below_the_goal(goal, actual, expected):
    assert achievement("lower", D(goal), D(actual)) == D(expected)


@pytest.mark.parametrize(
    ("goal", "actual", "expected"),
    [("1", "0.5", "100.00"), ("1", "1", "100.00"), ("1", "2", "50.00"), ("0", "0", "100.00")],
)
def test_ceiling_is_met_at_or_below_the_goal(goal, actual, expected):
    assert achievement("ceiling", D(goal), D(actual)) == D(expected)


@pytest.mark.parametrize(
    ("goal", "actual", "expected"),
    [("95", "99.99", "100.00"), ("95", "95", "100.00"), ("90", "45", "50.00")],
)
def test_floor_is_met_at_or_above_the_goal(goal, actual, expected):
    assert achievement("floor", D(goal), D(actual)) == D(expected)


def test_a_zero_goal_for_higher_is_undefined():
    assert achievement("higher", D(0), D(5)) is None


def test_unknown_direction_is_an_error():
    with pytest.raises(ValueError):
        achievement("sideways", D(1), D(1))


def test_verdicts():
    assert assess(D("100"), term_over=False) == ON_TRACK
    assert assess(D("99.99"), term_over=False) == AT_RISK
    assert assess(D("99.99"), term_over=True) == MISSED
    assert assess(None, term_over=True) == NO_DATA
