"""Each dossier's statistical fact and its contribution to the daily rollups.

`refresh_fact` runs in the transaction of every dossier event (see `receivers`): it builds
the dossier's new fact, takes the difference of its contributions from the stored one's,
and adds that difference to the rollup rows (a dossier being filed: once, when it is
numbered, `file_fact`). Rollups therefore always equal the sum of the
facts, and a fact is a pure function of its dossier, so `rebuild` can recompute both.
"""

import datetime as dt
import threading
import time
from collections import defaultdict

from django.db import IntegrityError, connection, transaction
from django.db.models import F

from motcua.dossiers.codes import is_provisional
from motcua.dossiers.deadlines import local_date
from motcua.dossiers.models import Dossier, PaidOnline
from motcua.workcalendar.clock import working_minutes_between
from motcua.workcalendar.selectors import calendar_for

from .definitions import final_state_of, outcome_of, zone
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
from .ratings import score_of

Key = tuple[str, dt.date, int, int, int, int]  # basis, day, receiving, competent, version, channel
PARTS_ACTIONS = frozenset({"submit", "receive", "submit_supplement"})


def processing_minutes(dossier: Dossier, calendar=None) -> int:
    """Working minutes from clock start to finish, less the paused ones (resolved only)."""
    if dossier.finished_at is None or dossier.clock_start_at is None:
        return 0
    calendar = calendar or calendar_for(dossier.receiving_unit)
    used = working_minutes_between(dossier.clock_start_at, dossier.finished_at, calendar)
    return max(used - dossier.paused_minutes, 0)


def build_fact(
    dossier: Dossier,
    *,
    refused_at: dt.datetime | None,
    supplements: int,
    digitised: bool,
    reused: bool,
    score: int,
    calendar=None,
) -> DossierFact:
    """The fact of `dossier` as it stands (unsaved)."""
    final = final_state_of(dossier.status)
    resolved = final == FinalState.RESOLVED
    version = dossier.procedure_version
    return DossierFact(
        dossier_id=dossier.pk,
        receiving_unit_id=dossier.receiving_unit_id,
        competent_unit_id=dossier.competent_unit_id,
        version_id=dossier.procedure_version_id,
        channel=dossier.channel,
        received_day=local_date(dossier.received_at) if dossier.received_at else None,
        refused_day=local_date(refused_at) if final == FinalState.REFUSED and refused_at else None,
        finish_day=local_date(dossier.finished_at) if dossier.finished_at else None,
        final_state=final,
        outcome=outcome_of(dossier.finished_at, dossier.due_at) if resolved else "",
        due_at=dossier.due_at,
        paused_since=dossier.paused_since,
        supplements=supplements,
        apologies=int(dossier.apologised_at is not None),
        fee_bearing=bool(dossier.fee_amount),
        paid_online=dossier.paid_online in (PaidOnline.NATIONAL_PORTAL, PaidOnline.LOCAL_GATEWAY),
        e_result=bool(dossier.e_result),
        digitised=digitised,
        reused=reused,
        processing_minutes=processing_minutes(dossier, calendar) if resolved else 0,
        committed_minutes=dossier.duration_minutes if resolved else 0,
        statutory_minutes=version.statutory_minutes if resolved else 0,
        score=score,
    )


def _finish_values(fact: DossierFact) -> dict[str, int]:
    values: dict[str, int] = {}
    if fact.final_state == FinalState.RESOLVED:
        values["resolved"] = 1
        if fact.outcome:
            values[fact.outcome] = 1
        values["e_result"] = int(fact.e_result)
        values["processing_minutes"] = fact.processing_minutes
        values["committed_minutes"] = fact.committed_minutes
        values["statutory_minutes"] = fact.statutory_minutes
        if fact.score:
            values["rated"] = 1
            values["satisfied"] = int(fact.score >= 4)
            values["disliked"] = int(fact.score <= 2)
            values["score_sum"] = fact.score
    elif fact.final_state in (FinalState.WITHDRAWN, FinalState.STOPPED):
        values[fact.final_state] = 1
    return values


def contributions(fact: DossierFact | None) -> dict[Key, dict[str, int]]:
    """What `fact` adds to which rollup rows."""
    if fact is None:
        return {}
    rest = (fact.receiving_unit_id, fact.competent_unit_id, fact.version_id, fact.channel)
    out: dict[Key, dict[str, int]] = {}
    if fact.final_state == FinalState.REFUSED:
        if fact.refused_day is not None:
            out[(Basis.RECEIVED.value, fact.refused_day, *rest)] = {"refused": 1}
        return out
    if fact.received_day is None:
        return out
    finish = _finish_values(fact) if fact.finish_day is not None else {}
    out[(Basis.RECEIVED.value, fact.received_day, *rest)] = {
        "received": 1,
        "supplements": fact.supplements,
        "apologies": fact.apologies,
        "fee_bearing": int(fact.fee_bearing),
        "paid_online": int(fact.paid_online),
        "digitised": int(fact.digitised),
        "reused": int(fact.reused),
        **finish,
    }
    if finish:
        out[(Basis.RESOLVED.value, fact.finish_day, *rest)] = finish
    return out


def difference(old: dict, new: dict) -> dict[Key, dict[str, int]]:
    delta: dict[Key, dict[str, int]] = {}
    for key in old.keys() | new.keys():
        before, after = old.get(key, {}), new.get(key, {})
        change = {c: after.get(c, 0) - before.get(c, 0) for c in before.keys() | after.keys()}
        change = {c: v for c, v in change.items() if v}
        if change:
            delta[key] = change
    return delta


KEY_FIELDS = ("basis", "day", "receiving_unit_id", "competent_unit_id", "version_id", "channel")
UNIT_KEY_FIELDS = ("basis", "day", "receiving_unit_id", "competent_unit_id", "channel")
VERSION_KEY_FIELDS = ("basis", "day", "version_id")


def _month_delta(delta: dict[tuple, dict[str, int]]) -> dict[tuple, dict[str, int]]:
    """`delta` moved to the first day of each key's month (for the monthly rollups)."""
    months: dict[tuple, dict[str, int]] = {}
    for (basis, day, *rest), change in delta.items():
        row = months.setdefault((basis, day.replace(day=1), *rest), {})
        for counter, value in change.items():
            row[counter] = row.get(counter, 0) + value
    return {key: {c: v for c, v in row.items() if v} for key, row in months.items()}


def _unit_delta(delta: dict[Key, dict[str, int]]) -> dict[tuple, dict[str, int]]:
    """`delta` without the procedure version (for the unit rollups)."""
    units: dict[tuple, dict[str, int]] = {}
    for (basis, day, receiving, competent, _version, channel), change in delta.items():
        row = units.setdefault((basis, day, receiving, competent, channel), {})
        for counter, value in change.items():
            row[counter] = row.get(counter, 0) + value
    return {key: {c: v for c, v in row.items() if v} for key, row in units.items()}


def _version_delta(delta: dict[tuple, dict[str, int]]) -> dict[tuple, dict[str, int]]:
    """`delta` without the units and the channel (for the whole tree's rollup by version),
    the received counted per channel too."""
    versions: dict[tuple, dict[str, int]] = {}
    for (basis, day, _receiving, _competent, version, channel), change in delta.items():
        row = versions.setdefault((basis, day, version), {})
        for counter, value in change.items():
            row[counter] = row.get(counter, 0) + value
        by_channel = CHANNEL_COUNTERS.get(channel)
        if change.get("received") and by_channel:
            row[by_channel] = row.get(by_channel, 0) + change["received"]
    return {key: {c: v for c, v in row.items() if v} for key, row in versions.items()}


def _ordered(delta: dict[tuple, dict[str, int]]) -> list[tuple]:
    """Keys with a change, in the fixed order every transaction locks them in."""
    keys = [key for key, change in delta.items() if change]
    return sorted(keys, key=lambda k: (k[0], k[1].toordinal(), *k[2:]))


def _apply(model, delta: dict[tuple, dict[str, int]], fields=KEY_FIELDS) -> None:
    for key in _ordered(delta):
        change = delta[key]
        where = dict(zip(fields, key, strict=True))
        updates = {c: F(c) + v for c, v in change.items()}
        if model.objects.filter(**where).update(**updates):
            continue
        try:
            with transaction.atomic():
                model.objects.create(**where, **change)
        except IntegrityError:  # created meanwhile by a concurrent transaction
            model.objects.filter(**where).update(**updates)


def _tables(delta: dict[Key, dict[str, int]]) -> list[tuple]:
    """(model, key fields, delta) of each rollup table, in the order they are written."""
    monthly = _month_delta(delta)
    units = _unit_delta(delta)
    return [
        (DailyRollup, KEY_FIELDS, delta),
        (MonthlyRollup, KEY_FIELDS, monthly),
        (UnitDailyRollup, UNIT_KEY_FIELDS, units),
        (UnitMonthlyRollup, UNIT_KEY_FIELDS, _month_delta(units)),
        (VersionMonthlyRollup, VERSION_KEY_FIELDS, _version_delta(monthly)),
    ]


def _upsert_statement(tables: list[tuple]) -> tuple[str, list]:
    """One PostgreSQL statement adding every table's delta: an `INSERT … ON CONFLICT DO UPDATE`
    per table in a `WITH`, the rows of each in `_ordered` order. The outer `SELECT` reads the
    tables' results one after the other, so they are written (and their rows locked) in the
    order of `tables`, the same for every transaction."""
    quote = connection.ops.quote_name
    parts, params, names = [], [], []
    for index, (model, fields, delta) in enumerate(tables):
        keys = _ordered(delta)
        if not keys:
            continue
        counters = (
            *COUNTERS,
            *(CHANNEL_COUNTERS.values() if model is VersionMonthlyRollup else ()),
        )
        changed = sorted({c for key in keys for c in delta[key]})
        columns = [model._meta.get_field(f.removesuffix("_id")).column for f in fields]
        row = "(" + ", ".join(["%s"] * (len(columns) + len(counters))) + ")"
        for key in keys:
            params += [*key, *(delta[key].get(c, 0) for c in counters)]
        table = quote(model._meta.db_table)
        name = f"t{index}"
        # Only quoted table and column names are formatted in; every value is a parameter.
        parts.append(
            f"{name} AS (INSERT INTO {table} AS r "  # noqa: S608
            f"({', '.join(quote(c) for c in (*columns, *counters))}) "
            f"VALUES {', '.join([row] * len(keys))} "
            f"ON CONFLICT ({', '.join(quote(c) for c in columns)}) DO UPDATE SET "
            + ", ".join(f"{quote(c)} = r.{quote(c)} + EXCLUDED.{quote(c)}" for c in changed)
            + " RETURNING 1)"
        )
        names.append(name)
    if not parts:
        return "", []
    reads = ", ".join(f"(SELECT count(*) FROM {name})" for name in names)  # noqa: S608
    return f"WITH {', '.join(parts)} SELECT {reads}", params


def apply_delta(delta: dict[Key, dict[str, int]]) -> None:
    """Add `delta` to the daily, monthly, unit-daily, unit-monthly and version-monthly rollup
    rows, creating missing rows; the tables always in that order, each in a fixed key order,
    so two transactions never wait on each other's rows crosswise. On PostgreSQL in one
    statement (one round trip for the five tables); elsewhere row by row."""
    tables = _tables(delta)
    if connection.vendor == "postgresql":
        sql, params = _upsert_statement(tables)
        if sql:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
        return
    for model, fields, part in tables:
        _apply(model, part, fields)


# A dossier still under a provisional code is being filed: nothing outside its transaction
# sees it, no rating can name it, and every event of the filing comes before its numbering
# (dossiers.codes). Its fact is therefore not written event by event: the events are
# remembered here, and the fact is built once from the dossier in its final state and
# inserted just before the agency's counter is taken (`numbering`: the fact is the
# dossier's own row, no other filing waits for it); its rollup changes are added once the
# code is issued (`code_issued`), among the transaction's last writes, so the rollup rows a
# filing shares with every other filing of its unit and day are locked only from there to
# the commit. A filing costs one fact insert instead of a read and a write per event.
# Keyed by the provisional code, unique to one filing; a filing rolled back leaves an entry
# nobody claims, dropped after an hour.
_deferred: dict[str, tuple[float, list]] = {}
_deferred_lock = threading.Lock()
_DEFERRED_TTL = 3600.0


def _defer(code: str, item) -> None:
    now = time.monotonic()
    with _deferred_lock:
        for stale in [c for c, (since, _) in _deferred.items() if now - since > _DEFERRED_TTL]:
            del _deferred[stale]
        _deferred.setdefault(code, (now, []))[1].append(item)


def file_fact(dossier: Dossier, provisional: str) -> DossierFact | None:
    """`dossier`, filed under `provisional`, is about to be numbered: write its fact, and
    keep its rollup changes (the sum of those its events would have added one by one) for
    `apply_filed`."""
    with _deferred_lock:
        entry = _deferred.pop(provisional, None)
    if entry is None:
        return None
    events = entry[1]
    refused = [at for action, at in events if action == "refuse"]
    flags = getattr(dossier, "filed_parts_flags", None)
    digitised, reused = flags if flags is not None else _parts_flags(dossier)
    fact = build_fact(
        dossier,
        refused_at=refused[-1] if refused else None,
        supplements=sum(action == "request_supplement" for action, _ in events),
        digitised=digitised,
        reused=reused,
        score=0,  # no rating can name a dossier before its filing commits
    )
    fact.save(force_insert=True)
    _defer(provisional, difference(contributions(None), contributions(fact)))
    return fact


def apply_filed(provisional: str) -> None:
    """The dossier filed under `provisional` has its code: add its fact to the rollups."""
    with _deferred_lock:
        entry = _deferred.pop(provisional, None)
    if entry is not None:
        for delta in entry[1]:
            apply_delta(delta)


def _parts_flags(dossier: Dossier) -> tuple[bool, bool]:
    flags = set()
    for digitised, reused in dossier.parts.values_list("digitised", "reused"):
        if digitised:
            flags.add("d")
        if reused:
            flags.add("r")
    return "d" in flags, "r" in flags


def refresh_fact(dossier: Dossier, *, event=None) -> DossierFact | None:
    """Bring `dossier`'s fact and the rollups in line with its state after `event` (a
    dossier being filed: at its numbering, `file_fact`; None is returned until then)."""
    action = getattr(event, "action", "")
    if is_provisional(dossier.code):
        _defer(dossier.code, (action, getattr(event, "at", None)))
        return None
    stored = DossierFact.objects.filter(pk=dossier.pk).first()
    if stored is None or action in PARTS_ACTIONS:
        digitised, reused = _parts_flags(dossier)
    else:
        digitised, reused = stored.digitised, stored.reused
    supplements = (stored.supplements if stored else 0) + (action == "request_supplement")
    refused_at = event.at if action == "refuse" else None
    if refused_at is None and stored is not None and stored.refused_day is not None:
        refused_at = dt.datetime.combine(stored.refused_day, dt.time(12), tzinfo=zone())
    fact = build_fact(
        dossier,
        refused_at=refused_at,
        supplements=supplements,
        digitised=digitised,
        reused=reused,
        score=stored.score if stored is not None else score_of(dossier.pk),
    )
    apply_delta(difference(contributions(stored), contributions(fact)))
    fact.save(force_insert=stored is None)
    return fact


def rescore(dossier_id: int, score: int) -> None:
    """A rating was given or changed: move the dossier's satisfaction counters."""
    with transaction.atomic():
        stored = DossierFact.objects.select_for_update().filter(pk=dossier_id).first()
        if stored is None or stored.score == score:
            return
        old = contributions(stored)
        stored.score = score
        apply_delta(difference(old, contributions(stored)))
        stored.save(update_fields=["score"])


def sum_contributions(facts) -> dict[Key, dict[str, int]]:
    """Rollup rows as the plain sum of `facts`' contributions (used by rebuilds and checks)."""
    totals: dict[Key, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNTERS, 0))
    for fact in facts:
        for key, values in contributions(fact).items():
            row = totals[key]
            for c, v in values.items():
                row[c] += v
    return dict(totals)
