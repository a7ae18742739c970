"""Staff pages of the ward infrastructure register: the district matrix, a ward page, kinds."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from motcua.construction.forms import first_error
from motcua.construction.models import Register
from motcua.construction.scope import (
    AREA_KINDS,
    get_ward,
    visible_wards,
    ward_not_found,
    ward_scope,
)
from motcua.construction.views import ALREADY_SENT
from motcua.core.errors import DomainError
from motcua.core.submissions import Repeated, form_token, new_token, write_once
from motcua.organization.models import Unit
from motcua.organization.selectors import subtree_ids

from . import forms, selectors, services
from .exports import matrix_xlsx
from .models import Facility, FacilityKind

staff = login_required(login_url="desk:login")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FACILITY_NEW = "infrastructure.facility_new"  # the one-time token's endpoint (`core.submissions`)


def _scope(request):
    return ward_scope(request.user, Register.INFRASTRUCTURE)


def _refusal(request, error: DomainError):
    status = error.status if error.status in (403, 404) else 422
    return render(request, "infrastructure/refused.html", {"error": error.message}, status=status)


def _areas(scope):
    """Districts (or provinces) above the visible wards, to narrow the matrix."""
    parents = set(visible_wards(scope).values_list("parent_id", flat=True))
    return list(Unit.objects.filter(pk__in=parents, kind__in=AREA_KINDS).order_by("sort_name"))


def _matrix(request):
    scope = _scope(request)
    areas = _areas(scope)
    code = request.GET.get("dia-ban", "")
    area = next((a for a in areas if a.code == code), None)
    if code and area is None:
        raise DomainError("area_not_found", _("Không tìm thấy địa bàn."), status=404)
    ward_ids = subtree_ids({area.pk}) if area else None
    return scope, areas, area, selectors.matrix(scope, ward_ids=ward_ids)


@staff
@require_GET
def matrix(request):
    try:
        _s, areas, area, data = _matrix(request)
    except DomainError as error:
        return _refusal(request, error)
    only_gaps = request.GET.get("chi-thieu") == "1"
    rows = [r for r in data.rows if r.lacking] if only_gaps else data.rows
    return render(
        request,
        "infrastructure/matrix.html",
        {
            "data": data,
            "rows": rows,
            "areas": areas,
            "area": area,
            "only_gaps": only_gaps,
            "totals": list(zip(data.missing_by_kind(), data.building_by_kind(), strict=True)),
            "query": request.GET.urlencode(),
            "can_manage": services.can_manage_kinds(request.user),
        },
    )


@staff
@require_GET
def matrix_export(request):
    try:
        _s, _a, area, data = _matrix(request)
    except DomainError as error:
        return _refusal(request, error)
    response = HttpResponse(matrix_xlsx(data), content_type=XLSX)
    name = f"ha-tang-xa-hoi-{area.code if area else 'tat-ca'}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _ward_context(request, scope, ward, **extra):
    data = selectors.matrix(scope, ward_ids={ward.pk})
    kinds = data.kinds
    return {
        "ward": ward,
        "row": data.rows[0] if data.rows else None,
        "facilities": selectors.facilities(scope, ward_id=ward.pk),
        "can_edit": scope.can_edit(ward.pk),
        "facility_form": forms.FacilityForm(kinds=kinds),
        "submission": new_token(),
        "groups_form": forms.GroupsForm(
            initial={"residential_groups": data.rows[0].residential_groups if data.rows else 0}
        ),
        **extra,
    }


@staff
def ward_page(request, code: str):
    scope = _scope(request)
    try:
        ward = get_ward(scope, code)
    except DomainError as error:
        return _refusal(request, error)
    return render(request, "infrastructure/ward.html", _ward_context(request, scope, ward))


def _ward_action(request, code, form_class, call, *, once="", **form_kwargs):
    """`once`: the endpoint of the form's one-time token, for forms that add a record."""
    scope = _scope(request)
    try:
        ward = get_ward(scope, code)
    except DomainError as error:
        return _refusal(request, error)
    form = form_class(request.POST, **form_kwargs)
    token = form_token(request)
    if form.is_valid():
        try:
            if once:
                write_once(
                    user=request.user, endpoint=once, token=token,
                    write=lambda: call(ward, form.cleaned_data),
                )  # fmt: skip
            else:
                call(ward, form.cleaned_data)
        except Repeated:
            messages.info(request, ALREADY_SENT)
            return redirect("infrastructure:ward", code=ward.code)
        except DomainError as exc:
            if exc.status in (403, 404):
                return _refusal(request, exc)
            message = exc.message
        else:
            return redirect("infrastructure:ward", code=ward.code)
    else:
        message = first_error(form)
    context = _ward_context(request, scope, ward, error=message, submission=token)
    if form_class is forms.FacilityForm:
        context["facility_form"] = form
    return render(request, "infrastructure/ward.html", context, status=422)


@staff
@require_POST
def facility_new(request, code: str):
    return _ward_action(
        request, code, forms.FacilityForm,
        lambda ward, d: services.register_facility(actor=request.user, ward=ward, **d),
        kinds=selectors.active_kinds(), once=FACILITY_NEW,
    )  # fmt: skip


@staff
@require_POST
def groups(request, code: str):
    return _ward_action(
        request, code, forms.GroupsForm,
        lambda ward, d: services.set_residential_groups(
            actor=request.user, ward=ward, groups=d["residential_groups"]
        ),
    )  # fmt: skip


@staff
@require_POST
def requirement(request, code: str):
    return _ward_action(
        request, code, forms.RequirementForm,
        lambda ward, d: services.set_requirement(actor=request.user, ward=ward, **d),
    )  # fmt: skip


@staff
def facility_edit(request, pk: int):
    scope = _scope(request)
    facility = Facility.objects.select_related("ward", "kind").filter(pk=pk).first()
    if facility is None or not scope.can_view(facility.ward_id):
        return _refusal(request, ward_not_found())
    fields = forms.FacilityEditForm.base_fields
    initial = {name: getattr(facility, name) for name in fields}
    form = forms.FacilityEditForm(request.POST or None, initial=initial)
    error = ""
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_facility(actor=request.user, facility=facility, **form.cleaned_data)
            except DomainError as exc:
                if exc.status in (403, 404):
                    return _refusal(request, exc)
                error = exc.message
            else:
                return redirect("infrastructure:ward", code=facility.ward.code)
        else:
            error = first_error(form)
    return render(
        request,
        "infrastructure/facility_form.html",
        {"form": form, "facility": facility, "error": error},
        status=422 if error else 200,
    )


@staff
def kinds(request):
    form = forms.KindForm(request.POST or None)
    error = ""
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["order"] = data.get("order") or 0
            try:
                services.save_facility_kind(actor=request.user, **data)
            except DomainError as exc:
                if exc.status in (403, 404):
                    return _refusal(request, exc)
                error = exc.message
            else:
                return redirect("infrastructure:kinds")
        else:
            error = first_error(form)
    return render(
        request,
        "infrastructure/kinds.html",
        {
            "kinds": FacilityKind.objects.order_by("order", "name"),
            "form": form,
            "error": error,
            "can_manage": services.can_manage_kinds(request.user),
        },
        status=422 if error else 200,
    )
