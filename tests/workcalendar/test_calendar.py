"""What the national and unit calendars say about dates: holidays, swaps, make-up days, hours."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.workcalendar.clock import (
    WorkingCalendar,
    add_working_time,
    clock_start,
    day_info,
    end_of_working_day,
    is_working_day,
    working_minutes_between,
)
from motcua.workcalendar.models import CalendarOverride, OfficeHours
from motcua.workcalendar.selectors import calendar_for
from tests.factories import UnitFactory

from .conftest import local

pytestmark = pytest.mark.django_db

D = dt.date

# DOMAIN §6.2: weekday days off besides Saturday/Sunday, and the make-up Saturdays.
TABLE_6_2 = {
    2025: (
        [
            D(2025, 1, 1),
            *(D(2025, 1, d) for d in range(27, 32)),
            D(2025, 4, 7),
            D(2025, 4, 30),
            D(2025, 5, 1),
            D(2025, 5, 2),
            D(2025, 9, 1),
            D(2025, 9, 2),
        ],
        [D(2025, 4, 26)],
    ),
    2026: (
        [
            D(2026, 1, 1),
            D(2026, 1, 2),
            *(D(2026, 2, d) for d in range(16, 21)),
            D(2026, 4, 27),
            D(2026, 4, 30),
            D(2026, 5, 1),
            D(2026, 8, 31),
            D(2026, 9, 1),
            D(2026, 9, 2),
            D(2026, 11, 24),
        ],
        [D(2026, 1, 10), D(2026, 8, 22)],
    ),
}


@pytest.mark.parametrize("year", sorted(TABLE_6_2))
def test_national_calendar_matches_the_announced_table(year):
    calendar = calendar_for(None)
    weekdays_off, make_up = TABLE_6_2[year]
    day = D(year, 1, 1)
    while day.year == year:
        expected = (day.weekday() < 5 and day not in weekdays_off) or day in make_up
        assert is_working_day(day, calendar) is expected, day
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2027, 1, 1), "Tết Dương lịch"),
        (D(2027, 2, 5), "Giao thừa Tết Nguyên Đán"),
        (D(2027, 2, 8), "Mùng ba Tết Nguyên Đán"),
        (D(2027, 4, 16), "Ngày Giỗ Tổ Hùng Vương"),
        (D(2027, 4, 30), "Ngày Chiến thắng"),
        (D(2027, 5, 3), "Ngày Quốc tế Lao động (nghỉ bù)"),
        (D(2027, 9, 2), "Quốc khánh"),
        (D(2027, 9, 3), "Quốc khánh"),
        (D(2027, 11, 24), "Ngày Văn hóa Việt Nam"),
    ],
)
def test_2027_still_has_its_holidays_by_the_lunar_calendar(day, name):
    info = day_info(day, calendar_for(None))
    assert not info.is_working
    assert info.is_holiday
    assert info.name == name


def test_day_info_names_the_swap_and_the_make_up_day_in_vietnamese():
    calendar = calendar_for(None)
    swap = day_info(D(2026, 1, 2), calendar)
    assert (swap.is_working, swap.is_holiday, swap.source) == (False, True, "override")
    assert "Tết Dương lịch" in swap.name
    saturday = day_info(D(2026, 1, 10), calendar)
    assert saturday.is_working and saturday.is_makeup
    assert saturday.minutes == 480
    package_saturday = day_info(D(2026, 8, 22), calendar)
    assert package_saturday.is_makeup and package_saturday.source == "statutory"
    assert package_saturday.name == "Ngày làm bù cho ngày 31/08/2026"
    weekend = day_info(D(2026, 3, 14), calendar)
    assert not weekend.is_working and not weekend.is_holiday and weekend.name == ""


def test_a_unit_only_override_affects_only_that_unit():
    ward, other = UnitFactory(), UnitFactory()
    CalendarOverride.objects.create(date=D(2026, 3, 10), kind="off", name="Bầu cử", unit=ward)
    start = local("09/03/2026 16:00")
    assert add_working_time(start, 120, calendar_for(ward)) == local("11/03/2026 09:00")
    assert add_working_time(start, 120, calendar_for(other)) == local("10/03/2026 09:00")
    assert add_working_time(start, 120, calendar_for(None)) == local("10/03/2026 09:00")


def test_a_unit_override_beats_the_national_one_on_the_same_date():
    ward = UnitFactory()
    CalendarOverride.objects.create(
        date=D(2026, 1, 2),
        kind="working",
        name="Trực tiếp nhận hồ sơ",
        unit=ward,
        intervals=[["08:00", "11:00"]],
    )
    assert is_working_day(D(2026, 1, 2), calendar_for(ward))
    assert day_info(D(2026, 1, 2), calendar_for(ward)).minutes == 180
    assert not is_working_day(D(2026, 1, 2), calendar_for(None))


def test_a_saturday_morning_unit_counts_its_saturday_hours():
    ward = UnitFactory()
    week = [(d, dt.time(8), dt.time(12)) for d in range(6)] + [
        (d, dt.time(13), dt.time(17)) for d in range(5)
    ]
    OfficeHours.objects.bulk_create(
        OfficeHours(unit=ward, weekday=d, start=s, end=e) for d, s, e in week
    )
    calendar = calendar_for(ward)
    # Fri 16:00 + 3 h: one hour on Friday, Saturday 08:00–10:00.
    assert add_working_time(local("13/03/2026 16:00"), 180, calendar) == local("14/03/2026 10:00")
    assert end_of_working_day(local("14/03/2026 09:00"), calendar) == local("14/03/2026 12:00")
    assert clock_start(local("14/03/2026 12:30"), calendar) == local("16/03/2026 08:00")
    # The national calendar does not open on Saturday.
    assert add_working_time(local("13/03/2026 16:00"), 180, calendar_for(None)) == local(
        "16/03/2026 10:00"
    )
    # A make-up Saturday is a full day even where Saturday mornings are open.
    assert day_info(D(2026, 1, 10), calendar).minutes == 480


def test_national_office_hours_rows_apply_to_units_without_their_own():
    OfficeHours.objects.filter(unit__isnull=True, start=dt.time(13)).update(
        start=dt.time(13, 30), end=dt.time(17, 30)
    )
    ward = UnitFactory()
    assert add_working_time(local("09/03/2026 11:00"), 120, calendar_for(ward)) == local(
        "09/03/2026 14:30"
    )


def test_without_any_office_hours_rows_the_default_week_applies():
    OfficeHours.objects.all().delete()
    calendar = calendar_for(None)
    assert calendar.weekday_intervals == WorkingCalendar().weekday_intervals
    assert (
        working_minutes_between(local("09/03/2026 00:00"), local("16/03/2026 00:00"), calendar)
        == 5 * 480
    )


def test_calendar_for_uses_two_queries_whatever_the_number_of_rows():
    ward = UnitFactory()
    for day in range(1, 29):
        CalendarOverride.objects.create(date=D(2027, 2, day), kind="off", name="x", unit=ward)
    with CaptureQueriesContext(connection) as queries:
        calendar_for(ward)
    assert len(queries) == 2


def test_naive_datetimes_are_refused():
    calendar = WorkingCalendar()
    naive = dt.datetime(2026, 3, 9, 10, 0)
    for call in (
        lambda: clock_start(naive, calendar),
        lambda: add_working_time(naive, 60, calendar),
        lambda: working_minutes_between(naive, naive, calendar),
        lambda: end_of_working_day(naive, calendar),
    ):
        with pytest.raises(ValueError):
            call()


def test_results_are_in_vietnam_time_whatever_the_input_zone():
    calendar = WorkingCalendar()
    utc_start = dt.datetime(2026, 3, 9, 3, 0, tzinfo=dt.UTC)  # 10:00 in Hà Nội
    due = add_working_time(utc_start, 60, calendar)
    assert due == local("09/03/2026 11:00")
    assert due.utcoffset() == dt.timedelta(hours=7)


def test_negative_minutes_are_refused_and_zero_is_the_start_itself():
    calendar = WorkingCalendar()
    start = local("09/03/2026 10:00")
    with pytest.raises(ValueError):
        add_working_time(start, -1, calendar)
    assert add_working_time(start, 0, calendar) == start


def test_end_of_working_day_for_same_day_procedures():
    calendar = calendar_for(None)
    assert end_of_working_day(local("09/03/2026 08:00"), calendar) == local("09/03/2026 17:00")
    assert end_of_working_day(local("09/03/2026 17:00"), calendar) == local("10/03/2026 17:00")
    assert end_of_working_day(local("31/12/2025 18:00"), calendar) == local("05/01/2026 17:00")


def test_working_time_crosses_the_new_year():
    calendar = calendar_for(None)
    # Wed 31/12/2025 16:00 + 2 days: 1/1 and 2/1 off, weekend, Mon 5/1 and Tue 6/1.
    assert add_working_time(local("31/12/2025 16:00"), 960, calendar) == local("06/01/2026 16:00")
    assert (
        working_minutes_between(local("31/12/2025 16:00"), local("06/01/2026 16:00"), calendar)
        == 960
    )
    assert (
        working_minutes_between(local("06/01/2026 16:00"), local("31/12/2025 16:00"), calendar)
        == -960
    )


def test_calendar_refuses_malformed_intervals():
    with pytest.raises(ValueError):
        WorkingCalendar.build(weekday_intervals={0: [(dt.time(12), dt.time(8))]})
    with pytest.raises(ValueError):
        WorkingCalendar(weekday_intervals=((),) * 6)


def test_a_calendar_that_never_opens_refuses_to_compute_a_due():
    closed = WorkingCalendar.build(weekday_intervals={}, use_statutory_holidays=False)
    with pytest.raises(ValueError):
        add_working_time(local("09/03/2026 10:00"), 60, closed)
