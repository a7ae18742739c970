"""A small district for dossier tests, and dossiers driven into any state through the services."""

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from motcua.catalog.models import OnlineService
from motcua.dossiers import services
from motcua.dossiers.lifecycle import Citizen
from motcua.dossiers.models import Channel, Dossier
from motcua.organization.models import Role, UnitKind
from tests.factories import (
    DossierPartFactory,
    FeeFactory,
    MembershipFactory,
    OneStopUnitFactory,
    ProcedureStepFactory,
    ProcedureVersionFactory,
    UnitFactory,
    UserFactory,
)

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
PHONE = "0912345678"


def local(year, month, day, hour=0, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=TZ)


APPLICANT = {
    "kind": "person",
    "name": "Nguyễn Thị Hồng Nhung",
    "id_number": "001190012345",
    "phone": PHONE,
    "email": "nhung@example.vn",
    "address": "Số 5 ngõ 12 Mỹ Đình, Nam Từ Liêm, Hà Nội",
}


@dataclass
class World:
    desk: object
    other_desk: object
    department: object
    committee: object
    version: object
    parts: list
    officer: object
    other_officer: object
    specialist: object
    leader: object
    agency_leader: object
    clerk: object
    omni: object
    citizen: Citizen = field(default_factory=lambda: Citizen(phone=PHONE))


def member(user, unit, role):
    MembershipFactory(user=user, unit=unit, role=role)
    return user


def make_world(*, committed_days: int = 5, cutoff=None, same_day=False, pause_on_payment=False):
    """One-stop desk, a department and the people's committee; a permit procedure with three
    steps (specialist 3 days, leader 1 day at the department, agency leader 1 day)."""
    desk = OneStopUnitFactory(
        code="ntl-mot-cua", name="Bộ phận Một cửa quận Nam Từ Liêm", agency_code="000.22.27.H26"
    )
    other_desk = OneStopUnitFactory(
        code="tl-mot-cua", name="Bộ phận Một cửa phường Tây Mỗ", agency_code="000.31.27.H26"
    )
    department = UnitFactory(
        code="phong-qldt", name="Phòng Quản lý đô thị", kind=UnitKind.DEPARTMENT, agency_code=""
    )
    committee = UnitFactory(
        code="ubnd-ntl",
        name="Ủy ban nhân dân quận Nam Từ Liêm",
        kind=UnitKind.PEOPLES_COMMITTEE,
        agency_code="000.00.27.H26",
    )
    version = ProcedureVersionFactory(
        procedure__code="1.009994",
        name="Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        receiving_units=[desk, other_desk],
        statutory_minutes=15 * 480,
        committed_minutes=committed_days * 480,
        cutoff_time=cutoff,
        same_day=same_day,
        pause_on_payment=pause_on_payment,
        online_service=OnlineService.FULL,
        online_level=4,
        effective_from=dt.date(2020, 1, 1),
    )
    version.resolving_units.set([department])
    parts = [
        DossierPartFactory(version=version, order=1, name="Đơn đề nghị cấp giấy phép xây dựng"),
        DossierPartFactory(version=version, order=2, name="Bản vẽ thiết kế xây dựng"),
        DossierPartFactory(
            version=version, order=3, name="Bản cam kết an toàn công trình", required=False
        ),
    ]
    FeeFactory(version=version, amount=75000)
    ProcedureStepFactory(
        version=version, order=1, name="Thẩm định hồ sơ", unit=department, budget_minutes=1440
    )
    ProcedureStepFactory(
        version=version,
        order=2,
        name="Lãnh đạo phòng xem xét",
        unit=department,
        role=Role.UNIT_LEADER,
        budget_minutes=480,
    )
    ProcedureStepFactory(
        version=version,
        order=3,
        name="Lãnh đạo UBND ký duyệt",
        unit=committee,
        role=Role.AGENCY_LEADER,
        budget_minutes=480,
    )
    omni = UserFactory(username="omni")
    for unit in (desk, department, committee):
        for role in Role.values:
            member(omni, unit, role)
    return World(
        desk=desk,
        other_desk=other_desk,
        department=department,
        committee=committee,
        version=version,
        parts=parts,
        officer=member(UserFactory(username="officer"), desk, Role.ONE_STOP_OFFICER),
        other_officer=member(UserFactory(username="officer2"), other_desk, Role.ONE_STOP_OFFICER),
        specialist=member(UserFactory(username="specialist"), department, Role.SPECIALIST),
        leader=member(UserFactory(username="leader"), department, Role.UNIT_LEADER),
        agency_leader=member(UserFactory(username="chairman"), committee, Role.AGENCY_LEADER),
        clerk=member(UserFactory(username="clerk"), committee, Role.CLERK),
        omni=omni,
    )


def working_day_on_or_after(dossier: Dossier, day: dt.date) -> dt.date:
    """`day`, or the first working day after it at the dossier's receiving unit."""
    from motcua.dossiers.deadlines import dossier_calendar
    from motcua.workcalendar.clock import is_working_day

    calendar = dossier_calendar(dossier)
    while not is_working_day(day, calendar):
        day += dt.timedelta(days=1)
    return day


def required_part_ids(world: World) -> list[int]:
    return [p.pk for p in world.parts if p.required]


def desk_dossier(world: World, *, at=None, channel=Channel.DIRECT, applicant=None) -> Dossier:
    """A paper dossier received at the desk (state 2)."""
    return services.receive_at_desk(
        actor=world.officer,
        procedure_code=world.version.procedure.code,
        unit_code=world.desk.code,
        channel=channel,
        applicant=applicant or APPLICANT,
        parts_received=required_part_ids(world),
        received_at=at or local(2026, 3, 2, 9, 0),
    )


def online_dossier(world: World, *, at=None, parts=None) -> Dossier:
    """An online submission (state 1)."""
    return services.submit_dossier(
        actor=world.citizen,
        procedure_code=world.version.procedure.code,
        unit_code=world.desk.code,
        channel=Channel.ONLINE,
        applicant=APPLICANT,
        parts_received=required_part_ids(world) if parts is None else parts,
        at=at or local(2026, 3, 2, 8, 30),
    )


def _processing(world, day=2):
    dossier = desk_dossier(world, at=local(2026, 3, day, 9, 0))
    return services.assign_dossier(
        actor=world.officer, dossier=dossier, at=local(2026, 3, day, 9, 30)
    )


def _at_committee(world):
    dossier = _processing(world)
    dossier = services.hand_over(actor=world.specialist, dossier=dossier, at=local(2026, 3, 2, 11))
    return services.hand_over(actor=world.leader, dossier=dossier, at=local(2026, 3, 2, 14))


def _resolved(world):
    return services.resolve_dossier(
        actor=world.agency_leader,
        dossier=_at_committee(world),
        granted=True,
        result_number="125/GPXD",
        at=local(2026, 3, 2, 16),
    )


def _supplement(world, phase):
    if phase == "intake":
        dossier = online_dossier(world)
        services.request_supplement(
            actor=world.officer,
            dossier=dossier,
            items=["Bản vẽ thiết kế xây dựng"],
            at=local(2026, 3, 2, 10),
        )
    else:
        dossier = _processing(world)
        services.request_supplement(
            actor=world.specialist,
            dossier=dossier,
            items=["Bản vẽ mặt bằng móng"],
            at=local(2026, 3, 2, 10),
        )
    return Dossier.objects.get(pk=dossier.pk)


def _payment(world):
    dossier = _processing(world)
    return services.request_payment(
        actor=world.specialist, dossier=dossier, amount=75000, at=local(2026, 3, 2, 10)
    )


BUILDERS = {
    "submitted": lambda w: online_dossier(w),
    "received": lambda w: desk_dossier(w),
    "refused": lambda w: services.refuse_dossier(
        actor=w.officer, dossier=online_dossier(w), reason="Sai thẩm quyền", at=local(2026, 3, 2, 9)
    ),
    "processing": _processing,
    "supplement_requested": lambda w: _supplement(w, "processing"),
    "supplement_requested_intake": lambda w: _supplement(w, "intake"),
    "awaiting_payment": _payment,
    "withdrawn": lambda w: services.withdraw_dossier(
        actor=w.officer, dossier=desk_dossier(w), reason="Đơn xin rút", at=local(2026, 3, 2, 10)
    ),
    "stopped": lambda w: services.stop_dossier(
        actor=w.leader, dossier=_processing(w), reason="Có tranh chấp", at=local(2026, 3, 2, 10)
    ),
    "resolved": _resolved,
    "returned": lambda w: services.return_result(
        actor=w.officer, dossier=_resolved(w), at=local(2026, 3, 2, 16, 30)
    ),
    "at_committee": _at_committee,
}


def dossier_in(state: str, world: World) -> Dossier:
    """A dossier brought to `state` (a status identifier, `supplement_requested_intake` or
    `at_committee`) through the real services, on Monday 02/03/2026."""
    return Dossier.objects.get(pk=BUILDERS[state](world).pk)
