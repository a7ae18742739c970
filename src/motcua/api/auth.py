"""Staff authentication for the API: bearer tokens, or the browser session with CSRF."""

import datetime as dt

from django.contrib.auth import authenticate
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from motcua.core.errors import DomainError
from motcua.organization.tokens import TOKEN_LIFETIME, mint_token, revoke_token, user_for_token
from motcua.security.policy import NONE, needs_second_factor, second_factor_state

router = Router(tags=["auth"])


class StaffBearer(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class StaffSession(SessionAuth):
    """The desk's own pages may call the API with their session (CSRF checked)."""

    def _get_key(self, request):
        # No session cookie, no session a forged request could ride on: no CSRF check, and a
        # caller without credentials is told to sign in (401), not about a CSRF token.
        if self.param_name not in request.COOKIES:
            return None
        try:
            return super()._get_key(request)
        except HttpError:
            raise DomainError(
                "csrf_failed",
                _(
                    "Yêu cầu từ phiên đăng nhập thiếu mã chống giả mạo (CSRF) hợp lệ. "
                    "Hãy tải lại trang rồi thử lại."
                ),
                status=403,
            ) from None

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is None or not user.is_staff or needs_second_factor(request):
            return None
        return user


staff_auth = [StaffBearer(), StaffSession()]


class TokenIn(Schema):
    username: str
    password: str
    name: str = ""


class TokenOut(Schema):
    token: str
    token_type: str = "Bearer"  # noqa: S105
    expires_at: dt.datetime


class Message(Schema):
    code: str
    message: str


@router.post(
    "/auth/token",
    response={200: TokenOut, 400: Message, 401: Message, 403: Message, 422: Message, 429: Message},
    summary="Cấp khóa truy cập cho cán bộ",
)
def create_token(request, payload: TokenIn):
    # Failed attempts count towards the sign-in lockout (429 once locked).
    user = authenticate(request, username=payload.username[:150], password=payload.password[:256])
    if user is None or not user.is_active or not user.is_staff:
        raise DomainError(
            "bad_credentials", _("Tên đăng nhập hoặc mật khẩu không đúng."), status=401
        )
    if second_factor_state(user) != NONE:
        # A password alone must not open the API to an account protected by a second factor.
        raise DomainError(
            "second_factor_required",
            _(
                "Tài khoản này dùng xác thực hai lớp nên không thể lấy khóa truy cập bằng "
                "mật khẩu. Hãy đăng nhập trang cán bộ và tạo khóa tại trang Bảo mật tài khoản "
                "(%(url)s)."
            )
            % {"url": reverse("security:profile")},
            status=403,
        )
    raw, token = mint_token(user=user, name=payload.name, lifetime=TOKEN_LIFETIME)
    return {"token": raw, "expires_at": token.expires_at}


@router.post(
    "/auth/token/revoke",
    response={200: Message, 401: Message},
    auth=[StaffBearer()],
    summary="Thu hồi khóa truy cập",
)
def revoke(request):
    raw = request.headers.get("Authorization", "").partition(" ")[2]
    revoke_token(raw=raw)
    return {"code": "revoked", "message": _("Đã thu hồi khóa truy cập.")}
