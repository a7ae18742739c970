"""Dossier codes `V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX` (DOMAIN §5): a daily sequence per agency."""

import datetime as dt
import re

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError
from motcua.organization.models import AGENCY_CODE_RE

from .models import CodeCounter, Regime, regime_on

# The code layout per regime; r2025 keeps the r2018 layout until Circular 03/2025 says otherwise.
CODE_FORMATS: dict[str, str] = {
    Regime.R2018: "{agency}-{day:%y%m%d}-{seq:04d}",
    Regime.R2025: "{agency}-{day:%y%m%d}-{seq:04d}",
}
CODE_RE = re.compile(
    r"^(?P<agency>\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(?P<day>\d{6})-(?P<seq>\d{4,})$"
)


def allocate_code(agency_code: str, local_date: dt.date) -> str:
    """Issue the next code of `agency_code` for `local_date`; the counter row stays locked
    until the caller's transaction ends, so codes are never duplicated and never reused."""
    if not AGENCY_CODE_RE.match(agency_code or ""):
        raise DomainError(
            "agency_code",
            _("Đơn vị tiếp nhận chưa có mã định danh hợp lệ (dạng 000.00.00.H26)."),
        )
    with transaction.atomic():
        try:
            # Savepoint: a concurrent first insert for the same day must not break the caller.
            with transaction.atomic():
                CodeCounter.objects.get_or_create(agency_code=agency_code, day=local_date)
        except IntegrityError:
            pass
        counter = CodeCounter.objects.select_for_update().get(
            agency_code=agency_code, day=local_date
        )
        counter.last += 1
        counter.save(update_fields=["last"])
    template = CODE_FORMATS[regime_on(local_date)]
    return template.format(agency=agency_code, day=local_date, seq=counter.last)


def parse_code(code: str) -> tuple[str, dt.date, int] | None:
    """(agency code, issue date, sequence) of a well-formed code, else None."""
    match = CODE_RE.match((code or "").strip())
    if match is None:
        return None
    try:
        day = dt.datetime.strptime(match["day"], "%y%m%d").date()
    except ValueError:
        return None
    return match["agency"], day, int(match["seq"])
