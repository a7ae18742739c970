"""Targets pages: the public scorecard and a target's approved figures; for staff the same
with reports, approvals, the change history and the Excel/PDF congress report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.core.errors import DomainError

from . import reports, selectors, services
from .models import Actual, ActualStatus, Term

staff = login_required(login_url="desk:login")


def _term(term_id: int) -> Term:
    return get_object_or_404(Term.objects.select_related("unit"), pk=term_id)


def _scorecard_context(term):
    groups = selectors.scorecard(term)
    rows = [row for group in groups for row in group.rows]
    counts = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return {
        "term": term,
        "groups": groups,
        "counts": counts,
        "total": len(rows),
        "key_tasks": term.key_tasks.all(),
        "breakthroughs": term.breakthroughs.all(),
    }


def public_terms(request):
    return render(request, "targets/terms.html", {"terms": selectors.terms(), "staff": False})


def public_scorecard(request, term_id: int):
    context = _scorecard_context(_term(term_id)) | {"staff": False}
    return render(request, "targets/scorecard.html", context)


def public_target(request, target_id: int):
    target = selectors.target_detail(target_id)
    if target is None:
        raise Http404
    approved = [a for a in target.actuals.all() if a.status == ActualStatus.APPROVED]
    current = selectors.current_actuals(approved)
    return render(
        request,
        "targets/target_public.html",
        {"target": target, "actuals": sorted(current.values(), key=selectors._rank, reverse=True)},
    )


@staff
def staff_terms(request):
    units = services._units(request.user, services.LEADER_ROLES)
    pending = selectors.pending_actuals(units) if units is None or units else Actual.objects.none()
    return render(
        request,
        "targets/staff/terms.html",
        {"terms": selectors.terms(), "pending": pending[:50], "staff": True},
    )


@staff
def staff_scorecard(request, term_id: int):
    context = _scorecard_context(_term(term_id)) | {"staff": True}
    return render(request, "targets/scorecard.html", context)


@staff
def report_file(request, term_id: int, fmt: str):
    term = _term(term_id)
    if fmt == "xlsx":
        body = reports.term_xlsx(term)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt == "pdf":
        body = reports.term_pdf(term)
        content_type = "application/pdf"
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="chi-tieu-nhiem-ky-{term.pk}.{fmt}"'
    return response


def _target_context(request, target, error=""):
    return {
        "target": target,
        "actuals": list(target.actuals.all()),
        "history": selectors.target_history(target),
        "reporting_unit": services.reporting_unit(request.user, target),
        "may_approve": services.may_approve(request.user, target),
        "years": range(target.group.term.start_year, target.group.term.end_year + 1),
        "error": error,
        "this_year": timezone.localdate().year,
    }


@staff
def staff_target(request, target_id: int):
    target = selectors.target_detail(target_id)
    if target is None:
        raise Http404
    return render(request, "targets/staff/target.html", _target_context(request, target))


@staff
@require_POST
def report(request, target_id: int):
    target = selectors.target_detail(target_id)
    if target is None:
        raise Http404
    post = request.POST
    try:
        services.report_actual(
            actor=request.user,
            target=target,
            year=(post.get("year") or "")[:6],
            quarter=(post.get("quarter") or "0")[:2],
            value=(post.get("value") or "")[:40],
            source=(post.get("source") or "")[:1000],
            note=(post.get("note") or "")[:5000],
        )
    except DomainError as exc:
        return render(
            request,
            "targets/staff/target.html",
            _target_context(request, selectors.target_detail(target_id), exc.message),
            status=exc.status,
        )
    messages.success(request, _("Đã gửi số liệu, chờ lãnh đạo phê duyệt."))
    return redirect("targets_staff:target", target_id=target_id)


@staff
@require_POST
def decide(request, actual_id: int, decision: str):
    actual = get_object_or_404(Actual, pk=actual_id)
    note = (request.POST.get("note") or "")[:5000]
    try:
        if decision == "phe-duyet":
            services.approve_actual(actor=request.user, actual=actual, note=note)
            messages.success(request, _("Đã phê duyệt số liệu."))
        elif decision == "khong-duyet":
            services.reject_actual(actor=request.user, actual=actual, note=note)
            messages.success(request, _("Đã trả lại số liệu."))
        else:
            raise Http404
    except DomainError as exc:
        return render(
            request,
            "targets/staff/target.html",
            _target_context(request, selectors.target_detail(actual.target_id), exc.message),
            status=exc.status,
        )
    return redirect("targets_staff:target", target_id=actual.target_id)
