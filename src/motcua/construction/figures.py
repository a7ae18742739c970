"""Construction-order figures per ward and year, the unlicensed trend and the ward ranking.

Four queries whatever the number of wards and years (grouped counts, no per-ward loop).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import pairwise

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import ExtractYear

from motcua.organization.models import Unit

from .models import RESOLVED_STATUSES, ConstructionSite, Inspection, Violation, ViolationKind
from .scope import WardScope


@dataclass
class WardYear:
    ward_id: int
    ward_name: str
    year: int
    permits: int = 0
    inspections_due: int = 0
    inspections_done: int = 0
    inspections_late: int = 0
    inspections_overdue: int = 0
    violations_found: int = 0
    violations_resolved: int = 0
    unlicensed: int = 0
    fines: int = 0

    @property
    def resolution_rate(self) -> float | None:
        if not self.violations_found:
            return None
        return self.violations_resolved / self.violations_found

    @property
    def on_time_inspections(self) -> int:
        return self.inspections_done - self.inspections_late

    @property
    def inspection_rate(self) -> float | None:
        if not self.inspections_due:
            return None
        return self.on_time_inspections / self.inspections_due


@dataclass
class TrendPoint:
    year: int
    unlicensed: int
    violations: int
    change: float | None  # unlicensed, relative to the previous year


@dataclass
class Figures:
    years: list[int]
    wards: list[tuple[int, str]]
    rows: list[WardYear]
    trend: list[TrendPoint] = field(default_factory=list)

    def row(self, ward_id: int, year: int) -> WardYear:
        return self._index[(ward_id, year)]

    def __post_init__(self) -> None:
        self._index = {(r.ward_id, r.year): r for r in self.rows}

    def totals(self, year: int) -> WardYear:
        total = WardYear(0, "", year)
        for row in self.rows:
            if row.year != year:
                continue
            for name in COUNTED:
                setattr(total, name, getattr(total, name) + getattr(row, name))
        return total

    @property
    def falling(self) -> bool:
        """Unlicensed constructions fell every year of the period (the seeds' claim)."""
        values = [p.unlicensed for p in self.trend]
        return len(values) > 1 and all(b < a for a, b in pairwise(values))

    def ranking(self, year: int) -> list[tuple[int, WardYear]]:
        """Wards of `year` best first: violations resolved (share), inspections done on time
        (share), then fewer unlicensed constructions; nothing to resolve counts as 100%."""

        def key(row: WardYear):
            resolution = 1.0 if row.resolution_rate is None else row.resolution_rate
            inspection = 1.0 if row.inspection_rate is None else row.inspection_rate
            return (-resolution, -inspection, row.unlicensed, row.ward_name)

        ordered = sorted((r for r in self.rows if r.year == year), key=key)
        ranked, previous, rank = [], None, 0
        for position, row in enumerate(ordered, start=1):
            current = key(row)[:3]
            if current != previous:
                rank, previous = position, current
            ranked.append((rank, row))
        return ranked


COUNTED = (
    "permits",
    "inspections_due",
    "inspections_done",
    "inspections_late",
    "inspections_overdue",
    "violations_found",
    "violations_resolved",
    "unlicensed",
    "fines",
)


def figures(
    scope: WardScope, *, years: list[int], today: dt.date, ward_ids: set[int] | None = None
) -> Figures:
    wards_ids = set(scope.view) if ward_ids is None else set(ward_ids) & set(scope.view)
    # Wards that existed during the period (a ward dissolved in 2025 still shows for 2017–2020).
    wards = list(
        Unit.objects.filter(pk__in=wards_ids)
        .exclude(valid_from__gt=dt.date(max(years), 12, 31))
        .exclude(valid_to__lt=dt.date(min(years), 1, 1))
        .order_by("sort_name")
        .values_list("id", "name")
    )
    wards_ids = {pk for pk, _name in wards}
    rows = {(w, y): WardYear(w, name, y) for w, name in wards for y in years}

    def add(key, **values):
        row = rows.get(key)
        if row is not None:
            for name, value in values.items():
                setattr(row, name, getattr(row, name) + (value or 0))

    permits = (
        ConstructionSite.objects.filter(ward_id__in=wards_ids, permit_date__year__in=years)
        .annotate(year=ExtractYear("permit_date"))
        .values("ward_id", "year")
        .annotate(n=Count("id"))
    )
    for item in permits:
        add((item["ward_id"], item["year"]), permits=item["n"])

    inspections = (
        Inspection.objects.filter(site__ward_id__in=wards_ids, planned_on__year__in=years)
        .annotate(year=ExtractYear("planned_on"), ward=F("site__ward_id"))
        .values("ward", "year")
        .annotate(
            due=Count("id"),
            done=Count("id", filter=Q(done_on__isnull=False)),
            late=Count("id", filter=Q(done_on__gt=F("planned_on"))),
            overdue=Count("id", filter=Q(done_on__isnull=True, planned_on__lt=today)),
        )
    )
    for item in inspections:
        add(
            (item["ward"], item["year"]),
            inspections_due=item["due"],
            inspections_done=item["done"],
            inspections_late=item["late"],
            inspections_overdue=item["overdue"],
        )

    found = (
        Violation.objects.filter(site__ward_id__in=wards_ids, found_on__year__in=years)
        .annotate(year=ExtractYear("found_on"), ward=F("site__ward_id"))
        .values("ward", "year")
        .annotate(
            found=Count("id"),
            resolved=Count("id", filter=Q(status__in=RESOLVED_STATUSES)),
            unlicensed=Count("id", filter=Q(kind=ViolationKind.UNLICENSED)),
            fines=Sum("fine_amount"),
        )
    )
    for item in found:
        add(
            (item["ward"], item["year"]),
            violations_found=item["found"],
            violations_resolved=item["resolved"],
            unlicensed=item["unlicensed"],
            fines=item["fines"],
        )

    ordered = [rows[(w, y)] for w, _name in wards for y in years]
    result = Figures(years=list(years), wards=wards, rows=ordered)
    previous = None
    for year in years:
        total = result.totals(year)
        change = None
        if previous:
            change = (total.unlicensed - previous) / previous
        result.trend.append(TrendPoint(year, total.unlicensed, total.violations_found, change))
        previous = total.unlicensed
    return result
