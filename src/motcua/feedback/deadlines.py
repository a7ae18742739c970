"""Feedback deadlines in working days (DOMAIN §10), counted with the unit's working calendar.

A deadline is the Nth working day after the day the feedback was sent, forwarded or completed
by the citizen; an action is on time when its local date is on or before the deadline.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from motcua.workcalendar.clock import WorkingCalendar, is_working_day

# Working days per action (DOMAIN §10; to verify against Decree 20/2008 as amended):
# refuse, first supplement request, answer, publish after answering.
DEFAULT_DAYS = {"refuse": 2, "supplement": 5, "answer": 15, "publish": 2}
# No chain of days off lasts this long; a calendar that never opens is an error.
MAX_SCAN_DAYS = 400


def deadline_days() -> dict[str, int]:
    """The configured numbers of working days (settings.FEEDBACK_DEADLINE_DAYS overrides)."""
    return {**DEFAULT_DAYS, **getattr(settings, "FEEDBACK_DEADLINE_DAYS", {})}


def nth_working_day_after(day: dt.date, n: int, calendar: WorkingCalendar) -> dt.date:
    """The `n`-th working day strictly after `day` (n ≥ 1)."""
    if n < 1:
        raise ValueError("n must be at least 1.")
    current, found = day, 0
    for _step in range(MAX_SCAN_DAYS + n):
        current += dt.timedelta(days=1)
        if is_working_day(current, calendar):
            found += 1
            if found == n:
                return current
    raise ValueError("The calendar has no working day ahead.")


@dataclass(frozen=True)
class Deadlines:
    refuse: dt.date
    supplement: dt.date
    answer: dt.date


def deadlines_from(day: dt.date, calendar: WorkingCalendar) -> Deadlines:
    days = deadline_days()
    return Deadlines(
        refuse=nth_working_day_after(day, days["refuse"], calendar),
        supplement=nth_working_day_after(day, days["supplement"], calendar),
        answer=nth_working_day_after(day, days["answer"], calendar),
    )


def publish_deadline(answered_on: dt.date, calendar: WorkingCalendar) -> dt.date:
    return nth_working_day_after(answered_on, deadline_days()["publish"], calendar)


def local_day(instant: dt.datetime) -> dt.date:
    return timezone.localtime(instant).date()


def on_time(action_at: dt.datetime, deadline: dt.date) -> bool:
    return local_day(action_at) <= deadline
