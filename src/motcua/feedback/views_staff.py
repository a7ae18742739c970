"""Staff feedback pages: worklist, one feedback with its triage actions, the overdue list for
leaders, statistics with an SVG chart and an Excel export, and attachments."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from motcua.core.dates import parse_date
from motcua.core.errors import DomainError
from motcua.core.validators import FIRST_YEAR, LAST_YEAR, out_of_service_years_message
from motcua.organization.models import Unit

from . import selectors, services, stats
from .access import access_feedback, is_leader, unit_ids_of, visible_feedback
from .models import FeedbackAttachment, FeedbackStatus
from .routing import addressable_units
from .views_public import serve_attachment

staff = login_required(login_url="desk:login")
PAGE_SIZE = 30


def _error(request, exc: DomainError):
    return render(
        request,
        "core/error.html",
        {"title": _("Không thực hiện được"), "message": exc.message},
        status=exc.status,
    )


@staff
def worklist(request):
    status = (request.GET.get("status") or "open")[:30]
    q = (request.GET.get("q") or "")[:200]
    qs = selectors.worklist(request.user, status=status, q=q)
    page = Paginator(qs, PAGE_SIZE).get_page((request.GET.get("page") or "")[:8])
    context = {
        "page": page,
        "status": status,
        "q": q,
        "statuses": FeedbackStatus.choices,
        "counts": selectors.status_counts(request.user),
        "today": timezone.localdate(),
        "leader": is_leader(request.user),
    }
    return render(request, "feedback/staff/list.html", context)


def _detail_context(request, feedback, error=""):
    return {
        "feedback": feedback,
        "events": selectors.history(feedback),
        "attachments": feedback.attachments.all(),
        "units": addressable_units(timezone.localdate()).exclude(pk=feedback.unit_id),
        "today": timezone.localdate(),
        "error": error,
        "S": FeedbackStatus,
    }


@staff
def detail(request, code: str):
    try:
        feedback = access_feedback(request.user, code)
    except DomainError as exc:
        raise Http404 from exc
    return render(request, "feedback/staff/detail.html", _detail_context(request, feedback))


ACTIONS = {
    "thu-ly": (
        services.accept_feedback,
        lambda p: {"note": p.get("note", "")},
        gettext_lazy("Đã thụ lý."),
    ),
    "tu-choi": (
        services.refuse_feedback,
        lambda p: {"reason": p.get("reason", "")},
        gettext_lazy("Đã từ chối."),
    ),
    "yeu-cau-bo-sung": (
        services.request_supplement,
        lambda p: {"request": p.get("request", "")},
        gettext_lazy("Đã gửi yêu cầu bổ sung."),
    ),
    "tra-loi": (
        services.answer_feedback,
        lambda p: {"answer": p.get("answer", "")},
        gettext_lazy("Đã trả lời."),
    ),
    "cong-khai": (services.publish_answer, lambda p: {}, gettext_lazy("Đã công khai câu trả lời.")),
}


@staff
@require_POST
def act(request, code: str, action: str):
    post = {key: (value or "")[:20_000] for key, value in request.POST.items()}
    try:
        if action == "chuyen":
            unit = Unit.objects.filter(code=post.get("unit", "")[:40]).first()
            if unit is None:
                raise DomainError("unit_unknown", _("Vui lòng chọn đơn vị nhận."))
            services.forward_feedback(
                actor=request.user, code=code, to_unit=unit, note=post.get("note", "")
            )
            done = _("Đã chuyển phản ánh đến %(unit)s.") % {"unit": unit.name}
        elif action in ACTIONS:
            service, params, done = ACTIONS[action]
            service(actor=request.user, code=code, **params(post))
            done = str(done)
        else:
            raise Http404
    except DomainError as exc:
        if exc.status == 404:
            raise Http404 from exc
        feedback = access_feedback(request.user, code)
        return render(
            request,
            "feedback/staff/detail.html",
            _detail_context(request, feedback, exc.message),
            status=exc.status,
        )
    messages.success(request, done)
    if action == "chuyen" and not visible_feedback(request.user).filter(code=code).exists():
        return redirect("feedback_staff:list")
    return redirect("feedback_staff:detail", code=code)


@staff
def attachment(request, pk: int):
    item = get_object_or_404(FeedbackAttachment.objects.select_related("feedback"), pk=pk)
    if not visible_feedback(request.user).filter(pk=item.feedback_id).exists():
        raise Http404
    return serve_attachment(item)


@staff
def overdue(request):
    if not is_leader(request.user):
        return render(
            request,
            "core/error.html",
            {
                "title": _("Không có quyền truy cập"),
                "message": _("Trang này dành cho lãnh đạo đơn vị."),
            },
            status=403,
        )
    rows = selectors.overdue(request.user)
    page = Paginator(rows, PAGE_SIZE).get_page((request.GET.get("page") or "")[:8])
    return render(
        request, "feedback/staff/overdue.html", {"page": page, "today": timezone.localdate()}
    )


def _period(request) -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    typed_from, typed_to = request.GET.get("from", "").strip(), request.GET.get("to", "").strip()
    date_from = (
        parse_date(typed_from, label=_("Từ ngày")) if typed_from else today.replace(month=1, day=1)
    )
    date_to = parse_date(typed_to, label=_("Đến ngày")) if typed_to else today
    if not (date_from.year >= FIRST_YEAR and date_to.year <= LAST_YEAR):
        raise DomainError("bad_period", out_of_service_years_message())
    if date_to < date_from or (date_to - date_from).days > 3660:
        raise DomainError("bad_period", _("Khoảng thời gian không hợp lệ."))
    return date_from, date_to


@staff
def statistics(request, fmt: str = "html"):
    try:
        date_from, date_to = _period(request)
    except DomainError as exc:
        return _error(request, exc)
    units = unit_ids_of(request.user)
    if units is not None and not units:
        return _error(
            request,
            DomainError("no_unit", _("Bạn chưa được phân công vào đơn vị nào."), status=403),
        )
    today = timezone.localdate()
    rows = selectors.period_feedback(request.user, date_from, date_to)
    result = stats.compute(rows, date_from, date_to, today)
    if fmt == "xlsx":
        response = HttpResponse(
            stats.to_xlsx(result),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="thong-ke-phan-anh-{date_from:%Y%m%d}-{date_to:%Y%m%d}.xlsx"'
        )
        return response
    context = {
        "stats": result,
        "columns": stats.columns(),
        # Built from escaped text only; safe to inline.
        "chart": mark_safe(stats.bar_chart_svg(result.by_unit)),  # noqa: S308
        "date_from": date_from,
        "date_to": date_to,
    }
    return render(request, "feedback/staff/stats.html", context)
