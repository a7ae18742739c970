"""Citizens' feedback pages: send (with our captcha), follow by code and phone, supplement,
and the public, searchable answers with likes and dislikes."""

import hashlib

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.core.errors import DomainError

from . import attachments, captcha, selectors, services, throttle
from .models import Feedback, FeedbackAttachment, FeedbackStatus
from .routing import addressable_units

SESSION_KEY = "feedback_access"
PAGE_SIZE = 20
FORM_FIELDS = ("name", "phone", "email", "title", "content", "unit", "procedure", "dossier_code")


def _too_many(request):
    return render(
        request,
        "feedback/too_many.html",
        {"message": _("Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.")},
        status=429,
    )


def _grant(request, code: str) -> None:
    codes = [c for c in request.session.get(SESSION_KEY, []) if c != code][-19:]
    request.session[SESSION_KEY] = [*codes, code]


def _granted(request, code: str):
    if code not in request.session.get(SESSION_KEY, []):
        raise Http404
    feedback = Feedback.objects.filter(code=code[:30]).select_related("unit").first()
    if feedback is None:
        raise Http404
    return feedback


def index(request):
    q = (request.GET.get("q") or "")[:200]
    page = Paginator(selectors.published(q), PAGE_SIZE).get_page(
        (request.GET.get("page") or "")[:8]
    )
    return render(request, "feedback/index.html", {"q": q, "page": page})


def _form_context(request, values=None, error="", status=200):
    if not throttle.hit(request, "captcha"):
        return _too_many(request)
    challenge = captcha.new_challenge()
    context = {
        "values": values or {},
        "error": error,
        "challenge": challenge,
        "units": addressable_units(timezone.localdate()),
        "limits": services.LIMITS,
        "max_files": attachments.MAX_FILES,
        "max_mb": attachments.MAX_FILE_BYTES // (1024 * 1024),
    }
    response = render(request, "feedback/send.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def send(request):
    if request.method == "GET":
        return _form_context(request)
    values = {name: (request.POST.get(name) or "")[:20_000] for name in FORM_FIELDS}
    values["allow_publish"] = request.POST.get("allow_publish") == "1"
    if "new_captcha" in request.POST:
        return _form_context(request, values)
    if not throttle.hit(request, "send"):
        return _too_many(request)
    if not captcha.verify(request.POST.get("captcha_token", ""), request.POST.get("captcha", "")):
        return _form_context(
            request,
            values,
            _("Mã xác nhận không đúng hoặc đã hết hạn. Vui lòng nhập lại kết quả phép tính mới."),
            status=400,
        )
    try:
        feedback = services.send_feedback(
            name=values["name"],
            phone=values["phone"],
            email=values["email"],
            title=values["title"],
            content=values["content"],
            unit_code=values["unit"],
            procedure_code=values["procedure"],
            dossier_code=values["dossier_code"],
            allow_publish=values["allow_publish"],
            files=request.FILES.getlist("files"),
        )
    except DomainError as exc:
        return _form_context(request, values, exc.message, status=exc.status)
    _grant(request, feedback.code)
    messages.success(
        request,
        _("Đã gửi phản ánh. Mã phản ánh của bạn là %(code)s; hãy ghi lại để tra cứu.")
        % {"code": feedback.code},
    )
    return redirect("feedback:follow_detail", code=feedback.code)


@never_cache
@require_GET
def captcha_image(request, token: str):
    svg = captcha.render_svg(token)
    if svg is None:
        raise Http404
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def follow(request):
    context = {"code": "", "phone": "", "error": ""}
    if request.method == "POST":
        if not throttle.hit(request, "follow"):
            return _too_many(request)
        context["code"] = (request.POST.get("code") or "")[:40]
        context["phone"] = (request.POST.get("phone") or "")[:40]
        try:
            feedback = services.citizen_feedback(context["code"], context["phone"])
        except DomainError as exc:
            context["error"] = exc.message
            return render(request, "feedback/follow.html", context, status=exc.status)
        _grant(request, feedback.code)
        return redirect("feedback:follow_detail", code=feedback.code)
    return render(request, "feedback/follow.html", context)


@never_cache
def follow_detail(request, code: str):
    feedback = _granted(request, code)
    context = {
        "feedback": feedback,
        "events": selectors.history(feedback, public_only=True),
        "attachments": feedback.attachments.all(),
        "error": "",
    }
    return render(request, "feedback/follow_detail.html", context)


@never_cache
@require_POST
def supplement(request, code: str):
    feedback = _granted(request, code)
    if not throttle.hit(request, "send"):
        return _too_many(request)
    try:
        services.submit_supplement(
            code=feedback.code,
            phone=feedback.phone,
            content=(request.POST.get("content") or "")[:20_000],
            files=request.FILES.getlist("files"),
        )
    except DomainError as exc:
        context = {
            "feedback": feedback,
            "events": selectors.history(feedback, public_only=True),
            "attachments": feedback.attachments.all(),
            "error": exc.message,
        }
        return render(request, "feedback/follow_detail.html", context, status=exc.status)
    messages.success(request, _("Đã gửi thông tin bổ sung."))
    return redirect("feedback:follow_detail", code=feedback.code)


def serve_attachment(item: FeedbackAttachment) -> FileResponse:
    try:
        handle = attachments.open_stored(item.path)
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, content_type=item.content_type, as_attachment=True, filename=item.name
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
def citizen_attachment(request, code: str, pk: int):
    feedback = _granted(request, code)
    return serve_attachment(get_object_or_404(FeedbackAttachment, pk=pk, feedback=feedback))


def answer_detail(request, code: str):
    feedback = get_object_or_404(
        Feedback.objects.select_related("unit"),
        code=code[:30],
        status=FeedbackStatus.PUBLISHED,
    )
    return render(request, "feedback/answer.html", {"feedback": feedback})


def _voter(request) -> str:
    if not request.session.session_key:
        request.session.save()
    return hashlib.sha256(request.session.session_key.encode()).hexdigest()


@require_POST
def vote(request, code: str):
    if not throttle.hit(request, "vote"):
        return _too_many(request)
    liked = request.POST.get("liked")
    if liked not in ("1", "0"):
        return render(
            request,
            "core/error.html",
            {"title": _("Yêu cầu không hợp lệ"), "message": _("Vui lòng chọn thích hoặc không.")},
            status=400,
        )
    try:
        services.vote_answer(code=code, voter=_voter(request), liked=liked == "1")
    except DomainError as exc:
        if exc.status == 404:
            raise Http404 from exc
        raise
    messages.success(request, _("Cảm ơn bạn đã đánh giá câu trả lời."))
    return redirect("feedback:answer", code=code)
