"""The dossier slips (Mẫu 01–06) as HTML and PDF.

    render_slip(dossier, kind, *, event=None, paper=None) -> bytes       # PDF
    render_slip_html(dossier, kind, *, event=None, paper=None) -> str    # same page as HTML

`kind` is a `SlipKind` value: receipt_slip, supplement_request, refusal_slip, apology_slip,
stop_notice, control_slip. The form number, title and paper come from `formsets.form_for`
(kind × the dossier's regime); `paper="A4"` prints any slip on A4. `event` is the
`DossierEvent` that produced the slip (its instant, actor and note are printed); without it
the latest matching event is used. A slip the dossier has no reason to have (a receipt slip
for a dossier never received, a refusal slip for one that was not refused…) is refused with
`DomainError("slip_not_available")`. These functions do not check who asks: the caller does.
"""

import datetime as dt
import hashlib
import logging
from contextlib import nullcontext

from django.db import DatabaseError, IntegrityError, connections, router, transaction
from django.db.models import Exists, Func, IntegerField, OuterRef, Q, Subquery
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalog.models import DossierPart, PartForm
from motcua.core.errors import DomainError
from motcua.dossiers.models import (
    STATUS_CODES,
    Dossier,
    DossierEvent,
    DossierPartReceived,
    DossierStep,
    Outcome,
    ReturnMethod,
    SlipKind,
    Status,
    SupplementRequest,
)
from motcua.reports.models import Basis, UnitDailyRollup, UnitMonthlyRollup

from .formsets import SLIP_KINDS, FormSpec, check_paper, form_for
from .letterhead import person_name, place_of
from .lookup import lookup_url, qr_data_uri
from .models import IssuedSlip
from .pdf import collecting_less_often, html_to_pdf
from .tracking import day_start

log = logging.getLogger(__name__)


def _unavailable(message: str) -> DomainError:
    return DomainError("slip_not_available", message, status=409)


# Whose letterhead the slip carries: the one-stop unit, or the agency that decides.
ISSUER_IS_COMPETENT = {SlipKind.APOLOGY_SLIP, SlipKind.STOP_NOTICE}

# What a slip's page reads through its dossier, besides the procedure and the issuing unit
# with its parents (the letterhead): loaded with the dossier, in the same query.
_ALSO_RELATED = {
    SlipKind.APOLOGY_SLIP: ("receiving_unit",),
    SlipKind.STOP_NOTICE: ("receiving_unit", "current_step__unit"),
    SlipKind.CONTROL_SLIP: ("competent_unit", "receiving_unit"),
}


def _load(dossier: Dossier, kind: str) -> Dossier:
    """The dossier with everything the slip's page needs, in one query (joining only those
    tables: PostgreSQL plans a join of all of them in a few milliseconds)."""
    issuer = "competent_unit" if kind in ISSUER_IS_COMPETENT else "receiving_unit"
    return Dossier.objects.select_related(
        "procedure_version__procedure",
        f"{issuer}__parent__parent__parent",
        *_ALSO_RELATED.get(kind, ()),
    ).get(pk=dossier.pk)


def _events(dossier: Dossier) -> list[DossierEvent]:
    return list(dossier.events.select_related("actor", "actor_unit").order_by("seq"))


def _last(events: list[DossierEvent], action: str, event: DossierEvent | None):
    """The given event if it is an `action` event of this dossier, else the latest one."""
    if event is not None and event.action == action:
        return event
    return next((e for e in reversed(events) if e.action == action), None)


def _count(rows) -> Subquery:
    # COUNT(*), not COUNT(id): a count that names no column can come from an index alone.
    return Subquery(
        rows.order_by().values(n=Func(template="COUNT(*)", output_field=IntegerField()))
    )


def _received_sum(model, unit_id: int, first: dt.date, before: dt.date) -> Subquery:
    """Entries of `unit_id`'s book on the local days [first, before), from a statistics
    rollup on the `received` basis: `received` counts each dossier on its receipt date,
    `refused` each refused submission on its refusal date."""
    rows = model.objects.filter(
        basis=Basis.RECEIVED, receiving_unit_id=unit_id, day__gte=first, day__lt=before
    )
    return Subquery(
        rows.order_by().values(
            n=Func(template='COALESCE(SUM("received" + "refused"), 0)', output_field=IntegerField())
        )
    )


def book_entry_number(dossier: Dossier) -> int | None:
    """The dossier's entry number in its receiving unit's tracking book for the year.

    Entries are numbered from 1 each calendar year (local time) in order of receipt (refused
    submissions at their refusal), as `book_entries` orders them. One query: the entries of
    the year's earlier months and of this month's earlier days are read from the statistics
    rollups (unit × month, unit × day), which are kept exact in the transaction of every
    dossier event (`reports.facts`); the entries of the dossier's own day are counted from
    the dossiers themselves — those received from the day's start up to this one's instant
    (a range of the (receiving unit, receipt instant) index), those received at that very
    instant up to this one, and the refused submissions whose refusal came before. A ward
    receiving 250,000 dossiers a year is thus counted over a day, not over the year.
    """
    if dossier.received_at is None:
        return None
    at, pk, unit_id = dossier.received_at, dossier.pk, dossier.receiving_unit_id
    day = timezone.localtime(at).date()
    month = day.replace(day=1)
    start = day_start(day)
    book = Dossier.objects.filter(receiving_unit_id=unit_id)
    refusal = DossierEvent.objects.filter(dossier=OuterRef("pk"), action="refuse", at__gte=start)
    counts = (
        Dossier.objects.filter(pk=pk)
        .order_by()
        .values_list(
            _received_sum(UnitMonthlyRollup, unit_id, day.replace(month=1, day=1), month),
            _received_sum(UnitDailyRollup, unit_id, month, day),
            _count(book.filter(received_at__gte=start, received_at__lt=at)),
            _count(book.filter(received_at=at, pk__lte=pk)),
            _count(
                book.filter(received_at__isnull=True, status_code=STATUS_CODES[Status.REFUSED])
                # A refusal is final: one "refuse" event per refused submission.
                .filter(Exists(refusal.filter(Q(at__lt=at) | Q(at=at, dossier_id__lte=pk))))
            ),
        )
        .first()
    )
    return sum(counts) if counts else None


# --- per-kind content ---------------------------------------------------------------------


def _receipt(dossier, events, event) -> dict:
    if dossier.received_at is None:
        raise _unavailable(_("Hồ sơ chưa được tiếp nhận nên chưa có giấy tiếp nhận."))
    received = _last(events, "receive", event)
    parts = DossierPartReceived.objects.filter(dossier=dossier).select_related("part")
    version = dossier.procedure_version
    return {
        "issued_at": dossier.received_at,
        "parts": [
            {"name": p.part.name, "form": p.get_form_display(), "copies": p.copies} for p in parts
        ],
        "sets": 1,
        "fees": list(version.fees.all()),
        "fee_amount": dossier.fee_amount,
        "statutory_minutes": version.statutory_minutes,
        "committed_minutes": dossier.duration_minutes or version.committed_minutes,
        "time_unit": version.time_unit,
        "appointment_at": dossier.appointment_at or dossier.due_at,
        "return_method": _return_method(dossier),
        "book_year": timezone.localtime(dossier.received_at).year,
        "book_entry": book_entry_number(dossier),
        "officer": person_name(received.actor) if received else "",
    }


def _return_method(dossier: Dossier) -> str:
    if dossier.return_method:
        return str(ReturnMethod(dossier.return_method).label)
    version = dossier.procedure_version
    ways = [
        (version.result_at_desk, ReturnMethod.DESK),
        (version.result_by_post, ReturnMethod.POST),
        (version.result_online, ReturnMethod.ELECTRONIC),
    ]
    labels = [str(method.label) for offered, method in ways if offered]
    return "; ".join(labels) or str(ReturnMethod.DESK.label)


_FORM_COLUMNS = (PartForm.ORIGINAL, PartForm.CERTIFIED_COPY, PartForm.COPY)


def _form_label(form: str) -> str:
    return str(PartForm(form).label) if form in PartForm.values else form


def _supplement_items(items: list) -> list[dict]:
    """Items as stored by the service (names, or dicts with part/name/form/copies/note)."""
    part_ids = [i.get("part_id") or i.get("part") for i in items if isinstance(i, dict)]
    names = dict(
        DossierPart.objects.filter(pk__in=[p for p in part_ids if p]).values_list("pk", "name")
    )
    rows = []
    for item in items:
        if not isinstance(item, dict):
            rows.append({"name": str(item), "form": "", "other_form": "", "copies": "", "note": ""})
            continue
        part = item.get("part_id") or item.get("part")
        form = item.get("form", "")
        rows.append(
            {
                "name": item.get("name") or names.get(part, ""),
                "form": form,
                "other_form": "" if form in _FORM_COLUMNS else _form_label(form),
                "copies": item.get("copies", ""),
                "note": item.get("note", ""),
            }
        )
    return rows


def _supplement(dossier, events, event) -> dict:
    requests = SupplementRequest.objects.filter(dossier=dossier).select_related("requested_by")
    if event is not None and event.action == "request_supplement":
        requests = requests.filter(requested_at__lte=event.at)
    request = requests.order_by("-requested_at", "-id").first()
    if request is None:
        raise _unavailable(_("Hồ sơ không có yêu cầu bổ sung, hoàn thiện."))
    requested = _last(events, "request_supplement", event)
    officer = request.requested_by or (requested.actor if requested else None)
    return {
        "issued_at": request.requested_at,
        "supplement": request,
        "items": _supplement_items(request.items or []),
        "reason": request.reason or (requested.note if requested else ""),
        "officer": person_name(officer),
        "officer_email": getattr(officer, "email", "") or "",
        "forms": [(form, _form_label(form)) for form in _FORM_COLUMNS],
    }


def _refusal(dossier, events, event) -> dict:
    if dossier.status != Status.REFUSED:
        raise _unavailable(_("Hồ sơ không bị từ chối tiếp nhận."))
    refused = _last(events, "refuse", event)
    return {
        "issued_at": refused.at if refused else dossier.submitted_at,
        "reason": dossier.closing_reason or (refused.note if refused else ""),
        "officer": person_name(refused.actor) if refused else "",
    }


def _apology(dossier, events, event) -> dict:
    apology = _last(events, "apologise", event)
    if dossier.apologised_at is None and apology is None:
        raise _unavailable(_("Hồ sơ không có phiếu xin lỗi."))
    data = apology.data if apology else {}
    original = _instant(data.get("old_appointment_at")) or dossier.due_at
    return {
        "issued_at": apology.at if apology else dossier.apologised_at,
        "original_due": original,
        "new_date": _instant(data.get("new_appointment_at")) or dossier.appointment_at,
        "reason": (apology.note if apology else "") or data.get("reason", ""),
        "signer": person_name(apology.actor) if apology else "",
    }


def _instant(value) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _stop(dossier, events, event) -> dict:
    if dossier.status != Status.STOPPED:
        raise _unavailable(_("Hồ sơ không bị dừng giải quyết."))
    stopped = _last(events, "stop", event)
    step = dossier.current_step
    return {
        "issued_at": stopped.at if stopped else dossier.finished_at,
        "reason": dossier.closing_reason or (stopped.note if stopped else ""),
        "stage_status": str(Status(stopped.from_status).label)
        if stopped and stopped.from_status
        else "",
        "stage_step": step,
        "signer": person_name(stopped.actor) if stopped else "",
    }


def _control(dossier, events, event) -> dict:
    if dossier.received_at is None:
        raise _unavailable(_("Hồ sơ chưa được tiếp nhận nên chưa có phiếu kiểm soát."))
    steps = DossierStep.objects.filter(dossier=dossier).select_related(
        "unit", "holder", "giver_unit", "giver"
    )
    rows = [
        {
            "order": step.order,
            "name": step.name,
            "giver_unit": step.giver_unit.name if step.giver_unit else dossier.receiving_unit.name,
            "giver": person_name(step.giver),
            "unit": step.unit.name,
            "holder": person_name(step.holder),
            "at": step.started_at,
            "due_at": step.due_at,
            "ended_at": step.ended_at,
            "outcome": str(Outcome(step.outcome).label) if step.outcome else "",
            "note": step.note,
        }
        for step in steps.order_by("order")
    ]
    return {"issued_at": dossier.received_at, "rows": rows}


BUILDERS = {
    SlipKind.RECEIPT_SLIP: _receipt,
    SlipKind.SUPPLEMENT_REQUEST: _supplement,
    SlipKind.REFUSAL_SLIP: _refusal,
    SlipKind.APOLOGY_SLIP: _apology,
    SlipKind.STOP_NOTICE: _stop,
    SlipKind.CONTROL_SLIP: _control,
}


def slip_context(dossier: Dossier, kind: str, *, event=None, paper=None) -> dict:
    """Everything a slip template prints; raises DomainError for an unknown or unavailable slip."""
    if kind not in SLIP_KINDS:
        raise DomainError(
            "unknown_slip", _("Không có loại phiếu “%(kind)s”.") % {"kind": kind}, status=404
        )
    paper = check_paper(paper)
    dossier = _load(dossier, kind)
    form: FormSpec = form_for(kind, dossier.regime)
    events = _events(dossier)
    content = BUILDERS[kind](dossier, events, event)
    issuer = dossier.competent_unit if kind in ISSUER_IS_COMPETENT else dossier.receiving_unit
    return {
        "dossier": dossier,
        "kind": kind,
        "form": form,
        "page_size": form.page_size(paper),
        "paper": paper or form.paper,
        "issuer": issuer,
        "issuer_parent": issuer.parent.name if issuer.parent else "",
        "place": place_of(issuer),
        "lookup_url": lookup_url(dossier.code),
        "qr": qr_data_uri(dossier.code),
        "procedure": dossier.procedure_version,
        **content,
    }


def render_slip_html(dossier: Dossier, kind: str, *, event=None, paper: str | None = None) -> str:
    """The slip as a standalone HTML page (inline CSS, QR as a data URI)."""
    context = slip_context(dossier, kind, event=event, paper=paper)
    return render_to_string(f"documents/{kind}.html", context)


def render_slip(dossier: Dossier, kind: str, *, event=None, paper: str | None = None) -> bytes:
    """The slip as PDF bytes: as first printed if its content has not changed since.

    The slip's HTML is built each time (a few queries) and its SHA-256 looks up the PDF
    stored at the first printing of that content (`IssuedSlip`); only new content is laid
    out by WeasyPrint, then stored. Later copies are byte for byte the first one.
    """
    with collecting_less_often():
        html = render_slip_html(dossier, kind, event=event, paper=paper)
        digest = hashlib.sha256(html.encode()).hexdigest()
        stored = _stored(dossier.pk, kind, digest)
        if stored is not None:
            return stored
        pdf = html_to_pdf(html)
        return _store(dossier.pk, kind, digest, pdf)


def _stored(dossier_id: int, kind: str, digest: str) -> bytes | None:
    rows = IssuedSlip.objects.filter(dossier_id=dossier_id, kind=kind, digest=digest)
    pdf = rows.values_list("pdf", flat=True).first()
    return bytes(pdf) if pdf is not None else None


def _store(dossier_id: int, kind: str, digest: str, pdf: bytes) -> bytes:
    """Keep `pdf` unless the same content was stored meanwhile; the stored bytes win.

    One INSERT, its own transaction; inside the caller's transaction, under a savepoint so
    that a refused insert leaves that transaction usable.
    """
    slip = IssuedSlip(dossier_id=dossier_id, kind=kind, digest=digest, pdf=pdf)
    alias = router.db_for_write(IssuedSlip)
    try:
        with (
            transaction.atomic(using=alias) if connections[alias].in_atomic_block else nullcontext()
        ):
            slip.save(force_insert=True, using=alias)
        return pdf
    except IntegrityError:  # printed meanwhile by another request
        return _stored(dossier_id, kind, digest) or pdf
    except DatabaseError:  # a read-only database still prints the slip
        log.warning("issued slip not stored: dossier %s %s", dossier_id, kind, exc_info=True)
        return pdf
