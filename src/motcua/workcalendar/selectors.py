"""Reads of the working calendar: a unit's `WorkingCalendar` from its hours and overrides."""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict

from django.db.models import Q

from motcua.organization.models import Unit

from .clock import DayOverride, WorkingCalendar
from .models import CalendarOverride, OfficeHours


def calendar_for(unit: Unit | None) -> WorkingCalendar:
    """The working calendar of `unit` (None: the national default). Two queries.

    Office hours: the unit's own rows if it has any, else the national rows, else
    Mon–Fri 08:00–12:00, 13:00–17:00. Overrides: nation-wide rows plus the unit's own;
    for the same date the unit's row wins.
    """
    unit_id = unit.pk if unit is not None else None
    scope = (
        Q(unit__isnull=True) | Q(unit_id=unit_id) if unit_id is not None else Q(unit__isnull=True)
    )
    own: dict[int, list] = defaultdict(list)
    national: dict[int, list] = defaultdict(list)
    for row in OfficeHours.objects.filter(scope).values_list("unit_id", "weekday", "start", "end"):
        row_unit, weekday, start, end = row
        (national if row_unit is None else own)[weekday].append((start, end))
    hours = own or national
    weekday_intervals = (
        {day: _merged(intervals) for day, intervals in hours.items()} if hours else None
    )

    chosen: dict = {}
    for row in CalendarOverride.objects.filter(scope).values_list(
        "unit_id", "date", "kind", "name", "intervals"
    ):
        row_unit, date, kind, name, intervals = row
        if row_unit is None and date in chosen:
            continue
        chosen[date] = DayOverride(
            date=date,
            kind=kind,
            name=name,
            intervals=_parse_intervals(intervals) if kind == "working" else (),
        )
    if weekday_intervals is None:
        calendar = WorkingCalendar(overrides=tuple(sorted(chosen.values(), key=lambda o: o.date)))
    else:
        calendar = WorkingCalendar.build(
            weekday_intervals=weekday_intervals, overrides=chosen.values()
        )
    return _interned(calendar)


@functools.lru_cache(maxsize=256)
def _interned(calendar: WorkingCalendar) -> WorkingCalendar:
    """The first equal calendar seen, so its compiled years are reused across calls."""
    return calendar


def _merged(intervals: list) -> tuple:
    """Sorted intervals with touching or overlapping ones joined."""
    merged: list = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def _parse_intervals(raw) -> tuple:
    return _merged(
        [(dt.time.fromisoformat(start), dt.time.fromisoformat(end)) for start, end in raw or ()]
    )
