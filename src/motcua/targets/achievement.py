"""Achievement of a target (pure arithmetic, no database).

- higher is better: actual ÷ goal × 100 (may exceed 100: budget revenue 145% of plan);
- lower is better: (2 × goal − actual) ÷ goal × 100, at least 0: equals 100 at the goal,
  rises as the actual falls below it, and stays defined when the actual reaches 0;
- ceiling (must not exceed): 100 when actual ≤ goal, else goal ÷ actual × 100;
- floor (must reach at least): 100 when actual ≥ goal, else actual ÷ goal × 100.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")

ON_TRACK, AT_RISK, MISSED, NO_DATA = "on_track", "at_risk", "missed", "no_data"
STATUS_LABELS = {
    ON_TRACK: _("Đạt, đúng tiến độ"),
    AT_RISK: _("Có nguy cơ không đạt"),
    MISSED: _("Không đạt"),
    NO_DATA: _("Chưa có số liệu"),
}
# Below this share of the goal an ongoing target is at risk rather than on track.
ON_TRACK_FROM = HUNDRED


def achievement(direction: str, goal, actual) -> Decimal | None:
    """Percent of the goal achieved, two decimals; None when it cannot be defined."""
    if goal is None or actual is None:
        return None
    goal, actual = Decimal(goal), Decimal(actual)
    if direction == "higher":
        if goal == 0:
            return None
        value = actual / goal * HUNDRED
    elif direction == "lower":
        if goal == 0:
            return HUNDRED if actual <= 0 else Decimal(0)
        value = max(Decimal(0), (2 * goal - actual) / goal * HUNDRED)
    elif direction == "ceiling":
        value = HUNDRED if actual <= goal else goal / actual * HUNDRED
    elif direction == "floor":
        value = HUNDRED if actual >= goal else (actual / goal * HUNDRED if goal > 0 else Decimal(0))
    else:
        raise ValueError(f"Unknown direction {direction!r}.")
    return max(value, Decimal(0)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def assess(percent: Decimal | None, *, term_over: bool) -> str:
    """on_track (the goal is met), at_risk (not yet met, term still running), missed (not
    met when the term is over), no_data."""
    if percent is None:
        return NO_DATA
    if percent >= ON_TRACK_FROM:
        return ON_TRACK
    return MISSED if term_over else AT_RISK
