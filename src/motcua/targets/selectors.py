"""Reads of targets: terms, the term scorecard (a fixed number of queries for any size), one
target with its reports and history, and what waits for a leader's approval."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from .achievement import achievement, assess
from .models import Actual, ActualStatus, Target, TargetGroup, TargetHistory, Term


def terms() -> QuerySet[Term]:
    return Term.objects.select_related("unit").order_by("-start_year", "name")


def _rank(actual: Actual) -> tuple:
    # The whole-year figure outranks the fourth quarter of the same year.
    return (actual.year, actual.quarter or 5, actual.decided_at or actual.reported_at, actual.pk)


def current_actuals(actuals) -> dict[tuple[int, int], Actual]:
    """The latest approved report per (year, quarter)."""
    chosen: dict[tuple[int, int], Actual] = {}
    for actual in actuals:
        if actual.status != ActualStatus.APPROVED:
            continue
        key = (actual.year, actual.quarter)
        if key not in chosen or _rank(actual) > _rank(chosen[key]):
            chosen[key] = actual
    return chosen


@dataclass
class Row:
    target: Target
    goal: Decimal
    latest: Actual | None
    percent: Decimal | None
    status: str
    series: list[tuple[int, Decimal]] = field(default_factory=list)
    year_goals: dict[int, Decimal] = field(default_factory=dict)
    pending: int = 0


@dataclass
class GroupRows:
    group: TargetGroup
    rows: list[Row]


def _row(target: Target, term: Term, today: dt.date) -> Row:
    reports = list(target.actuals.all())
    chosen = current_actuals(reports)
    year_goals = {g.year: g.goal for g in target.year_goals.all()}
    latest = max(chosen.values(), key=_rank) if chosen else None
    goal = year_goals.get(latest.year, target.goal) if latest else target.goal
    percent = achievement(target.direction, goal, latest.value) if latest else None
    term_over = today.year > term.end_year or (
        latest is not None and latest.year == term.end_year and latest.quarter == 0
    )
    series: dict[int, Actual] = {}
    for actual in chosen.values():
        if actual.year not in series or _rank(actual) > _rank(series[actual.year]):
            series[actual.year] = actual
    return Row(
        target=target,
        goal=goal,
        latest=latest,
        percent=percent,
        status=assess(percent, term_over=term_over),
        series=[(year, series[year].value) for year in sorted(series)],
        year_goals=year_goals,
        pending=sum(1 for a in reports if a.status == ActualStatus.PENDING),
    )


def scorecard(term: Term, *, today: dt.date | None = None) -> list[GroupRows]:
    """Every target of `term` with its goal, latest approved actual, achievement and trend."""
    today = today or timezone.localdate()
    targets = Target.objects.prefetch_related(
        "responsible_units",
        "year_goals",
        Prefetch("actuals", queryset=Actual.objects.order_by("year", "quarter", "pk")),
    ).order_by("order")
    groups = (
        TargetGroup.objects.filter(term=term)
        .prefetch_related(Prefetch("targets", queryset=targets))
        .order_by("order")
    )
    return [
        GroupRows(group=g, rows=[_row(t, term, today) for t in g.targets.all()]) for g in groups
    ]


def target_detail(target_id: int) -> Target | None:
    return (
        Target.objects.select_related("group__term__unit")
        .prefetch_related(
            "responsible_units",
            "year_goals",
            Prefetch(
                "actuals",
                queryset=Actual.objects.select_related(
                    "reported_by", "decided_by", "reporting_unit"
                ).order_by("-year", "-quarter", "-reported_at", "-pk"),
            ),
        )
        .filter(pk=target_id)
        .first()
    )


def target_history(target: Target) -> QuerySet[TargetHistory]:
    return target.history.select_related("actor").order_by("-at", "-pk")


def pending_actuals(unit_ids: set[int] | None) -> QuerySet[Actual]:
    """Reports waiting for approval on terms or targets of the given units (None: all)."""
    qs = Actual.objects.filter(status=ActualStatus.PENDING).select_related(
        "target__group__term", "reporting_unit", "reported_by"
    )
    if unit_ids is not None:
        qs = qs.filter(target__group__term__unit_id__in=unit_ids) | qs.filter(
            target__responsible_units__in=unit_ids
        )
        qs = qs.distinct()
    return qs.order_by("reported_at")
