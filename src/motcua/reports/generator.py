"""`motcua generate`: synthetic dossiers for the demo units and procedures, in bulk.

Dossiers, events, steps, received parts and statistical facts are written per batch: by
`COPY` on PostgreSQL, by `bulk_create` elsewhere. Codes continue each receiving agency's
daily sequence and the `CodeCounter` rows are moved on at the end, so live intake carries on
after them. The rollups are rebuilt from the facts at the end.
"""

import bisect
import datetime as dt
import json
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from motcua.catalog.models import ProcedureVersion
from motcua.core.text import fold
from motcua.dossiers.deadlines import local_date
from motcua.dossiers.models import (
    STATUS_CODES,
    Channel,
    CodeCounter,
    Dossier,
    DossierEvent,
    DossierPartReceived,
    DossierStep,
    regime_on,
)
from motcua.organization.models import Unit
from motcua.workcalendar.clock import is_working_day
from motcua.workcalendar.selectors import calendar_for

from .definitions import final_state_of, zone
from .models import DossierFact, FinalState
from .rebuild import rebuild_rollups
from .synthetic import ONLINE_SHARE, P_POSTAL, Life, Offer, live

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


class Writer:
    """Rows per table, flushed by COPY (PostgreSQL) or bulk_create."""

    MODELS = (Dossier, DossierStep, DossierEvent, DossierPartReceived, DossierFact)

    def __init__(self):
        self.copy = connection.vendor == "postgresql"
        self.rows: dict = {m: [] for m in self.MODELS}
        self.columns = {m: list(m._meta.concrete_fields) for m in self.MODELS}

    def add(self, model, values: dict) -> None:
        self.rows[model].append(values)

    def flush(self) -> None:
        with transaction.atomic():
            for model in self.MODELS:
                rows = self.rows[model]
                if not rows:
                    continue
                if self.copy:
                    self._copy(model, rows)
                else:
                    model.objects.bulk_create([model(**r) for r in rows], batch_size=2000)
                self.rows[model] = []

    def _copy(self, model, rows) -> None:
        fields = self.columns[model]
        names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        table = connection.ops.quote_name(model._meta.db_table)
        defaults = {f.attname: f.get_default() for f in fields}
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for r in rows:
                values = []
                for f in fields:
                    value = r.get(f.attname, defaults[f.attname])
                    if isinstance(value, dict | list):
                        value = json.dumps(value, ensure_ascii=False)
                    values.append(value)
                copy.write_row(values)


class Ids:
    """Primary keys handed out ahead of the inserts (the rows refer to each other)."""

    def __init__(self, model):
        self.model = model
        self.next = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1

    def take(self) -> int:
        value = self.next
        self.next += 1
        return value

    def sync(self) -> None:
        if connection.vendor == "postgresql":
            table = self.model._meta.db_table
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), %s)", [self.next - 1]
                )


def _applicant(rng: random.Random) -> dict:
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    return {
        "applicant_name": name,
        "applicant_search": fold(name),
        "applicant_id_number": f"0{rng.randint(10**10, 10**11 - 1)}",
        "applicant_phone": f"09{rng.randint(10**7, 10**8 - 1)}",
        "applicant_address": f"Số {rng.randint(1, 199)} {rng.choice(STREETS)}, Hà Nội",
    }


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
) -> int:
    """Create `dossiers` synthetic dossiers received between the two local dates."""
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
    writer = Writer()
    ids = {m: Ids(m) for m in (Dossier, DossierStep, DossierEvent, DossierPartReceived)}
    made = pending = 0
    for day, count in zip(days, per_day, strict=True):
        lives = []
        for _ in range(count):
            offer = _pick(catalogue, day, rng)
            if offer is None:
                continue
            online = rng.random() < ONLINE_SHARE.get(offer.online_service, 0.0)
            if online:
                channel = Channel.ONLINE
                submitted = _instant(day, rng.randint(0, 86399))
            else:
                channel = Channel.POSTAL if rng.random() < P_POSTAL else Channel.DIRECT
                submitted = _instant(day, _office_second(rng))
            if submitted > now:
                continue
            lives.append((submitted, offer, channel))
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
            key = (offer.agency_code, local_date(submitted))
            counters[key] += 1
            code = f"{offer.agency_code}-{key[1]:%y%m%d}-{counters[key]:04d}"
            _write(writer, ids, life, offer, code, rng)
            made += 1
            pending += 1
        if pending >= batch:
            writer.flush()
            if progress:
                progress(pending)
            pending = 0
    writer.flush()
    if progress and pending:
        progress(pending)
    for model_ids in ids.values():
        model_ids.sync()
    _move_counters(counters)
    rebuild_rollups()
    return made


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


def _write(writer: Writer, ids: dict, life: Life, offer: Offer, code: str, rng) -> None:
    pk = ids[Dossier].take()
    step_ids = [ids[DossierStep].take() for _ in life.steps]
    current_step_id = step_ids[life.current_step] if life.current_step is not None else None
    current_unit = (
        life.steps[life.current_step][1][2]
        if life.current_step is not None
        else (life.steps[-1][1][2] if life.steps else offer.receiving_unit_id)
    )
    writer.add(
        Dossier,
        {
            "id": pk,
            "code": code,
            "procedure_version_id": offer.version_id,
            "regime": regime_on(local_date(life.received_at or life.submitted_at)),
            "channel": life.channel,
            "status": life.status,
            "status_code": STATUS_CODES[life.status],
            "applicant_kind": "person",
            "applicant_email": "",
            "applicant_user_id": None,
            **_applicant(rng),
            "receiving_unit_id": offer.receiving_unit_id,
            "competent_unit_id": offer.competent_unit_id,
            "current_unit_id": current_unit,
            "current_step_id": current_step_id,
            "assignee_id": None,
            "duration_minutes": offer.committed if life.received_at else 0,
            "submitted_at": life.submitted_at,
            "received_at": life.received_at,
            "clock_start_at": life.clock_start_at,
            "due_at": life.due_at,
            "appointment_at": life.appointment_at,
            "paused_minutes": life.paused_minutes,
            "paused_since": life.paused_since,
            "apologised_at": life.apologised_at,
            "processing_supplements": life.processing_supplements,
            "visit_count": 0,
            "finished_at": life.finished_at,
            "returned_at": life.returned_at,
            "return_method": "desk" if life.returned_at else "",
            "outcome": life.outcome,
            "closing_reason": life.closing_reason,
            "result_number": f"{rng.randint(1, 9999)}/QĐ"
            if life.finished_at and life.status in ("resolved", "returned")
            else "",
            "result_date": local_date(life.finished_at)
            if life.status in ("resolved", "returned")
            else None,
            "result_signer": "",
            "granted": True if life.status in ("resolved", "returned") else None,
            "result_reason": "",
            "e_result": life.e_result,
            "result_file": "",
            "fee_amount": life.fee_amount,
            "payment_requested_at": life.payment_requested_at,
            "paid_amount": life.fee_amount if life.paid_at else None,
            "paid_at": life.paid_at,
            "payment_receipt_number": "",
            "paid_online": life.paid_online,
        },
    )
    for index, (order, step, start, due, end, outcome) in enumerate(life.steps):
        writer.add(
            DossierStep,
            {
                "id": step_ids[index],
                "dossier_id": pk,
                "order": order,
                "procedure_step_id": step[5],
                "name": step[1],
                "unit_id": step[2],
                "role": step[3] or "",
                "holder_id": None,
                "giver_unit_id": None,
                "giver_id": None,
                "budget_minutes": step[4],
                "started_at": start,
                "due_at": due,
                "paused_minutes": 0,
                "ended_at": end,
                "outcome": outcome,
                "note": "",
            },
        )
    for seq, (at, action, before, after, role, unit, data, slip) in enumerate(life.events, 1):
        writer.add(
            DossierEvent,
            {
                "id": ids[DossierEvent].take(),
                "dossier_id": pk,
                "seq": seq,
                "actor_id": None,
                "actor_unit_id": unit,
                "actor_role": role,
                "at": at,
                "action": action,
                "from_status": before,
                "to_status": after,
                "note": "",
                "data": data,
                "slip": slip,
                "corrects_id": None,
            },
        )
    digitised = reused = False
    for part_id, form, copies, reusable in offer.parts:
        is_reused = reusable and rng.random() < 0.4
        is_digitised = is_reused or rng.random() < 0.85
        digitised, reused = digitised or is_digitised, reused or is_reused
        writer.add(
            DossierPartReceived,
            {
                "id": ids[DossierPartReceived].take(),
                "dossier_id": pk,
                "part_id": part_id,
                "form": form,
                "copies": copies,
                "digitised": is_digitised,
                "reused": is_reused,
                "file_path": "",
                "received_at": life.submitted_at,
            },
        )
    final = final_state_of(life.status)
    resolved = final == FinalState.RESOLVED
    refused_day = local_date(life.events[-1][0]) if final == FinalState.REFUSED else None
    writer.add(
        DossierFact,
        {
            "dossier_id": pk,
            "receiving_unit_id": offer.receiving_unit_id,
            "competent_unit_id": offer.competent_unit_id,
            "version_id": offer.version_id,
            "channel": life.channel,
            "received_day": local_date(life.received_at) if life.received_at else None,
            "refused_day": refused_day,
            "finish_day": local_date(life.finished_at) if life.finished_at else None,
            "final_state": final,
            "outcome": life.outcome if resolved else "",
            "due_at": life.due_at,
            "paused_since": life.paused_since,
            "supplements": life.supplements,
            "apologies": int(life.apologised_at is not None),
            "fee_bearing": bool(life.fee_amount),
            "paid_online": life.paid_online in (1, 2),
            "e_result": life.e_result,
            "digitised": digitised,
            "reused": reused,
            "processing_minutes": life.processing_minutes if resolved else 0,
            "committed_minutes": offer.committed if resolved else 0,
            "statutory_minutes": offer.statutory if resolved else 0,
            "score": 0,
        },
    )
