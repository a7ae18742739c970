"""Writes to the working calendar: adding, changing and removing overrides."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError, PermissionDenied
from motcua.core.text import nfc
from motcua.organization.models import Membership, Role, Unit

from .models import CalendarOverride, OfficeHours, OverrideKind
from .tasks import recompute_deadlines

NAME_MAX_LENGTH = 200


def can_manage_calendar(actor) -> bool:
    """Administrators only: superusers, or staff with a current `admin` membership."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    if actor.is_superuser:
        return True
    today = timezone.localdate()
    return (
        Membership.objects.filter(user=actor, role=Role.ADMIN)
        .exclude(valid_from__gt=today)
        .exclude(valid_to__lt=today)
        .exists()
    )


def _require_admin(actor) -> None:
    if not can_manage_calendar(actor):
        raise PermissionDenied("forbidden", _("Chỉ quản trị viên mới được thay đổi lịch làm việc."))


def parse_intervals(raw: Iterable | str | None) -> list[list[str]]:
    """Validate intervals given as (time, time) pairs or text '08:00-12:00, 13:00-17:00'.

    Returns the stored form [["08:00", "12:00"], …], sorted, non-overlapping.
    """
    if raw is None or raw == "":
        return []
    if isinstance(raw, str):
        pairs = []
        for chunk in raw.replace(";", ",").split(","):
            chunk = chunk.strip().replace("–", "-")
            if not chunk:
                continue
            if chunk.count("-") != 1:
                raise DomainError(
                    "invalid_intervals",
                    _("Khoảng giờ “%(chunk)s” phải có dạng 08:00-12:00.") % {"chunk": chunk},
                )
            pairs.append(tuple(part.strip() for part in chunk.split("-")))
    else:
        pairs = list(raw)
    parsed = []
    for pair in pairs:
        try:
            start, end = (
                value if isinstance(value, dt.time) else dt.time.fromisoformat(str(value))
                for value in pair
            )
        except (TypeError, ValueError):
            raise DomainError(
                "invalid_intervals", _("Giờ làm việc không hợp lệ (dạng 08:00-12:00).")
            ) from None
        if start >= end:
            raise DomainError(
                "invalid_intervals",
                _("Khoảng giờ %(start)s–%(end)s kết thúc trước khi bắt đầu.")
                % {"start": f"{start:%H:%M}", "end": f"{end:%H:%M}"},
            )
        parsed.append(
            (start.replace(second=0, microsecond=0), end.replace(second=0, microsecond=0))
        )
    parsed.sort()
    for (_s1, end1), (start2, _e2) in itertools.pairwise(parsed):
        if start2 < end1:
            raise DomainError("invalid_intervals", _("Các khoảng giờ làm việc bị chồng lên nhau."))
    return [[f"{start:%H:%M}", f"{end:%H:%M}"] for start, end in parsed]


def _clean(*, date, kind: str, name: str, intervals) -> tuple[dt.date, str, str, list[list[str]]]:
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        raise DomainError("invalid_date", _("Ngày không hợp lệ."))
    if kind not in OverrideKind.values:
        raise DomainError("invalid_kind", _("Loại ngày phải là ngày nghỉ hoặc ngày làm việc."))
    name = nfc(name or "").strip()
    if not name:
        raise DomainError("invalid_name", _("Hãy nhập tên hoặc lý do của ngày này."))
    if len(name) > NAME_MAX_LENGTH:
        raise DomainError("invalid_name", _("Tên dài quá %(n)d ký tự.") % {"n": NAME_MAX_LENGTH})
    stored = parse_intervals(intervals)
    if stored and kind == OverrideKind.OFF:
        raise DomainError("invalid_intervals", _("Ngày nghỉ không có giờ làm việc."))
    return date, kind, name, stored


def _after_commit(date_from: dt.date, date_to: dt.date, unit_id: int | None) -> None:
    transaction.on_commit(
        lambda: recompute_deadlines.enqueue(date_from.isoformat(), date_to.isoformat(), unit_id)
    )


def _duplicate(date: dt.date, unit: Unit | None) -> DomainError:
    where = unit.name if unit is not None else _("toàn quốc")
    return DomainError(
        "duplicate_override",
        _("Ngày %(date)s đã có điều chỉnh (%(where)s); hãy sửa dòng đó.")
        % {"date": f"{date:%d/%m/%Y}", "where": where},
    )


def add_override(
    *,
    actor,
    date: dt.date,
    kind: str,
    name: str,
    unit: Unit | None = None,
    intervals=None,
) -> CalendarOverride:
    """Declare `date` an extra day off or a (make-up) working day, nation-wide or for `unit`."""
    _require_admin(actor)
    date, kind, name, stored = _clean(date=date, kind=kind, name=name, intervals=intervals)
    try:
        with transaction.atomic():
            if CalendarOverride.objects.filter(date=date, unit=unit).exists():
                raise _duplicate(date, unit)
            override = CalendarOverride.objects.create(
                date=date, kind=kind, name=name, unit=unit, intervals=stored
            )
            _after_commit(date, date, override.unit_id)
    except IntegrityError:
        raise _duplicate(date, unit) from None
    return override


def change_override(
    *,
    actor,
    override: CalendarOverride,
    date: dt.date,
    kind: str,
    name: str,
    unit: Unit | None = None,
    intervals=None,
) -> CalendarOverride:
    """Correct an override; both the old and the new date are announced as changed."""
    _require_admin(actor)
    date, kind, name, stored = _clean(date=date, kind=kind, name=name, intervals=intervals)
    try:
        with transaction.atomic():
            locked = CalendarOverride.objects.select_for_update().get(pk=override.pk)
            if CalendarOverride.objects.filter(date=date, unit=unit).exclude(pk=locked.pk).exists():
                raise _duplicate(date, unit)
            old_date, old_unit_id = locked.date, locked.unit_id
            locked.date, locked.kind, locked.name = date, kind, name
            locked.unit, locked.intervals = unit, stored
            locked.save(update_fields=["date", "kind", "name", "unit", "intervals"])
            first, last = min(old_date, date), max(old_date, date)
            if old_unit_id == locked.unit_id:
                _after_commit(first, last, locked.unit_id)
            else:
                _after_commit(old_date, old_date, old_unit_id)
                _after_commit(date, date, locked.unit_id)
    except IntegrityError:
        raise _duplicate(date, unit) from None
    return locked


def remove_override(*, actor, override: CalendarOverride) -> None:
    """Delete an override; the statutory calendar applies again on that date."""
    _require_admin(actor)
    with transaction.atomic():
        date, unit_id = override.date, override.unit_id
        deleted, _rows = CalendarOverride.objects.filter(pk=override.pk).delete()
        if not deleted:
            raise DomainError("not_found", _("Không tìm thấy ngày điều chỉnh này."), status=404)
        _after_commit(date, date, unit_id)


# Office hours apply to every future day; a change is announced for this horizon from today.
OFFICE_HOURS_HORIZON = dt.timedelta(days=3 * 366)


def save_office_hours(*, actor, office_hours: OfficeHours) -> OfficeHours:
    """Create or change one office-hours interval (validated by the model's clean())."""
    _require_admin(actor)
    try:
        office_hours.full_clean()
    except ValidationError as error:
        raise DomainError("invalid_office_hours", " ".join(error.messages)) from None
    with transaction.atomic():
        office_hours.save()
        today = timezone.localdate()
        _after_commit(today, today + OFFICE_HOURS_HORIZON, office_hours.unit_id)
    return office_hours


def delete_office_hours(*, actor, office_hours: OfficeHours) -> None:
    _require_admin(actor)
    with transaction.atomic():
        unit_id = office_hours.unit_id
        OfficeHours.objects.filter(pk=office_hours.pk).delete()
        today = timezone.localdate()
        _after_commit(today, today + OFFICE_HOURS_HORIZON, unit_id)
