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
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection, connections
from django.db.models import BooleanField, Count, F, Q, Sum
from django.db.models.expressions import RawSQL
from django.db.models.functions import TruncMonth

from motcua.catalog.models import Field, ProcedureVersion
from motcua.dossiers.models import Channel
from motcua.organization.models import Unit

from .definitions import FINISH_COUNTERS, INTAKE_COUNTERS, Figures, Period, month_period
from .models import (
    Basis,
    DailyRollup,
    DossierFact,
    FinalState,
    MonthlyRollup,
    UnitDailyRollup,
    UnitMonthlyRollup,
    VersionMonthlyRollup,
)
from .recount import unit_filter
from .scope import children_map, descendants

GROUPINGS = ("unit", "field", "procedure", "month")
_GROUP_FIELDS = {
    None: (),
    "unit": ("receiving_unit_id", "competent_unit_id"),
    "version": ("version_id",),
}


def rollup_sources(where: Q, period: Period, *, coarse: bool = False, whole: bool = False) -> list:
    """Querysets whose rows sum to the period: the whole calendar months inside it from
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
        return [days.objects.filter(where, day__gte=period.start, day__lte=period.end)]
    daily = days.objects.filter(where).filter(
        Q(day__gte=period.start, day__lt=first) | Q(day__gt=last, day__lte=period.end)
    )
    monthly = months.objects.filter(where, day__gte=first, day__lte=last)
    if period.start == first and period.end == last:
        return [monthly]
    return [monthly, daily]


def _sums(names) -> dict:
    return {f"s_{name}": Sum(name) for name in names}


def _channel_sums() -> dict:
    return {
        "s_received_direct": Sum("received", filter=Q(channel=Channel.DIRECT)),
        "s_received_online": Sum("received", filter=Q(channel=Channel.ONLINE)),
        "s_received_postal": Sum("received", filter=Q(channel=Channel.POSTAL)),
    }


def value_rows(qs, fields: tuple[str, ...], aggregates: dict) -> list[dict]:
    """`qs.values(*fields).annotate(**aggregates)` as dicts, read by a plain cursor: the
    rows as the driver gives them, without the ORM's converter call per value (a sum over a
    bigint column can be a `Decimal` on PostgreSQL: `_add` makes every sum an int)."""
    names = (*fields, *aggregates)
    grouped = qs.values(*fields).order_by().annotate(**aggregates).values_list(*names)
    sql, params = grouped.query.sql_with_params()
    with connections[grouped.db].cursor() as cursor:
        cursor.execute(sql, params)
        return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def _as_date(value) -> dt.date:
    """A month key as the driver returns it (a date, a datetime, or text on SQLite)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _grouped(qs, group: str | None, aggregates: dict, month_field: str = "day"):
    """Rows of (group key, values); group keys are tuples."""
    if group == "month":
        rows = value_rows(qs.annotate(g_month=TruncMonth(month_field)), ("g_month",), aggregates)
        return [((_as_date(row["g_month"]),), row) for row in rows]
    fields = _GROUP_FIELDS[group]
    if not fields:
        return [((), qs.aggregate(**aggregates))]
    return [(tuple(row[f] for f in fields), row) for row in value_rows(qs, fields, aggregates)]


def _overdue(at: dt.datetime) -> Q:
    """An open fact overdue at `at` (§6.6; a paused one judged at the pause's start)."""
    paused = Q(paused_since__isnull=False, paused_since__lte=at)
    return (paused & Q(paused_since__gt=F("due_at"))) | (~paused & Q(due_at__lt=at))


def _open_aggregates(at: dt.datetime) -> dict:
    return {"open_all": Count("pk"), "open_overdue": Count("pk", filter=_overdue(at))}


def _add(target: Figures, values: dict, names, prefix: str = "s_") -> None:
    counters = target.__dict__
    for name in names:
        value = values[prefix + name]
        if value:
            counters[name] += int(value)


def raw_figures(
    *, unit_ids: set[int] | None, period: Period, basis: str, at: dt.datetime, group: str | None
) -> dict[tuple, Figures]:
    """Figures per raw group key (a (receiving, competent) pair for units, an id, a month).
    By field or procedure: grouped by procedure version (no join), then folded here."""
    if group not in ("field", "procedure"):
        return _raw_figures(unit_ids=unit_ids, period=period, basis=basis, at=at, group=group)
    by_version = _raw_figures(unit_ids=unit_ids, period=period, basis=basis, at=at, group="version")
    return _fold(by_version, _versions(by_version))[group][0]


def _versions(by_version: dict[tuple, Figures]) -> list[dict]:
    """Every version of the procedures with a version in `by_version` (one query), with its
    procedure's code and its field; each procedure's latest version first."""
    procedures = ProcedureVersion.objects.filter(pk__in=[key[0] for key in by_version]).values(
        "procedure_id"
    )
    return list(
        ProcedureVersion.objects.filter(procedure_id__in=procedures)
        .order_by("procedure_id", "-effective_from")
        .values("pk", "procedure_id", "procedure__code", "field_id", "name")
    )


def _fold(by_version: dict[tuple, Figures], versions: list[dict]) -> dict[str, tuple]:
    """{"field" | "procedure": (figures per (id,), {procedure id: (code, name)})}: the
    figures by version summed per field and per procedure of the version."""
    owner = {v["pk"]: v for v in versions}
    labels: dict[int, tuple[str, str]] = {}
    for v in versions:  # the latest version of each procedure comes first
        labels.setdefault(v["procedure_id"], (v["procedure__code"], v["name"]))
    out: dict[str, tuple] = {}
    for group, column in (("field", "field_id"), ("procedure", "procedure_id")):
        folded: dict[tuple, Figures] = defaultdict(Figures)
        for (version,), values in by_version.items():
            info = owner.get(version)
            folded[(info[column] if info else None,)].add(values)
        out[group] = (dict(folded), labels)
    return out


def _raw_figures(
    *, unit_ids: set[int] | None, period: Period, basis: str, at: dt.datetime, group: str | None
) -> dict[tuple, Figures]:
    where = unit_filter(unit_ids)
    sources = rollup_sources(
        where, period, coarse=group != "version", whole=unit_ids is None and group == "version"
    )
    out: dict[tuple, Figures] = defaultdict(Figures)
    intake_names = (
        INTAKE_COUNTERS if basis == Basis.RESOLVED else (*INTAKE_COUNTERS, *FINISH_COUNTERS)
    )
    aggregates = {**_sums(intake_names), **_channel_sums()}
    channels = ("received_direct", "received_online", "received_postal")
    for rollups in sources:
        for key, row in _grouped(rollups.filter(basis=Basis.RECEIVED), group, aggregates):
            _add(out[key], row, (*intake_names, *channels))
    facts = DossierFact.objects.filter(where)
    if basis == Basis.RESOLVED:
        for rollups in sources:
            finished = rollups.filter(basis=Basis.RESOLVED)
            for key, row in _grouped(finished, group, _sums(FINISH_COUNTERS)):
                _add(out[key], row, FINISH_COUNTERS)
        months = _month_periods(period) if group == "month" else [(None, period)]
        by = None if group == "month" else group
        for month_key, sub in months:
            end = min(sub.end_instant, at)
            if by in (None, "unit"):
                rows = _open_at_end(where, facts, sub.end, end, by)
            else:
                rows = _grouped(open_on(facts, sub.end), by, _open_aggregates(end))
            for key, row in rows:
                _put_open(out[month_key if group == "month" else key], row)
    else:
        open_now = facts.filter(
            received_day__gte=period.start,
            received_day__lte=period.end,
            finish_day__isnull=True,
        )
        for key, row in _grouped(open_now, group, _open_aggregates(at), month_field="received_day"):
            _put_open(out[key], row)
    return dict(out)


EPOCH = dt.date(1900, 1, 1)
# Facts that can be finished after a day yet overdue at its end: finished late (a resolved
# dossier finished after its due), withdrawn or stopped (no outcome class), or paused. Every
# other finished fact open at a day's end was in time then. The partial index `fact_late`
# holds just these.
LATE_CANDIDATES = (
    Q(outcome="late")
    | Q(final_state=FinalState.WITHDRAWN)
    | Q(final_state=FinalState.STOPPED)
    | Q(paused_since__isnull=False)
)  # the same terms as the index's condition (an IN list would not read back the same)


def _open_at_end(where: Q, facts, day: dt.date, end: dt.datetime, group: str | None):
    """(key, {open_all, open_overdue}) of the dossiers open at the end of `day`, judged at
    `end`, without reading every fact finished after `day`: open = received up to `day` −
    finished up to `day` (both summed from the unit rollups since the beginning, a few rows
    per unit pair and month); overdue = the overdue among the facts still unfinished
    (`fact_open`) and among the few finished after `day` that can have been overdue
    (`LATE_CANDIDATES`, `fact_late`)."""
    totals: dict[tuple, dict[str, int]] = defaultdict(lambda: {"open_all": 0, "open_overdue": 0})
    sums = {
        "s_in": Sum("received", filter=Q(basis=Basis.RECEIVED)),
        "s_out": Sum(F("resolved") + F("withdrawn") + F("stopped"), filter=Q(basis=Basis.RESOLVED)),
    }
    for rollups in rollup_sources(where, Period(EPOCH, day), coarse=True):
        for key, row in _grouped(rollups, group, sums):
            totals[key]["open_all"] += (row["s_in"] or 0) - (row["s_out"] or 0)
    overdue = {"open_overdue": _open_aggregates(end)["open_overdue"]}
    received = facts.filter(received_day__isnull=False, received_day__lte=day).exclude(
        final_state=FinalState.REFUSED
    )
    for qs in (
        received.filter(finish_day__isnull=True),
        received.filter(LATE_CANDIDATES, finish_day__gt=day),
    ):
        for key, row in _grouped(qs, group, overdue):
            totals[key]["open_overdue"] += row["open_overdue"] or 0
    return list(totals.items())


def whole_months(period: Period) -> bool:
    """The period starts on a month's first day and ends on a month's last (a month, a
    quarter, a year: every scorecard period)."""
    return period.start.day == 1 and (period.end + dt.timedelta(days=1)).day == 1


CHANNELS = (
    ("received_direct", Channel.DIRECT),
    ("received_online", Channel.ONLINE),
    ("received_postal", Channel.POSTAL),
)


def resolved_by_pair(
    *, unit_ids: set[int] | None, periods: list[Period], at: dt.datetime
) -> list[dict[tuple, Figures]]:
    """`raw_figures(group="unit", basis="resolved")` of each of `periods` (whole months
    only), in three queries however many periods: one read of `UnitMonthlyRollup` from the
    beginning to the last period's end, each period's sums taken by `FILTER` (the period's
    intake and finish counters, and the received and finished up to its end for the dossiers
    open then), and two of the facts for the overdue among those (as `_open_at_end`)."""
    if not all(whole_months(p) for p in periods):
        raise ValueError("whole months only")
    where = unit_filter(unit_ids)
    pair = _GROUP_FIELDS["unit"]
    aggregates: dict = {}
    for i, p in enumerate(periods):
        intake = Q(basis=Basis.RECEIVED, day__gte=p.start, day__lte=p.end)
        finish = Q(basis=Basis.RESOLVED, day__gte=p.start, day__lte=p.end)
        aggregates.update({f"p{i}_{n}": Sum(n, filter=intake) for n in INTAKE_COUNTERS})
        aggregates.update(
            {f"p{i}_{n}": Sum("received", filter=intake & Q(channel=c)) for n, c in CHANNELS}
        )
        aggregates.update({f"p{i}_{n}": Sum(n, filter=finish) for n in FINISH_COUNTERS})
        aggregates[f"p{i}_in"] = Sum("received", filter=Q(basis=Basis.RECEIVED, day__lte=p.end))
        aggregates[f"p{i}_out"] = Sum(
            F("resolved") + F("withdrawn") + F("stopped"),
            filter=Q(basis=Basis.RESOLVED, day__lte=p.end),
        )
    last = max(p.end for p in periods)
    first = min(p.end for p in periods)
    rows = value_rows(
        UnitMonthlyRollup.objects.filter(where, day__gte=EPOCH, day__lte=last), pair, aggregates
    )
    out: list[dict[tuple, Figures]] = [defaultdict(Figures) for _p in periods]
    open_all: list[dict[tuple, int]] = [defaultdict(int) for _p in periods]
    overdue: list[dict[tuple, int]] = [defaultdict(int) for _p in periods]
    names = (*INTAKE_COUNTERS, *(n for n, _c in CHANNELS), *FINISH_COUNTERS)
    for row in rows:
        key = tuple(row[f] for f in pair)
        for i in range(len(periods)):
            _add(out[i][key], row, names, prefix=f"p{i}_")
            open_all[i][key] += (row[f"p{i}_in"] or 0) - (row[f"p{i}_out"] or 0)
    received = (
        DossierFact.objects.filter(where)
        .filter(received_day__isnull=False, received_day__lte=last)
        .exclude(final_state=FinalState.REFUSED)
    )
    unfinished = {
        f"p{i}": Count("pk", filter=Q(received_day__lte=p.end) & _overdue(min(p.end_instant, at)))
        for i, p in enumerate(periods)
    }
    late = {
        f"p{i}": Count(
            "pk",
            filter=Q(received_day__lte=p.end, finish_day__gt=p.end)
            & _overdue(min(p.end_instant, at)),
        )
        for i, p in enumerate(periods)
    }
    for qs, counts in (
        (received.filter(finish_day__isnull=True), unfinished),
        (received.filter(LATE_CANDIDATES, finish_day__gt=first), late),
    ):
        for row in value_rows(qs, pair, counts):
            key = tuple(row[f] for f in pair)
            for i in range(len(periods)):
                overdue[i][key] += row[f"p{i}"]
    for i in range(len(periods)):
        for key in open_all[i].keys() | overdue[i].keys():
            _put_open(out[i][key], {"open_all": open_all[i][key], "open_overdue": overdue[i][key]})
    return [dict(figures) for figures in out]


# The span of days a dossier was open, [received day, finish day), as `fact_open_span` (a GiST
# index on PostgreSQL, migration 0005) indexes it; an upper bound before the lower one (never
# written by the engine) gives an empty span instead of an error.
OPEN_SPAN = (
    "daterange({t}.received_day, CASE WHEN {t}.finish_day < {t}.received_day "
    "THEN {t}.received_day ELSE {t}.finish_day END, '[)')"
)


def open_on(facts, day: dt.date):
    """The facts of dossiers open at the end of `day`: received on or before it, not finished
    by then. On PostgreSQL through the GiST index on the open span (a stabbing query that
    reads only those facts); elsewhere by the two dates."""
    facts = facts.filter(received_day__isnull=False).exclude(final_state=FinalState.REFUSED)
    if connection.vendor == "postgresql":
        span = OPEN_SPAN.format(t=connection.ops.quote_name(DossierFact._meta.db_table))
        # A constant expression; the date goes as a parameter.
        condition = RawSQL(f"{span} @> %s::date", [day], output_field=BooleanField())  # noqa: S611
        return facts.filter(condition)
    return facts.filter(received_day__lte=day).filter(
        Q(finish_day__isnull=True) | Q(finish_day__gt=day)
    )


def _put_open(target: Figures, row: dict) -> None:
    overdue = row.get("open_overdue") or 0
    target.open_overdue += overdue
    target.open_in_time += (row.get("open_all") or 0) - overdue


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
    field_ids = [key[0] for key in folded["field"][0] if key[0] is not None]
    field_names = {
        pk: (code, name)
        for pk, code, name in Field.objects.filter(pk__in=field_ids).values_list(
            "pk", "code", "name"
        )
    }
    out = {}
    for group, names in (("field", field_names), ("procedure", folded["procedure"][1])):
        raw = folded[group][0]
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


def child_units(root: Unit | None, unit_ids: set[int] | None, period: Period) -> list[Unit]:
    """The units a `group_by=unit` answer lists: the root's children in existence during the
    period (or the root itself when it has none); without a root, the top units in scope."""
    existing = Unit.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=period.end),
        Q(valid_to__isnull=True) | Q(valid_to__gte=period.start),
    )
    if root is not None:
        children = list(existing.filter(parent=root).order_by("sort_name"))
        return children or [root]
    qs = (
        existing.filter(parent__isnull=True)
        if unit_ids is None
        else existing.filter(pk__in=unit_ids).exclude(parent_id__in=unit_ids)
    )
    return list(qs.order_by("sort_name"))


def _by_unit(raw, *, period, root, unit_ids) -> list[tuple[str, str, Figures]]:
    out = []
    children = children_map()
    for unit in child_units(root, unit_ids, period):
        members = descendants({unit.pk}, children)
        total = Figures()
        for (receiving, competent), values in raw.items():
            if receiving in members or competent in members:
                total.add(values)
        out.append((unit.code, unit.name, total))
    return out
