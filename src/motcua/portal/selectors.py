"""Reads for citizens: one dossier as the lookup page shows it, and the home-page figures.
Both fix their query count."""

import datetime as dt
import functools
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core.errors import NotFound
from motcua.dossiers.lifecycle import ACTION_LABELS, normalise_phone
from motcua.dossiers.models import (
    STATUS_CODES,
    Dossier,
    DossierEvent,
    Outcome,
    Status,
    SupplementRequest,
)
from motcua.payments.models import Payment, PaymentStatus
from motcua.payments.services import amount_due

from .models import DossierFile, SatisfactionRating
from .ratings import can_rate

HIDDEN_ACTIONS = frozenset({"recompute_due"})
EXTRA_LABELS = {"pay_online": gettext_lazy("thanh toán trực tuyến phí, lệ phí")}
FINISHED = [STATUS_CODES[Status.RESOLVED], STATUS_CODES[Status.RETURNED]]


# What the lookup page and API print of a dossier and its procedure (no applicant's address,
# identity number, officers or internal steps), and its rating if any: one row, four joins.
LOOKUP_RELATED = ("procedure_version__procedure", "receiving_unit", "rating")


def _lookup_rows():
    return Dossier.objects.select_related(*LOOKUP_RELATED)


def lookup_dossier(code: str) -> Dossier | None:
    """The dossier `code` with what the lookup page prints, or None (one query)."""
    code = (code or "")[:40].strip()
    return _lookup_rows().filter(code=code).first() if code else None


def find_for_lookup(code: str, phone: str) -> Dossier:
    """The dossier `code` if `phone` is its applicant's; the same NotFound otherwise.

    One query on the unique code index, the phone compared on that one row.
    """
    code, phone = (code or "")[:40].strip(), normalise_phone((phone or "")[:20])
    dossier = (
        _lookup_rows().filter(code=code, applicant_phone=phone).first() if code and phone else None
    )
    if dossier is None:
        raise NotFound("dossier_not_found", _("Không tìm thấy hồ sơ."))
    return dossier


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
    payable: tuple | None
    rating: SatisfactionRating | None
    can_rate: bool
    extra: dict = field(default_factory=dict)

    @functools.cached_property
    def payments(self) -> list[Payment]:
        """Newest first; read when a page asks (the pay box while a payment is due)."""
        return list(Payment.objects.filter(dossier=self.dossier).order_by("-created_at", "-id"))

    @property
    def last_payment(self) -> Payment | None:
        return self.payments[0] if self.payments else None


def _label(action: str) -> str:
    text = str(ACTION_LABELS.get(action) or EXTRA_LABELS.get(action, action))
    return text[:1].upper() + text[1:]


def dossier_summary(dossier: Dossier | str) -> DossierSummary | None:
    """Everything the lookup page and API show about a dossier (or the dossier `code`).

    Given the dossier row from `find_for_lookup` or `lookup_dossier` (which bring the rating
    along), two queries whatever its history: events and files; plus the open supplement
    request when one is asked, the payment checks of `amount_due` and the payments while a
    payment is due. Given a code, one more to read the row.
    """
    if isinstance(dossier, str):
        dossier = lookup_dossier(dossier)
        if dossier is None:
            return None
    events = (
        DossierEvent.objects.filter(dossier=dossier)
        .exclude(action__in=HIDDEN_ACTIONS)
        .select_related("actor_unit")
        .only("at", "action", "to_status", "actor_unit__name")
        .order_by("seq")
    )
    steps = [
        Step(
            at=e.at,
            label=_label(e.action),
            unit=e.actor_unit.name if e.actor_unit else "",
            status=str(Status(e.to_status).label) if e.to_status else "",
        )
        for e in events
    ]
    supplement = None
    if dossier.status == Status.SUPPLEMENT_REQUESTED:
        supplement = (
            SupplementRequest.objects.filter(dossier=dossier, fulfilled_at__isnull=True)
            .order_by("-requested_at", "-id")
            .first()
        )
    try:
        rating = dossier.rating
    except SatisfactionRating.DoesNotExist:
        rating = None
    return DossierSummary(
        dossier=dossier,
        status_label=str(Status(dossier.status).label),
        steps=steps,
        supplement=supplement,
        files=list(DossierFile.objects.filter(dossier=dossier).select_related("part")),
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
