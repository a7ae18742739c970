"""Public procedure catalogue."""

import datetime as dt

from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from motcua.catalog.models import ProcedureVersion
from motcua.catalog.selectors import procedure_in_force, search_procedures

router = Router(tags=["catalog"])


class ProcedureItem(Schema):
    code: str
    name: str
    field: str
    field_name: str
    level: str
    service_level: str
    online_level: int
    online_payment: bool
    receiving_units: list[str]
    statutory_minutes: int
    committed_minutes: int
    time_unit: str
    effective_from: dt.date
    version: int


class PartOut(Schema):
    name: str
    form: str
    copies: int
    required: bool
    reusable: bool


class FeeOut(Schema):
    kind: str
    name: str
    amount: int
    note: str


class StepOut(Schema):
    order: int
    name: str
    unit: str | None
    role: str
    budget_minutes: int


class ProcedureDetail(ProcedureItem):
    resolving_units: list[str]
    applicants: str
    legal_basis: str
    conditions: str
    cutoff_time: dt.time | None
    same_day: bool
    result_name: str
    parts: list[PartOut]
    fees: list[FeeOut]
    steps: list[StepOut]


class ProcedurePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ProcedureItem]


class ProcedureQuery(Schema):
    q: str | None = Field(None, max_length=200)
    field: str | None = Field(None, max_length=40)
    unit: str | None = Field(None, max_length=40)
    level: str | None = Field(None, max_length=20)
    on: dt.date | None = None
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


def item(version: ProcedureVersion) -> dict:
    return {
        "code": version.procedure.code,
        "name": version.name,
        "field": version.field.code,
        "field_name": version.field.name,
        "level": version.level,
        "service_level": version.online_service,
        "online_level": version.online_level,
        "online_payment": version.online_payment,
        "receiving_units": sorted(u.code for u in version.receiving_units.all()),
        "statutory_minutes": version.statutory_minutes,
        "committed_minutes": version.committed_minutes,
        "time_unit": version.time_unit,
        "effective_from": version.effective_from,
        "version": version.number,
    }


@router.get("/public/procedures", response=ProcedurePage, summary="Tra cứu thủ tục hành chính")
def list_procedures(request, filters: Query[ProcedureQuery]):
    qs = search_procedures(
        day=filters.on or timezone.localdate(),
        q=filters.q,
        field=filters.field,
        unit=filters.unit,
        level=filters.level,
    )
    page = list(qs[filters.offset : filters.offset + filters.limit])
    return {
        "count": qs.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [item(v) for v in page],
    }


@router.get("/public/procedures/{code}", response=ProcedureDetail, summary="Chi tiết thủ tục")
def get_procedure(request, code: str, on: dt.date | None = None):
    version = procedure_in_force(code[:40], on or timezone.localdate())
    if version is None:
        raise Http404
    return {
        **item(version),
        "resolving_units": sorted(u.code for u in version.resolving_units.all()),
        "applicants": version.applicants,
        "legal_basis": version.legal_basis,
        "conditions": version.conditions,
        "cutoff_time": version.cutoff_time,
        "same_day": version.same_day,
        "result_name": version.result_name,
        "parts": list(version.parts.all()),
        "fees": list(version.fees.all()),
        "steps": [
            {
                "order": s.order,
                "name": s.name,
                "unit": s.unit.code if s.unit else None,
                "role": s.role,
                "budget_minutes": s.budget_minutes,
            }
            for s in version.steps.all()
        ],
    }
