"""A handful of demo dossiers at Phường Từ Liêm, in every state, created through the services.

Instants are set in the recent past (working hours of the last few weeks) so that the
worklists show open, overdue, soon-due and finished dossiers. A second run creates nothing.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from motcua.catalog.selectors import versions_in_force
from motcua.core.errors import DomainError
from motcua.dossiers import services
from motcua.dossiers.lifecycle import Citizen
from motcua.dossiers.models import Channel, Dossier
from motcua.organization.models import Membership, Role, Unit

DESK = "p-tu-liem-pvhcc"
COMMITTEE = "p-tu-liem-ubnd"
MARK = "@demo.motcua.vn"  # applicants' e-mail domain: how a second run recognises them

APPLICANTS = [
    ("Nguyễn Văn An", "0912000101", "Số 12 ngõ 68 Cầu Diễn"),
    ("Trần Thị Bích Ngọc", "0912000102", "Số 5 Hồ Tùng Mậu"),
    ("Lê Quang Huy", "0912000103", "Tổ dân phố 3, Phú Diễn"),
    ("Phạm Thị Thu Trang", "0912000104", "Số 21 Văn Tiến Dũng"),
    ("Hoàng Minh Đức", "0912000105", "Số 9 ngõ 161 Hoa Bằng"),
    ("Công ty TNHH Xây dựng Từ Liêm", "0912000106", "Số 2 Phạm Văn Đồng"),
    ("Vũ Thị Lan Anh", "0912000107", "Số 40 Trần Cung"),
    ("Đặng Văn Khoa", "0912000108", "Số 7 ngõ 12 Đình Thôn"),
    ("Bùi Thị Hạnh", "0912000109", "Số 88 Nguyễn Hoàng"),
    ("Ngô Đức Thịnh", "0912000110", "Số 3 Lê Đức Thọ"),
]
# State of each demo dossier, in creation order (≈ 20).
PLAN = [
    "submitted",
    "submitted",
    "supplement_intake",
    "refused",
    "received",
    "received",
    "processing",
    "processing",
    "processing_assigned",
    "processing_assigned",
    "supplement",
    "payment",
    "at_committee",
    "at_committee",
    "resolved",
    "resolved",
    "returned",
    "returned",
    "returned",
    "withdrawn",
]


def _zone():
    return ZoneInfo(settings.TIME_ZONE)


def _working_days_back(today: dt.date, count: int) -> list[dt.date]:
    days, day = [], today
    while len(days) < count:
        day -= dt.timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    return list(reversed(days))


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), _zone())


def _staff(unit: Unit, roles: set[str]):
    membership = (
        Membership.objects.filter(unit=unit, role__in=roles)
        .select_related("user")
        .order_by("user__username")
        .first()
    )
    return membership.user if membership else None


def _step_actor(dossier: Dossier):
    unit = Unit.objects.get(pk=dossier.current_unit_id)
    return _staff(unit, {Role.SPECIALIST, Role.UNIT_LEADER, Role.AGENCY_LEADER, Role.CLERK})


def _to_committee(dossier: Dossier, at: dt.datetime) -> Dossier:
    """Hand over step by step until the dossier sits with the people's committee."""
    for hop in range(6):
        if dossier.current_unit.code == COMMITTEE:
            return dossier
        actor = _step_actor(dossier)
        last = not dossier.procedure_version.steps.filter(
            order__gt=dossier.current_step.procedure_step.order
            if dossier.current_step and dossier.current_step.procedure_step
            else 0
        ).exists()
        dossier = services.hand_over(
            actor=actor,
            dossier=dossier,
            to_unit_code=COMMITTEE if last else None,
            at=at + dt.timedelta(minutes=20 * (hop + 1)),
        )
    return dossier


def load_dossiers(units: dict[str, Unit]) -> int:
    """Create the demo dossiers of Phường Từ Liêm unless they exist; returns how many."""
    desk = units.get(DESK) or Unit.objects.filter(code=DESK).first()
    if desk is None or Dossier.objects.filter(applicant_email__endswith=MARK).exists():
        return 0
    today = timezone.localdate()
    versions = list(
        versions_in_force(today)
        .filter(receiving_units=desk, steps__isnull=False)
        .select_related("procedure")
        .distinct()
        .order_by("procedure__code")[:8]
    )
    officer = _staff(desk, {Role.ONE_STOP_OFFICER})
    committee = units.get(COMMITTEE) or Unit.objects.filter(code=COMMITTEE).first()
    signer = _staff(committee, {Role.AGENCY_LEADER}) if committee else None
    if not versions or officer is None or signer is None:
        return 0
    days = _working_days_back(today, len(PLAN))
    for index, state in enumerate(PLAN):
        try:
            with transaction.atomic():
                _make(index, state, versions[index % len(versions)], desk, officer, signer, days)
        except DomainError:
            continue  # a procedure whose steps have no demo staff: that dossier is skipped
    return Dossier.objects.filter(applicant_email__endswith=MARK).count()


def _make(index, state, version, desk, officer, signer, days) -> None:
    name, phone, address = APPLICANTS[index % len(APPLICANTS)]
    applicant = {
        "name": name,
        "phone": phone,
        "email": f"hoso{index + 1:02d}{MARK}",
        "address": f"{address}, phường Từ Liêm, Hà Nội",
    }
    day = days[index]
    at = _at(day, 8 + index % 3, 15)
    parts = [p.pk for p in version.parts.all() if p.required]
    common = {"procedure_code": version.procedure.code, "unit_code": desk.code}
    if state in {"submitted", "supplement_intake", "refused"}:
        dossier = services.submit_dossier(
            actor=Citizen(phone=phone),
            channel=Channel.ONLINE if version.accepts_online else Channel.DIRECT,
            applicant=applicant,
            parts_received=parts,
            at=at,
            **common,
        ) if version.accepts_online else services.submit_dossier(
            actor=officer, channel=Channel.DIRECT, applicant=applicant,
            parts_received=parts, at=at, **common,
        )  # fmt: skip
        if state == "supplement_intake":
            services.request_supplement(
                actor=officer,
                dossier=dossier,
                items=["Bản sao giấy chứng nhận quyền sử dụng đất có chứng thực"],
                at=at + dt.timedelta(hours=1),
            )
        elif state == "refused":
            services.refuse_dossier(
                actor=officer,
                dossier=dossier,
                reason="Hồ sơ không thuộc thẩm quyền giải quyết của phường.",
                at=at + dt.timedelta(hours=1),
            )
        return
    dossier = services.receive_at_desk(
        actor=officer,
        channel=Channel.DIRECT,
        applicant=applicant,
        parts_received=parts,
        received_at=at,
        **common,
    )
    if state == "received":
        return
    dossier = services.assign_dossier(
        actor=officer, dossier=dossier, at=at + dt.timedelta(minutes=30)
    )
    if state == "withdrawn":
        services.withdraw_dossier(
            actor=officer,
            dossier=dossier,
            reason="Công dân có đơn xin rút hồ sơ.",
            at=at + dt.timedelta(hours=2),
        )
        return
    if state == "processing_assigned":
        leader = _staff(dossier.current_unit, {Role.UNIT_LEADER})
        specialist = _staff(dossier.current_unit, {Role.SPECIALIST})
        if leader and specialist:
            services.assign_dossier(
                actor=leader,
                dossier=dossier,
                assignee=specialist,
                at=at + dt.timedelta(minutes=45),
            )
        return
    if state == "processing":
        return
    actor = _step_actor(dossier)
    if state == "supplement":
        services.request_supplement(
            actor=actor,
            dossier=dossier,
            items=[_supplement_item(dossier)],
            reason="Giấy tờ nộp kèm bị mờ, không đọc được nội dung.",
            at=at + dt.timedelta(hours=1),
        )
        return
    if state == "payment":
        services.request_payment(
            actor=actor, dossier=dossier, amount=50000, at=at + dt.timedelta(hours=1)
        )
        return
    dossier = _to_committee(Dossier.objects.get(pk=dossier.pk), at + dt.timedelta(hours=1))
    if state == "at_committee":
        return
    dossier = services.resolve_dossier(
        actor=signer,
        dossier=dossier,
        granted=True,
        result_number=f"{index + 100}/QĐ-UBND",
        signer=f"{signer.last_name} {signer.first_name}".strip(),
        at=at + dt.timedelta(hours=4),
    )
    if state == "returned":
        services.return_result(
            actor=officer, dossier=dossier, at=at + dt.timedelta(days=1, hours=1)
        )


def _supplement_item(dossier: Dossier) -> str:
    """What a supplement request asks for: one of the dossier's own parts (a death
    registration is not asked for a building survey)."""
    part = dossier.procedure_version.parts.order_by("-required", "order", "pk").first()
    name = part.name if part is not None else "Giấy tờ chứng minh nhân thân"
    return f"{name} (bản rõ nét)"
