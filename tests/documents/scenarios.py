"""Dossiers brought through the real services to the point where each slip exists.

Two calendars: r2025 from Tuesday 10/03/2026, r2018 from Tuesday 12/03/2024 (both 10:00).
"""

import datetime as dt
from dataclasses import dataclass

from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from tests.dossiers.factories import desk_dossier, local, online_dossier

APPLICANT_NAME = "Nguyễn Thị Hồng Nhung"
PROCEDURE_NAME = "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"
REFUSAL_REASON = "Hồ sơ không thuộc thẩm quyền giải quyết của quận"
STOP_REASON = "Có tranh chấp quyền sử dụng đất, chờ Tòa án giải quyết"
APOLOGY_REASON = "Phải lấy ý kiến của Sở Xây dựng về chỉ giới xây dựng"
SUPPLEMENT_ITEM = "Bản vẽ mặt bằng móng có xác nhận của đơn vị thiết kế"
SUPPLEMENT_REASON = "Bản vẽ đã nộp thiếu chữ ký của chủ nhiệm thiết kế"


@dataclass(frozen=True)
class Days:
    """The working days a scenario runs on, and how they print."""

    d0: dt.date  # a Tuesday
    regime: str

    def at(self, offset: int, hour: int, minute: int = 0) -> dt.datetime:
        day = self.d0 + dt.timedelta(days=offset)
        return local(day.year, day.month, day.day, hour, minute)

    def text(self, offset: int) -> str:
        return (self.d0 + dt.timedelta(days=offset)).strftime("%d/%m/%Y")


R2025 = Days(dt.date(2026, 3, 10), "r2025")
R2018 = Days(dt.date(2024, 3, 12), "r2018")
DAYS = {"r2025": R2025, "r2018": R2018}


def received(world, days: Days) -> Dossier:
    return desk_dossier(world, at=days.at(0, 10))


def processing(world, days: Days) -> Dossier:
    dossier = received(world, days)
    return services.assign_dossier(actor=world.officer, dossier=dossier, at=days.at(0, 10, 30))


def supplement_requested(world, days: Days) -> Dossier:
    dossier = processing(world, days)
    services.request_supplement(
        actor=world.specialist,
        dossier=dossier,
        items=[SUPPLEMENT_ITEM],
        reason=SUPPLEMENT_REASON,
        at=days.at(1, 9),
    )
    return Dossier.objects.get(pk=dossier.pk)


def refused(world, days: Days) -> Dossier:
    dossier = online_dossier(world, at=days.at(0, 8, 30))
    return services.refuse_dossier(
        actor=world.officer, dossier=dossier, reason=REFUSAL_REASON, at=days.at(0, 9)
    )


def apologised(world, days: Days) -> Dossier:
    dossier = processing(world, days)
    return services.apologise(
        actor=world.leader,
        dossier=dossier,
        new_appointment_at=days.at(10, 17),
        reason=APOLOGY_REASON,
        at=days.at(1, 9),
    )


def stopped(world, days: Days) -> Dossier:
    dossier = processing(world, days)
    return services.stop_dossier(
        actor=world.leader, dossier=dossier, reason=STOP_REASON, at=days.at(1, 14)
    )


def through_all_steps(world, days: Days) -> Dossier:
    """Step 1 handed over early, step 2 late, step 3 closed on time by the resolution."""
    dossier = processing(world, days)
    dossier = services.hand_over(actor=world.specialist, dossier=dossier, at=days.at(0, 15))
    dossier = services.hand_over(actor=world.leader, dossier=dossier, at=days.at(1, 16))
    return services.resolve_dossier(
        actor=world.agency_leader,
        dossier=dossier,
        granted=True,
        result_number="125/GPXD",
        at=days.at(2, 16),
    )


SCENARIOS = {
    "receipt_slip": received,
    "supplement_request": supplement_requested,
    "refusal_slip": refused,
    "apology_slip": apologised,
    "stop_notice": stopped,
    "control_slip": through_all_steps,
}
