"""Dossier codes `V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX` (DOMAIN §5): a daily sequence per agency."""

import datetime as dt
import re
import uuid

from django.db import connection, transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError
from motcua.organization.models import AGENCY_CODE_RE

from .models import CodeCounter, Regime, regime_on

# The code layout per regime; r2025 keeps the r2018 layout until Circular 03/2025 says otherwise.
CODE_FORMATS: dict[str, str] = {
    Regime.R2018: "{agency}-{day:%y%m%d}-{seq:04d}",
    Regime.R2025: "{agency}-{day:%y%m%d}-{seq:04d}",
}
# Sent by `number_dossier` once a dossier written under a provisional code has its real code
# (same transaction): `dossier`, `provisional`, `code`, `events` (written meanwhile).
code_issued = Signal()
# Sent by `number_dossier` just before it takes the agency's counter (same transaction):
# `dossier` (in its final state but for its code), `provisional`, `events`. Receivers write
# what needs that state but not the code, so that it is not written while the counter row,
# which every filing of the agency and day waits for, is held.
numbering = Signal()
CODE_RE = re.compile(
    r"^(?P<agency>\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(?P<day>\d{6})-(?P<seq>\d{4,})$"
)


PROVISIONAL_PREFIX = "~"


def provisional_code() -> str:
    """A unique stand-in code for a dossier being written; `number_dossier` replaces it with
    the real code just before the transaction commits. It never leaves the transaction."""
    return f"{PROVISIONAL_PREFIX}{uuid.uuid4().hex}"


def is_provisional(code: str) -> bool:
    return (code or "").startswith(PROVISIONAL_PREFIX)


def _check_agency(agency_code: str) -> None:
    if not AGENCY_CODE_RE.match(agency_code or ""):
        raise DomainError(
            "agency_code",
            _("Đơn vị tiếp nhận chưa có mã định danh hợp lệ (dạng 000.00.00.H26)."),
        )


def next_sequence(agency_code: str, local_date: dt.date) -> int:
    """Take the next daily number of `agency_code` in one statement (insert or increment).

    The counter row stays locked until the caller's transaction ends, so numbers are never
    duplicated, and a rolled-back transaction gives its number back (no gap). Callers take it
    as late as they can: every intake of the agency waits for that lock."""
    table = connection.ops.quote_name(CodeCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (agency_code, day, last) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (agency_code, day) DO UPDATE SET last = {table}.last + 1 "
            "RETURNING last",
            [agency_code, local_date],
        )
        return cursor.fetchone()[0]


def format_code(agency_code: str, local_date: dt.date, seq: int) -> str:
    template = CODE_FORMATS[regime_on(local_date)]
    return template.format(agency=agency_code, day=local_date, seq=seq)


def allocate_code(agency_code: str, local_date: dt.date) -> str:
    """Issue the next code of `agency_code` for `local_date`; the counter row stays locked
    until the caller's transaction ends, so codes are never duplicated and never reused."""
    _check_agency(agency_code)
    with transaction.atomic(savepoint=False):
        seq = next_sequence(agency_code, local_date)
    return format_code(agency_code, local_date, seq)


def number_dossier(dossier, local_date: dt.date, *, events=(), columns=()) -> str:
    """Give `dossier`, written under a provisional code, its real code: the transaction's last
    writes, so the agency's counter row is locked only from here to the commit.

    `events`: the dossier's events written meanwhile. `code_issued` receivers write what
    needs the real code (the audit rows of those events). `columns`: other columns of
    `dossier` changed since it was inserted and not yet written; they go in the same update
    as the code (one write of the row instead of two)."""
    agency_code = dossier.receiving_unit.agency_code
    _check_agency(agency_code)
    provisional = dossier.code
    numbering.send(sender=type(dossier), dossier=dossier, provisional=provisional, events=events)
    code = format_code(agency_code, local_date, next_sequence(agency_code, local_date))
    dossier.code = code
    if columns:
        dossier.save(update_fields=["code", *sorted(set(columns) - {"code"})])
    else:
        type(dossier).objects.filter(pk=dossier.pk).update(code=code)
    for event in events:  # events are append-only: none of them holds the provisional code
        event.dossier.code = code
    code_issued.send(
        sender=type(dossier), dossier=dossier, provisional=provisional, code=code, events=events
    )
    return code


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
