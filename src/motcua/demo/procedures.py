"""Expand the demo catalogue data into procedures with two versions each.

Version 1 (01/01/2018 – 30/06/2025) is received at the one-stop units of the district and its
wards; version 2 (from 01/07/2025) at the service centres of the four new wards, every
procedure then being a commune-level one.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from motcua.catalog.models import (
    MINUTES_PER_DAY,
    DossierPart,
    Fee,
    Field,
    GovernmentLevel,
    OnlineService,
    Procedure,
    ProcedureStep,
    ProcedureVersion,
    TimeUnit,
    procedure_code_validator,
)
from motcua.organization.models import Role, Unit

from .data import units as org
from .data.catalogue import FIELDS, PARTS, Duration, Group, P
from .data.procedures import GROUPS

V1_FROM = dt.date(2018, 1, 1)
V1_TO = org.LAST_DAY
V2_FROM = org.TWO_TIER
CUTOFF = dt.time(15, 0)
MAIN = None  # the step that takes whatever time the others leave

REGIME_2018 = (
    "Nghị định số 61/2018/NĐ-CP về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết "
    "thủ tục hành chính"
)
REGIME_2025 = (
    "Nghị định số 118/2025/NĐ-CP về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa "
    "liên thông tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia; các nghị định năm 2025 về "
    "phân định thẩm quyền của chính quyền địa phương hai cấp"
)


@dataclass(frozen=True)
class StepRow:
    name: str
    unit: str | None  # None: the dossier's own ward (receiving unit or its resolving unit)
    role: str
    share: float | None  # of the committed time; None = MAIN
    cap: int = 0  # minutes


def minutes(spec: Duration) -> tuple[int, str, bool]:
    """(working minutes, time unit, same day) of a duration written as 5, "4h" or "same"."""
    if spec == "same":
        return MINUTES_PER_DAY, TimeUnit.DAY, True
    if isinstance(spec, str) and spec.endswith("h"):
        return int(spec[:-1]) * 60, TimeUnit.HOUR, False
    if isinstance(spec, int) and spec > 0:
        return spec * MINUTES_PER_DAY, TimeUnit.DAY, False
    raise ValueError(f"Thời hạn không hợp lệ: {spec!r}")


def step_budgets(steps: list[StepRow], committed: int) -> list[int]:
    """Split `committed` minutes over the steps in quarter hours; the main step takes the rest."""
    budgets = []
    for step in steps:
        if step.share is None:
            budgets.append(0)
            continue
        quarter_hours = max(1, round(committed * step.share / 15))
        budgets.append(min(step.cap, quarter_hours * 15))
    main = committed - sum(budgets)
    if main < 15:
        raise ValueError(f"Thời hạn {committed} phút quá ngắn cho {len(steps)} bước.")
    budgets[next(i for i, s in enumerate(steps) if s.share is None)] = main
    return budgets


RECEIVE = "Tiếp nhận, kiểm tra hồ sơ, chuyển xử lý"
RETURN = "Trả kết quả cho tổ chức, cá nhân"
ISSUE = "Vào sổ, đóng dấu, phát hành kết quả"


def district_steps(group: Group) -> list[StepRow]:
    dept, desk = group.department, org.DISTRICT_ONE_STOP
    steps = [
        StepRow(RECEIVE, desk, Role.ONE_STOP_OFFICER, 0.05, 240),
        StepRow("Thẩm định hồ sơ, dự thảo kết quả", dept, Role.SPECIALIST, MAIN),
    ]
    if group.route == "dept":
        steps.append(StepRow("Xem xét, ký kết quả", dept, Role.UNIT_LEADER, 0.10, 480))
    else:
        steps += [
            StepRow("Xem xét, trình lãnh đạo UBND quận", dept, Role.UNIT_LEADER, 0.10, 480),
            StepRow("Phê duyệt, ký kết quả", org.DISTRICT_COMMITTEE, Role.AGENCY_LEADER, 0.10, 480),
        ]
    return [
        *steps,
        StepRow(ISSUE, org.DISTRICT_OFFICE, Role.CLERK, 0.05, 240),
        StepRow(RETURN, desk, Role.ONE_STOP_OFFICER, 0.05, 240),
    ]


def interagency_steps(group: Group) -> list[StepRow]:
    dept = group.department
    return [
        StepRow(
            "Tiếp nhận hồ sơ tại Bộ phận Một cửa phường", None, Role.ONE_STOP_OFFICER, 0.05, 240
        ),
        StepRow(
            "UBND phường xác minh, xác nhận, chuyển hồ sơ lên quận",
            None,
            Role.SPECIALIST,
            0.25,
            2400,
        ),
        StepRow("Thẩm định hồ sơ, dự thảo quyết định", dept, Role.SPECIALIST, MAIN),
        StepRow("Xem xét, trình lãnh đạo UBND quận", dept, Role.UNIT_LEADER, 0.10, 480),
        StepRow("Phê duyệt, ký quyết định", org.DISTRICT_COMMITTEE, Role.AGENCY_LEADER, 0.10, 480),
        StepRow(ISSUE, org.DISTRICT_OFFICE, Role.CLERK, 0.05, 240),
        StepRow(
            "Chuyển kết quả về phường, trả cho công dân", None, Role.ONE_STOP_OFFICER, 0.05, 240
        ),
    ]


def ward_steps(*, with_office: bool) -> list[StepRow]:
    steps = [
        StepRow(RECEIVE, None, Role.ONE_STOP_OFFICER, 0.05, 240),
        StepRow("Thẩm định hồ sơ, dự thảo kết quả", None, Role.SPECIALIST, MAIN),
    ]
    if with_office:
        steps.append(
            StepRow("Xem xét, trình Chủ tịch UBND phường", None, Role.UNIT_LEADER, 0.10, 480)
        )
    return [
        *steps,
        StepRow("Phê duyệt, ký kết quả", None, Role.AGENCY_LEADER, 0.10, 480),
        StepRow(ISSUE, None, Role.CLERK, 0.05, 240),
        StepRow(RETURN, None, Role.ONE_STOP_OFFICER, 0.05, 240),
    ]


def v1_steps(group: Group) -> list[StepRow]:
    if group.route == "ward":
        return ward_steps(with_office=False)
    if group.route == "interagency":
        return interagency_steps(group)
    return district_steps(group)


def v1_units(group: Group) -> tuple[list[str], list[str]]:
    """(receiving, resolving) unit codes of version 1."""
    wards = [org.old_ward_codes(slug) for slug, *_rest in org.OLD_WARDS]
    if group.route == "ward":
        return [w["one_stop"] for w in wards], [w["ubnd"] for w in wards]
    if group.route == "interagency":
        return [w["one_stop"] for w in wards], [group.department]
    return [org.DISTRICT_ONE_STOP], [group.department]


def v2_units(group: Group) -> tuple[list[str], list[str]]:
    wards = [org.new_ward_codes(slug) for slug, *_rest in org.NEW_WARDS]
    return [w["centre"] for w in wards], [w[group.office] for w in wards]


def iter_rows() -> Iterator[tuple[Group, P]]:
    for group in GROUPS:
        for proc in group.procs:
            yield group, proc


def load_fields() -> dict[str, Field]:
    fields = {f.code: f for f in Field.objects.filter(code__in=[c for c, _n in FIELDS])}
    for code, name in FIELDS:
        if code not in fields:
            fields[code] = Field(code=code, name=name)
            fields[code].save()
    return fields


@dataclass(frozen=True)
class VersionPlan:
    number: int
    start: dt.date
    end: dt.date | None
    level: str
    steps: list[StepRow]
    receiving: list[str]
    resolving: list[str]
    regime: str


def version_plans(group: Group) -> list[VersionPlan]:
    """The district-shape version 1 and the two-tier version 2 of a group's procedures."""
    return [
        VersionPlan(1, V1_FROM, V1_TO, group.level, v1_steps(group), *v1_units(group), REGIME_2018),
        VersionPlan(
            2,
            V2_FROM,
            None,
            GovernmentLevel.COMMUNE,
            ward_steps(with_office=True),
            *v2_units(group),
            REGIME_2025,
        ),
    ]


def load_catalogue(units: dict[str, Unit]) -> int:
    """Create the procedures that are missing (matched by `code`); return how many were created."""
    fields = load_fields()
    codes = [p.code for _g, p in iter_rows()]
    existing = set(Procedure.objects.filter(code__in=codes).values_list("code", flat=True))
    todo = [(g, p) for g, p in iter_rows() if p.code not in existing]
    for _group, proc in todo:
        procedure_code_validator(proc.code)
    procedures = Procedure.objects.bulk_create([Procedure(code=p.code) for _g, p in todo])
    if any(p.pk is None for p in procedures):  # backends that do not return ids
        by_code = Procedure.objects.in_bulk([p.code for p in procedures], field_name="code")
        procedures = [by_code[p.code] for p in procedures]
    receiving = ProcedureVersion.receiving_units.through
    resolving = ProcedureVersion.resolving_units.through
    rows: dict[type, list] = {
        m: [] for m in (receiving, resolving, DossierPart, Fee, ProcedureStep)
    }
    for procedure, (group, proc) in zip(procedures, todo, strict=True):
        for plan in version_plans(group):
            version = build_version(procedure, group, proc, field=fields[group.field], plan=plan)
            version.save()
            rows[receiving] += [
                receiving(procedureversion=version, unit=units[c]) for c in plan.receiving
            ]
            rows[resolving] += [
                resolving(procedureversion=version, unit=units[c]) for c in plan.resolving
            ]
            rows[DossierPart] += build_parts(version, proc)
            rows[Fee] += [
                Fee(version=version, kind=kind, name=name, amount=amount, note=note)
                for kind, name, amount, note in proc.fees
            ]
            rows[ProcedureStep] += build_steps(version, plan.steps, units)
    for model, batch in rows.items():
        model.objects.bulk_create(batch, batch_size=500)
    return len(procedures)


def build_steps(version: ProcedureVersion, steps: list[StepRow], units: dict[str, Unit]) -> list:
    budgets = step_budgets(steps, version.committed_minutes)
    return [
        ProcedureStep(
            version=version,
            order=order,
            name=step.name,
            unit=units[step.unit] if step.unit else None,
            role=step.role,
            budget_minutes=budget,
        )
        for order, (step, budget) in enumerate(zip(steps, budgets, strict=True), start=1)
    ]


def build_version(
    procedure: Procedure, group: Group, proc: P, *, field: Field, plan: VersionPlan
) -> ProcedureVersion:
    statutory, time_unit, same_day = minutes(proc.time)
    committed = minutes(proc.committed)[0] if proc.committed is not None else statutory
    full = proc.online == 4
    return ProcedureVersion(
        procedure=procedure,
        number=plan.number,
        effective_from=plan.start,
        effective_to=plan.end,
        name=proc.name,
        field=field,
        level=plan.level,
        applicants=proc.applicants or group.applicants,
        legal_basis=f"{proc.legal or group.legal}; {plan.regime}",
        conditions=proc.conditions,
        statutory_minutes=statutory,
        committed_minutes=committed,
        time_unit=time_unit,
        same_day=same_day,
        cutoff_time=CUTOFF if proc.cutoff else None,
        online_level=proc.online,
        online_service=OnlineService.FULL if full else OnlineService.PARTIAL,
        online_payment=proc.pay,
        result_name=proc.result,
        result_by_post=full,
        result_online=full,
    )


def build_parts(version: ProcedureVersion, proc: P) -> list[DossierPart]:
    parts = []
    for order, key in enumerate(proc.parts.split(), start=1):
        name, form, copies, required, reusable = PARTS[key]
        parts.append(
            DossierPart(
                version=version,
                order=order,
                name=name,
                form=form,
                copies=copies,
                required=required,
                reusable=reusable,
            )
        )
    return parts
