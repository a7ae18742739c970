"""Decision 766 points from indicator rates: pure functions, no database (DOMAIN §9).

- Points of an indicator = max points × min(1, rate ÷ threshold); the rate is
  numerator ÷ denominator; a denominator of 0 (or an indicator the system cannot measure)
  makes the indicator N/A.
- An N/A indicator is left out of its group: the group's points are its measured
  indicators' points rescaled to the group's maximum (earned ÷ measurable maximum × group
  maximum). A group whose every scored indicator is N/A is N/A, and the total is then
  rescaled the same way over the groups that were measured, so it is always out of 100.
- Indicators with 0 points (2.2 average time) are shown for information only.
- Points are rounded to 2 decimals for display; the band is read from the unrounded total.
"""

from dataclasses import dataclass, field


@dataclass
class IndicatorScore:
    code: str
    group: str
    name: str
    max_points: float
    threshold: float | None
    numerator: float | None = None
    denominator: float | None = None
    note: str = ""
    value: float | None = None  # an informative value (2.2: days)

    @property
    def rate(self) -> float | None:
        if self.numerator is None or not self.denominator:
            return None
        return self.numerator / self.denominator

    @property
    def applicable(self) -> bool:
        return self.max_points > 0 and self.rate is not None

    @property
    def points(self) -> float | None:
        return indicator_points(self.max_points, self.threshold, self.rate)


@dataclass
class GroupScore:
    code: str
    name: str
    max_points: float
    indicators: list[IndicatorScore] = field(default_factory=list)

    @property
    def points(self) -> float | None:
        return group_points(self.max_points, self.indicators)


def indicator_points(max_points: float, threshold: float | None, rate: float | None):
    """max × min(1, rate ÷ threshold); None (N/A) without a rate or for info indicators."""
    if rate is None or max_points <= 0:
        return None
    if not threshold:
        return float(max_points)
    return max_points * min(1.0, max(rate, 0.0) / threshold)


def group_points(max_points: float, indicators: list[IndicatorScore]) -> float | None:
    measured = [i for i in indicators if i.applicable]
    possible = sum(i.max_points for i in measured)
    if not possible:
        return None
    return max_points * sum(i.points for i in measured) / possible


def total_points(groups: list[GroupScore]) -> float | None:
    measured = [(g.max_points, g.points) for g in groups if g.points is not None]
    possible = sum(m for m, _p in measured)
    if not possible:
        return None
    full = sum(g.max_points for g in groups)
    return full * sum(p for _m, p in measured) / possible


def band_of(total: float | None, bands: list[dict]) -> dict | None:
    """The first band (from the highest) whose `min` the total reaches."""
    if total is None:
        return None
    for band in sorted(bands, key=lambda b: -b["min"]):
        if total >= band["min"]:
            return band
    return None


def ranks(totals: dict[int, float | None]) -> dict[int, int | None]:
    """Competition ranking (1, 2, 2, 4) by total, highest first, on totals rounded to 2
    decimals; units without a total have no rank."""
    scored = sorted(
        ((round(t, 2), key) for key, t in totals.items() if t is not None), key=lambda x: -x[0]
    )
    out: dict[int, int | None] = dict.fromkeys(totals)
    previous, rank = None, 0
    for position, (total, key) in enumerate(scored, start=1):
        if total != previous:
            rank, previous = position, total
        out[key] = rank
    return out


def rank_change(now: int | None, before: int | None) -> int | None:
    """Places gained since the previous period (positive: moved up)."""
    if now is None or before is None:
        return None
    return before - now
