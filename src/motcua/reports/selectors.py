"""Reads behind the statistics API and pages: input checked, scope applied, rollups read."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError
from motcua.organization.models import Unit

from .definitions import Figures, Period, parse_day
from .models import Basis
from .scope import report_scope
from .stats import GROUPINGS, figures, grouped_figures

MAX_DAYS = 366 * 10


@dataclass
class Group:
    key: str
    label: str
    figures: Figures


@dataclass
class StatsReport:
    period: Period
    basis: str
    unit: Unit | None
    group_by: str | None
    at: dt.datetime
    total: Figures
    groups: list[Group]


def check_basis(basis: str | None) -> str:
    basis = (basis or Basis.RECEIVED).strip()
    if basis not in Basis.values:
        raise DomainError(
            "bad_basis",
            _("Cơ sở thống kê phải là “received” (theo ngày tiếp nhận) hoặc “resolved” "
              "(theo ngày giải quyết xong)."),
            status=422,
        )  # fmt: skip
    return basis


def check_group(group_by: str | None) -> str | None:
    group_by = (group_by or "").strip() or None
    if group_by is not None and group_by not in GROUPINGS:
        raise DomainError(
            "bad_group_by",
            _("Chỉ nhóm được theo unit (đơn vị), field (lĩnh vực), procedure (thủ tục) "
              "hoặc month (tháng)."),
            status=422,
        )  # fmt: skip
    return group_by


def check_range(date_from: str | None, date_to: str | None) -> Period:
    today = timezone.localdate()
    start = parse_day(date_from, name="from") if date_from else today.replace(day=1)
    end = parse_day(date_to, name="to") if date_to else today
    if start > end:
        raise DomainError(
            "bad_period",
            _("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc của kỳ báo cáo."),
            status=422,
        )
    if (end - start).days > MAX_DAYS:
        raise DomainError("period_too_long", _("Kỳ báo cáo dài tối đa 10 năm."), status=422)
    return Period(start, end)


def stats_report(
    user,
    *,
    period: Period,
    unit_code: str | None = None,
    group_by: str | None = None,
    basis: str = Basis.RECEIVED,
    at: dt.datetime | None = None,
) -> StatsReport:
    """Figures of the units `user` may see (or of `unit_code`'s subtree) for `period`."""
    at = at or timezone.now()
    basis = check_basis(basis)
    group_by = check_group(group_by)
    root, unit_ids = report_scope(user, unit_code)
    total = figures(unit_ids=unit_ids, period=period, basis=basis, at=at)
    groups = []
    if group_by:
        groups = [
            Group(key, label, values)
            for key, label, values in grouped_figures(
                unit_ids=unit_ids, period=period, basis=basis, at=at, group=group_by, root=root
            )
        ]
    return StatsReport(period, basis, root, group_by, at, total, groups)
