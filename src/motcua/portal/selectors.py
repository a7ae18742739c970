"""Reads for citizens: one dossier as the lookup page shows it, and the home-page figures.
Both fix their query count."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from motcua.dossiers.access import access_dossier
from motcua.dossiers.lifecycle import ACTION_LABELS, Citizen
from motcua.dossiers.models import STATUS_CODES, Dossier, Outcome, Status
from motcua.dossiers.selectors import dossier_with_history
from motcua.payments.models import Payment, PaymentStatus
from motcua.payments.services import amount_due

from .models import DossierFile, SatisfactionRating
from .ratings import can_rate

HIDDEN_ACTIONS = frozenset({"recompute_due"})
EXTRA_LABELS = {"pay_online": gettext_lazy("thanh toán trực tuyến phí, lệ phí")}
FINISHED = [STATUS_CODES[Status.RESOLVED], STATUS_CODES[Status.RETURNED]]


def find_for_lookup(code: str, phone: str) -> Dossier:
    """The dossier `code` if `phone` is its applicant's; the same NotFound otherwise."""
    return access_dossier(Citizen(phone=(phone or "")[:20]), (code or "")[:40])


@dataclass
class Step:
    at: dt.datetime
    label: str
    unit: str
    status: str


@dataclass
class DossierSummary:
    dossier: Dossier
    status_label: str
    steps: list[Step]
    supplement: object | None
    files: list[DossierFile]
    payments: list[Payment]
    payable: tuple | None
    rating: SatisfactionRating | None
    can_rate: bool
    extra: dict = field(default_factory=dict)

    @property
    def last_payment(self) -> Payment | None:
        return self.payments[0] if self.payments else None


def _label(action: str) -> str:
    text = str(ACTION_LABELS.get(action) or EXTRA_LABELS.get(action, action))
    return text[:1].upper() + text[1:]


def dossier_summary(code: str) -> DossierSummary | None:
    """Everything the lookup page and API show about dossier `code`, in 9–10 queries."""
    dossier = dossier_with_history(code)
    if dossier is None:
        return None
    steps = [
        Step(
            at=e.at,
            label=_label(e.action),
            unit=e.actor_unit.name if e.actor_unit else "",
            status=str(Status(e.to_status).label) if e.to_status else "",
        )
        for e in dossier.events.all()
        if e.action not in HIDDEN_ACTIONS
    ]
    open_supplements = [s for s in dossier.supplements.all() if s.fulfilled_at is None]
    supplement = (
        open_supplements[-1] if dossier.status == Status.SUPPLEMENT_REQUESTED and open_supplements
        else None
    )  # fmt: skip
    rating = SatisfactionRating.objects.filter(dossier=dossier).first()
    return DossierSummary(
        dossier=dossier,
        status_label=str(Status(dossier.status).label),
        steps=steps,
        supplement=supplement,
        files=list(DossierFile.objects.filter(dossier=dossier).select_related("part")),
        payments=list(Payment.objects.filter(dossier=dossier).order_by("-created_at", "-id")),
        payable=amount_due(dossier),
        rating=rating,
        can_rate=rating is None and can_rate(dossier),
    )


def paid_payments(summary: DossierSummary) -> list[Payment]:
    return [p for p in summary.payments if p.status == PaymentStatus.PAID]


@dataclass
class HomeFigures:
    since: dt.date
    most_used: list[dict]
    finished: int
    on_time: int
    ratings: int
    satisfied: int
    mean_score: float | None

    @property
    def on_time_rate(self) -> float | None:
        return round(100 * self.on_time / self.finished, 2) if self.finished else None

    @property
    def satisfaction_rate(self) -> float | None:
        return round(100 * self.satisfied / self.ratings, 2) if self.ratings else None


def home_figures(*, at: dt.datetime | None = None, top: int = 6) -> HomeFigures:
    """Most used procedures and the last 12 months' on-time and satisfaction rates.
    Three queries whatever the volume (the fields come with the catalogue's filters)."""
    at = at or timezone.now()
    since = at - dt.timedelta(days=365)
    counts: dict[str, dict] = {}
    rows = (
        Dossier.objects.filter(submitted_at__gte=since, submitted_at__lte=at)
        .values("procedure_version__procedure__code", "procedure_version__name")
        .annotate(n=Count("id"), latest=Max("procedure_version__effective_from"))
        .order_by("latest")
    )
    for row in rows:  # one row per version used; the newest version names the procedure
        code = row["procedure_version__procedure__code"]
        entry = counts.setdefault(code, {"code": code, "name": "", "count": 0})
        entry["count"] += row["n"]
        entry["name"] = row["procedure_version__name"]
    most_used = sorted(counts.values(), key=lambda e: (-e["count"], e["code"]))[:top]
    done = Dossier.objects.filter(
        status_code__in=FINISHED, finished_at__gte=since, finished_at__lte=at
    ).aggregate(
        finished=Count("id", filter=~Q(outcome="")),
        on_time=Count("id", filter=Q(outcome__in=[Outcome.EARLY, Outcome.ON_TIME])),
    )
    rated = SatisfactionRating.objects.filter(rated_at__gte=since, rated_at__lte=at).aggregate(
        n=Count("id"), satisfied=Count("id", filter=Q(score__gte=4)), mean=Avg("score")
    )
    return HomeFigures(
        since=timezone.localdate(since),
        most_used=most_used,
        finished=done["finished"],
        on_time=done["on_time"],
        ratings=rated["n"],
        satisfied=rated["satisfied"],
        mean_score=round(rated["mean"], 2) if rated["mean"] is not None else None,
    )
