"""Background work of the working calendar."""

import datetime as dt

from django.tasks import task

from .models import CalendarOverride
from .signals import calendar_changed


@task
def recompute_deadlines(date_from: str, date_to: str, unit_id: int | None) -> None:
    """Announce that the calendar of `unit_id` (None: every unit) changed on those dates.

    Dates travel as ISO strings because task arguments must be JSON.
    """
    calendar_changed.send(
        sender=CalendarOverride,
        date_from=dt.date.fromisoformat(date_from),
        date_to=dt.date.fromisoformat(date_to),
        unit_id=unit_id,
    )
