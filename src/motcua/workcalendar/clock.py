"""Working-time arithmetic: pure functions over explicit inputs (no clock, no database).

Every instant in and out is timezone-aware; the calendar is read in Asia/Ho_Chi_Minh.
Precedence for a date (DOMAIN §6.1): override row > the `holidays` package's VN calendar
(statutory days, nghỉ bù and swapped days are off; its `weekend_workdays` are worked) >
the weekday template.

Each year is compiled once per calendar into per-day interval tables and a running sum of
working microseconds, so a due date is a binary search, not a walk over minutes.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import holidays

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
US_PER_MINUTE = 60_000_000
US_PER_DAY = 24 * 60 * US_PER_MINUTE
# A calendar that never opens would loop for ever; no real duration spans this many years.
MAX_YEARS_AHEAD = 50

Interval = tuple[dt.time, dt.time]

DEFAULT_INTERVALS: tuple[Interval, ...] = (
    (dt.time(8, 0), dt.time(12, 0)),
    (dt.time(13, 0), dt.time(17, 0)),
)
DEFAULT_WEEK: tuple[tuple[Interval, ...], ...] = (DEFAULT_INTERVALS,) * 5 + ((), ())

MAKEUP_DAY_NAME = "Ngày làm bù"
_SWAP_RE = re.compile(r"thay cho ngày (\d{2}/\d{2}/\d{4})")


@dataclass(frozen=True)
class DayOverride:
    """An administrator's decision for one date: `off`, or `working` with optional intervals."""

    date: dt.date
    kind: str  # "off" | "working"
    name: str
    intervals: tuple[Interval, ...] = ()


@dataclass(frozen=True)
class DayInfo:
    """What the calendar says about one date (for the year view and explanations)."""

    date: dt.date
    is_working: bool
    intervals: tuple[Interval, ...]
    name: str
    is_makeup: bool  # worked although the weekday template is closed (or a working override)
    is_holiday: bool  # off although the weekday template is open (or an `off` override)
    source: str  # "override" | "statutory" | "template"

    @property
    def minutes(self) -> int:
        return sum(_minute_of(end) - _minute_of(start) for start, end in self.intervals)


@dataclass(frozen=True, slots=True)
class _Year:
    base: int  # proleptic ordinal of 1 January
    days: tuple[tuple[tuple[int, int], ...], ...]  # per day: (start_us, end_us) intervals
    cum: tuple[int, ...]  # cum[i] = working microseconds of days [0, i)
    info: tuple[tuple[str, str, bool, bool], ...]  # per day: (name, source, makeup, holiday)


@dataclass(frozen=True)
class WorkingCalendar:
    """Weekday office intervals (Monday = 0) plus the per-date overrides of one unit.

    `makeup_intervals` are used for a make-up day that names no intervals of its own.
    """

    weekday_intervals: tuple[tuple[Interval, ...], ...] = DEFAULT_WEEK
    overrides: tuple[DayOverride, ...] = ()
    makeup_intervals: tuple[Interval, ...] = DEFAULT_INTERVALS
    use_statutory_holidays: bool = True
    _years: dict[int, _Year] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        if len(self.weekday_intervals) != 7:
            raise ValueError("weekday_intervals must have 7 entries (Monday first).")
        for intervals in (*self.weekday_intervals, self.makeup_intervals):
            _validate_intervals(intervals)
        seen: set[dt.date] = set()
        for override in self.overrides:
            if override.kind not in ("off", "working"):
                raise ValueError(f"Unknown override kind {override.kind!r}.")
            if override.date in seen:
                raise ValueError(f"Two overrides for {override.date}.")
            seen.add(override.date)
            _validate_intervals(override.intervals)

    @classmethod
    def build(
        cls,
        *,
        weekday_intervals: Mapping[int, Iterable[Interval]] | None = None,
        overrides: Iterable[DayOverride] = (),
        makeup_intervals: Iterable[Interval] | None = None,
        use_statutory_holidays: bool = True,
    ) -> WorkingCalendar:
        """Build from a {weekday: intervals} mapping; missing weekdays are closed."""
        if weekday_intervals is None:
            week = DEFAULT_WEEK
        else:
            week = tuple(tuple(sorted(weekday_intervals.get(day, ()))) for day in range(7))
        if makeup_intervals is None:
            makeup = next((day for day in week[:5] if day), DEFAULT_INTERVALS)
        else:
            makeup = tuple(sorted(makeup_intervals))
        return cls(
            weekday_intervals=week,
            overrides=tuple(sorted(overrides, key=lambda o: o.date)),
            makeup_intervals=makeup,
            use_statutory_holidays=use_statutory_holidays,
        )

    def year(self, year: int) -> _Year:
        compiled = self._years.get(year)
        if compiled is None:
            compiled = self._compile(year)
            self._years[year] = compiled
        return compiled

    def _compile(self, year: int) -> _Year:
        if self.use_statutory_holidays:
            statutory, workdays = _statutory(year)
        else:
            statutory, workdays = {}, {}
        overrides = {o.date: o for o in self.overrides if o.date.year == year}
        base = dt.date(year, 1, 1).toordinal()
        length = dt.date(year + 1, 1, 1).toordinal() - base
        template = [_to_us(day) for day in self.weekday_intervals]
        makeup = _to_us(self.makeup_intervals)
        days, info, cum, total = [], [], [0], 0
        for index in range(length):
            day = dt.date.fromordinal(base + index)
            usual = template[day.weekday()]
            override = overrides.get(day)
            if override is not None:
                source, name = "override", override.name
                if override.kind == "off":
                    intervals = ()
                else:
                    intervals = _to_us(override.intervals) if override.intervals else makeup
            elif day in statutory:
                source, name, intervals = "statutory", statutory[day], ()
            elif day in workdays:
                source, name, intervals = "statutory", workdays[day], makeup
            else:
                source, name, intervals = "template", "", usual
            is_makeup = bool(intervals) and (not usual or source == "override")
            is_holiday = not intervals and (bool(usual) or source == "override" or bool(name))
            days.append(intervals)
            info.append((name, source, is_makeup, is_holiday))
            total += sum(end - start for start, end in intervals)
            cum.append(total)
        return _Year(base=base, days=tuple(days), cum=tuple(cum), info=tuple(info))


@functools.lru_cache(maxsize=256)
def _statutory(year: int) -> tuple[dict[dt.date, str], dict[dt.date, str]]:
    """The package's days off and weekend workdays of one year, with Vietnamese names."""
    package = holidays.country_holidays("VN", years=year, language="vi")
    days_off = dict(package.items())
    replaced: dict[str, str] = {}
    for day, name in days_off.items():
        match = _SWAP_RE.search(name)
        if match:
            replaced[match.group(1)] = day.strftime("%d/%m/%Y")
    workdays = {}
    for day in getattr(package, "weekend_workdays", ()):
        if day.year == year:
            swapped = replaced.get(day.strftime("%d/%m/%Y"))
            workdays[day] = f"{MAKEUP_DAY_NAME} cho ngày {swapped}" if swapped else MAKEUP_DAY_NAME
    return days_off, workdays


def _minute_of(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def _to_us(intervals: Iterable[Interval]) -> tuple[tuple[int, int], ...]:
    return tuple((_time_us(start), _time_us(end)) for start, end in intervals)


def _time_us(value: dt.time) -> int:
    return ((value.hour * 60 + value.minute) * 60 + value.second) * 1_000_000 + value.microsecond


def _validate_intervals(intervals: Iterable[Interval]) -> None:
    previous_end = None
    for start, end in intervals:
        if not (isinstance(start, dt.time) and isinstance(end, dt.time)):
            raise ValueError("Intervals are pairs of datetime.time.")
        if start >= end:
            raise ValueError(f"Interval {start}–{end} ends before it starts.")
        if previous_end is not None and start < previous_end:
            raise ValueError(f"Interval {start}–{end} overlaps the previous one.")
        previous_end = end


def _local(instant: dt.datetime) -> dt.datetime:
    if not isinstance(instant, dt.datetime):
        raise TypeError("Expected a datetime.")
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("Naive datetime: working time needs a timezone-aware instant.")
    return instant.astimezone(TZ)


def _split(local: dt.datetime) -> tuple[int, int, int]:
    """(year, day index within the year, microseconds since local midnight)."""
    day = local.toordinal()
    year = local.year
    tod = ((local.hour * 60 + local.minute) * 60 + local.second) * 1_000_000 + local.microsecond
    return year, day - dt.date(year, 1, 1).toordinal(), tod


def _instant(base: int, index: int, tod_us: int) -> dt.datetime:
    day = dt.date.fromordinal(base + index)
    midnight = dt.datetime(day.year, day.month, day.day, tzinfo=TZ)
    return midnight + dt.timedelta(microseconds=tod_us)


def _worked_before(intervals: tuple[tuple[int, int], ...], tod: int) -> int:
    """Working microseconds of a day before time-of-day `tod`."""
    worked = 0
    for start, end in intervals:
        if tod <= start:
            break
        worked += (tod if tod < end else end) - start
    return worked


def _position(local: dt.datetime, calendar: WorkingCalendar) -> tuple[int, int]:
    """(year, working microseconds elapsed in that year up to the instant)."""
    year, index, tod = _split(local)
    table = calendar.year(year)
    return year, table.cum[index] + _worked_before(table.days[index], tod)


def _next_opening(calendar: WorkingCalendar, year: int, index: int, tod: int | None) -> dt.datetime:
    """First interval start at or after `tod` on day `index` (None: from the next day on)."""
    limit = year + MAX_YEARS_AHEAD
    if tod is not None:
        table = calendar.year(year)
        for start, _end in table.days[index]:
            if start >= tod:
                return _instant(table.base, index, start)
    index += 1
    while year <= limit:
        table = calendar.year(year)
        for position in range(index, len(table.days)):
            intervals = table.days[position]
            if intervals:
                return _instant(table.base, position, intervals[0][0])
        year, index = year + 1, 0
    raise ValueError("The calendar has no working time ahead.")


def clock_start(
    received_at: dt.datetime, calendar: WorkingCalendar, cutoff: dt.time | None = None
) -> dt.datetime:
    """When the clock starts for a dossier received at `received_at` (DOMAIN §6.3)."""
    local = _local(received_at)
    year, index, tod = _split(local)
    intervals = calendar.year(year).days[index]
    if intervals and cutoff is not None and tod >= _time_us(cutoff):
        return _next_opening(calendar, year, index, None)
    for start, end in intervals:
        if start <= tod < end:
            return local
    return _next_opening(calendar, year, index, tod)


def add_working_time(start: dt.datetime, minutes: int, calendar: WorkingCalendar) -> dt.datetime:
    """The instant when `minutes` working minutes have elapsed from `start` (DOMAIN §6.4).

    Ending exactly at the end of an interval gives that end, not the next opening.
    """
    local = _local(start)
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise TypeError("minutes must be an integer.")
    if minutes < 0:
        raise ValueError("minutes must not be negative.")
    if minutes == 0:
        return local
    year, index, tod = _split(local)
    table = calendar.year(year)
    target = table.cum[index] + _worked_before(table.days[index], tod) + minutes * US_PER_MINUTE
    limit = year + MAX_YEARS_AHEAD
    while target > table.cum[-1]:
        target -= table.cum[-1]
        year += 1
        if year > limit:
            raise ValueError("The calendar has no working time ahead.")
        table = calendar.year(year)
    # First day whose running total reaches the target; target > cum[day] by construction.
    day = bisect_left(table.cum, target) - 1
    remaining = target - table.cum[day]
    for interval_start, interval_end in table.days[day]:
        length = interval_end - interval_start
        if remaining <= length:
            return _instant(table.base, day, interval_start + remaining)
        remaining -= length
    raise AssertionError("unreachable: the running total and the day tables disagree")


def working_microseconds_between(a: dt.datetime, b: dt.datetime, calendar: WorkingCalendar) -> int:
    """Exact working time from `a` to `b` in microseconds; negative when `b` is before `a`."""
    year_a, pos_a = _position(_local(a), calendar)
    year_b, pos_b = _position(_local(b), calendar)
    if year_a == year_b:
        return pos_b - pos_a
    if year_b < year_a:
        return -working_microseconds_between(b, a, calendar)
    total = calendar.year(year_a).cum[-1] - pos_a
    for year in range(year_a + 1, year_b):
        total += calendar.year(year).cum[-1]
    return total + pos_b


def working_minutes_between(a: dt.datetime, b: dt.datetime, calendar: WorkingCalendar) -> int:
    """Whole working minutes from `a` to `b` (truncated); negative when `b` is before `a`."""
    elapsed = working_microseconds_between(a, b, calendar)
    return elapsed // US_PER_MINUTE if elapsed >= 0 else -(-elapsed // US_PER_MINUTE)


def merge_pauses(
    pauses: Iterable[tuple[dt.datetime, dt.datetime]],
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Pauses sorted and with overlaps merged, so no working minute is counted twice."""
    checked = []
    for begin, end in pauses:
        begin, end = _local(begin), _local(end)
        if end < begin:
            raise ValueError("A pause ends before it begins.")
        checked.append((begin, end))
    merged: list[tuple[dt.datetime, dt.datetime]] = []
    for begin, end in sorted(checked):
        if merged and begin <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((begin, end))
    return merged


def paused_minutes(
    pauses: Iterable[tuple[dt.datetime, dt.datetime]], calendar: WorkingCalendar
) -> int:
    """Working minutes inside the (merged) pauses."""
    elapsed = sum(
        working_microseconds_between(begin, end, calendar) for begin, end in merge_pauses(pauses)
    )
    return elapsed // US_PER_MINUTE


def due_with_pauses(
    clock_start_at: dt.datetime,
    minutes: int,
    calendar: WorkingCalendar,
    pauses: Iterable[tuple[dt.datetime, dt.datetime]] = (),
) -> dt.datetime:
    """The due instant walked forward by the working minutes of each pause (DOMAIN §6.5)."""
    due = add_working_time(clock_start_at, minutes, calendar)
    extra = paused_minutes(pauses, calendar)
    return add_working_time(due, extra, calendar) if extra else due


def end_of_working_day(instant: dt.datetime, calendar: WorkingCalendar) -> dt.datetime:
    """Closing time of the working day of `instant`; if closed or past closing, of the next one.

    Used as the due of same-day procedures (DOMAIN §6.4).
    """
    local = _local(instant)
    year, index, tod = _split(local)
    limit = year + MAX_YEARS_AHEAD
    table = calendar.year(year)
    intervals = table.days[index]
    if intervals and tod < intervals[-1][1]:
        return _instant(table.base, index, intervals[-1][1])
    index += 1
    while year <= limit:
        table = calendar.year(year)
        for position in range(index, len(table.days)):
            intervals = table.days[position]
            if intervals:
                return _instant(table.base, position, intervals[-1][1])
        year, index = year + 1, 0
    raise ValueError("The calendar has no working time ahead.")


def is_working_day(date: dt.date, calendar: WorkingCalendar) -> bool:
    table = calendar.year(date.year)
    return bool(table.days[date.toordinal() - table.base])


def day_info(date: dt.date, calendar: WorkingCalendar) -> DayInfo:
    table = calendar.year(date.year)
    index = date.toordinal() - table.base
    name, source, is_makeup, is_holiday = table.info[index]
    intervals = tuple((_us_time(start), _us_time(end)) for start, end in table.days[index])
    return DayInfo(
        date=date,
        is_working=bool(intervals),
        intervals=intervals,
        name=name,
        is_makeup=is_makeup,
        is_holiday=is_holiday,
        source=source,
    )


def _us_time(value: int) -> dt.time:
    if value >= US_PER_DAY:
        return dt.time.max
    seconds, micro = divmod(value, 1_000_000)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    return dt.time(hour, minute, second, micro)


def counted_intervals(
    start: dt.datetime, end: dt.datetime, calendar: WorkingCalendar
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The office intervals (clipped) that lie between `start` and `end`, in order."""
    a, b = _local(start), _local(end)
    pieces = []
    day = a.date()
    while day <= b.date():
        table = calendar.year(day.year)
        index = day.toordinal() - table.base
        for interval_start, interval_end in table.days[index]:
            begin = max(_instant(table.base, index, interval_start), a)
            finish = min(_instant(table.base, index, interval_end), b)
            if begin < finish:
                pieces.append((begin, finish))
        day += dt.timedelta(days=1)
    return pieces
