"""The life of one synthetic dossier: instants, pauses, steps and outcome, from a seeded RNG.

Proportions follow the seeds' figures (DOMAIN §9): about 99.99% on time, more than 20%
early, more than 90% satisfied; online share by the procedure's online service. Every due
is computed by the same calendar functions the services use.
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from motcua.dossiers.deadlines import receipt_clock
from motcua.dossiers.models import Channel, Outcome, PaidOnline, Status
from motcua.workcalendar.clock import (
    TZ,
    WorkingCalendar,
    add_working_time,
    working_minutes_between,
)

P_LATE = 0.0001
P_EARLY = 0.32
P_REFUSED = 0.008
P_WITHDRAWN = 0.003
P_STOPPED = 0.001
P_SUPPLEMENT = 0.04
P_APOLOGY_IF_LATE = 0.6
ONLINE_SHARE = {"full_online": 0.72, "partial_online": 0.38, "none": 0.0}
P_POSTAL = 0.03
P_RATED = 0.7  # of the dossiers with a result, rated by the applicant
SCORES = ((5, 0.68), (4, 0.265), (3, 0.035), (2, 0.014), (1, 0.006))  # 94.5% give 4 or 5
SOURCES = (("lookup", 0.55), ("email_link", 0.4), ("api", 0.05))


def day_of(instant: dt.datetime) -> dt.date:
    """The local date (Asia/Ho_Chi_Minh) of an aware instant, as `deadlines.local_date`."""
    return instant.astimezone(TZ).date()


def classify_finish(finished_at: dt.datetime, due_at: dt.datetime) -> str:
    """`deadlines.classify_finish` (DOMAIN §6.6) on the calendar's zone: early when finished on
    a date before the due date, on time when not later than the due instant."""
    if day_of(finished_at) < day_of(due_at):
        return Outcome.EARLY
    if finished_at <= due_at:
        return Outcome.ON_TIME
    return Outcome.LATE


def _weighted(table, roll: float):
    for value, share in table:
        roll -= share
        if roll < 0:
            return value
    return table[-1][0]


@dataclass
class Offer:
    """A procedure version as one receiving unit offers it."""

    version_id: int
    procedure_id: int
    receiving_unit_id: int
    agency_code: str
    competent_unit_id: int
    committed: int
    statutory: int
    same_day: bool
    cutoff: dt.time | None
    online_service: str
    pause_on_payment: bool
    fee: int
    steps: list  # (order, name, unit_id, role, budget, procedure_step_id)
    parts: list  # (part_id, form, copies, reusable)
    weight: float = 1.0


@dataclass
class Life:
    """What happened to one dossier up to `now`."""

    channel: int
    submitted_at: dt.datetime
    events: list = field(default_factory=list)  # (at, action, from, to, role, unit, data, slip)
    steps: list = field(default_factory=list)  # (order, step tuple, start, due, end, outcome)
    status: str = Status.SUBMITTED
    received_at: dt.datetime | None = None
    clock_start_at: dt.datetime | None = None
    due_at: dt.datetime | None = None
    paused_minutes: int = 0
    paused_since: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    returned_at: dt.datetime | None = None
    outcome: str = ""
    apologised_at: dt.datetime | None = None
    appointment_at: dt.datetime | None = None
    processing_supplements: int = 0
    supplements: int = 0
    fee_amount: int | None = None
    paid_at: dt.datetime | None = None
    paid_online: int = PaidOnline.NO
    payment_requested_at: dt.datetime | None = None
    e_result: bool = False
    closing_reason: str = ""
    processing_minutes: int = 0
    current_step: int | None = None  # index in `steps` of the open step
    rating: tuple | None = None  # (score, visit_count, source, rated_at)


def _iso(instant):
    return instant.isoformat() if instant is not None else None


def live(
    offer: Offer,
    submitted_at: dt.datetime,
    channel: int,
    *,
    rng: random.Random,
    calendar: WorkingCalendar,
    now: dt.datetime,
) -> Life:
    """Play one dossier's life from its submission until `now`."""
    life = Life(channel=channel, submitted_at=submitted_at)
    desk = offer.receiving_unit_id
    ev = life.events.append
    ev(
        (
            submitted_at,
            "submit",
            "",
            Status.SUBMITTED,
            "citizen" if channel == Channel.ONLINE else "one_stop_officer",
            desk if channel != Channel.ONLINE else None,
            {"channel": channel},
            "",
        )
    )
    if channel == Channel.ONLINE:
        received_at = add_working_time(submitted_at, rng.randint(5, 240), calendar)
    else:
        received_at = submitted_at
    if received_at > now:
        return life
    if rng.random() < P_REFUSED:
        reason = "Hồ sơ không thuộc thẩm quyền giải quyết"
        ev(
            (
                received_at,
                "refuse",
                Status.SUBMITTED,
                Status.REFUSED,
                "one_stop_officer",
                desk,
                {"reason": reason},
                "refusal_slip",
            )
        )
        life.status, life.closing_reason = Status.REFUSED, reason
        return life
    start, due = receipt_clock(
        received_at=received_at,
        minutes=offer.committed,
        same_day=offer.same_day,
        cutoff=offer.cutoff,
        calendar=calendar,
    )
    life.received_at, life.clock_start_at, life.due_at, life.appointment_at = (
        received_at,
        start,
        due,
        due,
    )
    life.status = Status.RECEIVED
    ev(
        (
            received_at,
            "receive",
            Status.SUBMITTED,
            Status.RECEIVED,
            "one_stop_officer",
            desk,
            {
                "clock_start_at": _iso(start),
                "due_at": _iso(due),
                "duration_minutes": offer.committed,
            },
            "receipt_slip",
        )
    )
    total = working_minutes_between(start, due, calendar) or offer.committed or 60

    ending, roll = "resolve", rng.random()
    if roll < P_WITHDRAWN:
        ending = "withdraw"
    elif roll < P_WITHDRAWN + P_STOPPED:
        ending = "stop"

    # Pauses: a processing supplement, a payment that pauses the clock.
    pauses = []
    cursor = start
    if ending == "resolve" and rng.random() < P_SUPPLEMENT:
        asked = add_working_time(start, int(total * rng.uniform(0.05, 0.4)), calendar)
        minutes = rng.randint(60, 2400)
        pauses.append(("supplement", asked, add_working_time(asked, minutes, calendar), minutes))
        cursor = asked
    if ending == "resolve" and offer.fee:
        asked = add_working_time(cursor, int(total * rng.uniform(0.05, 0.3)), calendar)
        # Payment that does not pause the clock is made well before the due.
        extended = add_working_time(due, sum(p[3] for p in pauses), calendar)
        room = working_minutes_between(asked, extended, calendar)
        minutes = rng.randint(15, max(15, min(960, room // 3)))
        pauses.append(("payment", asked, add_working_time(asked, minutes, calendar), minutes))
    # The due once every pause is over; the dossier's own due moves as each pause ends.
    due = life.due_at
    for kind, _asked, _back, minutes in pauses:
        if kind == "supplement" or offer.pause_on_payment:
            due = add_working_time(due, minutes, calendar)
    last_resume = max([back for _k, _a, back, _m in pauses], default=start)

    # Finish instant against the final due.
    roll = rng.random()
    if roll < P_LATE:
        finish = add_working_time(due, rng.randint(30, 1440), calendar)
    elif roll < P_LATE + P_EARLY:
        day_open = due.replace(hour=0, minute=0, second=0, microsecond=0)
        room = working_minutes_between(last_resume, day_open, calendar)
        finish = (
            add_working_time(last_resume, int(room * rng.uniform(0.2, 0.98)), calendar)
            if room > 1
            else due
        )
    else:
        finish = due - dt.timedelta(minutes=rng.randint(0, 180))
    finish = max(finish, add_working_time(last_resume, 5, calendar))
    if ending != "resolve":
        finish = add_working_time(start, int(total * rng.uniform(0.05, 0.6)), calendar)
    _run_steps(life, offer, pauses, finish, ending, rng=rng, calendar=calendar, now=now)
    return life


def _resume(life: Life, minutes: int, calendar) -> None:
    life.due_at = add_working_time(life.due_at, minutes, calendar)
    life.paused_minutes += minutes
    life.appointment_at = life.due_at


def _run_steps(life: Life, offer: Offer, pauses, finish, ending, *, rng, calendar, now):
    ev = life.events.append
    start = life.clock_start_at
    steps = offer.steps or [
        (1, "Xử lý hồ sơ", offer.competent_unit_id, "specialist", offer.committed, None)
    ]
    budget_total = sum(s[4] for s in steps) or 1
    assign_at = life.received_at
    if assign_at > now:
        return
    life.status = Status.PROCESSING
    span = max((finish - start).total_seconds(), 60)
    ends, elapsed = [], 0.0
    for step in steps:
        elapsed += span * step[4] / budget_total
        ends.append(start + dt.timedelta(seconds=elapsed))
    ev(
        (
            assign_at,
            "assign",
            Status.RECEIVED,
            Status.PROCESSING,
            "one_stop_officer",
            offer.receiving_unit_id,
            {"step": 1},
            "control_slip",
        )
    )
    timeline = [(p[1], "pause", p) for p in pauses if p[1] < finish] + [
        (e, "step", i) for i, e in enumerate(ends[:-1])
    ]
    step_start = start
    life.steps.append(
        [1, steps[0], step_start, add_working_time(step_start, steps[0][4], calendar), None, ""]
    )
    life.current_step = 0
    paused_until = start
    for at, kind, item in sorted(timeline, key=lambda t: t[0]):
        if kind == "step" and at <= paused_until:
            at = paused_until + dt.timedelta(minutes=1)  # no hand-over while paused
        if at > now:
            return
        if kind == "step":
            index = item
            current = life.steps[-1]
            current[4], current[5] = at, classify_finish(at, current[3])
            nxt = steps[index + 1]
            life.steps.append(
                [index + 2, nxt, at, add_working_time(at, nxt[4], calendar), None, ""]
            )
            life.current_step = len(life.steps) - 1
            ev(
                (
                    at,
                    "hand_over",
                    Status.PROCESSING,
                    Status.PROCESSING,
                    nxt[3] or "specialist",
                    current[1][2],
                    {"from_step": index + 1, "step": index + 2},
                    "control_slip",
                )
            )
            continue
        name, asked, back, minutes = item
        paused_until = back
        if name == "supplement":
            life.supplements += 1
            life.processing_supplements += 1
            ev(
                (
                    asked,
                    "request_supplement",
                    Status.PROCESSING,
                    Status.SUPPLEMENT_REQUESTED,
                    "specialist",
                    offer.competent_unit_id,
                    {"phase": "processing", "items": ["Bản sao giấy tờ còn thiếu"]},
                    "supplement_request",
                )
            )
            life.status, life.paused_since = Status.SUPPLEMENT_REQUESTED, asked
            if back > now:
                return
            _resume(life, minutes, calendar)
            ev(
                (
                    back,
                    "submit_supplement",
                    Status.SUPPLEMENT_REQUESTED,
                    Status.PROCESSING,
                    "one_stop_officer",
                    offer.receiving_unit_id,
                    {"pause": {"start": _iso(asked), "end": _iso(back), "minutes": minutes}},
                    "",
                )
            )
        else:
            life.fee_amount, life.payment_requested_at = offer.fee, asked
            ev(
                (
                    asked,
                    "request_payment",
                    Status.PROCESSING,
                    Status.AWAITING_PAYMENT,
                    "specialist",
                    offer.competent_unit_id,
                    {"amount": offer.fee, "pauses": offer.pause_on_payment},
                    "payment_notice",
                )
            )
            life.status = Status.AWAITING_PAYMENT
            life.paused_since = asked if offer.pause_on_payment else None
            if back > now:
                return
            online = life.channel == Channel.ONLINE
            life.paid_online = (
                (PaidOnline.NATIONAL_PORTAL if rng.random() < 0.85 else PaidOnline.LOCAL_GATEWAY)
                if rng.random() < (0.8 if online else 0.08)
                else PaidOnline.NO
            )
            life.paid_at = back
            data = {
                "amount": offer.fee,
                "receipt_number": f"BL{rng.randint(1, 10**7):07d}",
                "paid_online": life.paid_online,
            }
            if offer.pause_on_payment:
                data["pause"] = {"start": _iso(asked), "end": _iso(back), "minutes": minutes}
                _resume(life, minutes, calendar)
            ev(
                (
                    back,
                    "record_payment",
                    Status.AWAITING_PAYMENT,
                    Status.PROCESSING,
                    "system" if life.paid_online else "one_stop_officer",
                    offer.receiving_unit_id,
                    data,
                    "payment_receipt",
                )
            )
        life.status, life.paused_since = Status.PROCESSING, None
    if finish > life.due_at and rng.random() < P_APOLOGY_IF_LATE:
        apology = life.due_at - dt.timedelta(days=1)
        if life.clock_start_at < apology <= now and apology < finish:
            life.apologised_at = apology
            life.appointment_at = finish + dt.timedelta(days=1)
            ev(
                (
                    apology,
                    "apologise",
                    life.status,
                    life.status,
                    "unit_leader",
                    offer.competent_unit_id,
                    {"new_appointment_at": _iso(life.appointment_at)},
                    "apology_slip",
                )
            )
    if finish > now:
        return
    last = life.steps[-1]
    last[4], last[5] = finish, classify_finish(finish, last[3])
    life.current_step = None
    life.finished_at = finish
    life.outcome = classify_finish(finish, life.due_at)
    if ending == "withdraw":
        life.status, life.closing_reason = Status.WITHDRAWN, "Công dân có đơn xin rút hồ sơ"
        ev(
            (
                finish,
                "withdraw",
                Status.PROCESSING,
                Status.WITHDRAWN,
                "one_stop_officer",
                offer.receiving_unit_id,
                {"reason": life.closing_reason},
                "withdrawal_record",
            )
        )
        return
    if ending == "stop":
        life.status, life.closing_reason = (
            Status.STOPPED,
            "Có tranh chấp, chờ cơ quan có thẩm quyền giải quyết",
        )
        ev(
            (
                finish,
                "stop",
                Status.PROCESSING,
                Status.STOPPED,
                "unit_leader",
                offer.competent_unit_id,
                {"reason": life.closing_reason},
                "stop_notice",
            )
        )
        return
    life.status = Status.RESOLVED
    life.e_result = rng.random() < 0.85
    life.processing_minutes = max(
        working_minutes_between(life.clock_start_at, finish, calendar) - life.paused_minutes, 0
    )
    ev(
        (
            finish,
            "resolve",
            Status.PROCESSING,
            Status.RESOLVED,
            "agency_leader",
            offer.competent_unit_id,
            {"granted": True},
            "",
        )
    )
    returned = finish + dt.timedelta(hours=rng.uniform(1, 96))
    _rate(life, returned if returned <= now else finish, rng=rng, now=now)
    if returned <= now:
        life.status, life.returned_at = Status.RETURNED, returned
        ev(
            (
                returned,
                "return_result",
                Status.RESOLVED,
                Status.RETURNED,
                "one_stop_officer",
                offer.receiving_unit_id,
                {"method": "desk"},
                "tracking_book",
            )
        )


def _rate(life: Life, after: dt.datetime, *, rng: random.Random, now: dt.datetime) -> None:
    """Most applicants rate a dossier once it has its result (DOMAIN §8)."""
    if rng.random() >= P_RATED:
        return
    rated_at = after + dt.timedelta(minutes=rng.randint(5, 7 * 24 * 60))
    if rated_at > now:
        return
    score = _weighted(SCORES, rng.random())
    visits = min(life.supplements, 2) if rng.random() < 0.9 else min(life.supplements + 1, 2)
    life.rating = (score, visits, _weighted(SOURCES, rng.random()), rated_at)
