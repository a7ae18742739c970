"""DOMAIN §6.7 worked examples, on the national calendar as shipped by the migrations."""

import datetime as dt

import pytest

from motcua.workcalendar.clock import (
    TZ,
    add_working_time,
    clock_start,
    due_with_pauses,
    working_minutes_between,
)
from motcua.workcalendar.models import CalendarOverride, OverrideKind
from motcua.workcalendar.selectors import calendar_for

pytestmark = pytest.mark.django_db

DAY = 480


def local(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%d/%m/%Y %H:%M").replace(tzinfo=TZ)


@pytest.mark.parametrize(
    ("example", "received", "minutes", "cutoff", "due"),
    [
        ("1", "10/03/2026 10:00", 3 * DAY, None, "13/03/2026 10:00"),
        ("2", "11/03/2026 16:10", 2 * DAY, dt.time(15, 0), "13/03/2026 17:00"),
        ("2 without cut-off", "11/03/2026 16:10", 2 * DAY, None, "13/03/2026 16:10"),
        ("3a", "14/03/2026 22:30", 2 * DAY, None, "17/03/2026 17:00"),
        ("3b", "16/03/2026 09:15", 2 * DAY, None, "18/03/2026 09:15"),
        ("4", "13/02/2026 09:00", 5 * DAY, None, "27/02/2026 09:00"),
        ("5", "24/04/2026 10:00", 5 * DAY, None, "06/05/2026 10:00"),
        ("6", "21/08/2026 10:00", 10 * DAY, None, "08/09/2026 10:00"),
        ("7", "09/03/2026 10:30", 240, None, "09/03/2026 15:30"),
        ("8", "09/03/2026 12:20", 240, None, "09/03/2026 17:00"),
        ("9", "09/03/2026 17:00", 1 * DAY, None, "10/03/2026 17:00"),
        ("10", "13/03/2026 16:30", 1 * DAY, dt.time(15, 0), "16/03/2026 17:00"),
        ("11", "25/04/2025 09:00", 3 * DAY, None, "29/04/2025 09:00"),
        ("12 before the pause", "02/03/2026 09:00", 5 * DAY, None, "09/03/2026 09:00"),
    ],
)
def test_worked_example_due(example, received, minutes, cutoff, due):
    calendar = calendar_for(None)
    start = clock_start(local(received), calendar, cutoff)
    assert add_working_time(start, minutes, calendar) == local(due)


def test_worked_example_12_supplement_pause_moves_the_due():
    calendar = calendar_for(None)
    start = clock_start(local("02/03/2026 09:00"), calendar)
    pause = (local("04/03/2026 14:00"), local("09/03/2026 10:30"))
    assert working_minutes_between(*pause, calendar) == 180 + 480 + 480 + 150
    assert due_with_pauses(start, 5 * DAY, calendar, [pause]) == local("11/03/2026 15:30")


def test_worked_example_6_with_the_make_up_saturday_overridden_off():
    CalendarOverride.objects.create(
        date=dt.date(2026, 8, 22), kind=OverrideKind.OFF, name="Không làm bù"
    )
    calendar = calendar_for(None)
    start = clock_start(local("21/08/2026 10:00"), calendar)
    assert add_working_time(start, 10 * DAY, calendar) == local("09/09/2026 10:00")
