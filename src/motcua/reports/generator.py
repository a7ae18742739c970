"""`motcua generate`: synthetic dossiers for the demo units and procedures, in bulk.

Dossiers, events, steps, received parts, satisfaction ratings and statistical facts are
written per batch as tuples (`generated_rows`): by `COPY` on PostgreSQL, overlapping the
generation of the next batch, by `bulk_create` elsewhere (`bulkcopy`). A large load sets the
tables' secondary indexes aside and rebuilds them at the end (`bulkindexes`). Codes continue each
receiving agency's daily sequence and the `CodeCounter` rows are moved on at the end, so live
intake carries on after them. The rollups are rebuilt from the facts at the end.
"""

import bisect
import datetime as dt
import itertools
import multiprocessing
import queue
import random
import time
import traceback
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext

from motcua.catalog.models import ProcedureVersion
from motcua.core.text import fold
from motcua.dossiers.models import (
    Channel,
    CodeCounter,
    Dossier,
    DossierEvent,
    DossierPartReceived,
    DossierStep,
)
from motcua.organization.models import Unit
from motcua.workcalendar.clock import is_working_day
from motcua.workcalendar.selectors import calendar_for

from . import bulkindexes
from .bulkcopy import Writer, next_id, sync_sequence
from .definitions import zone
from .generated_rows import Rows
from .models import (
    DailyRollup,
    DossierFact,
    MonthlyRollup,
    UnitDailyRollup,
    UnitMonthlyRollup,
    VersionMonthlyRollup,
)
from .ratings import rating_model
from .rebuild import rebuild_rollups
from .synthetic import ONLINE_SHARE, P_POSTAL, Offer, day_of, live

ROLLUPS = (DailyRollup, MonthlyRollup, UnitDailyRollup, UnitMonthlyRollup, VersionMonthlyRollup)

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Minh", "Quang", "Thu", "Đức", "Ngọc", "Hồng", "Thanh", "Hữu"]
GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hùng",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phong",
    "Phương",
    "Quân",
    "Sơn",
    "Thảo",
    "Trang",
    "Tuấn",
]
STREETS = [
    "Mỹ Đình",
    "Cầu Diễn",
    "Hồ Tùng Mậu",
    "Phạm Hùng",
    "Lê Đức Thọ",
    "Trần Hữu Dực",
    "Xuân Phương",
    "Tây Mỗ",
    "Đại Mỗ",
    "Phú Đô",
    "Mễ Trì",
    "Nguyễn Cơ Thạch",
]
OFFICE_SECONDS = [(8 * 3600, 12 * 3600), (13 * 3600, 17 * 3600)]
# From this many dossiers, and at least as many as the database holds, the tables' secondary
# indexes are set aside during the load and rebuilt at the end (`bulkindexes`).
SUSPEND_INDEXES_FROM = 100_000


@dataclass
class Catalogue:
    boundaries: list[dt.date]
    offers_by_epoch: dict[int, tuple[list[Offer], list[float]]]
    calendars: dict[int, object]

    def offers_on(self, day: dt.date) -> tuple[list[Offer], list[float]]:
        return self.offers_by_epoch[bisect.bisect_right(self.boundaries, day)]


def _valid(start, end, day) -> bool:
    return (start is None or start <= day) and (end is None or day <= end)


def load_catalogue(rng: random.Random) -> Catalogue:
    """Every (version, receiving unit) pair, grouped by the spans of dates they are in force."""
    units = {u.pk: u for u in Unit.objects.all()}
    versions = list(
        ProcedureVersion.objects.prefetch_related(
            "receiving_units", "resolving_units", "steps", "parts", "fees"
        )
    )
    popularity = {}
    for rank, pid in enumerate(
        sorted({v.procedure_id for v in versions}, key=lambda _p: rng.random())
    ):
        popularity[pid] = 1.0 / (rank + 1) ** 0.9
    boundaries = set()
    for v in versions:
        boundaries.add(v.effective_from)
        if v.effective_to:
            boundaries.add(v.effective_to + dt.timedelta(days=1))
    for u in units.values():
        if u.valid_from:
            boundaries.add(u.valid_from)
        if u.valid_to:
            boundaries.add(u.valid_to + dt.timedelta(days=1))
    ordered = sorted(boundaries)
    calendars = {}
    epochs = {}
    for index in range(len(ordered) + 1):
        day = ordered[index - 1] if index else dt.date(1900, 1, 1)
        offers = []
        for v in versions:
            if not _valid(v.effective_from, v.effective_to, day):
                continue
            resolvers = [
                u for u in v.resolving_units.all() if _valid(u.valid_from, u.valid_to, day)
            ]
            for desk in v.receiving_units.all():
                if not desk.agency_code or not _valid(desk.valid_from, desk.valid_to, day):
                    continue
                siblings = [u for u in resolvers if u.parent_id == desk.parent_id]
                competent = (siblings or resolvers or [desk])[0]
                if desk.pk not in calendars:
                    calendars[desk.pk] = calendar_for(desk)
                steps = [
                    (s.order, s.name, s.unit_id or competent.pk, s.role, s.budget_minutes, s.pk)
                    for s in sorted(v.steps.all(), key=lambda s: s.order)
                ]
                parts = [(p.pk, p.form, p.copies, p.reusable) for p in v.parts.all() if p.required]
                fee = sum(f.amount for f in v.fees.all())
                offers.append(
                    Offer(
                        version_id=v.pk,
                        procedure_id=v.procedure_id,
                        receiving_unit_id=desk.pk,
                        agency_code=desk.agency_code,
                        competent_unit_id=competent.pk,
                        committed=v.committed_minutes,
                        statutory=v.statutory_minutes,
                        same_day=v.same_day,
                        cutoff=v.cutoff_time,
                        online_service=v.online_service,
                        pause_on_payment=v.pause_on_payment,
                        fee=fee,
                        steps=steps,
                        parts=parts,
                        weight=popularity[v.procedure_id] * rng.uniform(0.5, 1.5),
                    )
                )
        cumulative, total = [], 0.0
        for offer in offers:
            total += offer.weight
            cumulative.append(total)
        epochs[index] = (offers, cumulative)
    return Catalogue(ordered, epochs, calendars)


class Applicants:
    """Applicants' names, numbers and addresses; the folded search form computed once per name."""

    def __init__(self):
        self.names = [f"{f} {m} {g}" for f in FAMILY for m in MIDDLE for g in GIVEN]
        self.folded = [fold(name) for name in self.names]
        self.streets = [f"{street}, Hà Nội" for street in STREETS]

    def draw(self, rng: random.Random) -> tuple[str, str, str, str, str]:
        """(name, id number, phone, address, search form)."""
        index = int(rng.random() * len(self.names))
        draw = rng.random
        return (
            self.names[index],
            f"0{10**10 + int(draw() * 9 * 10**10)}",
            f"09{10**7 + int(draw() * 9 * 10**7)}",
            f"Số {1 + int(draw() * 199)} {self.streets[int(draw() * len(self.streets))]}",
            self.folded[index],
        )


def _instant(day: dt.date, seconds: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=zone()) + dt.timedelta(seconds=seconds)


def _office_second(rng: random.Random) -> int:
    start, end = OFFICE_SECONDS[rng.random() < 0.5]
    return rng.randint(start, end - 1)


def _pick(catalogue: Catalogue, day: dt.date, rng: random.Random) -> Offer | None:
    offers, cumulative = catalogue.offers_on(day)
    if not offers:
        return None
    return offers[bisect.bisect_left(cumulative, rng.random() * cumulative[-1])]


def generate(
    *,
    dossiers: int,
    date_from: dt.date,
    date_to: dt.date,
    seed: int = 1,
    batch: int = 5000,
    progress: Callable[[int], None] | None = None,
    now: dt.datetime | None = None,
    timings: dict[str, float] | None = None,
    jobs: int = 1,
) -> int:
    """Create `dossiers` synthetic dossiers received between the two local dates. `timings`,
    if given, receives the seconds spent writing rows, rebuilding indexes and rollups, and
    refreshing the planner's statistics.

    `jobs` > 1 (PostgreSQL, outside a transaction of the caller) shares the working days
    between that many processes, each generating and writing its own days (`_in_workers`).
    The same seed and the same `jobs` give the same dossiers; `jobs=1` gives what the single
    process always gave."""
    timings = {} if timings is None else timings
    began = time.monotonic()
    rng = random.Random(seed)
    now = now or timezone.now()
    catalogue = load_catalogue(rng)
    national = calendar_for(None)
    days = [
        date_from + dt.timedelta(days=i)
        for i in range((date_to - date_from).days + 1)
        if is_working_day(date_from + dt.timedelta(days=i), national)
    ] or [date_from]
    per_day = [dossiers // len(days)] * len(days)
    for i in rng.sample(range(len(days)), dossiers % len(days)):
        per_day[i] += 1
    counters: dict[tuple[str, dt.date], int] = defaultdict(int)
    for agency, day, last in CodeCounter.objects.filter(
        day__gte=date_from - dt.timedelta(days=7), day__lte=date_to
    ).values_list("agency_code", "day", "last"):
        counters[(agency, day)] = last
    rating = rating_model()
    models = [Dossier, DossierStep, DossierEvent, DossierPartReceived, DossierFact]
    if rating is not None:
        models.append(rating)
    workers = min(jobs, len(days)) if connection.vendor == "postgresql" else 1
    if workers > 1 and connection.in_atomic_block:
        raise GenerateError(
            gettext(
                "Sinh dữ liệu bằng nhiều tiến trình không chạy được trong một giao dịch đang mở."
            )
        )
    ids = {m: itertools.count(next_id(m)) for m in models if m is not DossierFact}
    bulkindexes.restore()  # left by an interrupted load, if any
    suspend = dossiers >= SUSPEND_INDEXES_FROM and dossiers >= Dossier.objects.count()
    if suspend:
        bulkindexes.suspend(models)
    made = pending = 0
    try:
        if workers > 1:
            made, last_ids = _in_workers(
                _shares(list(zip(days, per_day, strict=True)), workers),
                starts={m: next(counter) for m, counter in ids.items()},
                catalogue=catalogue, models=models, rating=rating, counters=counters,
                seed=seed, now=now, batch=batch, progress=progress,
            )  # fmt: skip
            ids = {m: itertools.count(last + 1) for m, last in last_ids.items()}
        else:
            rows = Rows(ids, Applicants(), rating)
            # A large load writes the events by a second connection alongside the other tables.
            writer = Writer(models, parallel_models=(DossierEvent,) if suspend else ())
            try:
                made, pending = _write_days(
                    zip(days, per_day, strict=True), catalogue=catalogue, rng=rng, now=now,
                    counters=counters, rows=rows, writer=writer, batch=batch, progress=progress,
                )  # fmt: skip
            finally:
                writer.close()
    finally:
        timings["rows"] = time.monotonic() - began
        if suspend:
            bulkindexes.restore(jobs=workers)
        timings["indexes"] = time.monotonic() - began - timings["rows"]
    if progress and pending:
        progress(pending)
    for model, counter in ids.items():
        sync_sequence(model, next(counter) - 1)
    _move_counters(counters)
    began = time.monotonic()
    rebuild_rollups()
    timings["rollups"] = time.monotonic() - began
    began = time.monotonic()
    _analyze([*models, CodeCounter, *ROLLUPS])
    timings["analyze"] = time.monotonic() - began
    return made


def _write_days(
    plan, *, catalogue, rng, now, counters, rows, writer, batch, progress
) -> tuple[int, int]:
    """Generate the dossiers of `plan` ((day, count) pairs) into `writer`, flushing every
    `batch` or more at the end of a day and at the end. Returns the number made and the number
    written since the last `progress` call."""
    made = pending = 0
    for day, count in plan:
        lives = []
        # Seconds of the day already past at `now`: nothing is submitted in the future.
        past = int((now - _instant(day, 0)).total_seconds())
        for _ in range(count if past >= 0 else 0):
            offer = _pick(catalogue, day, rng)
            if offer is None:
                continue
            online = rng.random() < ONLINE_SHARE.get(offer.online_service, 0.0)
            if online:
                channel = Channel.ONLINE
                second = rng.randint(0, 86399)
            else:
                channel = Channel.POSTAL if rng.random() < P_POSTAL else Channel.DIRECT
                second = _office_second(rng)
            if second > past:
                second = rng.randint(0, past)
            lives.append((_instant(day, second), offer, channel))
        lives.sort(key=lambda item: item[0])
        for submitted, offer, channel in lives:
            life = live(
                offer,
                submitted,
                channel,
                rng=rng,
                calendar=catalogue.calendars[offer.receiving_unit_id],
                now=now,
            )
            key = (offer.agency_code, day_of(submitted))
            counters[key] += 1
            code = f"{offer.agency_code}-{key[1]:%y%m%d}-{counters[key]:04d}"
            rows.write(writer.rows, life, offer, code, rng)
            made += 1
            pending += 1
        if pending >= batch:
            writer.flush()
            if progress:
                progress(pending)
            pending = 0
    writer.flush()
    return made, pending


class GenerateError(RuntimeError):
    """The generation cannot go on (a worker process failed, or it cannot start)."""


# Rows per dossier at most, beyond those of the version's steps (events) or parts: events are
# submission, receipt, assignment, one hand-over per further step, two per pause (a supplement,
# a payment), an apology, the ending and the return, so steps + 9; kept with room.
EVENTS_BEYOND_STEPS = 16


def _most_rows(catalogue: Catalogue, models) -> dict:
    """The most rows of each model one dossier can have with this catalogue (`synthetic.live`,
    `Rows.write`), for the blocks of keys handed to the worker processes."""
    offers = [o for epoch, _cumulative in catalogue.offers_by_epoch.values() for o in epoch]
    steps = max([len(o.steps) for o in offers] + [1])
    parts = max([len(o.parts) for o in offers] + [0])
    most = {DossierStep: steps, DossierEvent: steps + EVENTS_BEYOND_STEPS}
    most[DossierPartReceived] = parts
    return {m: most.get(m, 1) for m in models if m is not DossierFact}


def _shares(plan: list, workers: int) -> list[list]:
    """Consecutive runs of days, one per worker (at least a day each), with about as many
    dossiers each: keys and codes still rise with the submission date from one worker's
    block to the next."""
    total = sum(count for _day, count in plan)
    shares, share, running = [], [], 0
    for position, item in enumerate(plan):
        share.append(item)
        running += item[1]
        to_come = workers - 1 - len(shares)
        if to_come and (
            running >= total * (len(shares) + 1) / workers or len(plan) - position - 1 == to_come
        ):
            shares.append(share)
            share = []
    shares.append(share)
    return shares


def _in_workers(
    shares, *, starts, catalogue, models, rating, counters, seed, now, batch, progress
) -> tuple[int, dict]:
    """Generate each share of days in a process of its own (forked: the catalogue, calendars
    and counters are inherited, each child opens its own connection). Child `k` draws from
    `random.Random(f"{seed}/{k}")` and takes its keys from a block of its own per model, sized
    by its number of dossiers times `_most_rows`; it counts the codes of its own days from
    `counters`. Returns the number made and the last key used per model; `counters` receives
    the children's counts."""
    most = _most_rows(catalogue, models)
    blocks = []
    begin = dict(starts)
    for share in shares:
        dossiers = sum(count for _day, count in share)
        blocks.append({m: (begin[m], begin[m] + dossiers * most[m]) for m in begin})
        begin = {m: end for m, (_start, end) in blocks[-1].items()}
    context = multiprocessing.get_context("fork")
    messages = context.Queue()
    shared = {
        "catalogue": catalogue, "models": models, "rating": rating, "counters": counters,
        "seed": seed, "now": now, "batch": batch, "messages": messages,
    }  # fmt: skip
    connections.close_all()  # each child opens its own
    children = [
        context.Process(
            target=_worker,
            args=(index, share, blocks[index], shared),
            name=f"motcua-generate-{index + 1}",
            daemon=True,
        )
        for index, share in enumerate(shares)
    ]
    results: dict[int, tuple] = {}
    finished = False
    try:
        for child in children:
            child.start()
        silent_since: dict[int, float] = {}
        while len(results) < len(children):
            try:
                message = messages.get(timeout=1)
            except queue.Empty:
                message = None
            if message is None:
                for index, child in enumerate(children):
                    if index in results or child.exitcode is None:
                        continue
                    # A child's last messages (its error, if any) reach the pipe before it
                    # exits: look again for a moment before reporting the exit alone.
                    first = silent_since.setdefault(index, time.monotonic())
                    if time.monotonic() - first > (2 if child.exitcode else 10):
                        raise GenerateError(
                            gettext(
                                "Tiến trình sinh dữ liệu %(n)s dừng bất thường (mã thoát %(code)s)."
                            )
                            % {"n": index + 1, "code": child.exitcode}
                        )
                continue
            kind, index, payload = message
            if kind == "progress":
                if progress:
                    progress(payload)
            elif kind == "done":
                results[index] = payload
            else:
                raise GenerateError(
                    gettext("Tiến trình sinh dữ liệu %(n)s gặp lỗi:\n%(error)s")
                    % {"n": index + 1, "error": payload}
                )
        for child in children:
            child.join()
        finished = True
    finally:
        if not finished:
            for child in children:
                if child.is_alive():
                    child.terminate()
            for child in children:
                child.join()
        messages.close()
    made = 0
    last_ids = {m: start - 1 for m, start in starts.items()}
    for index in range(len(children)):
        count, last, codes = results[index]
        made += count
        counters.update(codes)
        for m in last_ids:
            last_ids[m] = max(last_ids[m], last[m._meta.label])
    return made, last_ids


def _worker(index: int, share: list, block: dict, shared: dict) -> None:
    """One child of `_in_workers`: generate and write `share`, then report what it used."""
    messages = shared["messages"]
    try:
        models, counters = shared["models"], shared["counters"]
        rng = random.Random(f"{shared['seed']}/{index}")
        ids = {m: itertools.count(start) for m, (start, _end) in block.items()}
        rows = Rows(ids, Applicants(), shared["rating"])
        # The children keep the cores busy already: no second connection for the events.
        writer = Writer(models)
        try:
            made, pending = _write_days(
                share, catalogue=shared["catalogue"], rng=rng, now=shared["now"],
                counters=counters, rows=rows, writer=writer, batch=shared["batch"],
                progress=lambda n: messages.put(("progress", index, n)),
            )  # fmt: skip
        finally:
            writer.close()
        if pending:
            messages.put(("progress", index, pending))
        last = {}
        for m, counter in ids.items():
            last[m._meta.label] = next(counter) - 1
            if last[m._meta.label] >= block[m][1]:
                raise GenerateError(
                    gettext("Khóa %(model)s vượt quá khối của tiến trình %(n)s.")
                    % {"model": m.__name__, "n": index + 1}
                )
        days = {day for day, _count in share}
        codes = {key: n for key, n in counters.items() if key[1] in days}
        messages.put(("done", index, (made, last, codes)))
    except Exception:
        messages.put(("error", index, traceback.format_exc()))
        raise SystemExit(1) from None
    finally:
        connections.close_all()


def _analyze(models) -> None:
    """Fresh planner statistics for the tables just loaded (PostgreSQL; autovacuum would get to
    them later). Without them the plans on the new rows are guessed: the lookup and the
    worklists ran two to four times slower until ANALYZE."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _move_counters(counters: dict) -> None:
    with transaction.atomic():
        existing = {
            (c.agency_code, c.day): c
            for c in CodeCounter.objects.select_for_update().filter(
                day__in={day for _agency, day in counters}
            )
        }
        new, changed = [], []
        for (agency, day), last in counters.items():
            row = existing.get((agency, day))
            if row is None:
                new.append(CodeCounter(agency_code=agency, day=day, last=last))
            elif row.last < last:
                row.last = last
                changed.append(row)
        CodeCounter.objects.bulk_create(new, batch_size=5000)
        CodeCounter.objects.bulk_update(changed, ["last"], batch_size=5000)
