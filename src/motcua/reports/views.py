"""The leaders' statistics pages at /can-bo/thong-ke/: dashboard, drill-down list of
dossiers behind a number, the Decision 766 scorecard; Excel and PDF exports."""

from functools import wraps
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core.dates import parse_date
from motcua.core.errors import DomainError
from motcua.desk.dossier_views import staff_required
from motcua.organization.models import Unit

from . import exports
from .charts import ranking_svg, trend_svg
from .drilldown import MEASURES, check_measure, drilldown
from .models import Basis
from .scope import report_scope, visible_unit_ids
from .scorecard import scorecard_report
from .selectors import check_basis, check_range
from .stats import dashboard as dashboard_figures
from .stats import figures, grouped_figures

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TABLE_TITLES = {
    "unit": gettext_lazy("Theo đơn vị"),
    "field": gettext_lazy("Theo lĩnh vực"),
    "procedure": gettext_lazy("Theo thủ tục"),
}


def leaders_page(view):
    """Staff only; a unit outside the viewer's scope is a plain 404, no assignment a 403."""

    @staff_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except DomainError as error:
            if error.status == 404:
                raise Http404(error.message) from error
            if error.status in (401, 403):
                raise DjangoPermissionDenied(error.message) from error
            raise

    return wrapped


class Filters:
    """The period, unit and basis asked for, checked; errors become a message on the page."""

    def __init__(self, request):
        q = request.GET
        self.error = ""
        self.date_from, self.date_to = q.get("from", ""), q.get("to", "")
        self.unit_code, self.basis = q.get("unit", "").strip(), q.get("basis", "")
        self.at = timezone.now()
        try:
            self.period = check_range(
                _iso_day(self.date_from, _("Từ ngày")), _iso_day(self.date_to, _("Đến ngày"))
            )
            self.basis = check_basis(self.basis or None)
            self.root, self.unit_ids = report_scope(request.user, self.unit_code or None)
        except DomainError as error:
            if error.status in (401, 403, 404):
                raise
            self.error = error.message
            self.period = check_range(None, None)
            self.basis = Basis.RECEIVED
            self.root, self.unit_ids = report_scope(request.user, None)

    def params(self, **extra) -> str:
        base = {
            "from": self.period.start.isoformat(),
            "to": self.period.end.isoformat(),
            "basis": self.basis,
        }
        if self.root is not None:
            base["unit"] = self.root.code
        base.update({k: v for k, v in extra.items() if v})
        if "unit" in extra and not extra["unit"]:
            base.pop("unit", None)
        return urlencode(base)


def _iso_day(text: str, label: str) -> str | None:
    """A day typed in the filter (dd/mm/yyyy, or ISO from a link) as ISO; None if left empty."""
    return parse_date(text, label=label).isoformat() if text.strip() else None


def _units_for_filter(user) -> list[Unit]:
    visible = visible_unit_ids(user)
    qs = Unit.objects.all() if visible is None else Unit.objects.filter(pk__in=visible)
    return list(qs.only("code", "name", "sort_name").order_by("sort_name")[:500])


def _table(f: Filters, group: str) -> list:
    return grouped_figures(
        unit_ids=f.unit_ids, period=f.period, basis=f.basis, at=f.at, group=group, root=f.root
    )


@leaders_page
def dashboard(request):
    f = Filters(request)
    shown = dashboard_figures(
        unit_ids=f.unit_ids, period=f.period, basis=f.basis, at=f.at, root=f.root
    )
    total, months, tables = shown.total, shown.months, shown.tables
    trend = trend_svg([(label[:2] + "/" + label[5:], g.early, g.on_time, g.late)
                       for _k, label, g in months])  # fmt: skip
    ranking = ranking_svg([(label, g.on_time_rate) for _k, label, g in tables["unit"]])
    context = {
        "f": f,
        "total": total,
        "trend": trend,
        "ranking": ranking,
        "tables": [
            (
                group,
                str(TABLE_TITLES[group]),
                [(label, g, f.params(**_key_param(group, key))) for key, label, g in tables[group]],
            )
            for group in ("unit", "field", "procedure")
        ],
        "units": _units_for_filter(request.user),
        "bases": Basis.choices,
        "base_params": f.params(),
    }
    return render(request, "reports/dashboard.html", context)


def _key_param(group: str, key: str) -> dict:
    return {"unit": key} if group == "unit" else {group: key}


@leaders_page
def table_xlsx(request, group: str):
    f = Filters(request)
    if group not in TABLE_TITLES:
        return HttpResponse(status=404)
    rows = _table(f, group)
    total = figures(unit_ids=f.unit_ids, period=f.period, basis=f.basis, at=f.at)
    scope = f.root.name if f.root else _("Tất cả đơn vị được xem")
    subtitle = _("%(scope)s, từ %(a)s đến %(b)s, %(basis)s") % {
        "scope": scope,
        "a": f"{f.period.start:%d/%m/%Y}",
        "b": f"{f.period.end:%d/%m/%Y}",
        "basis": Basis(f.basis).label,
    }
    header = {"unit": _("Đơn vị"), "field": _("Lĩnh vực"), "procedure": _("Thủ tục")}[group]
    body = exports.figures_xlsx(
        title=_("Số liệu giải quyết hồ sơ — %(t)s") % {"t": str(TABLE_TITLES[group]).lower()},
        subtitle=subtitle,
        key_header=header,
        rows=rows,
        total=total,
    )
    return _download(body, XLSX, f"thong-ke-{group}-{f.period.start}-{f.period.end}.xlsx")


def _download(body: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@leaders_page
def dossiers(request):
    f = Filters(request)
    q = request.GET
    try:
        measure = check_measure(q.get("measure"))
    except DomainError as error:
        return render(
            request, "reports/dossiers.html", {"f": f, "error": error.message}, status=422
        )
    qs = drilldown(
        unit_ids=f.unit_ids,
        period=f.period,
        basis=f.basis,
        at=f.at,
        measure=measure,
        field_code=q.get("field", "").strip(),
        procedure_code=q.get("procedure", "").strip(),
    )
    page = Paginator(qs, 50).get_page(q.get("page"))
    extra = {k: q.get(k, "").strip() for k in ("field", "procedure")}
    context = {
        "f": f,
        "measure": measure,
        "title": MEASURES[measure],
        "page": page,
        "page_params": f.params(measure=measure, **extra),
        "back": f.params(),
    }
    return render(request, "reports/dossiers.html", context)


def _scorecard(request):
    q = request.GET
    period = q.get("period", "").strip() or f"{timezone.localdate():%Y}"
    return period, scorecard_report(request.user, period_text=period, unit_code=q.get("unit"))


@leaders_page
def scorecard(request):
    try:
        period, report = _scorecard(request)
    except DomainError as error:
        if error.status in (401, 403, 404):
            raise
        return render(
            request,
            "reports/scorecard.html",
            {"error": error.message, "period": request.GET.get("period", "")},
            status=422,
        )
    context = {
        "report": report,
        "period": period,
        "params": urlencode({"period": period, "unit": report.unit.code}),
        "units": _units_for_filter(request.user),
    }
    return render(request, "reports/scorecard.html", context)


@leaders_page
def scorecard_file(request, fmt: str):
    try:
        period, report = _scorecard(request)
    except DomainError as error:
        if error.status != 422:
            raise
        return HttpResponse(error.message, status=422, content_type="text/plain; charset=utf-8")
    name = f"bo-chi-so-766-{report.unit.code}-{period}"
    if fmt == "pdf":
        return _download(exports.scorecard_pdf(report), "application/pdf", f"{name}.pdf")
    return _download(exports.scorecard_xlsx(report), XLSX, f"{name}.xlsx")
