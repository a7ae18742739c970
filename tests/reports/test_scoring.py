"""Decision 766 points, N/A handling, bands and ranks (pure functions, no database)."""

import pytest

from motcua.reports.formula766 import BANDS_2022
from motcua.reports.scoring import (
    GroupScore,
    IndicatorScore,
    band_of,
    group_points,
    indicator_points,
    rank_change,
    ranks,
    total_points,
)


@pytest.mark.parametrize(
    ("rate", "points"),
    [
        (0.0, 0.0),
        (0.25, 4.0),  # 8 × 0.25 ÷ 0.5
        (0.5, 8.0),  # at the threshold: full marks
        (0.9, 8.0),  # above the threshold: capped
        (None, None),  # denominator 0: N/A
    ],
)
def test_points_are_max_times_rate_over_threshold_capped_at_one(rate, points):
    assert indicator_points(8, 0.5, rate) == points


def test_an_information_indicator_scores_nothing():
    assert indicator_points(0, None, 0.7) is None


def ind(code, group, points, num, den, threshold=1.0):
    return IndicatorScore(code, group, code, points, threshold, num, den)


def test_a_na_indicator_is_left_out_and_its_group_rescaled():
    # 3.3 scores 4 of 8, 3.5 has no fee-bearing procedure (N/A), 3.6 scores 4 of 4.
    group = [ind("3.3", "3", 8, 1, 4, 0.5), ind("3.5", "3", 4, 0, 0), ind("3.6", "3", 4, 1, 1)]
    assert group[1].points is None and not group[1].applicable
    assert group_points(22, group) == pytest.approx(22 * 8 / 12)


def test_a_group_without_any_measured_indicator_is_na_and_the_total_rescaled():
    groups = [
        GroupScore("1", "Công khai", 18, [ind("1.3", "1", 6, 0, 0)]),
        GroupScore("2", "Tiến độ", 20, [ind("2.1", "2", 20, 9, 10)]),
        GroupScore("5", "Hài lòng", 18, [ind("5.4", "5", 18, 1, 1, 0.9)]),
    ]
    assert groups[0].points is None
    assert groups[1].points == pytest.approx(18.0)
    # (18 + 18) earned of the 38 measurable, scaled to the 56 of the three groups.
    assert total_points(groups) == pytest.approx(56 * 36 / 38)


def test_nothing_measured_gives_no_total():
    assert total_points([GroupScore("1", "Công khai", 18, [ind("1.3", "1", 6, 0, 0)])]) is None


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (100, "excellent"),
        (90, "excellent"),
        (89.99, "good"),
        (80, "good"),
        (65, "fair"),
        (50, "average"),
        (49.99, "weak"),
        (0, "weak"),
    ],
)
def test_band_boundaries(total, band):
    assert band_of(total, BANDS_2022)["code"] == band


def test_no_total_no_band():
    assert band_of(None, BANDS_2022) is None


def test_ties_share_a_rank_and_units_without_a_total_are_unranked():
    assert ranks({1: 80.0, 2: 95.5, 3: 80.001, 4: None, 5: 70}) == {
        2: 1,
        1: 2,
        3: 2,
        5: 4,
        4: None,
    }


def test_rank_change_counts_places_gained():
    assert rank_change(1, 3) == 2
    assert rank_change(3, 1) == -2
    assert rank_change(2, None) is None
