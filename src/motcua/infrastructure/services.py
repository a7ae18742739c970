"""Every write to the ward infrastructure register: scope check first, one transaction, history."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from motcua.construction import inputs
from motcua.construction.models import OversightUnit, Register
from motcua.construction.scope import EDIT_ROLES, get_ward, require_ward, ward_scope
from motcua.core.errors import DomainError, NotFound, PermissionDenied
from motcua.core.text import fold
from motcua.organization.models import Role, Unit
from motcua.organization.selectors import memberships_of

from .models import (
    Basis,
    Condition,
    Facility,
    FacilityKind,
    FacilityStatus,
    InfrastructureEvent,
    WardProfile,
    WardRequirement,
)

MAX_GROUPS = 1000
MAX_QUANTITY = 1000


def _event(*, actor, action, ward=None, facility=None, data=None) -> None:
    InfrastructureEvent.objects.create(
        ward=ward,
        facility=facility,
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        at=timezone.now(),
        data=data or {},
    )


def _ward(actor, ward) -> Unit:
    scope = ward_scope(actor, Register.INFRASTRUCTURE)
    return get_ward(scope, ward.pk if isinstance(ward, Unit) else ward, edit=True)


def _kind(kind) -> FacilityKind:
    if isinstance(kind, FacilityKind):
        return kind
    found = FacilityKind.objects.filter(code=str(kind)).first()
    if found is None:
        raise NotFound("kind_not_found", _("Không tìm thấy loại công trình."))
    return found


def can_manage_kinds(actor) -> bool:
    """Superusers, administrators, and editing staff of an infrastructure oversight unit."""
    if not getattr(actor, "is_authenticated", False):
        return False
    if actor.is_superuser:
        return True
    rows = list(memberships_of(actor, day=timezone.localdate()).values_list("unit_id", "role"))
    if any(role == Role.ADMIN for _unit, role in rows):
        return True
    editing = {unit for unit, role in rows if role in EDIT_ROLES}
    return OversightUnit.objects.filter(
        register=Register.INFRASTRUCTURE, unit_id__in=editing
    ).exists()


@transaction.atomic
def set_residential_groups(*, actor, ward, groups: int) -> WardProfile:
    """Record the ward's number of residential groups (tổ dân phố)."""
    unit = _ward(actor, ward)
    groups = inputs.integer(
        groups, field="residential_groups", label=_("Số tổ dân phố"), minimum=0,
        maximum=MAX_GROUPS, required=True,
    )  # fmt: skip
    profile, _created = WardProfile.objects.select_for_update().get_or_create(ward=unit)
    old = profile.residential_groups if not _created else None
    if old == groups:
        return profile
    profile.residential_groups = groups
    profile.save(update_fields=["residential_groups", "updated_at"])
    _event(actor=actor, action="set_groups", ward=unit, data={"residential_groups": [old, groups]})
    return profile


@transaction.atomic
def set_requirement(
    *, actor, ward, kind, quantity: int | None, note: str = ""
) -> WardRequirement | None:
    """Give a ward its own required number of a kind; `None` returns it to the general rule."""
    unit = _ward(actor, ward)
    kind = _kind(kind)
    note = inputs.text(note, field="note", label=_("Căn cứ, ghi chú"), max_length=255)
    current = WardRequirement.objects.select_for_update().filter(ward=unit, kind=kind).first()
    old = current.quantity if current else None
    if quantity is None or quantity == "":
        if current is not None:
            current.delete()
            _event(
                actor=actor, action="reset_requirement", ward=unit,
                data={"kind": kind.code, "quantity": [old, None]},
            )  # fmt: skip
        return None
    quantity = inputs.integer(
        quantity, field="quantity", label=_("Số lượng yêu cầu"), minimum=0, maximum=MAX_QUANTITY
    )
    if current is None:
        current = WardRequirement.objects.create(ward=unit, kind=kind, quantity=quantity, note=note)
    else:
        current.quantity, current.note = quantity, note
        current.save(update_fields=["quantity", "note"])
    _event(
        actor=actor, action="set_requirement", ward=unit,
        data={"kind": kind.code, "quantity": [old, quantity], "note": note},
    )  # fmt: skip
    return current


def _facility_values(values: dict) -> dict:
    this_year = timezone.localdate().year
    checks = {
        "name": lambda v: inputs.text(
            v, field="name", label=_("Tên"), max_length=255, required=True
        ),
        "address": lambda v: inputs.text(v, field="address", label=_("Địa chỉ"), max_length=255),
        "capacity": lambda v: inputs.integer(
            v, field="capacity", label=_("Công suất"), minimum=0, maximum=1_000_000
        ),
        "condition": lambda v: (
            ""
            if v in (None, "")
            else inputs.choice(v, field="condition", label=_("Hiện trạng"), choices=Condition)
        ),
        "year_built": lambda v: inputs.integer(
            v, field="year_built", label=_("Năm xây dựng"), minimum=1800, maximum=this_year + 10
        ),
        "status": lambda v: inputs.choice(
            v, field="status", label=_("Tình trạng"), choices=FacilityStatus
        ),
        "note": lambda v: inputs.text(v, field="note", label=_("Ghi chú"), max_length=2000),
    }
    unknown = set(values) - set(checks)
    if unknown:
        raise DomainError("unknown_field", _("Có trường dữ liệu không được phép sửa."))
    cleaned = {key: checks[key](value) for key, value in values.items()}
    year = cleaned.get("year_built")
    if cleaned.get("status") == FacilityStatus.OPERATING and year is not None and year > this_year:
        raise DomainError(
            "year_built", _("Công trình đang hoạt động không thể có năm xây dựng ở tương lai.")
        )
    return cleaned


@transaction.atomic
def register_facility(*, actor, ward, kind, name: str, status: str, **details) -> Facility:
    unit = _ward(actor, ward)
    kind = _kind(kind)
    values = _facility_values({"name": name, "status": status, **details})
    facility = Facility.objects.create(ward=unit, kind=kind, **values)
    _event(
        actor=actor, action="register_facility", ward=unit, facility=facility,
        data={"kind": kind.code, **values},
    )  # fmt: skip
    return facility


@transaction.atomic
def update_facility(*, actor, facility: Facility, **changes) -> Facility:
    require_ward(ward_scope(actor, Register.INFRASTRUCTURE), facility.ward_id, edit=True)
    facility = Facility.objects.select_for_update().get(pk=facility.pk)
    merged = {
        "status": changes.get("status", facility.status),
        "year_built": changes.get("year_built", facility.year_built),
    }
    values = _facility_values({**merged, **changes})
    diff = {}
    for key, value in values.items():
        if getattr(facility, key) != value:
            diff[key] = [getattr(facility, key), value]
            setattr(facility, key, value)
    if diff:
        facility.save(update_fields=list(diff))
        _event(
            actor=actor, action="update_facility", ward=facility.ward, facility=facility, data=diff
        )
    return facility


@transaction.atomic
def save_facility_kind(
    *,
    actor,
    name: str,
    basis: str = Basis.PER_WARD,
    quantity: int = 1,
    code: str = "",
    order: int = 0,
    capacity_unit: str = "",
    active: bool = True,
) -> FacilityKind:
    """Create a kind, or change the one with `code`: what every ward must have and how many."""
    if not can_manage_kinds(actor):
        raise PermissionDenied(
            "kinds_forbidden", _("Bạn không có quyền sửa danh mục loại công trình.")
        )
    name = inputs.text(name, field="name", label=_("Tên"), max_length=120, required=True)
    basis = inputs.choice(basis, field="basis", label=_("Cách tính"), choices=Basis)
    quantity = inputs.integer(
        quantity, field="quantity", label=_("Số lượng yêu cầu"), minimum=0, maximum=MAX_QUANTITY,
        required=True,
    )  # fmt: skip
    order = inputs.integer(order, field="order", label=_("Thứ tự"), maximum=1000) or 0
    capacity_unit = inputs.text(
        capacity_unit, field="capacity_unit", label=_("Đơn vị công suất"), max_length=40
    )
    if not isinstance(active, bool):
        raise DomainError("active", _("Trạng thái áp dụng không hợp lệ."))
    code = inputs.text(code, field="code", label=_("Mã"), max_length=40)
    values = {
        "name": name, "basis": basis, "quantity": quantity, "order": order,
        "capacity_unit": capacity_unit, "active": active,
    }  # fmt: skip
    kind = FacilityKind.objects.select_for_update().filter(code=code).first() if code else None
    if kind is None:
        code = code or slugify(fold(name))
        if not code or FacilityKind.objects.filter(code=code).exists():
            code = f"{code or 'loai'}-{FacilityKind.objects.count() + 1}"
        kind = FacilityKind.objects.create(code=code[:40], **values)
        _event(actor=actor, action="create_kind", data={"code": kind.code, **values})
        return kind
    diff = {k: [getattr(kind, k), v] for k, v in values.items() if getattr(kind, k) != v}
    for key, (_old, new) in diff.items():
        setattr(kind, key, new)
    if diff:
        kind.save(update_fields=list(diff))
        _event(actor=actor, action="update_kind", data={"code": kind.code, **diff})
    return kind
