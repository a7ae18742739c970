"""Follow a dossier by code and phone: status, steps, what is asked, payment, result; then
supplement, pay or rate once the phone is confirmed in this session."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.core.errors import DomainError, NotFound
from motcua.dossiers.access import access_dossier
from motcua.dossiers.lifecycle import Citizen
from motcua.dossiers.models import Dossier, Status

from . import citizen, ratings, services
from .forms import LookupForm, RatingForm, SupplementForm
from .models import DossierFile, RatingSource
from .ratelimit import TooManyRequests, check_rate
from .selectors import dossier_summary, find_for_lookup, lookup_dossier
from .uploads import Staging, open_stored

INVALID = 422


def lookup_url(code: str) -> str:
    return f"{reverse('portal:lookup')}?{urlencode({'code': code})}"


def _page(request, *, form, summary=None, error="", status=200):
    context = {"form": form, "summary": summary, "error": error}
    if summary is not None:
        parts = summary.dossier.procedure_version.parts.all()
        if summary.dossier.status == Status.SUPPLEMENT_REQUESTED:
            context["supplement_form"] = SupplementForm(parts=parts)
        if summary.can_rate:
            context["rating_form"] = RatingForm()
    return render(request, "portal/lookup.html", context, status=status)


@require_GET
def lookup(request):
    code = (request.GET.get("code") or "").strip()[:40]
    phone = (request.GET.get("phone") or "").strip()
    if not phone:
        known = lookup_dossier(code)
        if known is not None and citizen.citizen_for(request, known) is not None:
            return _page(request, form=LookupForm(initial={"code": code}),
                         summary=dossier_summary(known))  # fmt: skip
        return _page(request, form=LookupForm(initial={"code": code}))
    form = LookupForm(request.GET)
    if not form.is_valid():
        return _page(request, form=form, status=INVALID)
    try:
        check_rate(request)
        dossier = find_for_lookup(form.cleaned_data["code"], form.cleaned_data["phone"])
    except TooManyRequests as exc:
        response = _page(request, form=form, error=exc.message, status=429)
        response["Retry-After"] = str(exc.retry_after)
        return response
    except NotFound:
        return _page(request, form=form, error=_("Không tìm thấy hồ sơ với mã và số điện thoại đã "
                                                 "nhập."), status=404)  # fmt: skip
    citizen.confirm(request, dossier)
    return _page(request, form=form, summary=dossier_summary(dossier))


def _confirmed(request, code: str) -> tuple[Dossier, Citizen]:
    dossier = Dossier.objects.select_related("procedure_version").filter(code=code[:40]).first()
    actor = citizen.citizen_for(request, dossier) if dossier is not None else None
    if actor is None:
        raise Http404
    return dossier, actor


@require_POST
def supplement(request, code: str):
    dossier, actor = _confirmed(request, code)
    parts = list(dossier.procedure_version.parts.all())
    form = SupplementForm(request.POST, request.FILES, parts=parts)
    if form.is_valid():
        staging = Staging()
        try:
            files = [staging.add(p.pk, upload, label=p.name) for p, upload in form.uploads()]
            services.supplement_online(
                actor=actor, dossier=dossier, files=files, staging=staging,
                note=form.cleaned_data.get("note", ""),
            )  # fmt: skip
        except DomainError as exc:
            staging.discard()
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã gửi hồ sơ bổ sung. Cán bộ sẽ kiểm tra và xử lý tiếp."))
            return redirect(lookup_url(dossier.code))
    context = {
        "form": LookupForm(initial={"code": code}),
        "summary": dossier_summary(dossier.code),
        "supplement_form": form,
    }
    return render(request, "portal/lookup.html", context, status=INVALID)


def _rate(request, dossier, actor, *, source, template, extra):
    form = RatingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            ratings.rate_service(
                actor=actor, dossier=dossier, score=form.cleaned_data["score"],
                visit_count=form.cleaned_data["visit_count"],
                comment=form.cleaned_data["comment"], source=source,
            )  # fmt: skip
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Cảm ơn bạn đã đánh giá mức độ hài lòng."))
            return None
    status = INVALID if request.method == "POST" else 200
    return render(request, template, {"rating_form": form, **extra}, status=status)


@require_POST
def rate(request, code: str):
    dossier, actor = _confirmed(request, code)
    response = _rate(
        request, dossier, actor, source=RatingSource.LOOKUP, template="portal/lookup.html",
        extra={"form": LookupForm(initial={"code": code}), "summary": dossier_summary(code)},
    )  # fmt: skip
    return response or redirect(lookup_url(dossier.code))


@require_http_methods(["GET", "POST"])
def rate_by_link(request, token: str):
    try:
        dossier = ratings.dossier_from_token(token)
    except NotFound as exc:
        return render(request, "core/error.html", {"message": exc.message}, status=404)
    actor = Citizen(phone=dossier.applicant_phone)
    done = not ratings.can_rate(dossier) or hasattr(dossier, "rating")
    if done and request.method == "GET":
        return render(request, "portal/rate.html", {"dossier": dossier, "done": True})
    response = _rate(
        request, dossier, actor, source=RatingSource.EMAIL_LINK, template="portal/rate.html",
        extra={"dossier": dossier},
    )  # fmt: skip
    if response is None:
        return render(request, "portal/rate.html", {"dossier": dossier, "done": True})
    return response


def _reader(request, code: str) -> Dossier:
    """The dossier if the applicant (account or confirmed phone) or a staff member may read it."""
    dossier = Dossier.objects.filter(code=code[:40]).first()
    if dossier is not None and citizen.citizen_for(request, dossier) is not None:
        return dossier
    if request.user.is_authenticated and request.user.is_staff:
        try:
            return access_dossier(request.user, code)
        except DomainError:
            pass
    raise Http404


def _serve(path: str, filename: str, content_type: str = ""):
    try:
        handle = open_stored(path)
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=filename,
                            content_type=content_type or None)  # fmt: skip
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def result_file(request, code: str):
    dossier = _reader(request, code)
    if dossier.status not in (Status.RESOLVED, Status.RETURNED) or not dossier.result_file:
        raise Http404
    name = dossier.result_file.rsplit("/", 1)[-1]
    return _serve(dossier.result_file, f"{dossier.code}-ket-qua-{name}")


@require_GET
def dossier_file(request, code: str, file_id: int):
    dossier = _reader(request, code)
    stored = DossierFile.objects.filter(dossier=dossier, pk=file_id).first()
    if stored is None:
        raise Http404
    return _serve(stored.path, stored.path.rsplit("/", 1)[-1], stored.content_type)
