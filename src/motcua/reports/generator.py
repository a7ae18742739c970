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
import random
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

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
) -> int:
    """Create `dossiers` synthetic dossiers received between the two local dates. `timings`,
    if given, receives the seconds spent writing rows, rebuilding indexes and rollups, and
    refreshing the planner's statistics."""
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
    ids = {m: itertools.count(next_id(m)) for m in models if m is not DossierFact}
    rows = Rows(ids, Applicants(), rating)
    bulkindexes.restore()  # left by an interrupted load, if any
    suspend = dossiers >= SUSPEND_INDEXES_FROM and dossiers >= Dossier.objects.count()
    if suspend:
        bulkindexes.suspend(models)
    # A large load writes the events by a second connection alongside the other tables.
    writer = Writer(models, parallel_models=(DossierEvent,) if suspend else ())
    made = pending = 0
    try:
        for day, count in zip(days, per_day, strict=True):
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
    finally:
        try:
            writer.close()
        finally:
            timings["rows"] = time.monotonic() - began
            if suspend:
                bulkindexes.restore()
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
