"""Staff authentication for the API: bearer tokens, or the browser session with CSRF."""

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.security import HttpBearer, SessionAuth

from motcua.organization.tokens import issue_token, revoke_token, user_for_token

router = Router(tags=["auth"])


class StaffBearer(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class StaffSession(SessionAuth):
    """The desk's own pages may call the API with their session (CSRF checked)."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user is not None and user.is_staff else None


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
    response={200: TokenOut, 401: Message, 422: Message},
    summary="Cấp khóa truy cập cho cán bộ",
)
def create_token(request, payload: TokenIn):
    raw, token = issue_token(
        request=request,
        username=payload.username[:150],
        password=payload.password[:256],
        name=payload.name,
    )
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
