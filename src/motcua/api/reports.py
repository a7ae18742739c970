"""Statistics and the Decision 766 scorecard, for staff, over the units they may see."""

import datetime as dt

from ninja import Field, Query, Router, Schema

from motcua.reports.definitions import Figures
from motcua.reports.scorecard import scorecard_report
from motcua.reports.selectors import check_range, stats_report

from .auth import staff_auth

router = Router(tags=["reports"], auth=staff_auth)


class StatsQuery(Schema):
    date_from: str | None = Field(None, alias="from")
    date_to: str | None = Field(None, alias="to")
    unit: str | None = None
    group_by: str | None = None
    basis: str | None = None


class FiguresOut(Schema):
    key: str
    label: str
    received: int
    received_direct: int
    received_online: int
    received_postal: int
    refused: int
    resolved: int
    early: int
    on_time: int
    late: int
    withdrawn: int
    stopped: int
    open_in_time: int
    open_overdue: int
    supplements: int
    apologies: int
    fee_bearing: int
    paid_online: int
    e_result: int
    rated: int
    on_time_rate: float | None
    early_rate: float | None
    late_rate: float | None
    online_rate: float | None
    online_payment_rate: float | None
    e_result_rate: float | None
    digitisation_rate: float | None
    satisfaction_index: float | None
    mean_score: float | None
    avg_processing_days: float | None
    avg_committed_days: float | None
    avg_statutory_days: float | None


class StatsOut(Schema):
    date_from: dt.date = Field(alias="from")
    date_to: dt.date = Field(alias="to")
    basis: str
    unit: str | None
    group_by: str | None
    at: dt.datetime
    total: FiguresOut
    groups: list[FiguresOut]


class Message(Schema):
    code: str
    message: str


def figures_out(key: str, label: str, figures: Figures) -> dict:
    return {"key": key, "label": label, **figures.as_dict()}


@router.get(
    "/stats",
    response={200: StatsOut, 401: Message, 403: Message, 404: Message, 422: Message},
    summary="Số liệu thống kê giải quyết hồ sơ",
    by_alias=True,
)
def stats(request, q: Query[StatsQuery]):
    """`from`, `to`: local dates YYYY-MM-DD, both inclusive (default: this month so far).
    `basis=received` counts dossiers received in the period with their outcome now;
    `basis=resolved` those finished in the period. Rates are fractions 0–1, null when
    nothing was resolved (or received)."""
    period = check_range(q.date_from, q.date_to)
    report = stats_report(
        request.auth,
        period=period,
        unit_code=q.unit,
        group_by=q.group_by,
        basis=q.basis,
    )
    unit = report.unit
    return {
        "from": report.period.start,
        "to": report.period.end,
        "basis": report.basis,
        "unit": unit.code if unit else None,
        "group_by": report.group_by,
        "at": report.at,
        "total": figures_out(unit.code if unit else "", unit.name if unit else "", report.total),
        "groups": [figures_out(g.key, g.label, g.figures) for g in report.groups],
    }


class ScorecardQuery(Schema):
    period: str | None = None
    unit: str | None = None


class IndicatorOut(Schema):
    code: str
    name: str
    max_points: float
    threshold: float | None
    numerator: float | None
    denominator: float | None
    rate: float | None
    points: float | None
    value: float | None
    note: str


class GroupOut(Schema):
    code: str
    name: str
    max_points: float
    points: float | None
    indicators: list[IndicatorOut]


class BandOut(Schema):
    code: str
    label: str


class RankOut(Schema):
    unit: str
    name: str
    kind: str
    total: float | None
    band: BandOut | None
    rank: int | None
    previous_rank: int | None
    rank_change: int | None
    previous_total: float | None


class ScorecardOut(Schema):
    period: str
    date_from: dt.date = Field(alias="from")
    date_to: dt.date = Field(alias="to")
    previous_from: dt.date
    previous_to: dt.date
    formula: str
    formula_effective_from: dt.date
    unit: str
    name: str
    total: float | None
    band: BandOut | None
    rank: int | None
    previous_rank: int | None
    rank_change: int | None
    groups: list[GroupOut]
    ranking: list[RankOut]


def _r2(value):
    return None if value is None else round(value, 2)


def _band(band):
    return None if band is None else {"code": band["code"], "label": band["label"]}


def rank_out(score) -> dict:
    return {
        "unit": score.unit.code,
        "name": score.unit.name,
        "kind": score.unit.kind,
        "total": _r2(score.total),
        "band": _band(score.band),
        "rank": score.rank,
        "previous_rank": score.previous_rank,
        "rank_change": score.rank_change,
        "previous_total": _r2(score.previous_total),
    }


def group_out(group) -> dict:
    return {
        "code": group.code,
        "name": group.name,
        "max_points": group.max_points,
        "points": _r2(group.points),
        "indicators": [
            {
                "code": i.code,
                "name": i.name,
                "max_points": i.max_points,
                "threshold": i.threshold,
                "numerator": i.numerator,
                "denominator": i.denominator,
                "rate": i.rate,
                "points": _r2(i.points),
                "value": _r2(i.value),
                "note": i.note,
            }
            for i in group.indicators
        ],
    }


@router.get(
    "/scorecard",
    response={200: ScorecardOut, 401: Message, 403: Message, 404: Message, 422: Message},
    summary="Bộ chỉ số 766: điểm của đơn vị và xếp hạng",
    by_alias=True,
)
def scorecard(request, q: Query[ScorecardQuery]):
    """`period`: YYYY, YYYY-Qn or YYYY-MM (local dates, both inclusive); `unit`: the unit
    scored over its subtree (default: the viewer's one top unit). Points per indicator =
    max × min(1, rate ÷ threshold); N/A indicators (denominator 0 or not measured) are left
    out and their group rescaled; `ranking` lists the units of the same kind in scope with
    the change of rank since the previous period of the same length."""
    report = scorecard_report(request.auth, period_text=q.period or "", unit_code=q.unit)
    score = report.score
    return {
        "period": q.period.strip() if q.period else "",
        "from": report.period.start,
        "to": report.period.end,
        "previous_from": report.previous.start,
        "previous_to": report.previous.end,
        "formula": report.formula.name,
        "formula_effective_from": report.formula.effective_from,
        "unit": report.unit.code,
        "name": report.unit.name,
        "total": _r2(score.total),
        "band": _band(score.band),
        "rank": score.rank,
        "previous_rank": score.previous_rank,
        "rank_change": score.rank_change,
        "groups": [group_out(g) for g in score.groups],
        "ranking": [rank_out(s) for s in report.ranking],
    }
