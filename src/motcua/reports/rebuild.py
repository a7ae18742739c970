"""Recompute every fact from the dossiers, and every rollup row from the facts.

`rebuild_facts` reads dossiers in primary-key batches (a constant number of queries per
batch); `rebuild_rollups` replaces the daily rollup by two GROUP BY queries over the facts,
then the monthly, unit and version rollups by GROUP BY queries over the daily and monthly
ones. Both run in one transaction each, so readers see the old or the new figures.
"""

from collections.abc import Callable

from django.db import connection, transaction
from django.db.models import Count, F, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth

from motcua.dossiers.models import Dossier
from motcua.workcalendar.selectors import calendar_for

from .facts import build_fact
from .models import (
    CHANNEL_COUNTERS,
    COUNTERS,
    Basis,
    DailyRollup,
    DossierFact,
    FinalState,
    MonthlyRollup,
    UnitDailyRollup,
    UnitMonthlyRollup,
    VersionMonthlyRollup,
)
from .recount import annotated

KEY = ("receiving_unit_id", "competent_unit_id", "version_id", "channel")
Progress = Callable[[int], None] | None


def rebuild_facts(*, batch: int = 5000, progress: Progress = None) -> int:
    """Facts for every dossier, from its columns, events and parts. Returns their number."""
    calendars: dict = {}
    done = 0
    with transaction.atomic():
        DossierFact.objects.all().delete()
        last = 0
        while True:
            rows = list(annotated(Dossier.objects.filter(pk__gt=last)).order_by("pk")[:batch])
            if not rows:
                break
            facts = []
            for d in rows:
                if d.receiving_unit_id not in calendars:
                    calendars[d.receiving_unit_id] = calendar_for(d.receiving_unit)
                facts.append(
                    build_fact(
                        d,
                        refused_at=d.refused_at,
                        supplements=d.supplement_count_raw or 0,
                        digitised=d.has_digitised,
                        reused=d.has_reused,
                        score=d.rating_score or 0,
                        calendar=calendars[d.receiving_unit_id],
                    )
                )
            DossierFact.objects.bulk_create(facts, batch_size=batch)
            last = rows[-1].pk
            done += len(rows)
            if progress:
                progress(len(rows))
    return done


def _count(condition: Q) -> Count:
    return Count("pk", filter=condition)


def _sum(name: str, condition: Q | None = None) -> Coalesce:
    return Coalesce(Sum(name, filter=condition), 0)


def _finish_aggregates(scope: Q | None = None) -> dict:
    scope = scope or Q()
    resolved = scope & Q(final_state=FinalState.RESOLVED)
    rated = resolved & Q(score__gt=0)
    return {
        "resolved": _count(resolved),
        "early": _count(resolved & Q(outcome="early")),
        "on_time": _count(resolved & Q(outcome="on_time")),
        "late": _count(resolved & Q(outcome="late")),
        "withdrawn": _count(scope & Q(final_state=FinalState.WITHDRAWN)),
        "stopped": _count(scope & Q(final_state=FinalState.STOPPED)),
        "e_result": _count(resolved & Q(e_result=True)),
        "processing_minutes": _sum("processing_minutes", resolved),
        "committed_minutes": _sum("committed_minutes", resolved),
        "statutory_minutes": _sum("statutory_minutes", resolved),
        "rated": _count(rated),
        "satisfied": _count(rated & Q(score__gte=4)),
        "disliked": _count(rated & Q(score__lte=2)),
        "score_sum": _sum("score", rated),
    }


def _received_aggregates() -> dict:
    taken = ~Q(final_state=FinalState.REFUSED)
    return {
        "received": _count(taken),
        "refused": _count(Q(final_state=FinalState.REFUSED)),
        "supplements": _sum("supplements", taken),
        "apologies": _sum("apologies", taken),
        "fee_bearing": _count(taken & Q(fee_bearing=True)),
        "paid_online": _count(taken & Q(paid_online=True)),
        "digitised": _count(taken & Q(digitised=True)),
        "reused": _count(taken & Q(reused=True)),
        **_finish_aggregates(taken & Q(finish_day__isnull=False)),
    }


def _queries():
    """(basis, aggregated queryset with columns day, KEY…, counters…) for each basis."""
    facts = DossierFact.objects.all()
    received = facts.filter(
        Q(received_day__isnull=False) | Q(final_state=FinalState.REFUSED, refused_day__isnull=False)
    ).annotate(g_day=Coalesce("received_day", "refused_day"))
    finished = facts.filter(
        received_day__isnull=False,
        finish_day__isnull=False,
        final_state__in=[FinalState.RESOLVED, FinalState.WITHDRAWN, FinalState.STOPPED],
    ).annotate(g_day=F("finish_day"))
    for basis, qs, aggregates in (
        (Basis.RECEIVED, received, _received_aggregates()),
        (Basis.RESOLVED, finished, _finish_aggregates()),
    ):
        zeros = {c: Value(0) for c in COUNTERS if c not in aggregates}
        grouped = qs.values("g_day", *KEY).order_by().annotate(**aggregates)
        yield basis, grouped.annotate(**{f"z_{c}": v for c, v in zeros.items()}), aggregates


def rollup_rows() -> dict[tuple, dict[str, int]]:
    """The rollup table as it should be: key → counters, from two GROUP BY queries."""
    rows: dict[tuple, dict[str, int]] = {}
    for basis, qs, _aggregates in _queries():
        for row in qs:
            key = (basis, row["g_day"], *(row[k] for k in KEY))
            rows[key] = {c: row.get(c) or 0 for c in COUNTERS}
    return rows


def rebuild_rollups() -> int:
    """Replace the rollup table by the sums of the facts, with INSERT … SELECT … GROUP BY
    (no row passes through Python). Returns the number of rows."""
    table = connection.ops.quote_name(DailyRollup._meta.db_table)
    columns = ["basis", "day", *KEY, *COUNTERS]
    with transaction.atomic():
        DailyRollup.objects.all().delete()
        for basis, qs, aggregates in _queries():
            names = [
                "g_basis", "g_day", *KEY,
                *(c if c in aggregates else f"z_{c}" for c in COUNTERS),
            ]  # fmt: skip
            select = qs.annotate(g_basis=Value(str(basis))).values_list(*names)
            sql, params = select.query.sql_with_params()
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            with connection.cursor() as cursor:
                cursor.execute(f"INSERT INTO {table} ({quoted}) {sql}", params)
        rebuild_months()
    return DailyRollup.objects.count()


def _replace_by_sum(target, source, key: tuple[str, ...], month: bool, extra=None) -> None:
    """Replace `target` by `source`'s rows summed per `key` (per month when `month`);
    `extra`: more columns of `target`, each summed by its aggregate."""
    table = connection.ops.quote_name(target._meta.db_table)
    extra = extra or {}
    columns = ["basis", "day", *key, *COUNTERS, *extra]
    qs = source.objects.annotate(g_day=TruncMonth("day") if month else F("day"))
    sums = {**{f"s_{c}": Sum(c) for c in COUNTERS}, **{f"s_{c}": a for c, a in extra.items()}}
    select = (
        qs.values("basis", "g_day", *key)
        .order_by()
        .annotate(**sums)
        .values_list("basis", "g_day", *key, *sums)
    )
    sql, params = select.query.sql_with_params()
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    target.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({quoted}) {sql}", params)


def rebuild_months() -> int:
    """Replace the monthly, unit and version rollups by the daily rows summed (INSERT …
    SELECT): monthly per month, unit-daily without the version, unit-monthly from the
    unit-daily, version-monthly from the monthly without the units and the channel."""
    unit_key = ("receiving_unit_id", "competent_unit_id", "channel")
    with transaction.atomic():
        _replace_by_sum(MonthlyRollup, DailyRollup, KEY, month=True)
        _replace_by_sum(UnitDailyRollup, DailyRollup, unit_key, month=False)
        _replace_by_sum(UnitMonthlyRollup, UnitDailyRollup, unit_key, month=True)
        by_channel = {
            name: Coalesce(Sum("received", filter=Q(channel=channel)), 0)
            for channel, name in CHANNEL_COUNTERS.items()
        }
        _replace_by_sum(VersionMonthlyRollup, MonthlyRollup, ("version_id",), False, by_channel)
    return MonthlyRollup.objects.count()
