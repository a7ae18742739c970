"""Demo construction order and ward infrastructure for the 10 Nam Từ Liêm wards (2020 shape).

Synthetic but plausible: permits, post-permit inspections and violations over 2017–2020 with
unlicensed constructions falling year by year (as the 2020 report says), and each ward's schools,
health station, culture–sports centre and community houses with a few gaps. Deterministic (a
fixed seed) and idempotent: a part already loaded is left as it is.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from motcua.construction.deadlines import nth_working_day_after
from motcua.construction.models import (
    ConstructionEvent,
    ConstructionSite,
    Inspection,
    InspectionResult,
    OversightUnit,
    Register,
    SiteStatus,
    Violation,
    ViolationKind,
    ViolationStatus,
    WorkType,
)
from motcua.infrastructure.models import (
    Basis,
    Condition,
    Facility,
    FacilityKind,
    FacilityStatus,
    WardProfile,
)
from motcua.organization.models import Unit
from motcua.workcalendar.selectors import calendar_for

SEED = 2020
YEARS = (2017, 2018, 2019, 2020)
# District totals of unlicensed constructions found per year: falling, as the report says.
UNLICENSED_PER_YEAR = {2017: 46, 2018: 33, 2019: 21, 2020: 12}
OVERSIGHT = ("ntl-doi-ttxd", "ntl-qldt")

# code, name, residential groups (assumed), street for addresses, permits per year (mean)
WARDS = [
    ("p-cau-dien", "Cầu Diễn", 21, "đường Hồ Tùng Mậu", 11),
    ("p-dai-mo", "Đại Mỗ", 25, "đường Đại Mỗ", 14),
    ("p-me-tri", "Mễ Trì", 19, "đường Mễ Trì Thượng", 10),
    ("p-my-dinh-1", "Mỹ Đình 1", 29, "đường Nguyễn Cơ Thạch", 13),
    ("p-my-dinh-2", "Mỹ Đình 2", 31, "đường Trần Văn Lai", 12),
    ("p-phu-do", "Phú Đô", 12, "đường Phú Đô", 7),
    ("p-phuong-canh", "Phương Canh", 21, "đường Xuân Phương", 9),
    ("p-tay-mo", "Tây Mỗ", 26, "đường Tây Mỗ", 15),
    ("p-trung-van", "Trung Văn", 22, "đường Tố Hữu", 12),
    ("p-xuan-phuong", "Xuân Phương", 17, "đường Phúc Diễn", 10),
]

KINDS = [
    ("mam-non", "Trường mầm non", Basis.PER_WARD, 1, "trẻ"),
    ("tieu-hoc", "Trường tiểu học", Basis.PER_WARD, 1, "học sinh"),
    ("thcs", "Trường trung học cơ sở", Basis.PER_WARD, 1, "học sinh"),
    ("tram-y-te", "Trạm y tế", Basis.PER_WARD, 1, "giường"),
    ("trung-tam-vhtt", "Trung tâm văn hóa – thể thao", Basis.PER_WARD, 1, "chỗ ngồi"),
    ("nha-van-hoa", "Nhà văn hóa tổ dân phố", Basis.PER_RESIDENTIAL_GROUP, 1, "chỗ ngồi"),
]

# The gaps of the demo: (ward, kind) → what exists instead of an operating facility.
GAPS = {
    ("p-phu-do", "thcs"): FacilityStatus.PLANNED,
    ("p-xuan-phuong", "trung-tam-vhtt"): FacilityStatus.UNDER_CONSTRUCTION,
    ("p-dai-mo", "trung-tam-vhtt"): None,
    ("p-tay-mo", "thcs"): FacilityStatus.UNDER_CONSTRUCTION,
}
# Community houses still missing per ward (some of them under construction).
HOUSES_MISSING = {
    "p-tay-mo": (4, 2),
    "p-dai-mo": (3, 1),
    "p-phuong-canh": (2, 0),
    "p-me-tri": (1, 1),
}

OWNERS = [
    "Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em",
    "Vũ Thị Giang", "Đỗ Văn Hải", "Bùi Thị Hương", "Đặng Văn Khoa", "Ngô Thị Lan",
    "Dương Văn Minh", "Lý Thị Nga", "Phan Văn Phúc", "Trịnh Thị Quyên", "Đinh Văn Sơn",
    "Công ty CP Đầu tư Xây dựng Hà Thành", "Công ty TNHH Thương mại Mỹ Đình",
]  # fmt: skip


def load_urban(units: dict[str, Unit]) -> int:
    """Load the missing parts; returns how many sites and facilities were created."""
    wards = {code: units[code] for code, *_rest in WARDS if code in units}
    if not wards:
        return 0
    for code in OVERSIGHT:
        if code in units:
            for register in Register.values:
                OversightUnit.objects.get_or_create(unit=units[code], register=register)
    kinds = _kinds()
    created = _infrastructure(wards, kinds)
    if not ConstructionSite.objects.filter(ward__in=wards.values()).exists():
        created += _construction(wards)
    return created


def _kinds() -> dict[str, FacilityKind]:
    kinds = {}
    for order, (code, name, basis, quantity, unit) in enumerate(KINDS):
        kinds[code], _created = FacilityKind.objects.get_or_create(
            code=code,
            defaults={
                "name": name, "basis": basis, "quantity": quantity, "order": order,
                "capacity_unit": unit,
            },
        )  # fmt: skip
    return kinds


def _infrastructure(wards: dict[str, Unit], kinds: dict[str, FacilityKind]) -> int:
    for code, _name, groups, *_rest in WARDS:
        if code in wards:
            WardProfile.objects.get_or_create(
                ward=wards[code], defaults={"residential_groups": groups}
            )
    if Facility.objects.filter(ward__in=wards.values()).exists():
        return 0
    rng = random.Random(SEED)
    rows = []
    conditions = [Condition.GOOD, Condition.GOOD, Condition.FAIR, Condition.DEGRADED]
    capacity = {"mam-non": 450, "tieu-hoc": 1100, "thcs": 900, "tram-y-te": 10,
                "trung-tam-vhtt": 400, "nha-van-hoa": 120}  # fmt: skip
    for code, name, groups, street, _permits in WARDS:
        if code not in wards:
            continue
        ward = wards[code]

        def facility(
            kind, title, status=FacilityStatus.OPERATING, *, ward=ward, street=street, name=name
        ):
            built = None if status == FacilityStatus.PLANNED else rng.randint(1995, 2019)
            if status == FacilityStatus.UNDER_CONSTRUCTION:
                built = None
            return Facility(
                ward=ward, kind=kinds[kind], name=title, status=status,
                address=f"Số {rng.randint(1, 200)} {street}, phường {name}",
                capacity=int(capacity[kind] * rng.uniform(0.7, 1.3)),
                condition=rng.choice(conditions) if status == FacilityStatus.OPERATING else "",
                year_built=built,
            )  # fmt: skip

        titles = {
            "mam-non": f"Trường Mầm non {name}",
            "tieu-hoc": f"Trường Tiểu học {name}",
            "thcs": f"Trường THCS {name}",
            "tram-y-te": f"Trạm Y tế phường {name}",
            "trung-tam-vhtt": f"Trung tâm Văn hóa – Thể thao phường {name}",
        }
        for kind, title in titles.items():
            if (code, kind) in GAPS:
                status = GAPS[(code, kind)]
                if status is not None:
                    rows.append(facility(kind, title, status))
                continue
            rows.append(facility(kind, title))
        if code in ("p-my-dinh-2", "p-trung-van"):
            rows.append(facility("mam-non", f"Trường Mầm non {name} B"))
        missing, building = HOUSES_MISSING.get(code, (0, 0))
        for group in range(1, groups + 1):
            title = f"Nhà văn hóa tổ dân phố số {group}"
            if group > groups - missing:
                if group <= groups - missing + building:
                    rows.append(facility("nha-van-hoa", title, FacilityStatus.UNDER_CONSTRUCTION))
                continue
            rows.append(facility("nha-van-hoa", title))
    for row in rows:
        row.save()  # search column is derived in save()
    return len(rows)


def _split(total: int, wards: list[str], rng: random.Random) -> dict[str, int]:
    weights = {code: rng.uniform(0.5, 1.5) for code in wards}
    scale = total / sum(weights.values())
    counts = {code: int(weights[code] * scale) for code in wards}
    for code in rng.sample(wards, total - sum(counts.values())):
        counts[code] += 1
    return counts


def _construction(wards: dict[str, Unit]) -> int:
    rng = random.Random(SEED + 1)
    calendars = {code: calendar_for(ward) for code, ward in wards.items()}
    today = timezone.localdate()
    sites = []
    for year in YEARS:
        unlicensed = _split(UNLICENSED_PER_YEAR[year], list(wards), rng)
        for code, name, _groups, street, permits in WARDS:
            if code not in wards:
                continue
            for index in range(max(1, int(rng.gauss(permits, 2)))):
                permit_date = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 330))
                floors = rng.choice([3, 4, 4, 5, 5, 5, 6, 7])
                site = ConstructionSite(
                    ward=wards[code], address=f"Số {rng.randint(1, 300)} ngõ {rng.randint(1, 120)} "
                    f"{street}, phường {name}",
                    plot_number=str(rng.randint(10, 900)), map_sheet=str(rng.randint(1, 40)),
                    owner_name=rng.choice(OWNERS), work_type=WorkType.HOUSE,
                    floors=floors, floor_area_m2=floors * rng.randint(45, 110),
                    permit_number=f"{index + 1:03d}/GPXD-{year}",
                    permit_date=permit_date,
                    permit_conditions="Xây dựng đúng chỉ giới, số tầng theo giấy phép.",
                    status=SiteStatus.COMPLETED if year < 2020 else rng.choice(
                        [SiteStatus.UNDER_CONSTRUCTION, SiteStatus.COMPLETED]
                    ),
                    started_on=permit_date + dt.timedelta(days=rng.randint(10, 40)),
                )  # fmt: skip
                if site.status == SiteStatus.COMPLETED:
                    site.completed_on = site.started_on + dt.timedelta(days=rng.randint(150, 300))
                    if site.completed_on > today:
                        site.status, site.completed_on = SiteStatus.UNDER_CONSTRUCTION, None
                sites.append((site, code, year, None))
            for _n in range(unlicensed[code]):
                found = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 340))
                site = ConstructionSite(
                    ward=wards[code],
                    address=f"Thửa đất xen kẹt ngõ {rng.randint(1, 150)} {street}, phường {name}",
                    plot_number=str(rng.randint(10, 900)), map_sheet=str(rng.randint(1, 40)),
                    owner_name=rng.choice(OWNERS[:15]), work_type=WorkType.HOUSE,
                    floors=rng.choice([1, 2, 3, 4]), status=SiteStatus.SUSPENDED,
                    started_on=found - dt.timedelta(days=rng.randint(5, 30)),
                )  # fmt: skip
                sites.append((site, code, year, found))
    for site, *_rest in sites:
        site.save()
    inspections, violations = [], []
    for site, code, year, found in sites:
        calendar = calendars[code]
        if found is not None:
            violations.append(
                _violation(site, ViolationKind.UNLICENSED, found, year, rng, calendar)
            )
            continue
        for offset in (45, 160):
            planned = site.permit_date + dt.timedelta(days=offset)
            if planned > today:
                continue
            roll = rng.random()
            if roll < 0.05 and year == 2020:
                inspections.append(Inspection(site=site, planned_on=planned))
                continue
            done = planned + dt.timedelta(days=rng.randint(3, 20) if roll < 0.15 else 0)
            wrong = rng.random() < 0.08
            inspections.append(
                Inspection(
                    site=site, planned_on=planned, done_on=done,
                    inspector_name=rng.choice(["Lê Minh Tâm", "Nguyễn Đức Long", "Phạm Thu Trang"]),
                    result=InspectionResult.VIOLATION if wrong else InspectionResult.COMPLIANT,
                    findings="Xây vượt số tầng được phép" if wrong else "Thi công đúng giấy phép",
                )
            )  # fmt: skip
            if wrong:
                violations.append(
                    _violation(site, ViolationKind.WRONG_PERMIT, done, done.year, rng, calendar)
                )
    Inspection.objects.bulk_create(inspections)
    Violation.objects.bulk_create(violations)
    now = timezone.now()
    ConstructionEvent.objects.bulk_create(
        ConstructionEvent(
            site=site,
            action="register_site",
            at=now,
            note="Dữ liệu mẫu",
            data={"status": site.status, "permit_number": site.permit_number},
        )
        for site, *_rest in sites
    )
    return len(sites)


def _violation(site, kind, found: dt.date, year: int, rng: random.Random, calendar) -> Violation:
    violation = Violation(
        site=site, kind=kind, found_on=found, status=ViolationStatus.RECORDED,
        record_number=f"{rng.randint(1, 400)}/BB-TTXD",
        description="Phát hiện khi tuần tra địa bàn" if kind == ViolationKind.UNLICENSED
        else "Phát hiện khi kiểm tra sau cấp phép",
    )  # fmt: skip
    if year == 2020 and rng.random() < 0.3:
        return violation
    decided = found + dt.timedelta(days=rng.randint(3, 12))
    days = rng.choice([10, 15, 30])
    violation.status = ViolationStatus.DECIDED
    violation.decision_number = f"{rng.randint(1, 900)}/QĐ-XPVPHC"
    violation.decided_on = decided
    violation.fine_amount = rng.choice([7_500_000, 15_000_000, 30_000_000, 40_000_000])
    violation.remedy_days = days
    violation.remedy_due = nth_working_day_after(decided, days, calendar)
    if year == 2020 and rng.random() < 0.25:
        return violation
    violation.status = rng.choice([ViolationStatus.REMEDIED, ViolationStatus.REMEDIED,
                                   ViolationStatus.ENFORCED])  # fmt: skip
    violation.closed_on = violation.remedy_due + dt.timedelta(days=rng.randint(-5, 10))
    violation.closed_on = max(violation.closed_on, decided)
    return violation
