"""Error pages in Vietnamese (English when chosen), in the site layout."""

from django.shortcuts import render
from django.utils.translation import gettext as _


def _error(request, status: int, title: str, message: str):
    return render(request, "core/error.html", {"title": title, "message": message}, status=status)


def bad_request(request, exception=None):
    return _error(request, 400, _("Yêu cầu không hợp lệ"), _("Vui lòng kiểm tra lại thông tin."))


def forbidden(request, exception=None):
    return _error(
        request, 403, _("Không có quyền truy cập"), _("Bạn không có quyền xem trang này.")
    )


def not_found(request, exception=None):
    return _error(
        request,
        404,
        _("Không tìm thấy trang"),
        _("Trang bạn tìm không tồn tại hoặc đã được chuyển đi."),
    )


def server_error(request):
    return _error(
        request,
        500,
        _("Hệ thống đang gặp sự cố"),
        _("Xin lỗi, đã có lỗi xảy ra. Vui lòng thử lại sau ít phút."),
    )
