"""Writes on targets: report an actual (responsible units), approve or reject it (leaders),
change a goal (leaders). Each writes a `TargetHistory` row in the same transaction."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError, PermissionDenied
from motcua.core.text import nfc
from motcua.organization.models import Role, Unit
from motcua.organization.selectors import subtree_ids, unit_ids_with_role

from .models import Actual, ActualStatus, Target, TargetHistory, YearGoal

LEADER_ROLES = {Role.UNIT_LEADER, Role.AGENCY_LEADER}
MAX_VALUE = Decimal("999999999999")


def _units(actor, roles=None) -> set[int] | None:
    if not getattr(actor, "is_authenticated", False):
        return set()
    if actor.is_superuser:
        return None
    own = unit_ids_with_role(actor, roles, day=timezone.localdate())
    return subtree_ids(own) if own else set()


def reporting_unit(actor, target: Target) -> Unit | None:
    """The responsible unit `actor` reports for (their unit or one below it), else None."""
    units = _units(actor)
    for unit in target.responsible_units.all():
        if units is None or unit.pk in units:
            return unit
    return None


def may_approve(actor, target: Target) -> bool:
    """Leaders of the term's unit or of a responsible unit (or of a unit above them)."""
    units = _units(actor, LEADER_ROLES)
    if units is None:
        return True
    if not units:
        return False
    covered = {target.group.term.unit_id, *(u.pk for u in target.responsible_units.all())}
    return bool(units & covered)


def log(target, action: str, *, at, actor=None, actual=None, data=None, note="") -> TargetHistory:
    return TargetHistory.objects.create(
        target=target,
        actual=actual,
        at=at,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        data=data or {},
        note=note,
    )


def parse_value(raw) -> Decimal:
    text = nfc(str(raw if raw is not None else "")).replace(" ", "")
    # Vietnamese writes 14,9 and 1.250; accept a comma as the decimal mark.
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise DomainError("value_invalid", _("Giá trị phải là một số, ví dụ 14,9.")) from exc
    if not value.is_finite() or abs(value) > MAX_VALUE:
        raise DomainError("value_invalid", _("Giá trị phải là một số, ví dụ 14,9."))
    return value.quantize(Decimal("0.0001"))


def _locked_target(target_id: int) -> Target:
    target = (
        Target.objects.select_for_update(of=("self",))
        .select_related("group__term")
        .filter(pk=target_id)
        .first()
    )
    if target is None:
        raise DomainError("target_not_found", _("Không tìm thấy chỉ tiêu."), status=404)
    return target


def report_actual(
    *,
    actor,
    target: Target,
    year: int,
    value,
    source: str,
    quarter: int = 0,
    note: str = "",
    at: dt.datetime | None = None,
) -> Actual:
    """A responsible unit reports a figure for a year or a quarter; it waits for approval."""
    at = at or timezone.now()
    with transaction.atomic():
        target = _locked_target(target.pk)
        unit = reporting_unit(actor, target)
        if unit is None:
            raise PermissionDenied(
                "not_responsible",
                _("Đơn vị của bạn không chịu trách nhiệm về chỉ tiêu này."),
            )
        term = target.group.term
        try:
            year, quarter = int(year), int(quarter or 0)
        except (TypeError, ValueError) as exc:
            raise DomainError("period_invalid", _("Kỳ báo cáo không hợp lệ.")) from exc
        if not term.start_year <= year <= term.end_year:
            raise DomainError(
                "period_invalid",
                _("Năm báo cáo phải trong nhiệm kỳ %(a)s–%(b)s.")
                % {"a": term.start_year, "b": term.end_year},
            )
        if not 0 <= quarter <= 4:
            raise DomainError("period_invalid", _("Quý phải từ 1 đến 4 (hoặc cả năm)."))
        if year > timezone.localtime(at).year:
            raise DomainError("period_invalid", _("Chưa thể báo cáo kết quả của năm sau."))
        number = parse_value(value)
        source = nfc(source)
        if not source:
            raise DomainError("source_required", _("Vui lòng ghi văn bản, nguồn số liệu."))
        if len(source) > 300:
            raise DomainError("source_too_long", _("Nguồn số liệu dài quá 300 ký tự."))
        note = nfc(note)
        if len(note) > 2000:
            raise DomainError("note_too_long", _("Ghi chú dài quá 2000 ký tự."))
        actual = Actual.objects.create(
            target=target,
            year=year,
            quarter=quarter,
            value=number,
            note=note,
            source=source,
            reported_by=actor,
            reporting_unit=unit,
            reported_at=at,
            status=ActualStatus.PENDING,
        )
        log(
            target,
            "report",
            at=at,
            actor=actor,
            actual=actual,
            data={"period": actual.period_label, "value": str(number), "source": source},
            note=note,
        )
    return actual


def _decide(*, actor, actual: Actual, approve: bool, note: str, at) -> Actual:
    at = at or timezone.now()
    note = nfc(note)
    if len(note) > 2000:
        raise DomainError("note_too_long", _("Ghi chú dài quá 2000 ký tự."))
    with transaction.atomic():
        actual = (
            Actual.objects.select_for_update(of=("self",))
            .select_related("target__group__term")
            .get(pk=actual.pk)
        )
        target = actual.target
        if not may_approve(actor, target):
            raise PermissionDenied(
                "not_leader", _("Chỉ lãnh đạo đơn vị phụ trách mới được phê duyệt số liệu.")
            )
        if actual.reported_by_id and actual.reported_by_id == getattr(actor, "pk", None):
            raise PermissionDenied(
                "own_report", _("Người báo cáo không tự phê duyệt số liệu của mình.")
            )
        if actual.status != ActualStatus.PENDING:
            raise DomainError(
                "already_decided", _("Số liệu này đã được xử lý trước đó."), status=409
            )
        if not approve and not note:
            raise DomainError("reason_required", _("Vui lòng ghi lý do không phê duyệt."))
        actual.status = ActualStatus.APPROVED if approve else ActualStatus.REJECTED
        actual.decided_by, actual.decided_at, actual.decision_note = actor, at, note
        actual.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        log(
            target,
            "approve" if approve else "reject",
            at=at,
            actor=actor,
            actual=actual,
            data={"period": actual.period_label, "value": str(actual.value)},
            note=note,
        )
    return actual


def approve_actual(*, actor, actual: Actual, note: str = "", at=None) -> Actual:
    return _decide(actor=actor, actual=actual, approve=True, note=note, at=at)


def reject_actual(*, actor, actual: Actual, note: str, at=None) -> Actual:
    return _decide(actor=actor, actual=actual, approve=False, note=note, at=at)


def change_goal(*, actor, target: Target, goal, year: int | None = None, note: str = "", at=None):
    """A leader sets the term goal (year None) or one year's goal; the old value is logged."""
    at = at or timezone.now()
    number = parse_value(goal)
    with transaction.atomic():
        target = _locked_target(target.pk)
        if not may_approve(actor, target):
            raise PermissionDenied(
                "not_leader", _("Chỉ lãnh đạo đơn vị phụ trách mới được sửa mục tiêu.")
            )
        term = target.group.term
        if year is None:
            old = target.goal
            target.goal = number
            target.save(update_fields=["goal"])
        else:
            if not term.start_year <= int(year) <= term.end_year:
                raise DomainError("period_invalid", _("Năm phải trong nhiệm kỳ."))
            row = YearGoal.objects.filter(target=target, year=year).first()
            old = row.goal if row else None
            YearGoal.objects.update_or_create(target=target, year=year, defaults={"goal": number})
        log(
            target,
            "change_goal",
            at=at,
            actor=actor,
            data={"year": year, "old": None if old is None else str(old), "new": str(number)},
            note=nfc(note)[:2000],
        )
    return target
