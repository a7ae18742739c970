"""What every figure means (DOMAIN §6.6, §8, §9), and the naive recount straight from dossiers.

Bases (both use local dates, Asia/Ho_Chi_Minh, inclusive):
- `received` (default): the dossiers received in the period (the tracking book's set) with
  their outcome as of the report instant; refused submissions count by their refusal date.
- `resolved` (the Decision 766 view): outcomes of the dossiers that finished in the period;
  intake figures (received, channels, supplements, payments, digitisation) still count the
  dossiers received in the period; "open" means open at the period's end.

`resolved` = dossiers that entered state 9 (granted or not); `early`/`on_time`/`late`
partition them. Withdrawn and stopped dossiers finish the clock but are counted apart.
Rates are fractions between 0 and 1, `None` when the denominator is 0.
"""

import datetime as dt
import re
from dataclasses import dataclass, field, fields
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError
from motcua.dossiers.deadlines import classify_finish, local_date
from motcua.dossiers.models import Channel, Outcome, PaidOnline, Status

from .models import FinalState

IN_TIME = "in_time"
OVERDUE = "overdue"
WORKING_DAY_MINUTES = 480

# Counters read from the rows of the receipt basis whatever the basis asked.
INTAKE_COUNTERS = (
    "received",
    "refused",
    "supplements",
    "apologies",
    "fee_bearing",
    "paid_online",
    "digitised",
    "reused",
)
# Counters read from the basis asked: outcome as of now (received) or in the period (resolved).
FINISH_COUNTERS = (
    "resolved",
    "early",
    "on_time",
    "late",
    "withdrawn",
    "stopped",
    "e_result",
    "processing_minutes",
    "committed_minutes",
    "statutory_minutes",
    "rated",
    "satisfied",
    "disliked",
    "score_sum",
)


def zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def day_start(day: dt.date) -> dt.datetime:
    """Local midnight opening `day`, as an aware instant."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=zone())


@dataclass(frozen=True)
class Period:
    """Local dates `start`..`end`, both inclusive."""

    start: dt.date
    end: dt.date
    label: str = ""

    def __post_init__(self):
        if self.start > self.end:
            raise DomainError(
                "bad_period", _("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc của kỳ báo cáo.")
            )

    @property
    def end_instant(self) -> dt.datetime:
        return day_start(self.end + dt.timedelta(days=1))

    def contains(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def previous(self) -> "Period":
        """The period of the same kind just before (a month before a month, …)."""
        kind, _sep, _rest = self.label.partition(":")
        if kind == "year":
            return year_period(self.start.year - 1)
        if kind == "quarter":
            q = (self.start.month - 1) // 3 + 1
            return quarter_period(self.start.year - (q == 1), 4 if q == 1 else q - 1)
        if kind == "month":
            before = self.start - dt.timedelta(days=1)
            return month_period(before.year, before.month)
        length = self.end - self.start
        end = self.start - dt.timedelta(days=1)
        return Period(end - length, end)


def month_period(year: int, month: int) -> Period:
    after = dt.date(year + (month == 12), month % 12 + 1, 1)
    return Period(
        dt.date(year, month, 1), after - dt.timedelta(days=1), f"month:{year}-{month:02d}"
    )


def quarter_period(year: int, quarter: int) -> Period:
    first = month_period(year, 3 * quarter - 2)
    last = month_period(year, 3 * quarter)
    return Period(first.start, last.end, f"quarter:{year}-Q{quarter}")


def year_period(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), f"year:{year}")


_PERIOD_RE = re.compile(r"^(\d{4})(?:-(?:Q([1-4])|(0[1-9]|1[0-2])))?$")


def parse_period(text: str) -> Period:
    """`YYYY`, `YYYY-Qn` or `YYYY-MM`; refuses anything else in Vietnamese."""
    match = _PERIOD_RE.match((text or "").strip())
    if match is None or not 2000 <= int(match[1]) <= 2100:
        raise DomainError(
            "bad_period",
            _("Kỳ báo cáo phải có dạng YYYY, YYYY-Qn (quý) hoặc YYYY-MM (tháng), ví dụ 2026-Q1."),
            status=422,
        )
    year = int(match[1])
    if match[2]:
        return quarter_period(year, int(match[2]))
    if match[3]:
        return month_period(year, int(match[3]))
    return year_period(year)


def parse_day(text: str, *, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat((text or "").strip())
    except ValueError:
        raise DomainError(
            "bad_date",
            _("Ngày “%(name)s” phải có dạng YYYY-MM-DD.") % {"name": name},
            status=422,
        ) from None


def rate(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@dataclass
class Figures:
    """The counters of one group and the rates derived from them."""

    received: int = 0
    received_direct: int = 0
    received_online: int = 0
    received_postal: int = 0
    refused: int = 0
    resolved: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    withdrawn: int = 0
    stopped: int = 0
    open_in_time: int = 0
    open_overdue: int = 0
    supplements: int = 0
    apologies: int = 0
    fee_bearing: int = 0
    paid_online: int = 0
    e_result: int = 0
    digitised: int = 0
    reused: int = 0
    processing_minutes: int = 0
    committed_minutes: int = 0
    statutory_minutes: int = 0
    rated: int = 0
    satisfied: int = 0
    disliked: int = 0
    score_sum: int = 0
    extra: dict = field(default_factory=dict, compare=False)

    def add(self, other: "Figures") -> None:
        mine, theirs = self.__dict__, other.__dict__
        for name in FIGURE_COUNTERS:
            if theirs[name]:
                mine[name] += theirs[name]

    def counters(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in FIGURE_COUNTERS}

    @property
    def on_time_rate(self) -> float | None:
        return rate(self.early + self.on_time, self.resolved)

    @property
    def early_rate(self) -> float | None:
        return rate(self.early, self.resolved)

    @property
    def late_rate(self) -> float | None:
        return rate(self.late, self.resolved)

    @property
    def online_rate(self) -> float | None:
        return rate(self.received_online, self.received)

    @property
    def online_payment_rate(self) -> float | None:
        return rate(self.paid_online, self.fee_bearing)

    @property
    def e_result_rate(self) -> float | None:
        return rate(self.e_result, self.resolved)

    @property
    def digitisation_rate(self) -> float | None:
        return rate(self.digitised, self.received)

    @property
    def reuse_rate(self) -> float | None:
        return rate(self.reused, self.received)

    @property
    def satisfaction_index(self) -> float | None:
        """Ratings 4–5 ÷ all ratings (DOMAIN §8), as a fraction."""
        return rate(self.satisfied, self.rated)

    @property
    def mean_score(self) -> float | None:
        return rate(self.score_sum, self.rated)

    @property
    def avg_processing_days(self) -> float | None:
        return rate(self.processing_minutes, self.resolved * WORKING_DAY_MINUTES)

    @property
    def avg_committed_days(self) -> float | None:
        return rate(self.committed_minutes, self.resolved * WORKING_DAY_MINUTES)

    @property
    def avg_statutory_days(self) -> float | None:
        return rate(self.statutory_minutes, self.resolved * WORKING_DAY_MINUTES)

    @property
    def open_total(self) -> int:
        return self.open_in_time + self.open_overdue

    def as_dict(self) -> dict:
        rates = (
            "on_time_rate",
            "early_rate",
            "late_rate",
            "online_rate",
            "online_payment_rate",
            "e_result_rate",
            "digitisation_rate",
            "reuse_rate",
            "satisfaction_index",
            "mean_score",
            "avg_processing_days",
            "avg_committed_days",
            "avg_statutory_days",
        )
        return {**self.counters(), **{name: getattr(self, name) for name in rates}}


# The counters of `Figures`, in field order (every field but `extra`).
FIGURE_COUNTERS: tuple[str, ...] = tuple(f.name for f in fields(Figures) if f.name != "extra")


# --- one dossier ------------------------------------------------------------------------------


def final_state_of(status: str) -> str:
    if status in (Status.RESOLVED, Status.RETURNED):
        return FinalState.RESOLVED
    if status in (Status.WITHDRAWN, Status.STOPPED, Status.REFUSED):
        return str(status)
    return FinalState.NONE


def outcome_of(finished_at: dt.datetime | None, due_at: dt.datetime | None) -> str:
    """§6.6 class of a finish instant against the due instant ('' when either is missing)."""
    if finished_at is None or due_at is None:
        return ""
    return classify_finish(finished_at, due_at)


def open_class(
    *, due_at: dt.datetime | None, paused_since: dt.datetime | None, at: dt.datetime
) -> str:
    """§6.6 for a dossier open at instant `at`: in time if `at` ≤ due; a dossier paused since
    an instant ≤ `at` is judged at the pause's start."""
    if due_at is None:
        return ""
    reference = paused_since if paused_since is not None and paused_since <= at else at
    return IN_TIME if reference <= due_at else OVERDUE


def _finish_into(figures: Figures, dossier, final: str, processing_minutes) -> None:
    if final == FinalState.RESOLVED:
        figures.resolved += 1
        outcome = outcome_of(dossier.finished_at, dossier.due_at)
        if outcome:
            setattr(figures, outcome, getattr(figures, outcome) + 1)
        figures.e_result += bool(dossier.e_result)
        figures.processing_minutes += processing_minutes(dossier)
        figures.committed_minutes += dossier.duration_minutes
        figures.statutory_minutes += dossier.procedure_version.statutory_minutes
    elif final == FinalState.WITHDRAWN:
        figures.withdrawn += 1
    elif final == FinalState.STOPPED:
        figures.stopped += 1
    score = getattr(dossier, "rating_score", 0) or 0
    if score and final == FinalState.RESOLVED:
        figures.rated += 1
        figures.satisfied += score >= 4
        figures.disliked += score <= 2
        figures.score_sum += score


def recount(
    dossiers, *, period: Period, basis: str, at: dt.datetime, processing_minutes
) -> Figures:
    """Figures of `dossiers` (an iterable of Dossier with `refused_at`, `supplement_count`,
    `has_digitised`, `has_reused` and `rating_score` attributes) for `period`, counted one by
    one. Slow on purpose: it is the definition the rollups are checked against."""
    figures = Figures()
    end = min(period.end_instant, at)
    for d in dossiers:
        final = final_state_of(d.status)
        if final == FinalState.REFUSED:
            if period.contains(local_date(d.refused_at)):
                figures.refused += 1
            continue
        if d.received_at is None:
            continue
        received_in = period.contains(local_date(d.received_at))
        if received_in:
            figures.received += 1
            channel = {Channel.DIRECT: "direct", Channel.ONLINE: "online"}.get(d.channel, "postal")
            setattr(figures, f"received_{channel}", getattr(figures, f"received_{channel}") + 1)
            figures.supplements += d.supplement_count
            figures.apologies += d.apologised_at is not None
            figures.fee_bearing += bool(d.fee_amount)
            figures.paid_online += d.paid_online in (
                PaidOnline.NATIONAL_PORTAL,
                PaidOnline.LOCAL_GATEWAY,
            )
            figures.digitised += bool(d.has_digitised)
            figures.reused += bool(d.has_reused)
        if basis == "received":
            if not received_in:
                continue
            if d.finished_at is not None:
                _finish_into(figures, d, final, processing_minutes)
            else:
                cls = open_class(due_at=d.due_at, paused_since=d.paused_since, at=at)
                figures.open_in_time += cls == IN_TIME
                figures.open_overdue += cls == OVERDUE
            continue
        if d.finished_at is not None and period.contains(local_date(d.finished_at)):
            _finish_into(figures, d, final, processing_minutes)
        open_at_end = d.received_at < period.end_instant and (
            d.finished_at is None or d.finished_at >= period.end_instant
        )
        if open_at_end:
            cls = open_class(due_at=d.due_at, paused_since=d.paused_since, at=end)
            figures.open_in_time += cls == IN_TIME
            figures.open_overdue += cls == OVERDUE
    return figures


__all__ = ["IN_TIME", "OVERDUE", "Figures", "Outcome", "Period", "parse_period", "recount"]
