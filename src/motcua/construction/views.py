"""Staff pages of the construction-order register: parse, call one service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from motcua.core.errors import DomainError
from motcua.core.submissions import Repeated, form_token, write_once

from . import forms, photos, selectors, services
from .charts import Series, bar_chart
from .exports import XLSX, figures_xlsx
from .figures import figures
from .models import (
    Inspection,
    InspectionPhoto,
    Register,
    SiteStatus,
    Violation,
    ViolationKind,
    ViolationStatus,
)
from .scope import get_ward, visible_wards, ward_not_found, ward_scope

staff = login_required(login_url="desk:login")
PAGE_SIZE = 50
FIRST_YEAR = 2014
SITE_NEW = "construction.site_new"  # the one-time token's endpoint (`core.submissions`)
ALREADY_SENT = gettext_lazy(
    "Biểu mẫu này đã được gửi trước đó và công trình đã được thêm; không thêm lần nữa."
)


def _scope(request):
    return ward_scope(request.user, Register.CONSTRUCTION)


def _refusal(request, error: DomainError, *, template="construction/refused.html", context=None):
    status = error.status if error.status in (403, 404) else 422
    return render(request, template, {**(context or {}), "error": error.message}, status=status)


def _ward_filter(request, scope):
    code = request.GET.get("phuong", "")
    return get_ward(scope, code) if code else None


@staff
@require_GET
def site_list(request):
    scope = _scope(request)
    try:
        ward = _ward_filter(request, scope)
    except DomainError as error:
        return _refusal(request, error)
    status = request.GET.get("tinh-trang", "")
    status = status if status in SiteStatus.values else ""
    unlicensed = request.GET.get("khong-phep") == "1"
    query = request.GET.get("q", "")[:200]
    qs = selectors.sites(
        scope, ward_id=ward.pk if ward else None, status=status, query=query, unlicensed=unlicensed
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(
        request,
        "construction/site_list.html",
        {
            "page": page,
            "wards": visible_wards(scope),
            "ward": ward,
            "status": status,
            "statuses": SiteStatus.choices,
            "query": query,
            "unlicensed": unlicensed,
            "can_add": bool(scope.edit),
        },
    )


@staff
def site_new(request):
    scope = _scope(request)
    wards = list(visible_wards(scope).filter(pk__in=scope.edit))
    if not wards:
        return _refusal(
            request, DomainError("no_ward", _("Bạn không được cập nhật công trình của phường nào."))
        )
    form = forms.SiteForm(request.POST or None, wards=wards)
    error = ""
    token = form_token(request)
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                site = write_once(
                    user=request.user, endpoint=SITE_NEW, token=token,
                    write=lambda: services.register_site(actor=request.user, **data),
                )  # fmt: skip
            except Repeated as first:
                messages.info(request, ALREADY_SENT)
                if first.pk is None:
                    return redirect("construction:sites")
                return redirect("construction:site", pk=first.pk)
            except DomainError as exc:
                error = exc.message
            else:
                return redirect("construction:site", pk=site.pk)
        else:
            error = forms.first_error(form)
    return render(
        request,
        "construction/site_form.html",
        {"form": form, "error": error, "title": _("Thêm công trình"), "submission": token},
        status=422 if error else 200,
    )


def _detail_context(request, site, scope, **extra):
    today = timezone.localdate()
    return {
        "site": site,
        "today": today,
        "can_edit": scope.can_edit(site.ward_id),
        "status_form": forms.StatusForm(),
        "permit_form": forms.PermitLinkForm(),
        "plan_form": forms.PlanInspectionForm(),
        "record_form": forms.RecordInspectionForm(),
        "photo_form": forms.PhotoForm(),
        "violation_form": forms.ViolationForm(),
        "decision_form": forms.DecisionForm(),
        "close_form": forms.CloseForm(),
        "violations": [(v, selectors.is_overdue(v, today)) for v in site.violations.all()],
        **extra,
    }


def _site_or_404(request, pk):
    scope = _scope(request)
    site = selectors.site_detail(scope, pk)
    if site is None:
        raise ward_not_found()
    return scope, site


@staff
@require_GET
def site_detail(request, pk: int):
    try:
        scope, site = _site_or_404(request, pk)
    except DomainError as error:
        return _refusal(request, error)
    return render(request, "construction/site_detail.html", _detail_context(request, site, scope))


@staff
def site_edit(request, pk: int):
    try:
        _s, site = _site_or_404(request, pk)
    except DomainError as error:
        return _refusal(request, error)
    initial = {name: getattr(site, name) for name in forms.SiteEditForm.base_fields}
    form = forms.SiteEditForm(request.POST or None, initial=initial)
    error = ""
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_site(actor=request.user, site=site, **form.cleaned_data)
            except DomainError as exc:
                if exc.status in (403, 404):
                    return _refusal(request, exc)
                error = exc.message
            else:
                return redirect("construction:site", pk=site.pk)
        else:
            error = forms.first_error(form)
    return render(
        request,
        "construction/site_form.html",
        {"form": form, "error": error, "title": _("Sửa thông tin công trình"), "site": site},
        status=422 if error else 200,
    )


def _action(request, pk: int, form_class, call):
    """Run one action posted from the site page; on refusal show the page with the message."""
    try:
        scope, site = _site_or_404(request, pk)
    except DomainError as error:
        return _refusal(request, error)
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        try:
            call(site, form.cleaned_data)
        except DomainError as exc:
            if exc.status in (403, 404):
                return _refusal(request, exc)
            message = exc.message
        else:
            return redirect("construction:site", pk=site.pk)
    else:
        message = forms.first_error(form)
    site = selectors.site_detail(scope, pk)
    return render(
        request,
        "construction/site_detail.html",
        _detail_context(request, site, scope, error=message),
        status=422,
    )


def _inspection(site, request) -> Inspection:
    try:
        pk = int(request.POST.get("inspection", ""))
    except ValueError:
        pk = None
    inspection = next((i for i in site.inspections.all() if i.pk == pk), None)
    if inspection is None:
        raise DomainError("inspection", _("Không tìm thấy lượt kiểm tra."))
    return inspection


def _violation(site, request) -> Violation:
    try:
        pk = int(request.POST.get("violation", ""))
    except ValueError:
        pk = None
    violation = next((v for v in site.violations.all() if v.pk == pk), None)
    if violation is None:
        raise DomainError("violation", _("Không tìm thấy vi phạm."))
    return violation


@staff
@require_POST
def site_status(request, pk: int):
    return _action(
        request, pk, forms.StatusForm,
        lambda site, d: services.change_site_status(actor=request.user, site=site, **d),
    )  # fmt: skip


@staff
@require_POST
def site_permit(request, pk: int):
    return _action(
        request, pk, forms.PermitLinkForm,
        lambda site, d: services.link_permit(actor=request.user, site=site, **d),
    )  # fmt: skip


@staff
@require_POST
def inspection_plan(request, pk: int):
    return _action(
        request, pk, forms.PlanInspectionForm,
        lambda site, d: services.plan_inspection(actor=request.user, site=site, **d),
    )  # fmt: skip


@staff
@require_POST
def inspection_record(request, pk: int):
    return _action(
        request, pk, forms.RecordInspectionForm,
        lambda site, d: services.record_inspection(
            actor=request.user, inspection=_inspection(site, request), **d
        ),
    )  # fmt: skip


@staff
@require_POST
def photo_upload(request, pk: int):
    return _action(
        request, pk, forms.PhotoForm,
        lambda site, d: services.attach_photo(
            actor=request.user, inspection=_inspection(site, request), upload=d["photo"]
        ),
    )  # fmt: skip


@staff
@require_POST
def violation_new(request, pk: int):
    def call(site, data):
        inspection = _inspection(site, request) if request.POST.get("inspection") else None
        services.record_violation(actor=request.user, site=site, inspection=inspection, **data)

    return _action(request, pk, forms.ViolationForm, call)


@staff
@require_POST
def violation_decide(request, pk: int):
    return _action(
        request, pk, forms.DecisionForm,
        lambda site, d: services.decide_violation(
            actor=request.user, violation=_violation(site, request), **d
        ),
    )  # fmt: skip


@staff
@require_POST
def violation_close(request, pk: int):
    return _action(
        request, pk, forms.CloseForm,
        lambda site, d: services.close_violation(
            actor=request.user, violation=_violation(site, request), **d
        ),
    )  # fmt: skip


@staff
@require_GET
def photo(request, pk: int):
    """A stored inspection photo, only for staff who may read the site's ward."""
    scope = _scope(request)
    item = (
        InspectionPhoto.objects.filter(pk=pk, inspection__site__ward_id__in=scope.view)
        .only("file", "content_type", "original_name")
        .first()
    )
    try:
        if item is None:
            raise DomainError("photo_not_found", _("Không tìm thấy ảnh."), status=404)
        path = photos.path_of(item.file)
        handle = open(path, "rb")  # noqa: SIM115 — FileResponse closes it
    except (DomainError, FileNotFoundError):
        return _refusal(
            request, DomainError("photo_not_found", _("Không tìm thấy ảnh."), status=404)
        )
    response = FileResponse(handle, content_type=item.content_type)
    response["Content-Disposition"] = f'inline; filename="{item.original_name}"'
    response["Cache-Control"] = "private, max-age=3600"
    return response


@staff
@require_GET
def overdue(request):
    scope = _scope(request)
    try:
        ward = _ward_filter(request, scope)
    except DomainError as error:
        return _refusal(request, error)
    today = timezone.localdate()
    ward_id = ward.pk if ward else None
    late_page = Paginator(selectors.late_inspections(scope, ward_id=ward_id), PAGE_SIZE)
    overdue_page = Paginator(
        selectors.overdue_inspections(scope, today=today, ward_id=ward_id), PAGE_SIZE
    ).get_page(request.GET.get("trang"))
    return render(
        request,
        "construction/overdue.html",
        {
            "today": today,
            "ward": ward,
            "wards": visible_wards(scope),
            "overdue": overdue_page,
            "overdue_rows": [(i, (today - i.planned_on).days) for i in overdue_page.object_list],
            "late": late_page.get_page(1),
        },
    )


@staff
@require_GET
def violation_list(request):
    scope = _scope(request)
    try:
        ward = _ward_filter(request, scope)
    except DomainError as error:
        return _refusal(request, error)
    today = timezone.localdate()
    status = request.GET.get("tinh-trang", "")
    status = status if status in ViolationStatus.values else ""
    kind = request.GET.get("hanh-vi", "")
    kind = kind if kind in ViolationKind.values else ""
    overdue_only = request.GET.get("qua-han") == "1"
    qs = selectors.violations(
        scope, today=today, ward_id=ward.pk if ward else None, status=status, kind=kind,
        overdue_only=overdue_only,
    )  # fmt: skip
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(
        request,
        "construction/violation_list.html",
        {
            "page": page,
            "rows": [(v, selectors.is_overdue(v, today)) for v in page.object_list],
            "wards": visible_wards(scope),
            "ward": ward,
            "status": status,
            "statuses": ViolationStatus.choices,
            "kind": kind,
            "kinds": ViolationKind.choices,
            "overdue_only": overdue_only,
        },
    )


def _years(request) -> tuple[list[int], int]:
    today = timezone.localdate()

    def number(name, default):
        try:
            value = int(request.GET.get(name, default))
        except (TypeError, ValueError):
            return default
        return min(max(value, FIRST_YEAR), today.year)

    first = number("tu-nam", max(FIRST_YEAR, today.year - 4))
    last = number("den-nam", today.year)
    if last < first:
        first, last = last, first
    first = max(first, last - 14)
    return list(range(first, last + 1)), number("xep-hang", last)


def _figures(request):
    scope = _scope(request)
    ward = _ward_filter(request, scope)
    years, ranking_year = _years(request)
    if ranking_year not in years:
        ranking_year = years[-1]
    data = figures(
        scope, years=years, today=timezone.localdate(), ward_ids={ward.pk} if ward else None
    )
    return scope, ward, data, ranking_year


def _chart(data):
    return bar_chart(
        title=_("Vi phạm trật tự xây dựng theo năm"),
        categories=[str(y) for y in data.years],
        series=[
            Series(_("Tổng số vi phạm"), [p.violations for p in data.trend]),
            Series(_("Xây dựng không phép"), [p.unlicensed for p in data.trend]),
        ],
    )


@staff
@require_GET
def stats(request):
    try:
        scope, ward, data, ranking_year = _figures(request)
    except DomainError as error:
        return _refusal(request, error)
    return render(
        request,
        "construction/stats.html",
        {
            "data": data,
            "ward": ward,
            "wards": visible_wards(scope),
            "ranking_year": ranking_year,
            "ranking": data.ranking(ranking_year),
            "totals": [data.totals(y) for y in data.years],
            "chart": _chart(data),
            "query": request.GET.urlencode(),
        },
    )


@staff
@require_GET
def stats_xlsx(request):
    try:
        _s, _w, data, ranking_year = _figures(request)
    except DomainError as error:
        return _refusal(request, error)
    response = HttpResponse(figures_xlsx(data, ranking_year=ranking_year), content_type=XLSX)
    name = f"trat-tu-xay-dung-{data.years[0]}-{data.years[-1]}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff
@require_GET
def stats_svg(request):
    try:
        _s, _w, data, _y = _figures(request)
    except DomainError as error:
        return _refusal(request, error)
    return HttpResponse(_chart(data), content_type="image/svg+xml; charset=utf-8")
