"""The dossier page: applicant, parts, steps, history, slips and the actions the user may take."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from motcua.catalog.models import Fee
from motcua.core.errors import DomainError, NotFound
from motcua.core.text import person_name, person_sort_key
from motcua.documents.slips import render_slip
from motcua.dossiers.access import access_dossier
from motcua.dossiers.lifecycle import ACTION_LABELS
from motcua.dossiers.models import Status
from motcua.organization.models import Membership, Unit, UnitKind

from . import actions
from .forms import ACTION_FORMS
from .presenters import SLIP_KINDS, SLIP_LABELS, check_dossier_code, dossier_detail

HANDOVER_KINDS = (
    UnitKind.WARD,
    UnitKind.COMMUNE,
    UnitKind.PEOPLES_COMMITTEE,
    UnitKind.DEPARTMENT,
    UnitKind.AGENCY,
)


def staff_required(view):
    """Signed-in staff only: others go to the sign-in page, non-staff accounts get a 403."""

    @login_required(login_url="desk:login")
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_staff:
            raise DjangoPermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _dossier_or_404(user, code: str):
    try:
        return access_dossier(user, check_dossier_code(code))
    except NotFound:
        raise Http404 from None


def _choices(detail: dict) -> dict:
    """Choices the action forms need: parts, staff of the target unit, hand-over units."""
    d = detail["dossier"]
    allowed = set(detail["allowed_actions"])
    out: dict = {"parts": [(p["id"], p["name"]) for p in detail["parts"]]}
    if "assign" in allowed:
        if d.status == Status.RECEIVED:
            first = d.procedure_version.steps.select_related("unit").order_by("order").first()
            unit_id = first.unit_id if first and first.unit_id else d.competent_unit_id
        else:
            unit_id = d.current_unit_id
        staff = (
            Membership.objects.filter(unit_id=unit_id)
            .exclude(valid_to__lt=timezone.localdate())
            .select_related("user")
        )
        seen = {}
        for m in sorted(staff, key=lambda m: (person_sort_key(m.user), m.role)):
            name = person_name(m.user)
            seen.setdefault(m.user.get_username(), f"{name} — {m.get_role_display()}")
        out["staff"] = list(seen.items())
    if "hand_over" in allowed:
        units = Unit.objects.valid_on(timezone.localdate()).filter(kind__in=HANDOVER_KINDS)
        out["units"] = [(u.code, u.name) for u in units.only("code", "name")]
    return out


def _initial(action: str, detail: dict) -> dict:
    d = detail["dossier"]
    if action == "request_payment":
        fees = Fee.objects.filter(version_id=d.procedure_version_id).values_list(
            "amount", flat=True
        )
        return {"amount": sum(fees) or None}
    if action == "record_payment":
        return {"amount": d.fee_amount}
    if action == "resolve":
        return {"result_date": timezone.localdate()}
    return {}


def _page(request, code: str, *, failed: str = "", form=None, error: str = "", status=200):
    detail = dossier_detail(code, actor=request.user, at=timezone.now())
    choices = _choices(detail)
    forms = []
    for action in detail["allowed_actions"]:
        if action == failed and form is not None:
            bound = form
        else:
            bound = ACTION_FORMS[action](
                dossier=detail["dossier"], choices=choices, initial=_initial(action, detail)
            )
        forms.append(
            {
                "action": action,
                "label": ACTION_LABELS[action],
                "form": bound,
                "open": action == failed,
            }
        )
    slips = [(name, SLIP_LABELS[name]) for name in detail["slips"]]
    context = {"d": detail, "dossier": detail["dossier"], "forms": forms, "slips": slips}
    context["error"] = error
    return render(request, "desk/dossier.html", context, status=status)


@require_GET
@staff_required
def dossier_page(request, code: str):
    dossier = _dossier_or_404(request.user, code)
    return _page(request, dossier.code)


def _status_for(exc: DomainError) -> int:
    if exc.status == 400 or exc.code in {"unit_not_found", "unknown_part"}:
        return 422
    if exc.status == 403:
        return 403
    return exc.status


@require_POST
@staff_required
def dossier_action(request, code: str, action: str):
    form_class = ACTION_FORMS.get(action)
    if form_class is None:
        raise Http404
    dossier = _dossier_or_404(request.user, code)
    detail = dossier_detail(dossier.code, actor=request.user, at=timezone.now())
    form = form_class(request.POST, request.FILES, dossier=dossier, choices=_choices(detail))
    if not form.is_valid():
        return _page(
            request, dossier.code, failed=action, form=form,
            error=_("Vui lòng kiểm tra lại các trường được đánh dấu."), status=422,
        )  # fmt: skip
    try:
        actions.perform_with_result(
            actor=request.user, dossier=dossier, action=action, data=form.cleaned_data
        )
    except DomainError as exc:
        if exc.code.startswith("file_") and "result_upload" in form.fields:
            form.add_error("result_upload", exc.message)
        return _page(
            request, dossier.code, failed=action, form=form, error=exc.message,
            status=_status_for(exc),
        )  # fmt: skip
    messages.success(
        request,
        _("Đã %(action)s: hồ sơ %(code)s.")
        % {"action": ACTION_LABELS[action], "code": dossier.code},
    )
    return redirect("desk:dossier", code=dossier.code)


@require_GET
@staff_required
def dossier_slip(request, code: str, slip: str):
    dossier = _dossier_or_404(request.user, code)
    kind = SLIP_KINDS.get(slip)
    if kind is None:
        raise Http404
    paper = request.GET.get("paper") if request.GET.get("paper") in ("A4", "A5") else None
    try:
        pdf = render_slip(dossier, kind, paper=paper)
    except DomainError as exc:
        return render(
            request,
            "core/error.html",
            {"title": _("Chưa có phiếu này"), "message": exc.message},
            status=404,
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{dossier.code}-{slip}.pdf"'
    return response
