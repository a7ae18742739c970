"""Statistics and the Decision 766 scorecard, for staff, over the units they may see."""

import datetime as dt

from ninja import Field, Query, Router, Schema

from motcua.reports.definitions import Figures
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
