"""Public organisation tree."""

import datetime as dt

from django.utils import timezone
from ninja import Query, Router, Schema

from motcua.organization.selectors import units_on

router = Router(tags=["organization"])


class UnitOut(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    agency_code: str
    parent: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None


class UnitsQuery(Schema):
    on: dt.date | None = None


@router.get("/public/units", response=list[UnitOut], summary="Cây tổ chức tại một ngày")
def list_units(request, filters: Query[UnitsQuery]):
    day = filters.on or timezone.localdate()
    return [
        UnitOut(
            code=u.code,
            name=u.name,
            short_name=u.short_name,
            kind=u.kind,
            agency_code=u.agency_code,
            parent=u.parent.code if u.parent and u.parent.is_valid_on(day) else None,
            valid_from=u.valid_from,
            valid_to=u.valid_to,
        )
        for u in units_on(day)
    ]
