"""Reads for citizens: one dossier as the lookup page and the public lookup API show it, and
the home-page figures. Each fixes its query count."""

import datetime as dt
import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connections, router
from django.db.models import Avg, Count, Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.core.errors import NotFound
from motcua.dossiers.lifecycle import ACTION_LABELS, normalise_phone, phone_spellings
from motcua.dossiers.models import (
    STATUS_CODES,
    Dossier,
    DossierEvent,
    Outcome,
    Status,
    SupplementRequest,
)
from motcua.organization.models import Unit
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
        _lookup_rows().filter(code=code, applicant_phone__in=phone_spellings(phone)).first()
        if code and phone
        else None
    )
    if dossier is None:
        raise NotFound("dossier_not_found", _("Không tìm thấy hồ sơ."))
    return dossier


class PreparedRead:
    """A `values_list()` read compiled to SQL once per database connection, then run again
    with other parameter values, its rows converted as the ORM converts them.

    Django compiles a queryset on every evaluation: about 1 ms for the public lookup's read of
    a dossier with its procedure, unit and rating, several times what PostgreSQL takes to
    answer it. `build(**params)` makes the queryset; `samples` gives each parameter a value
    that stands for it in the compiled SQL (each must appear exactly once among its
    parameters, and be passed to the database unchanged: a text or an integer).
    """

    def __init__(self, build: Callable[..., QuerySet], **samples):
        self._build = build
        self._samples = samples
        self._local = threading.local()  # connections are per thread: so are their compilations

    def _compiled(self, using: str):
        connection = connections[using]
        done = getattr(self._local, "done", None)
        if done is None:
            done = self._local.done = {}
        compiled = done.get(using)
        if compiled is None or compiled[0] is not connection:
            compiled = done[using] = (connection, *self._compile(connection))
        return compiled

    def _compile(self, connection):
        compiler = self._build(**self._samples).query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        slots = []
        for value in params:
            names = [n for n, sample in self._samples.items() if type(value) is type(sample)
                     and value == sample]  # fmt: skip
            slots.append((names[0], None) if names else (None, value))
        if sorted(n for n, _v in slots if n) != sorted(self._samples):
            raise ValueError(f"each sample must appear once in the parameters: {params}")
        fields = [column for column, _sql, _alias in compiler.select[: compiler.col_count]]
        return sql, slots, list(compiler.get_converters(fields).items())

    def rows(self, using: str, **params) -> list[list]:
        connection, sql, slots, converters = self._compiled(using)
        with connection.cursor() as cursor:
            cursor.execute(sql, [params[n] if n else value for n, value in slots])
            rows = cursor.fetchall()
        if not converters:
            return rows
        converted = []
        for row in map(list, rows):
            for position, (functions, expression) in converters:
                value = row[position]
                for function in functions:
                    value = function(value, expression, connection)
                row[position] = value
            converted.append(row)
        return converted


@dataclass
class Step:
    at: dt.datetime
    label: str
    unit: str
    status: str


def _in_model_order(model, names: set[str]) -> tuple[str, ...]:
    # Model.from_db takes the loaded columns in the order of the model's fields.
    return tuple(f.attname for f in model._meta.concrete_fields if f.attname in names)


# The public lookup API's two reads, compiled once (PreparedRead). First the dossier's own
# columns that the answer shows or that decide it (which payment is due), its procedure
# version's, then its procedure's code, unit's name and whether it is rated: one row (the code
# is unique), or none when the phone is not the applicant's. The last three are subqueries on
# primary keys rather than joins: PostgreSQL plans the five-table join in twice the time.
_OWN_COLUMNS = _in_model_order(Dossier, {
    "id", "code", "status", "status_code", "submitted_at", "received_at", "due_at",
    "appointment_at", "finished_at", "granted", "result_number", "result_date", "result_file",
    "fee_amount", "paid_amount", "paid_at", "payment_receipt_number", "paid_online",
    "procedure_version_id",
})  # fmt: skip
_VERSION_COLUMNS = _in_model_order(
    ProcedureVersion, {"id", "name", "online_payment", "result_on_paper"}
)


def _name_of(model, key: str, column: str = "name") -> Subquery:
    return Subquery(model.objects.filter(pk=OuterRef(key)).order_by().values(column))


_PUBLIC_DOSSIER = PreparedRead(
    lambda code, phone, other_phone: (
        Dossier.objects.filter(code=code)
        .filter(Q(applicant_phone=phone) | Q(applicant_phone=other_phone))
        .order_by()
        .values_list(
            *_OWN_COLUMNS,
            *(f"procedure_version__{name}" for name in _VERSION_COLUMNS if name != "id"),
            _name_of(Procedure, "procedure_version__procedure_id", "code"),
            _name_of(Unit, "receiving_unit_id"),
            Exists(SatisfactionRating.objects.filter(dossier_id=OuterRef("pk"))),
        )
    ),
    code="\x00code",
    phone="\x00phone",
    other_phone="\x00other_phone",
)
# Then its steps in order, on the (dossier, seq) index.
_PUBLIC_STEPS = PreparedRead(
    lambda dossier: (
        DossierEvent.objects.filter(dossier_id=dossier)
        .exclude(action__in=sorted(HIDDEN_ACTIONS))
        .order_by("seq")
        .values_list("at", "action", "to_status", _name_of(Unit, "actor_unit_id"))
    ),
    dossier=-(2**62),
)


@dataclass
class PublicLookup:
    """What the public lookup API answers about one dossier (`public_lookup`)."""

    # Only the columns of _OWN_COLUMNS (the others deferred), and its procedure version with
    # only those of _VERSION_COLUMNS.
    dossier: Dossier
    procedure_code: str
    receiving_unit: str
    status_label: str
    steps: list[dict]
    supplement: SupplementRequest | None
    payable: tuple | None
    rated: bool
    can_rate: bool


def public_lookup(code: str, phone: str) -> PublicLookup:
    """The public lookup API's answer for the dossier `code` if `phone` is its applicant's;
    the same NotFound otherwise (after the same one query).

    Two queries whatever the dossier's history: the dossier with its procedure, unit and
    rating, then its steps; plus the open supplement request when one is asked, and the
    payment checks of `amount_due` while a payment may be due.
    """
    code, phone = (code or "")[:40].strip(), normalise_phone((phone or "")[:20])
    using = router.db_for_read(Dossier)
    phone, other_phone = phone_spellings(phone)
    rows = (
        _PUBLIC_DOSSIER.rows(using, code=code, phone=phone, other_phone=other_phone)
        if code and phone
        else ()
    )
    if not rows:
        raise NotFound("dossier_not_found", _("Không tìm thấy hồ sơ."))
    row, own = rows[0], len(_OWN_COLUMNS)
    versioned = own + len(_VERSION_COLUMNS) - 1
    dossier = Dossier.from_db(using, _OWN_COLUMNS, row[:own])
    dossier.procedure_version = ProcedureVersion.from_db(
        using, _VERSION_COLUMNS, (dossier.procedure_version_id, *row[own:versioned])
    )
    procedure_code, unit, rated = row[versioned:]
    steps = [
        {
            "at": at,
            "label": _step_label(action),
            "unit": unit_name or "",
            "status": _status_label(to_status),
        }
        for at, action, to_status, unit_name in _PUBLIC_STEPS.rows(
            router.db_for_read(DossierEvent), dossier=dossier.pk
        )
    ]
    return PublicLookup(
        dossier=dossier,
        procedure_code=procedure_code,
        receiving_unit=unit,
        status_label=_status_label(dossier.status),
        steps=steps,
        supplement=_open_supplement(dossier),
        payable=amount_due(dossier),
        rated=rated,
        can_rate=not rated and can_rate(dossier),
    )


def _open_supplement(dossier: Dossier) -> SupplementRequest | None:
    if dossier.status != Status.SUPPLEMENT_REQUESTED:
        return None
    return (
        SupplementRequest.objects.filter(dossier=dossier, fulfilled_at__isnull=True)
        .order_by("-requested_at", "-id")
        .first()
    )


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


@functools.lru_cache(maxsize=1024)
def _translated(kind: str, value: str, language: str | None) -> str:
    # The catalogues do not change while a process runs: each label once per language.
    return _label(value) if kind == "action" else str(Status(value).label)


def _step_label(action: str) -> str:
    return _translated("action", action, get_language())


def _status_label(status: str) -> str:
    return _translated("status", status, get_language()) if status else ""


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
    supplement = _open_supplement(dossier)
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
