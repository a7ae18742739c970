"""Receiving a paper dossier at the one-stop desk: pick a procedure, tick the parts, then
receive it (Mẫu 01), ask for the missing parts (Mẫu 02) or refuse it (Mẫu 03)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from motcua.catalog.selectors import procedure_in_force, search_procedures
from motcua.core.errors import DomainError
from motcua.core.submissions import Repeated, form_token, new_token, write_once
from motcua.core.templatetags.motcua import hhmm_ddmmyyyy
from motcua.dossiers import services
from motcua.organization.models import Role
from motcua.organization.selectors import memberships_of

from .dossier_views import staff_required
from .forms import ReceiveDeskForm

SUGGESTIONS = 10
# The page's one-time token (`core.submissions`): a second POST of the same form finds the
# dossier of the first instead of filing another.
SUBMISSION_ENDPOINT = "desk.receive"


def officer_units(user) -> list:
    """The one-stop units where `user` receives dossiers today."""
    day = timezone.localdate()
    memberships = memberships_of(user, day=day).filter(role=Role.ONE_STOP_OFFICER)
    return [m.unit for m in memberships.order_by("unit__sort_name")]


def _officer_units_or_403(user) -> list:
    units = officer_units(user)
    if not units:
        raise PermissionDenied
    return units


def _suggestions(q: str, units: list) -> list:
    if not q.strip():
        return []
    qs = search_procedures(day=timezone.localdate(), q=q[:200]).filter(
        receiving_units__in=[u.pk for u in units]
    )
    return list(qs[:SUGGESTIONS])


def missing_parts(version, ticked: set[int]) -> list:
    return [p for p in version.parts.all() if p.required and p.pk not in ticked]


@transaction.atomic
def intake_slip(*, actor, form: ReceiveDeskForm, version):
    """Enter an incomplete paper dossier (→ 1) and at once ask for every missing part (→ 5,
    Mẫu 02) or refuse it (→ 3, Mẫu 03); nothing stays written if either step is refused."""
    data = form.cleaned_data
    dossier = services.submit_dossier(actor=actor, **form.filing(version))
    if data["intent"] == "refuse":
        return services.refuse_dossier(actor=actor, dossier=dossier, reason=data["reason"])
    items = [p.name for p in missing_parts(version, set(data["parts"]))] + form.extra()
    services.request_supplement(actor=actor, dossier=dossier, items=items, reason=data["reason"])
    return dossier


def _context(form, version, units, q="", suggestions=(), error="", submission=""):
    ticked = set()
    if form.is_bound:
        ticked = {int(v) for v in form.data.getlist("parts") if str(v).isdigit()}
    return {
        "form": form,
        "version": version,
        "units": units,
        "q": q,
        "suggestions": suggestions,
        "missing": missing_parts(version, ticked) if version is not None else [],
        "error": error,
        "submission": submission or new_token(),
    }


@require_http_methods(["GET", "POST"])
@staff_required
def receive_page(request):
    units = _officer_units_or_403(request.user)
    code = (request.POST.get("procedure") or request.GET.get("procedure") or "")[:20]
    version = procedure_in_force(code, timezone.localdate()) if code else None
    if version is not None:
        receiving = {u.pk for u in version.receiving_units.all()}
        units = [u for u in units if u.pk in receiving]
        if not units:
            version = None
    q = (request.GET.get("q") or "")[:200]
    if request.method == "GET":
        form = ReceiveDeskForm(version=version, units=units, initial={"procedure": code})
        return render(
            request, "desk/receive.html", _context(form, version, units, q, _suggestions(q, units))
        )
    if version is None:
        form = ReceiveDeskForm(version=None, units=units)
        context = _context(form, None, units, error=_("Hãy chọn thủ tục hành chính."))
        return render(request, "desk/receive.html", context, status=422)
    form = ReceiveDeskForm(request.POST, version=version, units=units)
    submission = form_token(request)
    if not form.is_valid():
        context = _context(
            form,
            version,
            units,
            error=_("Vui lòng kiểm tra lại các trường được đánh dấu."),
            submission=submission,
        )
        return render(request, "desk/receive.html", context, status=422)
    try:
        dossier = write_once(
            user=request.user, endpoint=SUBMISSION_ENDPOINT, token=submission,
            write=lambda: _file(request, form, version),
        )  # fmt: skip
    except Repeated as first:
        dossier = first.dossier
        if dossier is None:
            raise Http404 from None
        messages.info(
            request,
            _(
                "Biểu mẫu này đã được gửi trước đó và hồ sơ %(code)s đã được lập; không lập "
                "thêm hồ sơ. Để tiếp nhận hồ sơ khác, hãy mở lại trang Tiếp nhận hồ sơ."
            )
            % {"code": dossier.code},
        )
    except DomainError as exc:
        status = 403 if exc.status == 403 else 422
        return render(
            request,
            "desk/receive.html",
            _context(form, version, units, error=exc.message, submission=submission),
            status=status,
        )
    return redirect("desk:dossier", code=dossier.code)


def _file(request, form, version):
    """Receive the dossier, or enter it with its supplement request or refusal."""
    data = form.cleaned_data
    if data["intent"] == "receive":
        dossier = services.receive_at_desk(actor=request.user, **form.filing(version))
        messages.success(
            request,
            _("Đã tiếp nhận hồ sơ %(code)s. Hẹn trả kết quả: %(at)s.")
            % {"code": dossier.code, "at": hhmm_ddmmyyyy(dossier.appointment_at)},
        )
        return dossier
    dossier = intake_slip(actor=request.user, form=form, version=version)
    text = (
        _("Đã lập phiếu yêu cầu bổ sung cho hồ sơ %(code)s.")
        if data["intent"] == "supplement"
        else _("Đã từ chối tiếp nhận hồ sơ %(code)s.")
    )
    messages.success(request, text % {"code": dossier.code})
    return dossier


@require_GET
@staff_required
def procedure_suggestions(request):
    units = _officer_units_or_403(request.user)
    q = (request.GET.get("q") or "")[:200]
    return render(
        request, "desk/receive.html#suggestions", {"suggestions": _suggestions(q, units), "q": q}
    )


@require_http_methods(["POST"])
@staff_required
def completeness(request):
    units = _officer_units_or_403(request.user)
    version = procedure_in_force((request.POST.get("procedure") or "")[:20], timezone.localdate())
    if version is None:
        raise Http404
    form = ReceiveDeskForm(request.POST, version=version, units=units)
    return render(request, "desk/receive.html#completeness", _context(form, version, units))
