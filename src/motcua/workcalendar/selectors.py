"""Reads of the working calendar: a unit's `WorkingCalendar` from its hours and overrides."""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections import defaultdict

from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import Q, Subquery

from motcua.organization.models import Unit

from .clock import DayOverride, WorkingCalendar
from .models import CalendarOverride, CalendarStamp, OfficeHours

# The calendars this process has built: unit id (None: national) → (stamp token, calendar).
# The token changes, by database triggers, with every write to the hours or the overrides,
# so an entry is used only while the token read from the database is still its own.
_built: dict[int | None, tuple[str, WorkingCalendar]] = {}
_built_lock = threading.Lock()


def forget_calendars() -> None:
    """Drop every calendar this process keeps (the next call of each unit reads it again)."""
    with _built_lock:
        _built.clear()


def _stamp(alias: str) -> str | None:
    table = connections[alias].ops.quote_name(CalendarStamp._meta.db_table)
    with connections[alias].cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table}")  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else None


def calendar_for(unit: Unit | None) -> WorkingCalendar:
    """The working calendar of `unit` (None: the national default).

    Read from the database (two queries) the first time, then kept by this process: a later
    call asks only for the calendar stamp (one query) and reads again if the hours or the
    overrides have been written since, here or in any other process.

    Office hours: the unit's own rows if it has any, else the national rows, else
    Mon–Fri 08:00–12:00, 13:00–17:00. Overrides: nation-wide rows plus the unit's own;
    for the same date the unit's row wins.
    """
    unit_id = unit.pk if unit is not None else None
    alias = router.db_for_read(OfficeHours) or DEFAULT_DB_ALIAS
    kept = _built.get(unit_id)
    if kept is not None and kept[0] == _stamp(alias):
        return kept[1]
    calendar, token = _read(unit_id, alias)
    if token is not None:
        with _built_lock:
            _built[unit_id] = (token, calendar)
    return calendar


def _read(unit_id: int | None, alias: str) -> tuple[WorkingCalendar, str | None]:
    """The calendar of `unit_id` from the database, and the stamp token it was read under
    (read with the office hours, in the same statement; None without a stamp)."""
    scope = (
        Q(unit__isnull=True) | Q(unit_id=unit_id) if unit_id is not None else Q(unit__isnull=True)
    )
    token = None
    own: dict[int, list] = defaultdict(list)
    national: dict[int, list] = defaultdict(list)
    stamp = Subquery(CalendarStamp.objects.values("token")[:1])
    rows = (
        OfficeHours.objects.using(alias)
        .filter(scope)
        .annotate(stamp=stamp)
        .values_list("unit_id", "weekday", "start", "end", "stamp")
    )
    for row_unit, weekday, start, end, row_token in rows:
        token = row_token
        (national if row_unit is None else own)[weekday].append((start, end))
    if token is None and not (own or national):
        token = _stamp(alias)  # no office hours at all: the built-in week applies
    hours = own or national
    weekday_intervals = (
        {day: _merged(intervals) for day, intervals in hours.items()} if hours else None
    )

    chosen: dict = {}
    for row in (
        CalendarOverride.objects.using(alias)
        .filter(scope)
        .values_list("unit_id", "date", "kind", "name", "intervals")
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
    return _interned(calendar), token


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
