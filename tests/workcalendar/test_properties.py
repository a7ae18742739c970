"""Properties of working-time arithmetic over random starts in 2024–2027 (hypothesis)."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.workcalendar.clock import (
    TZ,
    DayOverride,
    WorkingCalendar,
    add_working_time,
    clock_start,
    day_info,
    due_with_pauses,
    working_minutes_between,
)
from motcua.workcalendar.selectors import calendar_for

pytestmark = pytest.mark.django_db

DAY = 480
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

starts = st.datetimes(
    min_value=dt.datetime(2024, 1, 1),
    max_value=dt.datetime(2027, 12, 31, 23, 59, 59),
    timezones=st.just(TZ),
)
durations = st.integers(min_value=1, max_value=60 * DAY)


@pytest.fixture(params=["national", "saturday_unit"])
def calendar(request):
    """The national calendar after migrations, and a unit open on Saturday mornings."""
    if request.param == "national":
        return calendar_for(None)
    morning, afternoon = (dt.time(7, 30), dt.time(11, 30)), (dt.time(13, 30), dt.time(17, 0))
    return WorkingCalendar.build(
        weekday_intervals={**{d: [morning, afternoon] for d in range(5)}, 5: [morning]},
        overrides=[
            DayOverride(dt.date(2026, 1, 2), "off", "Nghỉ hoán đổi"),
            DayOverride(dt.date(2026, 1, 10), "working", "Làm bù"),
            DayOverride(dt.date(2025, 6, 3), "off", "Nghỉ đột xuất"),
        ],
    )


def inside_office_hours(instant: dt.datetime, calendar) -> bool:
    """Strictly after an interval start and at most its end, on a working day."""
    info = day_info(instant.date(), calendar)
    moment = instant.timetz().replace(tzinfo=None)
    return info.is_working and any(start < moment <= end for start, end in info.intervals)


@SETTINGS
@given(received=starts, minutes=durations)
def test_due_is_never_on_a_day_off_nor_outside_office_hours(calendar, received, minutes):
    due = add_working_time(clock_start(received, calendar), minutes, calendar)
    assert due.tzinfo is TZ
    assert inside_office_hours(due, calendar)


@SETTINGS
@given(received=starts, minutes=durations)
def test_working_minutes_between_inverts_add_working_time(calendar, received, minutes):
    due = add_working_time(received, minutes, calendar)
    assert working_minutes_between(received, due, calendar) == minutes
    assert working_minutes_between(due, received, calendar) == -minutes


@SETTINGS
@given(first=starts, second=starts, a=durations, b=durations)
def test_add_working_time_is_monotonic(calendar, first, second, a, b):
    early, late = sorted((first, second))
    low, high = sorted((a, b))
    assert add_working_time(early, low, calendar) <= add_working_time(early, high, calendar)
    assert add_working_time(early, low, calendar) <= add_working_time(late, low, calendar)


@SETTINGS
@given(received=starts, a=durations, b=durations)
def test_add_working_time_is_additive_from_a_clock_start(calendar, received, a, b):
    start = clock_start(received, calendar)
    in_two_steps = add_working_time(add_working_time(start, a, calendar), b, calendar)
    assert in_two_steps == add_working_time(start, a + b, calendar)


@SETTINGS
@given(
    received=starts,
    minutes=durations,
    offset=st.floats(min_value=0, max_value=1),
    pause_minutes=st.integers(min_value=0, max_value=20 * DAY),
)
def test_due_with_pauses_adds_exactly_the_working_minutes_of_the_pause(
    calendar, received, minutes, offset, pause_minutes
):
    start = clock_start(received, calendar)
    due = add_working_time(start, minutes, calendar)
    pause_begin = start + (due - start) * offset
    pause_end = add_working_time(pause_begin, pause_minutes, calendar)
    paused = working_minutes_between(pause_begin, pause_end, calendar)
    extended = due_with_pauses(start, minutes, calendar, [(pause_begin, pause_end)])
    assert extended == add_working_time(due, paused, calendar)
    assert extended == add_working_time(start, minutes + paused, calendar)
    assert working_minutes_between(due, extended, calendar) == paused
    # Splitting a pause in two, or repeating it, changes nothing.
    middle = pause_begin + (pause_end - pause_begin) / 2
    assert (
        due_with_pauses(
            start,
            minutes,
            calendar,
            [(middle, pause_end), (pause_begin, middle), (pause_begin, middle)],
        )
        == extended
    )


@SETTINGS
@given(received=starts)
def test_clock_start_is_inside_office_hours_and_not_before_receipt(calendar, received):
    start = clock_start(received, calendar)
    assert start >= received
    info = day_info(start.date(), calendar)
    moment = start.timetz().replace(tzinfo=None)
    assert info.is_working and any(s <= moment < e for s, e in info.intervals)
    assert working_minutes_between(received, start, calendar) == 0
