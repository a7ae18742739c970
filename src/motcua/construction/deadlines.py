"""Deadlines of the violation procedure, counted in working days of the ward's calendar."""

from __future__ import annotations

import datetime as dt

from motcua.organization.models import Unit
from motcua.workcalendar.clock import WorkingCalendar, is_working_day
from motcua.workcalendar.selectors import calendar_for

# A remedy period is at most a few months; the cap keeps a typo from walking for ever.
MAX_REMEDY_DAYS = 365


def nth_working_day_after(day: dt.date, n: int, calendar: WorkingCalendar) -> dt.date:
    """The `n`-th working day after `day` (the day itself does not count)."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError("n must be a positive integer.")
    current, counted = day, 0
    while counted < n:
        current += dt.timedelta(days=1)
        if is_working_day(current, calendar):
            counted += 1
    return current


def remedy_due(decided_on: dt.date, days: int, ward: Unit) -> dt.date:
    """Deadline to remedy: `days` working days after the decision, in the ward's calendar."""
    return nth_working_day_after(decided_on, days, calendar_for(ward))
