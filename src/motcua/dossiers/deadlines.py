"""A dossier's clock (DOMAIN §6): receipt, pauses and outcome classes, over `workcalendar.clock`."""

import datetime as dt

from django.utils import timezone

from motcua.workcalendar.clock import (
    WorkingCalendar,
    add_working_time,
    clock_start,
    end_of_working_day,
    paused_minutes,
)
from motcua.workcalendar.selectors import calendar_for

from .models import Dossier, Outcome

Pause = tuple[dt.datetime, dt.datetime]

# Events whose `data["pause"]` holds a closed pause [start, end] (ISO instants).
PAUSE_CLOSING_ACTIONS = ("submit_supplement", "record_payment", "withdraw", "stop")


def local_date(instant: dt.datetime) -> dt.date:
    return timezone.localtime(instant).date()


def due_for(
    *,
    start: dt.datetime,
    minutes: int,
    same_day: bool,
    calendar: WorkingCalendar,
    pauses: list[Pause] = (),
) -> dt.datetime:
    """Due instant: `minutes` walked from `start` (or the close of its working day for
    same-day procedures), then walked forward by the working minutes of the pauses."""
    base = (
        end_of_working_day(start, calendar)
        if same_day
        else add_working_time(start, minutes, calendar)
    )
    extra = paused_minutes(pauses, calendar)
    return add_working_time(base, extra, calendar) if extra else base


def receipt_clock(
    *, received_at: dt.datetime, minutes: int, same_day: bool, cutoff, calendar: WorkingCalendar
) -> tuple[dt.datetime, dt.datetime]:
    """(clock_start_at, due_at) for a dossier received at `received_at` (DOMAIN §6.3–6.4)."""
    start = clock_start(received_at, calendar, cutoff)
    return start, due_for(start=start, minutes=minutes, same_day=same_day, calendar=calendar)


def dossier_calendar(dossier: Dossier) -> WorkingCalendar:
    """The calendar a dossier's deadline is counted in: its receiving unit's."""
    return calendar_for(dossier.receiving_unit)


def iso(instant: dt.datetime | None) -> str | None:
    """An instant as local ISO 8601 text, the form event data keeps."""
    return timezone.localtime(instant).isoformat() if instant is not None else None


def pause_payload(start: dt.datetime, end: dt.datetime, minutes: int) -> dict:
    return {"start": iso(start), "end": iso(end), "minutes": minutes}


def pauses_from_events(events) -> list[Pause]:
    """Closed pauses recorded on a dossier's events, oldest first."""
    pauses = []
    for event in events:
        pause = (event.data or {}).get("pause") if event.action in PAUSE_CLOSING_ACTIONS else None
        if pause:
            pauses.append(
                (dt.datetime.fromisoformat(pause["start"]), dt.datetime.fromisoformat(pause["end"]))
            )
    return pauses


def classify_finish(finished_at: dt.datetime, due_at: dt.datetime) -> str:
    """§6.6: early = finished on a date before the due date; on time = not later than due."""
    if local_date(finished_at) < local_date(due_at):
        return Outcome.EARLY
    if finished_at <= due_at:
        return Outcome.ON_TIME
    return Outcome.LATE


IN_TIME = "in_time"
OVERDUE = "overdue"


def open_outcome(dossier: Dossier, at: dt.datetime) -> str | None:
    """§6.6 for an open dossier at instant `at`: `in_time` or `overdue`.

    A paused dossier is in time when its pause started no later than the due instant.
    Dossiers not yet received (no due) and finished ones give None.
    """
    if dossier.due_at is None or dossier.finished_at is not None:
        return None
    reference = dossier.paused_since if dossier.paused_since is not None else at
    return IN_TIME if reference <= dossier.due_at else OVERDUE
