"""Database outages answered with 503, and the staff session guard (idle timeout, second factor,
the request bound for the audit log)."""

import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from . import policy
from .audit import bind_request, unbind_request

log = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
_FLAG = "_motcua_database_unavailable"  # also read by motcua.core.dbrouting
STAFF_PREFIXES = ("/can-bo/", "/quan-tri/")
# Headers the outer security middleware would have added to the response being replaced.
_KEPT_HEADERS = ("X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy")


def database_unavailable_response(request) -> HttpResponse:
    message = _(
        "Hệ thống tạm thời không kết nối được cơ sở dữ liệu. Vui lòng thử lại sau ít phút; "
        "dữ liệu bạn đã gửi trước đó không bị mất."
    )
    if request.path.startswith("/api/"):
        response = JsonResponse({"code": "database_unavailable", "message": message}, status=503)
    else:
        # Rendered without the request: the context processors would query the database.
        html = render_to_string(
            "security/unavailable.html",
            {"title": _("Hệ thống tạm ngừng phục vụ"), "message": message},
        )
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(settings.SECURITY_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    response["X-Frame-Options"] = "DENY"
    return response


@receiver(got_request_exception, dispatch_uid="motcua.security.database_unavailable")
def _mark_database_failure(sender, request=None, **kwargs):
    """An error raised outside the view (a middleware, the session save) becomes a 500 before it
    reaches us: remember its cause on the request so the 500 can become a 503."""
    import sys

    exc = sys.exc_info()[1]
    if request is not None and isinstance(exc, DATABASE_ERRORS):
        setattr(request, _FLAG, True)


class DatabaseUnavailableMiddleware:
    """A lost or refused database connection answers 503 with Retry-After, never a 500; the
    next request reconnects (CONN_HEALTH_CHECKS)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.get_response(request)
        except DATABASE_ERRORS as exc:
            return self._unavailable(request, exc)
        if response.status_code == 500 and getattr(request, _FLAG, False):
            replacement = self._unavailable(request, None)
            for header in _KEPT_HEADERS:
                if header in response:
                    replacement[header] = response[header]
            return replacement
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return self._unavailable(request, exception)
        return None

    @staticmethod
    def _unavailable(request, exc):
        log.error("Database unavailable while serving %s: %s", request.path, exc or "(see above)")
        setattr(request, _FLAG, True)
        return database_unavailable_response(request)


def _htmx_or_redirect(request, url: str) -> HttpResponse:
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


class StaffSessionMiddleware:
    """On staff pages: end a session idle for SECURITY_IDLE_TIMEOUT seconds, and send a user who
    must present a second factor to verification (or enrolment) before any other page."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._exempt: tuple[str, ...] | None = None

    def __call__(self, request):
        token = bind_request(request)
        try:
            if request.path.startswith(STAFF_PREFIXES):
                refused = self._guard(request)
                if refused is not None:
                    return refused
            return self.get_response(request)
        finally:
            unbind_request(token)

    def exempt_paths(self) -> tuple[str, ...]:
        if self._exempt is None:
            self._exempt = (
                reverse("desk:login"),
                reverse("desk:logout"),
                reverse("admin:logout"),
                reverse("security:verify"),
                reverse("security:enrol"),
                reverse("security:profile") + "mat-khau/",
            )
        return self._exempt

    def _guard(self, request):
        session = request.session
        seen = session.get(policy.SEEN_KEY)
        if seen is None:
            # Anonymous (no query: no session key), or a session signed in before this guard.
            if not request.user.is_authenticated:
                return None
            policy.remember(request, request.user)
        else:
            now = int(time.time())
            if now - seen > settings.SECURITY_IDLE_TIMEOUT:
                return self._expire(request)
            if now - seen >= policy.REFRESH_SECONDS:
                if not request.user.is_authenticated:
                    return None
                policy.remember(request, request.user)
        if not policy.needs_second_factor(request):
            return None
        if request.path.startswith(self.exempt_paths()):
            return None
        state = session.get(policy.STATE_KEY)
        target = reverse("security:verify" if state == policy.ENROLLED else "security:enrol")
        return _htmx_or_redirect(
            request, f"{target}?{urlencode({'next': request.get_full_path()})}"
        )

    @staticmethod
    def _expire(request):
        request.audit_logout_reason = "idle"
        logout(request)
        minutes = max(1, settings.SECURITY_IDLE_TIMEOUT // 60)
        messages.info(
            request,
            _(
                "Phiên làm việc đã kết thúc sau %(minutes)d phút không thao tác. "
                "Vui lòng đăng nhập lại."
            )
            % {"minutes": minutes},
        )
        login_redirect = redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return _htmx_or_redirect(request, login_redirect["Location"])
