"""A process keeps the calendars it has built, and reads one again as soon as the office hours or
the overrides are written, whoever writes them and however (the database stamps every write)."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from motcua.workcalendar.clock import add_working_time, is_working_day
from motcua.workcalendar.models import CalendarOverride, CalendarStamp, OfficeHours
from motcua.workcalendar.selectors import calendar_for
from tests.factories import UnitFactory

from .conftest import local

pytestmark = pytest.mark.django_db

D = dt.date
TUESDAY = D(2026, 3, 10)


def _token() -> str:
    return CalendarStamp.objects.get().token


def test_a_calendar_read_once_costs_one_query_afterwards():
    ward = UnitFactory()
    with CaptureQueriesContext(connection) as first:
        calendar = calendar_for(ward)
    with CaptureQueriesContext(connection) as second:
        again = calendar_for(ward)
    assert len(first) == 2 and len(second) == 1
    assert again is calendar
    assert "calendarstamp" in second.captured_queries[0]["sql"]


def test_a_new_override_is_seen_at_once():
    ward = UnitFactory()
    assert is_working_day(TUESDAY, calendar_for(ward))
    CalendarOverride.objects.create(date=TUESDAY, kind="off", name="Bầu cử", unit=ward)
    assert not is_working_day(TUESDAY, calendar_for(ward))
    assert is_working_day(TUESDAY, calendar_for(None))


def test_writes_that_send_no_signal_are_seen_too():
    ward = UnitFactory()
    start = local("09/03/2026 11:00")
    assert add_working_time(start, 120, calendar_for(ward)) == local("09/03/2026 14:00")
    OfficeHours.objects.filter(unit__isnull=True, start=dt.time(13)).update(
        start=dt.time(13, 30), end=dt.time(17, 30)
    )
    assert add_working_time(start, 120, calendar_for(ward)) == local("09/03/2026 14:30")
    OfficeHours.objects.bulk_create(
        OfficeHours(unit=ward, weekday=day, start=dt.time(7), end=dt.time(11)) for day in range(5)
    )
    assert add_working_time(start, 120, calendar_for(ward)) == local("10/03/2026 09:00")
    OfficeHours.objects.filter(unit=ward).delete()
    assert add_working_time(start, 120, calendar_for(ward)) == local("09/03/2026 14:30")


def test_a_write_by_another_process_is_seen():
    """Plain SQL, as another process or an operator would write it: no Django signal."""
    ward = UnitFactory()
    assert is_working_day(TUESDAY, calendar_for(ward))
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO workcalendar_calendaroverride (date, kind, name, intervals, created_at, "
            "unit_id) VALUES (%s, 'off', 'Nghỉ', %s, %s, %s)",
            [TUESDAY, "[]", dt.datetime(2026, 3, 1, tzinfo=dt.UTC), ward.pk],
        )
    assert not is_working_day(TUESDAY, calendar_for(ward))


def test_every_write_changes_the_stamp():
    ward = UnitFactory()
    seen = {_token()}
    override = CalendarOverride.objects.create(date=TUESDAY, kind="off", name="x", unit=ward)
    seen.add(_token())
    CalendarOverride.objects.filter(pk=override.pk).update(name="y")
    seen.add(_token())
    override.delete()
    seen.add(_token())
    hours = OfficeHours.objects.create(unit=ward, weekday=5, start=dt.time(8), end=dt.time(12))
    seen.add(_token())
    hours.delete()
    seen.add(_token())
    assert len(seen) == 6


def test_a_change_rolled_back_leaves_no_calendar_behind():
    ward = UnitFactory()
    assert is_working_day(TUESDAY, calendar_for(ward))

    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        CalendarOverride.objects.create(date=TUESDAY, kind="off", name="Bầu cử", unit=ward)
        assert not is_working_day(TUESDAY, calendar_for(ward))  # kept under the new token
        raise Undo
    assert is_working_day(TUESDAY, calendar_for(ward))


def test_without_the_stamp_every_call_reads_the_database():
    CalendarStamp.objects.all().delete()
    ward = UnitFactory()
    calendar_for(ward)
    with CaptureQueriesContext(connection) as queries:
        calendar_for(ward)
    assert len(queries) == 2
    CalendarOverride.objects.create(date=TUESDAY, kind="off", name="Bầu cử", unit=ward)
    assert not is_working_day(TUESDAY, calendar_for(ward))
