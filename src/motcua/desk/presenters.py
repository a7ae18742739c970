"""Plain data views of dossiers for the desk pages and the staff API (no writes)."""

import datetime as dt
import re

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core.errors import NotFound
from motcua.documents.slips import person_name
from motcua.dossiers.deadlines import OVERDUE, open_outcome
from motcua.dossiers.lifecycle import ACTION_LABELS, allowed_actions
from motcua.dossiers.models import Dossier, SlipKind, Status, SupplementPhase
from motcua.dossiers.selectors import dossier_with_history
from motcua.organization.models import Unit
from motcua.organization.selectors import unit_ids_with_role
from motcua.portal.models import DossierFile

# URL names of the slips → the documents app's kinds.
SLIP_KINDS: dict[str, str] = {
    "receipt": SlipKind.RECEIPT_SLIP,
    "supplement-request": SlipKind.SUPPLEMENT_REQUEST,
    "refusal": SlipKind.REFUSAL_SLIP,
    "apology": SlipKind.APOLOGY_SLIP,
    "control": SlipKind.CONTROL_SLIP,
    "stop": SlipKind.STOP_NOTICE,
}
SLIP_LABELS = {
    "receipt": gettext_lazy("Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
    "supplement-request": gettext_lazy("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
    "refusal": gettext_lazy("Phiếu từ chối tiếp nhận giải quyết hồ sơ"),
    "apology": gettext_lazy("Phiếu xin lỗi và hẹn lại ngày trả kết quả"),
    "control": gettext_lazy("Phiếu kiểm soát quá trình giải quyết hồ sơ"),
    "stop": gettext_lazy("Thông báo dừng giải quyết hồ sơ"),
}
_CODE_RE = re.compile(r"^[0-9A-Za-z.\-]{1,40}$")


def action_summary(action: str) -> str:
    """The OpenAPI summary of an action endpoint, always in Vietnamese."""
    with translation.override("vi"):
        return str(_("Thao tác: %(label)s") % {"label": ACTION_LABELS[action]})


def check_dossier_code(code: str) -> str:
    """`code` if it could be a dossier code; the dossier 404 otherwise (no database call)."""
    if not _CODE_RE.match(code or ""):
        raise NotFound("dossier_not_found", _("Không tìm thấy hồ sơ."))
    return code


def _unit(unit: Unit | None) -> dict | None:
    return {"code": unit.code, "name": unit.name} if unit is not None else None


def _person(user) -> str | None:
    return person_name(user) or None if user is not None else None


def is_overdue(dossier: Dossier, at: dt.datetime) -> bool:
    return dossier.due_at is not None and open_outcome(dossier, at) == OVERDUE


def dossier_summary(d: Dossier, *, at: dt.datetime) -> dict:
    """The list row of a dossier (worklist, receipt answer)."""
    version = d.procedure_version
    return {
        "code": d.code,
        "status": d.status,
        "status_code": d.status_code,
        "status_label": str(Status(d.status).label),
        "channel": d.channel,
        "regime": d.regime,
        "procedure_code": version.procedure.code,
        "procedure_name": version.name,
        "applicant_name": d.applicant_name,
        "applicant_phone": d.applicant_phone,
        "receiving_unit": _unit(d.receiving_unit),
        "competent_unit": _unit(d.competent_unit),
        "current_unit": _unit(d.current_unit),
        "assignee": d.assignee.get_username() if d.assignee_id else None,
        "submitted_at": d.submitted_at,
        "received_at": d.received_at,
        "due_at": d.due_at,
        "appointment_at": d.appointment_at,
        "finished_at": d.finished_at,
        "returned_at": d.returned_at,
        "paused": d.paused_since is not None,
        "outcome": d.outcome or (open_outcome(d, at) or ""),
        "overdue": is_overdue(d, at),
    }


def available_slips(d: Dossier) -> list[str]:
    """URL names of the slips this dossier has (the documents app has the final word)."""
    slips = []
    if d.received_at is not None:
        slips.append("receipt")
    if any(True for _s in d.supplements.all()):
        slips.append("supplement-request")
    if d.status == Status.REFUSED:
        slips.append("refusal")
    if d.apologised_at is not None:
        slips.append("apology")
    if d.received_at is not None:
        slips.append("control")
    if d.status == Status.STOPPED:
        slips.append("stop")
    return slips


def _uploads_by_path(paths: list[str], dossier: Dossier) -> dict[str, dict]:
    """The uploaded files behind the received parts' paths, so staff can open them; one query,
    none when nothing was uploaded."""
    if not paths:
        return {}
    rows = DossierFile.objects.filter(dossier=dossier, path__in=paths)
    return {f.path: {"id": f.pk, "name": f.original_name} for f in rows}


def dossier_detail(code: str, *, actor, at: dt.datetime) -> dict:
    """Everything the dossier page and the API show about one dossier, fixed queries."""
    d = dossier_with_history(code)
    if d is None:
        raise NotFound("dossier_not_found", _("Không tìm thấy hồ sơ."))
    received = {p.part_id: p for p in d.parts.all()}
    uploads = _uploads_by_path([p.file_path for p in received.values() if p.file_path], d)
    parts = [
        {
            "id": part.pk,
            "name": part.name,
            "required": part.required,
            "received": part.pk in received,
            "form": received[part.pk].form if part.pk in received else part.form,
            "copies": received[part.pk].copies if part.pk in received else part.copies,
            "digitised": part.pk in received and received[part.pk].digitised,
            "reused": part.pk in received and received[part.pk].reused,
            "file": received[part.pk].file_path if part.pk in received else "",
            "upload": uploads.get(received[part.pk].file_path) if part.pk in received else None,
        }
        for part in d.procedure_version.parts.all()
    ]
    return {
        **dossier_summary(d, at=at),
        "applicant": {
            "kind": d.applicant_kind,
            "name": d.applicant_name,
            "id_number": d.applicant_id_number,
            "phone": d.applicant_phone,
            "email": d.applicant_email,
            "address": d.applicant_address,
        },
        "closing_reason": d.closing_reason,
        "clock_start_at": d.clock_start_at,
        "paused_minutes": d.paused_minutes,
        "visit_count": d.visit_count,
        "result": {
            "granted": d.granted,
            "number": d.result_number,
            "date": d.result_date,
            "signer": d.result_signer,
            "reason": d.result_reason,
            "e_result": d.e_result,
            "return_method": d.return_method,
        },
        "payment": {
            "fee_amount": d.fee_amount,
            "paid_amount": d.paid_amount,
            "paid_at": d.paid_at,
            "receipt_number": d.payment_receipt_number,
            "paid_online": d.paid_online,
        },
        "parts": parts,
        "steps": [
            {
                "order": s.order,
                "name": s.name,
                "unit": _unit(s.unit),
                "role": s.role,
                "giver_unit": _unit(s.giver_unit),
                "giver": _person(s.giver),
                "holder": _person(s.holder),
                "started_at": s.started_at,
                "due_at": s.due_at,
                "ended_at": s.ended_at,
                "outcome": s.outcome,
                "budget_minutes": s.budget_minutes,
            }
            for s in d.steps.all()
        ],
        "supplements": [
            {
                "phase": r.phase,
                "phase_label": str(SupplementPhase(r.phase).label),
                "items": list(r.items),
                "reason": r.reason,
                "requested_at": r.requested_at,
                "fulfilled_at": r.fulfilled_at,
            }
            for r in d.supplements.all()
        ],
        "history": [
            {
                "seq": e.seq,
                "at": e.at,
                "action": e.action,
                "action_label": str(ACTION_LABELS.get(e.action, e.action)),
                "actor": _person(e.actor),
                "actor_unit": _unit(e.actor_unit),
                "from_status": e.from_status,
                "to_status": e.to_status,
                "to_status_label": str(Status(e.to_status).label) if e.to_status else "",
                "note": e.note,
                "slip": e.slip,
            }
            for e in d.events.all()
        ],
        "allowed_actions": allowed_actions(d, actor, at=at),
        "slips": available_slips(d),
        "dossier": d,
    }


def tracking_unit(user, code: str) -> Unit:
    """The unit `code` if `user` works there (superusers: any); the same 404 otherwise."""
    unit = Unit.objects.filter(code=code).first()
    if unit is None or not (
        user.is_superuser or unit.pk in unit_ids_with_role(user, day=timezone.localdate())
    ):
        raise NotFound(
            "unit_not_found", _("Không tìm thấy đơn vị, hoặc bạn không thuộc đơn vị này.")
        )
    return unit
