"""The answer to a locked-out sign-in: 429 with the cool-off, in Vietnamese."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_message() -> str:
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return _(
        "Tài khoản tạm thời bị khóa vì đăng nhập sai quá %(limit)d lần. Vui lòng thử lại sau "
        "%(minutes)d phút, hoặc liên hệ quản trị viên để được mở khóa."
    ) % {"limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    status = settings.AXES_HTTP_RESPONSE_CODE
    retry_after = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    if request.path.startswith("/api/"):
        response = JsonResponse({"code": "locked_out", "message": lockout_message()}, status=status)
    else:
        response = render(
            request, "security/locked_out.html", {"message": lockout_message()}, status=status
        )
    response["Retry-After"] = retry_after
    return response
