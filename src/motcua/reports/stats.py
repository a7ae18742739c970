"""Figures for a period, a set of units and a grouping, read from the rollups.

Counters come from `MonthlyRollup` for the whole months of the period and `DailyRollup` for
its edge days; figures not grouped by field or procedure read the same from
`UnitMonthlyRollup` and `UnitDailyRollup`, keyed without the procedure version (a few rows
per unit pair, channel and month, whatever the number of dossiers or procedures). The whole
tree's figures by field or procedure read the whole months from `VersionMonthlyRollup`, keyed
without the units (a few rows per version and month). `dashboard` computes everything the
leaders' dashboard shows, the tables by field and by procedure from one read by version.
Open dossiers cannot be a stored counter, because "in time" turns into "overdue" as the
clock runs without any event: they are counted from `DossierFact` through the partial index
on open facts (`fact_open`). At the end of a past period, the open ones are the received minus
the finished summed from the unit rollups, and the overdue among them are counted from the
unfinished facts and the few finished ones that can have been overdue (`fact_late`); grouped by
field or procedure, through the GiST index on the open span (`fact_open_span`).

The rollup and fact reads are written here as SQL text (`_select`), a sum per counter: they
are a handful of fixed shapes, and building one through the ORM cost more (about 1.5 ms of
Python for a query of 25 sums) than the database spends answering it from the rollups. Every
value from a request (dates, instants, units) is a parameter; only table and column names and
constants of the code (a basis, a final state, a channel, a stretch number) are written in.
"""

import datetime as dt
import functools
from collections import defaultdict
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections, router

from motcua.catalog.models import ProcedureVersion
from motcua.organization.models import Unit

from .definitions import FINISH_COUNTERS, INTAKE_COUNTERS, Figures, Period, month_period
from .models import (
    CHANNEL_COUNTERS,
    Basis,
    DailyRollup,
    DossierFact,
    FinalState,
    MonthlyRollup,
    UnitDailyRollup,
    UnitMonthlyRollup,
    VersionMonthlyRollup,
)
from .scope import descendants

GROUPINGS = ("unit", "field", "procedure", "month")
_GROUP_FIELDS = {
    None: (),
    "unit": ("receiving_unit_id", "competent_unit_id"),
    "version": ("version_id",),
}
CHANNELS = tuple((name, channel) for channel, name in CHANNEL_COUNTERS.items())
EPOCH = dt.date(1900, 1, 1)

# --- SQL text -------------------------------------------------------------------------------

Sql = tuple[str, list]  # a fragment and its parameters


def _q(name: str) -> str:
    """A quoted column or table name (PostgreSQL and SQLite quote alike)."""
    return f'"{name}"'


def _units_sql(unit_ids: set[int] | None) -> Sql:
    """A row belongs to a unit's figures when the unit received or resolves it."""
    if unit_ids is None:
        return "", []
    if not unit_ids:
        return "1 = 0", []
    ids = sorted(unit_ids)
    marks = ", ".join(["%s"] * len(ids))
    sql = f"({_q('receiving_unit_id')} IN ({marks}) OR {_q('competent_unit_id')} IN ({marks}))"
    return sql, [*ids, *ids]


def _days_sql(ranges, column: str = "day") -> Sql:
    """`column` within one of the inclusive date ranges."""
    parts = [f"({_q(column)} >= %s AND {_q(column)} <= %s)" for _r in ranges]
    return "(" + " OR ".join(parts) + ")", [day for pair in ranges for day in pair]


def _sum(expression: str, condition: Sql | None = None) -> Sql:
    """SUM of a column (or of an expression over columns), over the rows meeting `condition`,
    as a bigint (PostgreSQL sums a bigint column into a numeric, read as a `Decimal`)."""
    if condition is None:
        return f"CAST(SUM({expression}) AS BIGINT)", []
    return (
        f"CAST(SUM({expression}) FILTER (WHERE {condition[0]}) AS BIGINT)",
        list(condition[1]),
    )


def _and(*parts: Sql) -> Sql:
    kept = [p for p in parts if p[0]]
    return " AND ".join(s for s, _p in kept), [v for _s, p in kept for v in p]


def _param(connection, value):
    """A parameter as the ORM would send it (SQLite stores dates and instants as text)."""
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return connection.ops.adapt_datefield_value(value)
    return value


def run_sql(model, sql: str, params: list) -> list[tuple]:
    """The rows of `sql` on the database the router reads `model` from."""
    connection = connections[router.db_for_read(model) or DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        cursor.execute(sql, [_param(connection, v) for v in params])
        return cursor.fetchall()


def _select(
    model, keys: tuple[str, ...], aggregates: dict[str, Sql], where: Sql, rows: Sql | None = None
) -> list[dict]:
    """Rows of {key…, aggregate…} of `SELECT keys, aggregates FROM model's table WHERE where
    GROUP BY keys` (one row, no GROUP BY, without keys), on the database the router reads
    `model` from. `rows`: from that subquery instead of the table."""
    columns = [_q(k) for k in keys] + [f"{sql} AS {_q(a)}" for a, (sql, _p) in aggregates.items()]
    params = [v for _sql, p in aggregates.values() for v in p]
    table = _q(model._meta.db_table)
    if rows is not None:
        table = f"({rows[0]}) t"
        params += rows[1]
    sql = f"SELECT {', '.join(columns)} FROM {table}"  # noqa: S608
    if where[0]:
        sql += f" WHERE {where[0]}"
        params += where[1]
    if keys:
        sql += f" GROUP BY {', '.join(_q(k) for k in keys)}"
    names = (*keys, *aggregates)
    return [dict(zip(names, row, strict=True)) for row in run_sql(model, sql, params)]


def _as_date(value) -> dt.date:
    """A date as the driver returns it (a date, or text on SQLite)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _grouped(model, group: str | None, aggregates: dict[str, Sql], where: Sql, day="day"):
    """Rows of (group key, values); group keys are tuples. By month: read by `day` (a
    month's first day in the monthly tables), each row keyed by its month."""
    if group == "month":
        rows = _select(model, (day,), aggregates, where)
        return [((_as_date(row[day]).replace(day=1),), row) for row in rows]
    keys = _GROUP_FIELDS[group]
    return [(tuple(row[k] for k in keys), row) for row in _select(model, keys, aggregates, where)]


# --- rollup reads ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """The rows of one rollup table that sum to part of a period: those whose `day` lies in
    one of `days` (inclusive ranges)."""

    model: type
    days: tuple[tuple[dt.date, dt.date], ...]

    def where(self, unit_ids: set[int] | None, basis: str | None = None) -> Sql:
        return _and(
            _units_sql(unit_ids),
            _days_sql(self.days),
            (f"{_q('basis')} = %s", [str(basis)]) if basis else ("", []),
        )


def rollup_sources(period: Period, *, coarse: bool = False, whole: bool = False) -> list[Source]:
    """The rows that sum to the period: the whole calendar months inside it from
    `MonthlyRollup`, the days before the first and after the last whole month from
    `DailyRollup` (each row's `day` is a day or a month's first day). `coarse`: from
    `UnitMonthlyRollup` and `UnitDailyRollup` instead (no version, field or procedure).
    `whole` (the whole tree, no unit filter, rows read by version): the whole months from
    `VersionMonthlyRollup` (no units)."""
    days, months = (UnitDailyRollup, UnitMonthlyRollup) if coarse else (DailyRollup, MonthlyRollup)
    if whole and not coarse:
        months = VersionMonthlyRollup
    first = period.start
    if first.day != 1:
        first = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    last = period.end
    if (last + dt.timedelta(days=1)).day != 1:
        last = last.replace(day=1) - dt.timedelta(days=1)
    if first > last:
        return [Source(days, ((period.start, period.end),))]
    one = dt.timedelta(days=1)
    edges = tuple(
        (a, b) for a, b in ((period.start, first - one), (last + one, period.end)) if a <= b
    )
    monthly = Source(months, ((first, last),))
    return [monthly, Source(days, edges)] if edges else [monthly]


def _sums(names) -> dict[str, Sql]:
    return {f"s_{name}": _sum(_q(name)) for name in names}


def _channel_sums(model) -> dict[str, Sql]:
    """The received per channel: counters of `VersionMonthlyRollup`, the channel of the key
    in the other rollups."""
    if model is VersionMonthlyRollup:
        return _sums(name for name, _channel in CHANNELS)
    return {
        f"s_{name}": _sum(_q("received"), (f"{_q('channel')} = %s", [int(channel)]))
        for name, channel in CHANNELS
    }


@functools.cache
def _keyed(names: tuple[str, ...], prefix: str) -> tuple[tuple[str, str], ...]:
    return tuple((name, prefix + name) for name in names)


def _add(target: Figures, values: dict, names: tuple[str, ...], prefix: str = "s_") -> None:
    """Add the sums `prefix + name` of a row to `target`."""
    counters = target.__dict__
    for name, key in _keyed(names, prefix):
        value = values[key]
        if value:
            counters[name] += value


# --- open dossiers --------------------------------------------------------------------------


def _overdue_sql(at: dt.datetime) -> Sql:
    """An open fact overdue at `at` (§6.6; a paused one judged at the pause's start)."""
    paused = f"{_q('paused_since')} IS NOT NULL AND {_q('paused_since')} <= %s"
    return (
        f"(({paused} AND {_q('paused_since')} > {_q('due_at')}) "
        f"OR (NOT ({paused}) AND {_q('due_at')} < %s))",
        [at, at, at],
    )


def _open_aggregates(at: dt.datetime) -> dict[str, Sql]:
    overdue = _overdue_sql(at)
    return {
        "open_all": ("COUNT(*)", []),
        "open_overdue": (f"COUNT(*) FILTER (WHERE {overdue[0]})", overdue[1]),
    }


def _taken(day: dt.date) -> Sql:
    """Facts of dossiers received on or before `day` (refused submissions left out)."""
    return (
        f"{_q('received_day')} IS NOT NULL AND {_q('received_day')} <= %s "
        f"AND NOT ({_q('final_state')} = '{FinalState.REFUSED}')",
        [day],
    )


# Facts that can be finished after a day yet overdue at its end: finished late (a resolved
# dossier finished after its due), withdrawn or stopped (no outcome class), or paused. Every
# other finished fact open at a day's end was in time then. The partial index `fact_late`
# holds just these; the terms are those of its condition, written out as constants so that
# PostgreSQL can see the query's rows are the index's.
LATE_CANDIDATES = (
    f"({_q('outcome')} = 'late' OR {_q('final_state')} = '{FinalState.WITHDRAWN}' "
    f"OR {_q('final_state')} = '{FinalState.STOPPED}' OR {_q('paused_since')} IS NOT NULL)"
)
UNFINISHED = f"{_q('finish_day')} IS NULL"


def _open_at_end(unit_ids, day: dt.date, end: dt.datetime, group: str | None):
    """(key, {open_all, open_overdue}) of the dossiers open at the end of `day`, judged at
    `end`, without reading every fact finished after `day`: open = received up to `day` −
    finished up to `day` (both summed from the unit rollups since the beginning, a few rows
    per unit pair and month); overdue = the overdue among the facts still unfinished
    (`fact_open`) and among the few finished after `day` that can have been overdue
    (`LATE_CANDIDATES`, `fact_late`)."""
    totals: dict[tuple, dict[str, int]] = defaultdict(lambda: {"open_all": 0, "open_overdue": 0})
    sums = {
        "s_in": _sum(_q("received"), (f"{_q('basis')} = %s", [Basis.RECEIVED.value])),
        "s_out": _sum(
            f"{_q('resolved')} + {_q('withdrawn')} + {_q('stopped')}",
            (f"{_q('basis')} = %s", [Basis.RESOLVED.value]),
        ),
    }
    for source in rollup_sources(Period(EPOCH, day), coarse=True):
        for key, row in _grouped(source.model, group, sums, source.where(unit_ids)):
            totals[key]["open_all"] += (row["s_in"] or 0) - (row["s_out"] or 0)
    overdue = {"open_overdue": _open_aggregates(end)["open_overdue"]}
    unfinished = _and(_units_sql(unit_ids), _taken(day), (UNFINISHED, []))
    for key, row in _grouped(DossierFact, group, overdue, unfinished):
        totals[key]["open_overdue"] += row["open_overdue"] or 0
    for key, count in _late_overdue(unit_ids, [(day, end)], _GROUP_FIELDS[group])[0].items():
        totals[key]["open_overdue"] += count
    return list(totals.items())


def _late_overdue(
    unit_ids: set[int] | None, ends: list[tuple[dt.date, dt.datetime]], keys: tuple[str, ...]
) -> list[dict[tuple, int]]:
    """Per (day, instant) of `ends`, the facts received up to `day`, finished after it, that
    were overdue at `instant` (the end of `day`, or now), counted per `keys`, in two
    statements however many (day, instant): the late candidates not paused whose due came
    before the instant (`fact_late`, on finish day and due instant, passes over the others in
    the index), and the paused ones (a few) judged one by one."""
    finish, due, received = _q("finish_day"), _q("due_at"), _q("received_day")
    within = [f"({finish} > %s AND {due} < %s AND {received} <= %s)" for _e in ends]
    spans = [[day, end, day] for day, end in ends]
    not_paused = _and(
        _units_sql(unit_ids),
        (
            f"{LATE_CANDIDATES} AND {_q('paused_since')} IS NULL AND {received} IS NOT NULL "
            f"AND NOT ({_q('final_state')} = '{FinalState.REFUSED}') "
            f"AND ({' OR '.join(within)})",
            [v for span in spans for v in span],
        ),
    )
    counts = {f"p{i}": (f"COUNT(*) FILTER (WHERE {within[i]})", spans[i]) for i in range(len(ends))}
    open_then = [f"({finish} > %s AND {received} <= %s)" for _e in ends]
    paused = _and(
        _units_sql(unit_ids),
        (
            f"{LATE_CANDIDATES} AND {_q('paused_since')} IS NOT NULL "
            f"AND {received} IS NOT NULL AND NOT ({_q('final_state')} = '{FinalState.REFUSED}') "
            f"AND ({' OR '.join(open_then)})",
            [v for day, _end in ends for v in (day, day)],
        ),
    )
    judged = {}
    for i, (day, end) in enumerate(ends):
        overdue = _overdue_sql(end)
        judged[f"p{i}"] = (
            f"COUNT(*) FILTER (WHERE {open_then[i]} AND {overdue[0]})",
            [day, day, *overdue[1]],
        )
    out: list[dict[tuple, int]] = [defaultdict(int) for _e in ends]
    for where, aggregates in ((not_paused, counts), (paused, judged)):
        for row in _select(DossierFact, keys, aggregates, where):
            for i in range(len(ends)):
                out[i][tuple(row[k] for k in keys)] += row[f"p{i}"] or 0
    return out


# The span of days a dossier was open, [received day, finish day), as `fact_open_span` (a GiST
# index on PostgreSQL, migration 0005) indexes it; an upper bound before the lower one (never
# written by the engine) gives an empty span instead of an error.
OPEN_SPAN = (
    "daterange({t}.received_day, CASE WHEN {t}.finish_day < {t}.received_day "
    "THEN {t}.received_day ELSE {t}.finish_day END, '[)')"
)


def open_on(day: dt.date) -> Sql:
    """The facts of dossiers open at the end of `day`: received on or before it, not finished
    by then. On PostgreSQL through the GiST index on the open span (a stabbing query that
    reads only those facts); elsewhere by the two dates."""
    connection = connections[router.db_for_read(DossierFact) or DEFAULT_DB_ALIAS]
    taken = (
        f"{_q('received_day')} IS NOT NULL AND NOT ({_q('final_state')} = '{FinalState.REFUSED}')",
        [],
    )
    if connection.vendor == "postgresql":
        span = OPEN_SPAN.format(t=_q(DossierFact._meta.db_table))
        return _and(taken, (f"{span} @> %s::date", [day]))
    return _and(
        taken,
        (
            f"{_q('received_day')} <= %s AND ({_q('finish_day')} IS NULL "
            f"OR {_q('finish_day')} > %s)",
            [day, day],
        ),
    )


def _put_open(target: Figures, row: dict) -> None:
    overdue = row.get("open_overdue") or 0
    target.open_overdue += overdue
    target.open_in_time += (row.get("open_all") or 0) - overdue


# --- figures --------------------------------------------------------------------------------


def raw_figures(
    *, unit_ids: set[int] | None, period: Period, basis: str, at: dt.datetime, group: str | None
) -> dict[tuple, Figures]:
    """Figures per raw group key (a (receiving, competent) pair for units, an id, a month).
    By field or procedure: grouped by procedure version (no join), then folded here."""
    if group not in ("field", "procedure"):
        return _raw_figures(unit_ids=unit_ids, period=period, basis=basis, at=at, group=group)
    by_version = _raw_figures(unit_ids=unit_ids, period=period, basis=basis, at=at, group="version")
    return _fold(by_version, _versions(by_version))[group][0]


def _raw_figures(
    *, unit_ids: set[int] | None, period: Period, basis: str, at: dt.datetime, group: str | None
) -> dict[tuple, Figures]:
    sources = rollup_sources(
        period, coarse=group != "version", whole=unit_ids is None and group == "version"
    )
    out: dict[tuple, Figures] = defaultdict(Figures)
    intake_names = (
        INTAKE_COUNTERS if basis == Basis.RESOLVED else (*INTAKE_COUNTERS, *FINISH_COUNTERS)
    )
    names = (*intake_names, *(name for name, _channel in CHANNELS))
    for source in sources:
        aggregates = {**_sums(intake_names), **_channel_sums(source.model)}
        where = source.where(unit_ids, Basis.RECEIVED)
        for key, row in _grouped(source.model, group, aggregates, where):
            _add(out[key], row, names)
    if basis == Basis.RESOLVED:
        for source in sources:
            where = source.where(unit_ids, Basis.RESOLVED)
            for key, row in _grouped(source.model, group, _sums(FINISH_COUNTERS), where):
                _add(out[key], row, FINISH_COUNTERS)
        months = _month_periods(period) if group == "month" else [(None, period)]
        by = None if group == "month" else group
        for month_key, sub in months:
            end = min(sub.end_instant, at)
            if by in (None, "unit"):
                rows = _open_at_end(unit_ids, sub.end, end, by)
            else:
                where = _and(_units_sql(unit_ids), open_on(sub.end))
                rows = _grouped(DossierFact, by, _open_aggregates(end), where)
            for key, row in rows:
                _put_open(out[month_key if group == "month" else key], row)
    else:
        where = _and(
            _units_sql(unit_ids),
            _days_sql(((period.start, period.end),), "received_day"),
            (UNFINISHED, []),
        )
        for key, row in _grouped(
            DossierFact, group, _open_aggregates(at), where, day="received_day"
        ):
            _put_open(out[key], row)
    return dict(out)


def whole_months(period: Period) -> bool:
    """The period starts on a month's first day and ends on a month's last (a month, a
    quarter, a year: every scorecard period)."""
    return period.start.day == 1 and (period.end + dt.timedelta(days=1)).day == 1


def segmented(model, keys: tuple[str, ...], sums: dict[str, str], where: Sql, periods) -> tuple:
    """(subquery, spans): `model`'s rows summed per `keys`, basis and stretch of days between
    the periods' bounds (`seg`, numbered from 0), each of `sums` (name → SQL summed) under
    its name; and per period the first and last stretch it covers. Summing the few rows of
    the subquery per period (`FILTER (WHERE seg BETWEEN …)`) costs much less than testing
    every period's dates on every row of the table."""
    one = dt.timedelta(days=1)
    bounds = sorted({p.start for p in periods} | {p.end + one for p in periods})
    case = " ".join(f"WHEN {_q('day')} < %s THEN {i}" for i in range(len(bounds)))
    columns = ", ".join(_q(k) for k in (*keys, "basis"))
    totals = ", ".join(f"SUM({expression}) AS {_q(name)}" for name, expression in sums.items())
    sql = (
        f"SELECT {columns}, CASE {case} ELSE {len(bounds)} END AS seg, {totals} "  # noqa: S608
        f"FROM {_q(model._meta.db_table)}"
    )
    if where[0]:
        sql += f" WHERE {where[0]}"
    sql += f" GROUP BY {columns}, seg"
    spans = [(bounds.index(p.start) + 1, bounds.index(p.end + one)) for p in periods]
    return (sql, [*bounds, *where[1]]), spans


def in_stretches(basis: str, first: int, last: int) -> Sql:
    """Rows of `segmented` of one basis within stretches `first`..`last` (constants written
    in: a sum per counter and period, each with its parameters, made the statement long to
    send)."""
    return (
        f"{_q('basis')} = '{Basis(basis).value}' AND seg >= {int(first)} AND seg <= {int(last)}",
        [],
    )


def resolved_by_pair(
    *, unit_ids: set[int] | None, periods: list[Period], at: dt.datetime
) -> list[dict[tuple, Figures]]:
    """`raw_figures(group="unit", basis="resolved")` of each of `periods` (whole months
    only), in three queries however many periods: one read of `UnitMonthlyRollup` from the
    beginning to the last period's end (summed per unit pair, basis and stretch between the
    periods' bounds, then per period: its intake and finish counters, and the received and
    finished up to its end for the dossiers open then), and two of the facts for the overdue
    among those (as `_open_at_end`)."""
    if not all(whole_months(p) for p in periods):
        raise ValueError("whole months only")
    pair = _GROUP_FIELDS["unit"]
    sums = {n: _q(n) for n in (*INTAKE_COUNTERS, *FINISH_COUNTERS)}
    for name, channel in CHANNELS:
        sums[name] = f"CASE WHEN {_q('channel')} = {int(channel)} THEN {_q('received')} END"
    sums["finished"] = f"{_q('resolved')} + {_q('withdrawn')} + {_q('stopped')}"
    last = max(p.end for p in periods)
    where = _and(_units_sql(unit_ids), _days_sql(((EPOCH, last),)))
    rows, spans = segmented(UnitMonthlyRollup, pair, sums, where, periods)
    aggregates: dict[str, Sql] = {}
    for i, (low, high) in enumerate(spans):
        intake = in_stretches(Basis.RECEIVED, low, high)
        finish = in_stretches(Basis.RESOLVED, low, high)
        for n in (*INTAKE_COUNTERS, *(name for name, _c in CHANNELS)):
            aggregates[f"p{i}_{n}"] = _sum(_q(n), intake)
        aggregates.update({f"p{i}_{n}": _sum(_q(n), finish) for n in FINISH_COUNTERS})
        aggregates[f"p{i}_in"] = _sum(_q("received"), in_stretches(Basis.RECEIVED, 0, high))
        aggregates[f"p{i}_out"] = _sum(_q("finished"), in_stretches(Basis.RESOLVED, 0, high))
    out: list[dict[tuple, Figures]] = [defaultdict(Figures) for _p in periods]
    open_all: list[dict[tuple, int]] = [defaultdict(int) for _p in periods]
    overdue: list[dict[tuple, int]] = [defaultdict(int) for _p in periods]
    names = (*INTAKE_COUNTERS, *(n for n, _c in CHANNELS), *FINISH_COUNTERS)
    for row in _select(UnitMonthlyRollup, pair, aggregates, ("", []), rows):
        key = tuple(row[f] for f in pair)
        for i in range(len(periods)):
            _add(out[i][key], row, names, prefix=f"p{i}_")
            open_all[i][key] += (row[f"p{i}_in"] or 0) - (row[f"p{i}_out"] or 0)
    unfinished = {}
    for i, p in enumerate(periods):
        end = _overdue_sql(min(p.end_instant, at))
        taken = f"{_q('received_day')} <= %s"
        unfinished[f"p{i}"] = (f"COUNT(*) FILTER (WHERE {taken} AND {end[0]})", [p.end, *end[1]])
    where = _and(_units_sql(unit_ids), _taken(last), (UNFINISHED, []))
    for row in _select(DossierFact, pair, unfinished, where):
        key = tuple(row[f] for f in pair)
        for i in range(len(periods)):
            overdue[i][key] += row[f"p{i}"]
    ends = [(p.end, min(p.end_instant, at)) for p in periods]
    for i, counts in enumerate(_late_overdue(unit_ids, ends, pair)):
        for key, count in counts.items():
            overdue[i][key] += count
    for i in range(len(periods)):
        for key in open_all[i].keys() | overdue[i].keys():
            _put_open(out[i][key], {"open_all": open_all[i][key], "open_overdue": overdue[i][key]})
    return [dict(figures) for figures in out]


def _month_periods(period: Period) -> list[tuple[tuple, Period]]:
    out = []
    year, month = period.start.year, period.start.month
    while dt.date(year, month, 1) <= period.end:
        whole = month_period(year, month)
        sub = Period(max(whole.start, period.start), min(whole.end, period.end))
        out.append(((dt.date(year, month, 1),), sub))
        year, month = year + (month == 12), month % 12 + 1
    return out


def figures(*, unit_ids: set[int] | None, period: Period, basis: str, at: dt.datetime) -> Figures:
    """The figures of the union of `unit_ids` (None: everything) for one period."""
    return raw_figures(unit_ids=unit_ids, period=period, basis=basis, at=at, group=None).get(
        (), Figures()
    )


# --- tables ---------------------------------------------------------------------------------


def _versions(by_version: dict[tuple, Figures]) -> list[dict]:
    """Every version of the procedures with a version in `by_version`, with its procedure's
    code and its field's; each procedure's latest version first. The whole catalogue is read
    (one query without parameters: a list of every version id would cost more to send)."""
    if not by_version:
        return []
    version = _q(ProcedureVersion._meta.db_table)
    procedure = _q(ProcedureVersion._meta.get_field("procedure").related_model._meta.db_table)
    field = _q(ProcedureVersion._meta.get_field("field").related_model._meta.db_table)
    sql = (
        "SELECT v.id, v.procedure_id, p.code, v.field_id, f.code, f.name, v.name "  # noqa: S608
        f"FROM {version} v JOIN {procedure} p ON p.id = v.procedure_id "
        f"JOIN {field} f ON f.id = v.field_id ORDER BY v.procedure_id, v.effective_from DESC"
    )
    rows = run_sql(ProcedureVersion, sql, [])
    seen = {row[1] for row in rows if (row[0],) in by_version}
    names = ("pk", "procedure_id", "procedure__code", "field_id", "field__code", "field__name")
    return [dict(zip((*names, "name"), row, strict=True)) for row in rows if row[1] in seen]


def _fold(by_version: dict[tuple, Figures], versions: list[dict]) -> dict[str, tuple]:
    """{"field" | "procedure": (figures per (id,), {id: (code, name)})}: the figures by
    version summed per field and per procedure of the version; a procedure's name is its
    latest version's."""
    owner = {v["pk"]: v for v in versions}
    labels: dict[str, dict[int, tuple[str, str]]] = {"field": {}, "procedure": {}}
    for v in versions:  # the latest version of each procedure comes first
        labels["procedure"].setdefault(v["procedure_id"], (v["procedure__code"], v["name"]))
    out: dict[str, tuple] = {}
    for group, column in (("field", "field_id"), ("procedure", "procedure_id")):
        folded: dict[tuple, Figures] = defaultdict(Figures)
        for (version,), values in by_version.items():
            info = owner.get(version)
            key = info[column] if info else None
            if info and group == "field":
                labels["field"][key] = (info["field__code"], info["field__name"])
            folded[(key,)].add(values)
        out[group] = (dict(folded), labels[group])
    return out


def grouped_figures(
    *,
    unit_ids: set[int] | None,
    period: Period,
    basis: str,
    at: dt.datetime,
    group: str,
    root: Unit | None = None,
) -> list[tuple[str, str, Figures]]:
    """(key, label, figures) per group, in display order."""
    if group in ("field", "procedure"):
        return catalogue_tables(unit_ids=unit_ids, period=period, basis=basis, at=at)[group]
    raw = raw_figures(unit_ids=unit_ids, period=period, basis=basis, at=at, group=group)
    if group == "month":
        months = [key for key, _sub in _month_periods(period)]
        return [(f"{m[0]:%Y-%m}", f"{m[0]:%m/%Y}", raw.get(m, Figures())) for m in months]
    return _by_unit(raw, period=period, root=root, unit_ids=unit_ids)


def catalogue_tables(
    *, unit_ids: set[int] | None, period: Period, basis: str, at: dt.datetime
) -> dict[str, list[tuple[str, str, Figures]]]:
    """The tables by field and by procedure, from one read of the figures by version."""
    by_version = _raw_figures(unit_ids=unit_ids, period=period, basis=basis, at=at, group="version")
    folded = _fold(by_version, _versions(by_version))
    out = {}
    for group in ("field", "procedure"):
        raw, names = folded[group]
        rows = [(names[key[0]][0], names[key[0]][1], raw[key]) for key in raw if key[0] in names]
        out[group] = sorted(rows, key=lambda r: r[0])
    return out


def trend_period(period: Period) -> Period:
    """The twelve months ending with the period's last month (or the period, if longer)."""
    end = month_period(period.end.year, period.end.month)
    year, month = period.end.year, period.end.month - 11
    while month < 1:
        year, month = year - 1, month + 12
    start = min(period.start.replace(day=1), dt.date(year, month, 1))
    return Period(start, end.end)


@dataclass
class Dashboard:
    """What the leaders' dashboard shows: the cards' figures, the 12-month trend, and the
    tables by unit, field and procedure (each a list of (key, label, figures))."""

    total: Figures
    months: list[tuple[str, str, Figures]]
    tables: dict[str, list[tuple[str, str, Figures]]]


def dashboard(
    *,
    unit_ids: set[int] | None,
    period: Period,
    basis: str,
    at: dt.datetime,
    root: Unit | None = None,
) -> Dashboard:
    """The dashboard's figures. The total is the sum of the unit pairs' figures (a dossier
    counts in exactly one pair), so the cards cost no query of their own."""
    pairs = raw_figures(unit_ids=unit_ids, period=period, basis=basis, at=at, group="unit")
    total = Figures()
    for values in pairs.values():
        total.add(values)
    months = grouped_figures(
        unit_ids=unit_ids, period=trend_period(period), basis=basis, at=at, group="month"
    )
    tables = {"unit": _by_unit(pairs, period=period, root=root, unit_ids=unit_ids)}
    tables.update(catalogue_tables(unit_ids=unit_ids, period=period, basis=basis, at=at))
    return Dashboard(total, months, tables)


def _existing(unit: dict, period: Period) -> bool:
    return (unit["valid_from"] is None or unit["valid_from"] <= period.end) and (
        unit["valid_to"] is None or unit["valid_to"] >= period.start
    )


def child_units(root: Unit | None, unit_ids: set[int] | None, period: Period, units=None):
    """The units a `group_by=unit` answer lists (dicts of pk, code, name): the root's
    children in existence during the period (or the root itself when it has none); without
    a root, the top units in scope. `units`: every unit's row (`_unit_rows`), if read."""
    units = _unit_rows() if units is None else units
    existing = [u for u in units if _existing(u, period)]
    if root is not None:
        children = [u for u in existing if u["parent_id"] == root.pk]
        return children or [{"pk": root.pk, "code": root.code, "name": root.name}]
    if unit_ids is None:
        return [u for u in existing if u["parent_id"] is None]
    return [u for u in existing if u["pk"] in unit_ids and u["parent_id"] not in unit_ids]


def _unit_rows() -> list[dict]:
    """Every unit, in display order, with what the table by unit reads (one query)."""
    sql = (
        "SELECT id, parent_id, code, name, valid_from, valid_to "  # noqa: S608
        f"FROM {_q(Unit._meta.db_table)} ORDER BY sort_name, id"
    )
    return [
        {
            "pk": pk,
            "parent_id": parent,
            "code": code,
            "name": name,
            "valid_from": None if since is None else _as_date(since),
            "valid_to": None if until is None else _as_date(until),
        }
        for pk, parent, code, name, since, until in run_sql(Unit, sql, [])
    ]


def _by_unit(raw, *, period, root, unit_ids) -> list[tuple[str, str, Figures]]:
    units = _unit_rows()
    children: dict[int | None, list[int]] = {}
    for unit in units:
        children.setdefault(unit["parent_id"], []).append(unit["pk"])
    out = []
    for unit in child_units(root, unit_ids, period, units):
        members = descendants({unit["pk"]}, children)
        total = Figures()
        for (receiving, competent), values in raw.items():
            if receiving in members or competent in members:
                total.add(values)
        out.append((unit["code"], unit["name"], total))
    return out
