"""Every write to the construction-order register: check the ward scope first, validate, write the
row and its history event in one transaction."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError, NotFound
from motcua.core.text import fold, person_name
from motcua.dossiers.models import Dossier, Status
from motcua.organization.models import Unit

from . import inputs, photos
from .deadlines import MAX_REMEDY_DAYS, remedy_due
from .models import (
    ConstructionEvent,
    ConstructionSite,
    Inspection,
    InspectionPhoto,
    InspectionResult,
    Register,
    SiteStatus,
    Violation,
    ViolationKind,
    ViolationStatus,
    WorkType,
)
from .scope import get_ward, require_ward, ward_scope

MAX_FINE = 10_000_000_000  # far above any fine in Decree 16/2022; guards typing slips
MAX_LONG_TEXT = 5000
PERMIT_FIELDS_DEFAULT = ("xay-dung",)
SITE_FIELDS = (
    "address",
    "plot_number",
    "map_sheet",
    "owner_name",
    "owner_phone",
    "work_type",
    "floors",
    "floor_area_m2",
    "scale_note",
    "started_on",
    "completed_on",
)
MANUAL_PERMIT_FIELDS = ("permit_number", "permit_date", "permit_conditions")


def _event(*, site, actor, action, inspection=None, violation=None, note="", data=None):
    return ConstructionEvent.objects.create(
        site=site,
        inspection=inspection,
        violation=violation,
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        at=timezone.now(),
        note=note,
        data=data or {},
    )


def _json(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _check_edit(actor, ward_id: int) -> None:
    require_ward(ward_scope(actor, Register.CONSTRUCTION), ward_id, edit=True)


def _locked_site(site: ConstructionSite) -> ConstructionSite:
    return ConstructionSite.objects.select_for_update().get(pk=site.pk)


def _site_values(values: dict) -> dict:
    """Validated site attributes from `values` (only the keys present)."""
    checks = {
        "address": lambda v: inputs.text(
            v, field="address", label=_("Địa chỉ"), max_length=255, required=True
        ),
        "plot_number": lambda v: inputs.text(
            v, field="plot_number", label=_("Thửa đất số"), max_length=20
        ),
        "map_sheet": lambda v: inputs.text(
            v, field="map_sheet", label=_("Tờ bản đồ số"), max_length=20
        ),
        "owner_name": lambda v: inputs.text(
            v, field="owner_name", label=_("Chủ đầu tư"), max_length=255, required=True
        ),
        "owner_phone": lambda v: inputs.phone(v, field="owner_phone", label=_("Điện thoại")),
        "work_type": lambda v: inputs.choice(
            v, field="work_type", label=_("Loại công trình"), choices=WorkType
        ),
        "floors": lambda v: inputs.integer(
            v, field="floors", label=_("Số tầng"), minimum=0, maximum=200
        ),
        "floor_area_m2": lambda v: inputs.integer(
            v, field="floor_area_m2", label=_("Diện tích sàn"), minimum=0, maximum=10_000_000
        ),
        "scale_note": lambda v: inputs.text(
            v, field="scale_note", label=_("Quy mô"), max_length=255
        ),
        "started_on": lambda v: inputs.date(
            v, field="started_on", label=_("Ngày khởi công"), required=False
        ),
        "completed_on": lambda v: inputs.date(
            v, field="completed_on", label=_("Ngày hoàn thành"), required=False
        ),
        "permit_number": lambda v: inputs.text(
            v, field="permit_number", label=_("Số giấy phép"), max_length=60
        ),
        "permit_date": lambda v: inputs.date(
            v, field="permit_date", label=_("Ngày cấp phép"), required=False
        ),
        "permit_conditions": lambda v: inputs.text(
            v, field="permit_conditions", label=_("Điều kiện của giấy phép"), max_length=2000
        ),
    }
    unknown = set(values) - set(checks)
    if unknown:
        raise DomainError("unknown_field", _("Có trường dữ liệu không được phép sửa."))
    return {key: checks[key](value) for key, value in values.items()}


def _check_site_dates(site: ConstructionSite) -> None:
    if site.started_on and site.completed_on and site.completed_on < site.started_on:
        raise DomainError("completed_on", _("Ngày hoàn thành không được trước ngày khởi công."))
    if bool(site.permit_number) != bool(site.permit_date):
        raise DomainError("permit", _("Giấy phép phải có cả số và ngày cấp."))
    if site.permit_date and site.permit_date > timezone.localdate():
        raise DomainError("permit_date", _("Ngày cấp phép không được sau ngày hôm nay."))


@transaction.atomic
def register_site(
    *,
    actor,
    ward: Unit | str,
    address: str,
    owner_name: str,
    work_type: str,
    status: str = SiteStatus.UNDER_CONSTRUCTION,
    permit_dossier_code: str = "",
    **details,
) -> ConstructionSite:
    """Enter a construction site in a ward's register (with or without a permit)."""
    scope = ward_scope(actor, Register.CONSTRUCTION)
    ward_unit = get_ward(scope, ward.pk if isinstance(ward, Unit) else ward, edit=True)
    values = _site_values(
        {"address": address, "owner_name": owner_name, "work_type": work_type, **details}
    )
    status = inputs.choice(status, field="status", label=_("Tình trạng"), choices=SiteStatus)
    site = ConstructionSite(ward=ward_unit, status=status, **values)
    code = inputs.text(
        permit_dossier_code, field="permit_dossier", label=_("Mã hồ sơ"), max_length=40
    )
    if code:
        if site.permit_number or site.permit_date:
            raise DomainError(
                "permit", _("Giấy phép lấy từ hồ sơ một cửa thì không nhập tay số và ngày cấp.")
            )
        _apply_permit(site, _permit_dossier(code))
    _check_site_dates(site)
    if status == SiteStatus.PERMITTED and not site.is_licensed:
        raise DomainError(
            "status", _("Công trình chưa có giấy phép thì không thể ở tình trạng đã cấp phép.")
        )
    site.save()
    _event(
        site=site,
        actor=actor,
        action="register_site",
        data={key: _json(getattr(site, key)) for key in (*SITE_FIELDS, *MANUAL_PERMIT_FIELDS)}
        | {"status": status, "permit_dossier": site.permit_dossier.code if code else ""},
    )
    return site


@transaction.atomic
def update_site(*, actor, site: ConstructionSite, **changes) -> ConstructionSite:
    """Correct a site's particulars; the history keeps old → new values."""
    _check_edit(actor, site.ward_id)
    site = _locked_site(site)
    values = _site_values(changes)
    if site.permit_dossier_id and set(values) & set(MANUAL_PERMIT_FIELDS):
        raise DomainError(
            "permit", _("Giấy phép lấy từ hồ sơ một cửa; không sửa tay số, ngày và điều kiện.")
        )
    diff = {}
    for key, value in values.items():
        old = getattr(site, key)
        if old != value:
            diff[key] = [_json(old), _json(value)]
            setattr(site, key, value)
    if not diff:
        return site
    _check_site_dates(site)
    site.save(update_fields=list(diff))
    _event(site=site, actor=actor, action="update_site", data=diff)
    return site


def _permit_fields() -> tuple[str, ...]:
    return tuple(getattr(settings, "CONSTRUCTION_PERMIT_FIELDS", PERMIT_FIELDS_DEFAULT))


def _permit_dossier(code: str) -> Dossier:
    dossier = (
        Dossier.objects.select_related("procedure_version__field")
        .filter(code=code.strip().upper())
        .first()
    )
    if dossier is None:
        raise NotFound("dossier_not_found", _("Không tìm thấy hồ sơ."))
    version = dossier.procedure_version
    if version.field.code not in _permit_fields() or not fold(version.result_name).startswith(
        "giay phep"
    ):
        raise DomainError("not_a_permit", _("Hồ sơ này không phải hồ sơ cấp giấy phép xây dựng."))
    if dossier.status not in (Status.RESOLVED, Status.RETURNED) or dossier.granted is not True:
        raise DomainError("permit_not_granted", _("Hồ sơ chưa có kết quả cấp giấy phép."))
    if ConstructionSite.objects.filter(permit_dossier=dossier).exists():
        raise DomainError("permit_in_use", _("Giấy phép này đã gắn với một công trình khác."))
    return dossier


def _apply_permit(site: ConstructionSite, dossier: Dossier) -> None:
    """Number, date and conditions as the one-stop dossier's result states them."""
    site.permit_dossier = dossier
    site.permit_number = dossier.result_number or dossier.code
    site.permit_date = dossier.result_date
    site.permit_conditions = dossier.result_reason


@transaction.atomic
def link_permit(*, actor, site: ConstructionSite, dossier_code: str) -> ConstructionSite:
    """Attach the one-stop dossier that issued this site's permit."""
    _check_edit(actor, site.ward_id)
    site = _locked_site(site)
    code = inputs.text(
        dossier_code, field="permit_dossier", label=_("Mã hồ sơ"), max_length=40, required=True
    )
    if site.permit_dossier_id:
        raise DomainError("permit_linked", _("Công trình đã gắn với hồ sơ cấp phép."))
    old = [site.permit_number, _json(site.permit_date)]
    _apply_permit(site, _permit_dossier(code))
    site.save(update_fields=["permit_dossier", "permit_number", "permit_date", "permit_conditions"])
    _event(
        site=site,
        actor=actor,
        action="link_permit",
        data={"dossier": site.permit_dossier.code, "permit": [old, site.permit_number]},
    )
    return site


@transaction.atomic
def change_site_status(
    *, actor, site: ConstructionSite, status: str, on: dt.date | None = None, note: str = ""
) -> ConstructionSite:
    """Permitted → under construction → completed; suspended (đình chỉ) and back."""
    _check_edit(actor, site.ward_id)
    site = _locked_site(site)
    status = inputs.choice(status, field="status", label=_("Tình trạng"), choices=SiteStatus)
    note = inputs.text(note, field="note", label=_("Ghi chú"), max_length=MAX_LONG_TEXT)
    on = inputs.date(on, field="on", label=_("Ngày"), required=False) or timezone.localdate()
    if status == site.status:
        raise DomainError("status", _("Công trình đã ở tình trạng này."))
    if status == SiteStatus.PERMITTED and not site.is_licensed:
        raise DomainError("status", _("Công trình chưa có giấy phép."))
    old = site.status
    fields = ["status"]
    if status == SiteStatus.UNDER_CONSTRUCTION and site.started_on is None:
        site.started_on, fields = on, [*fields, "started_on"]
    if status == SiteStatus.COMPLETED:
        site.completed_on, fields = on, [*fields, "completed_on"]
    site.status = status
    _check_site_dates(site)
    site.save(update_fields=fields)
    _event(
        site=site, actor=actor, action="change_status", note=note,
        data={"status": [old, status], "on": on.isoformat()},
    )  # fmt: skip
    return site


@transaction.atomic
def plan_inspection(
    *, actor, site: ConstructionSite, planned_on: dt.date, inspector_name: str = ""
) -> Inspection:
    _check_edit(actor, site.ward_id)
    planned_on = inputs.date(planned_on, field="planned_on", label=_("Ngày kiểm tra"))
    name = inputs.text(
        inspector_name, field="inspector_name", label=_("Người kiểm tra"), max_length=255
    )
    inspection = Inspection.objects.create(site=site, planned_on=planned_on, inspector_name=name)
    _event(
        site=site, actor=actor, action="plan_inspection", inspection=inspection,
        data={"planned_on": planned_on.isoformat(), "inspector": name},
    )  # fmt: skip
    return inspection


@transaction.atomic
def record_inspection(
    *,
    actor,
    inspection: Inspection,
    done_on: dt.date,
    result: str,
    findings: str = "",
    inspector_name: str = "",
) -> Inspection:
    """The inspection took place: when, by whom, what was found."""
    _check_edit(actor, inspection.site.ward_id)
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if inspection.done_on is not None:
        raise DomainError("inspection_done", _("Lượt kiểm tra này đã được ghi kết quả."))
    done_on = inputs.date(done_on, field="done_on", label=_("Ngày kiểm tra thực tế"))
    if done_on > timezone.localdate():
        raise DomainError("done_on", _("Ngày kiểm tra thực tế không được ở tương lai."))
    result = inputs.choice(result, field="result", label=_("Kết luận"), choices=InspectionResult)
    findings = inputs.text(
        findings, field="findings", label=_("Kết quả kiểm tra"), max_length=MAX_LONG_TEXT
    )
    if result == InspectionResult.VIOLATION and not findings:
        raise DomainError("findings", _("Phải mô tả vi phạm phát hiện được."))
    name = (
        inputs.text(
            inspector_name, field="inspector_name", label=_("Người kiểm tra"), max_length=255
        )
        or inspection.inspector_name
        or person_name(actor)
    )
    inspection.done_on, inspection.result, inspection.findings = done_on, result, findings
    inspection.inspector_name, inspection.inspector = name, actor
    inspection.save(update_fields=["done_on", "result", "findings", "inspector_name", "inspector"])
    _event(
        site=inspection.site, actor=actor, action="record_inspection", inspection=inspection,
        note=findings,
        data={"done_on": done_on.isoformat(), "result": result, "late": inspection.done_late},
    )  # fmt: skip
    return inspection


@transaction.atomic
def attach_photo(*, actor, inspection: Inspection, upload) -> InspectionPhoto:
    _check_edit(actor, inspection.site.ward_id)
    data, kind = photos.read_upload(upload)
    relative, digest = photos.store(data, kind)
    photo = InspectionPhoto.objects.create(
        inspection=inspection,
        file=relative,
        original_name=photos.safe_name(getattr(upload, "name", "")),
        content_type=kind.content_type,
        size=len(data),
        sha256=digest,
        uploaded_by=actor,
    )
    _event(
        site=inspection.site, actor=actor, action="attach_photo", inspection=inspection,
        data={"photo": photo.pk, "name": photo.original_name, "sha256": digest},
    )  # fmt: skip
    return photo


@transaction.atomic
def record_violation(
    *,
    actor,
    site: ConstructionSite,
    kind: str,
    found_on: dt.date,
    description: str = "",
    record_number: str = "",
    inspection: Inspection | None = None,
) -> Violation:
    """Step 1: the violation is found and a record (biên bản) drawn up."""
    _check_edit(actor, site.ward_id)
    kind = inputs.choice(kind, field="kind", label=_("Hành vi vi phạm"), choices=ViolationKind)
    found_on = inputs.date(found_on, field="found_on", label=_("Ngày phát hiện"))
    if found_on > timezone.localdate():
        raise DomainError("found_on", _("Ngày phát hiện không được ở tương lai."))
    description = inputs.text(
        description, field="description", label=_("Mô tả"), max_length=MAX_LONG_TEXT
    )
    record_number = inputs.text(
        record_number, field="record_number", label=_("Số biên bản"), max_length=60
    )
    if inspection is not None and inspection.site_id != site.pk:
        raise DomainError("inspection", _("Lượt kiểm tra không thuộc công trình này."))
    if kind == ViolationKind.UNLICENSED and site.is_licensed:
        raise DomainError(
            "kind", _("Công trình đã có giấy phép; hãy chọn hành vi xây dựng sai phép.")
        )
    violation = Violation.objects.create(
        site=site,
        inspection=inspection,
        kind=kind,
        found_on=found_on,
        description=description,
        record_number=record_number,
        status=ViolationStatus.RECORDED,
    )
    _event(
        site=site, actor=actor, action="record_violation", violation=violation, note=description,
        data={"kind": kind, "found_on": found_on.isoformat(), "record_number": record_number},
    )  # fmt: skip
    return violation


def _locked_violation(violation: Violation) -> Violation:
    return Violation.objects.select_for_update().select_related("site__ward").get(pk=violation.pk)


@transaction.atomic
def decide_violation(
    *,
    actor,
    violation: Violation,
    decision_number: str,
    decided_on: dt.date,
    fine_amount: int,
    remedy_days: int | None = None,
    remedy_due_on: dt.date | None = None,
) -> Violation:
    """Step 2: the sanction decision — a fine in đồng and a deadline to remedy, given in working
    days (computed from the ward's calendar) or as a date on or after the decision."""
    _check_edit(actor, violation.site.ward_id)
    violation = _locked_violation(violation)
    if violation.status != ViolationStatus.RECORDED:
        raise DomainError("violation_state", _("Vi phạm này không còn ở bước lập biên bản."))
    number = inputs.text(
        decision_number, field="decision_number", label=_("Số quyết định"), max_length=60,
        required=True,
    )  # fmt: skip
    decided_on = inputs.date(decided_on, field="decided_on", label=_("Ngày quyết định"))
    if decided_on < violation.found_on:
        raise DomainError("decided_on", _("Ngày quyết định không được trước ngày phát hiện."))
    if decided_on > timezone.localdate():
        raise DomainError("decided_on", _("Ngày quyết định không được ở tương lai."))
    fine = inputs.integer(
        fine_amount, field="fine_amount", label=_("Tiền phạt"), minimum=0, maximum=MAX_FINE,
        required=True,
    )  # fmt: skip
    if (remedy_days in (None, "")) == (remedy_due_on in (None, "")):
        raise DomainError(
            "remedy", _("Nhập thời hạn khắc phục bằng số ngày làm việc hoặc bằng một ngày cụ thể.")
        )
    if remedy_days not in (None, ""):
        days = inputs.integer(
            remedy_days, field="remedy_days", label=_("Thời hạn khắc phục"), minimum=1,
            maximum=MAX_REMEDY_DAYS,
        )  # fmt: skip
        due = remedy_due(decided_on, days, violation.site.ward)
    else:
        days = None
        due = inputs.date(remedy_due_on, field="remedy_due", label=_("Hạn khắc phục"))
        if due < decided_on:
            raise DomainError("remedy_due", _("Hạn khắc phục không được trước ngày quyết định."))
    violation.status = ViolationStatus.DECIDED
    violation.decision_number, violation.decided_on, violation.fine_amount = (
        number,
        decided_on,
        fine,
    )
    violation.remedy_days, violation.remedy_due = days, due
    violation.save(
        update_fields=[
            "status", "decision_number", "decided_on", "fine_amount", "remedy_days", "remedy_due",
        ]
    )  # fmt: skip
    _event(
        site=violation.site, actor=actor, action="decide_violation", violation=violation,
        data={
            "status": [ViolationStatus.RECORDED, ViolationStatus.DECIDED],
            "decision_number": number, "decided_on": decided_on.isoformat(), "fine_amount": fine,
            "remedy_days": days, "remedy_due": due.isoformat(),
        },
    )  # fmt: skip
    return violation


@transaction.atomic
def close_violation(
    *, actor, violation: Violation, outcome: str, closed_on: dt.date, note: str = ""
) -> Violation:
    """Step 3: the violation is remedied by the owner or enforced (cưỡng chế)."""
    _check_edit(actor, violation.site.ward_id)
    violation = _locked_violation(violation)
    if outcome not in RESOLUTIONS:
        raise DomainError("outcome", _("Kết quả xử lý không hợp lệ."))
    if violation.status not in (ViolationStatus.RECORDED, ViolationStatus.DECIDED):
        raise DomainError("violation_state", _("Vi phạm này đã được xử lý xong."))
    if outcome == ViolationStatus.ENFORCED and violation.status != ViolationStatus.DECIDED:
        raise DomainError("violation_state", _("Chỉ cưỡng chế sau khi có quyết định xử phạt."))
    closed_on = inputs.date(closed_on, field="closed_on", label=_("Ngày hoàn thành xử lý"))
    start = violation.decided_on or violation.found_on
    if closed_on < start:
        raise DomainError("closed_on", _("Ngày hoàn thành xử lý không được trước quyết định."))
    if closed_on > timezone.localdate():
        raise DomainError("closed_on", _("Ngày hoàn thành xử lý không được ở tương lai."))
    note = inputs.text(note, field="note", label=_("Ghi chú"), max_length=MAX_LONG_TEXT)
    old = violation.status
    violation.status, violation.closed_on, violation.closing_note = outcome, closed_on, note
    violation.save(update_fields=["status", "closed_on", "closing_note"])
    _event(
        site=violation.site, actor=actor, action="close_violation", violation=violation, note=note,
        data={
            "status": [old, outcome], "closed_on": closed_on.isoformat(),
            "after_deadline": bool(violation.remedy_due and closed_on > violation.remedy_due),
        },
    )  # fmt: skip
    return violation


RESOLUTIONS = (ViolationStatus.ENFORCED, ViolationStatus.REMEDIED)
