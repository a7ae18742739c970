"""Recompute every fact from the dossiers, and every rollup row from the facts.

`rebuild_facts` reads dossiers in primary-key batches (a constant number of queries per
batch); `rebuild_rollups` replaces the rollup table by three GROUP BY queries over the
facts. Both run in one transaction each, so readers see the old or the new figures.
"""

from collections.abc import Callable

from django.db import transaction
from django.db.models import Count, Q, Sum

from motcua.dossiers.models import Dossier
from motcua.workcalendar.selectors import calendar_for

from .facts import build_fact
from .models import COUNTERS, Basis, DailyRollup, DossierFact, FinalState
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
        "processing_minutes": Sum("processing_minutes", filter=resolved),
        "committed_minutes": Sum("committed_minutes", filter=resolved),
        "statutory_minutes": Sum("statutory_minutes", filter=resolved),
        "rated": _count(rated),
        "satisfied": _count(rated & Q(score__gte=4)),
        "disliked": _count(rated & Q(score__lte=2)),
        "score_sum": Sum("score", filter=rated),
    }


def _received_aggregates() -> dict:
    finish = _finish_aggregates(Q(finish_day__isnull=False))
    return {
        "received": Count("pk"),
        "supplements": Sum("supplements"),
        "apologies": Sum("apologies"),
        "fee_bearing": _count(Q(fee_bearing=True)),
        "paid_online": _count(Q(paid_online=True)),
        "digitised": _count(Q(digitised=True)),
        "reused": _count(Q(reused=True)),
        **finish,
    }


def rollup_rows() -> dict[tuple, dict[str, int]]:
    """The rollup table as it should be: key → counters, from three GROUP BY queries."""
    rows: dict[tuple, dict[str, int]] = {}

    def merge(basis: str, day_field: str, qs, aggregates: dict) -> None:
        for row in qs.values(day_field, *KEY).order_by().annotate(**aggregates):
            key = (basis, row[day_field], *(row[k] for k in KEY))
            target = rows.setdefault(key, dict.fromkeys(COUNTERS, 0))
            for name in aggregates:
                target[name] += row[name] or 0

    facts = DossierFact.objects.all()
    received = facts.filter(received_day__isnull=False).exclude(final_state=FinalState.REFUSED)
    merge(Basis.RECEIVED, "received_day", received, _received_aggregates())
    refused = facts.filter(final_state=FinalState.REFUSED, refused_day__isnull=False)
    merge(Basis.RECEIVED, "refused_day", refused, {"refused": Count("pk")})
    finished = received.filter(
        finish_day__isnull=False,
        final_state__in=[FinalState.RESOLVED, FinalState.WITHDRAWN, FinalState.STOPPED],
    )
    merge(Basis.RESOLVED, "finish_day", finished, _finish_aggregates())
    return rows


def rebuild_rollups(*, batch: int = 5000) -> int:
    """Replace the rollup table by the sums of the facts. Returns the number of rows."""
    with transaction.atomic():
        rows = rollup_rows()
        DailyRollup.objects.all().delete()
        objects = [
            DailyRollup(
                basis=basis,
                day=day,
                receiving_unit_id=receiving,
                competent_unit_id=competent,
                version_id=version,
                channel=channel,
                **values,
            )
            for (basis, day, receiving, competent, version, channel), values in rows.items()
        ]
        DailyRollup.objects.bulk_create(objects, batch_size=batch)
    return len(objects)
