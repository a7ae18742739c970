"""The Nam Từ Liêm demo in one transaction: units, catalogue, staff (dossiers come later)."""

from dataclasses import dataclass
from typing import TextIO

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.organization.models import Unit

from .data.staff import PASSWORD
from .dossiers import load_dossiers
from .feedback_targets import load_feedback_and_targets
from .procedures import load_catalogue
from .staff import account_table, load_staff
from .units import load_units
from .urban import load_urban


@dataclass(frozen=True)
class DemoSummary:
    units: int
    procedures: int
    accounts: int


@transaction.atomic
def load_demo(stdout: TextIO | None = None) -> DemoSummary:
    """Load whatever part of the demo is missing; a second run creates and changes nothing."""
    before = _count_units()
    units = load_units()
    summary = DemoSummary(
        units=_count_units() - before,
        procedures=load_catalogue(units),
        accounts=load_staff(units),
    )
    load_dossiers(units)
    load_urban(units)
    load_feedback_and_targets(units)
    if stdout is not None:
        write_summary(stdout, summary)
    return summary


def _count_units() -> int:
    return Unit.objects.count()


def write_summary(stdout: TextIO, summary: DemoSummary) -> None:
    stdout.write(
        _(
            "Đã nạp dữ liệu mẫu Nam Từ Liêm: %(units)d đơn vị, %(procedures)d thủ tục, "
            "%(accounts)d tài khoản mới.\n"
        )
        % {"units": summary.units, "procedures": summary.procedures, "accounts": summary.accounts}
    )
    table = account_table()
    width = max(len(row[0]) for row in table)
    name_width = max(len(row[1]) for row in table)
    stdout.write(_("Tài khoản cán bộ (mật khẩu chung: %(password)s):\n") % {"password": PASSWORD})
    for username, full_name, roles in table:
        stdout.write(f"  {username:<{width}}  {full_name:<{name_width}}  {roles}\n")
