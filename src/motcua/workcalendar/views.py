"""The administrators' year view of a unit's working calendar, with a form to add a day."""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError
from motcua.organization.models import Unit

from .clock import DayInfo, WorkingCalendar, day_info
from .forms import YearOverrideForm
from .selectors import calendar_for
from .services import add_override, can_manage_calendar

MONTHS = range(1, 13)
WEEKDAY_HEADERS = ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]
MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass(frozen=True)
class Cell:
    day: DayInfo | None  # None: padding outside the month

    @property
    def css(self) -> str:
        info = self.day
        if info is None:
            return "outside"
        if info.is_holiday:
            return "off"
        if info.is_makeup:
            return "makeup"
        if not info.is_working:
            return "weekend"
        return "working"


def _months(year: int, calendar: WorkingCalendar) -> list[dict]:
    grid = month_calendar.Calendar(firstweekday=0)
    months = []
    for month in MONTHS:
        weeks = [
            [Cell(day_info(day, calendar) if day.month == month else None) for day in week]
            for week in grid.monthdatescalendar(year, month)
        ]
        months.append({"number": month, "name": _("Tháng %(m)d") % {"m": month}, "weeks": weeks})
    return months


def _named_days(year: int, calendar: WorkingCalendar) -> list[DayInfo]:
    day, named = dt.date(year, 1, 1), []
    while day.year == year:
        info = day_info(day, calendar)
        if info.name:
            named.append(info)
        day += dt.timedelta(days=1)
    return named


def year_view(request: HttpRequest, admin_site, overrides_admin) -> HttpResponse:
    if not can_manage_calendar(request.user):
        raise DjangoPermissionDenied
    source = request.POST if request.method == "POST" else request.GET
    errors: list[str] = []
    unit = None
    code = (source.get("unit") or request.GET.get("unit") or "").strip()
    if code:
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            errors.append(_("Không tìm thấy đơn vị có mã “%(code)s”.") % {"code": code})
    year_text = (source.get("year") or request.GET.get("year") or "").strip()
    year = timezone.localdate().year
    if year_text:
        try:
            year = int(year_text)
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise ValueError
        except ValueError:
            errors.append(
                _("Năm phải là số từ %(low)d đến %(high)d.") % {"low": MIN_YEAR, "high": MAX_YEAR}
            )
            year = timezone.localdate().year
    form = YearOverrideForm(request.POST or None)
    status = 400 if errors else 200
    if request.method == "POST" and not errors:
        if form.is_valid():
            data = form.cleaned_data
            try:
                created = add_override(
                    actor=request.user,
                    date=data["date"],
                    kind=data["kind"],
                    name=data["name"],
                    unit=unit,
                    intervals=data["intervals"],
                )
            except DomainError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(
                    request,
                    _("Đã thêm ngày %(date)s: %(name)s.")
                    % {"date": f"{created.date:%d/%m/%Y}", "name": created.name},
                )
                query = {"year": created.date.year, **({"unit": unit.code} if unit else {})}
                return HttpResponseRedirect(
                    f"{reverse('admin:workcalendar_year')}?{urlencode(query)}"
                )
        else:
            status = 400
    calendar = calendar_for(unit)
    context = {
        **admin_site.each_context(request),
        "opts": overrides_admin.model._meta,
        "title": _("Lịch làm việc năm %(year)d — %(where)s")
        % {"year": year, "where": unit.name if unit else _("toàn quốc")},
        "year": year,
        "unit": unit,
        "units": Unit.objects.only("code", "name").order_by("sort_name"),
        "months": _months(year, calendar),
        "named_days": _named_days(year, calendar),
        "weekday_headers": WEEKDAY_HEADERS,
        "form": form,
        "errors": errors,
        "previous_year": year - 1,
        "next_year": year + 1,
    }
    return TemplateResponse(request, "admin/workcalendar/year.html", context, status=status)
