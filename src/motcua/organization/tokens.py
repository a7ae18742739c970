"""Staff API tokens: issue on username + password, authenticate by hash, revoke."""

import datetime as dt
import hashlib
import secrets

from django.contrib.auth import authenticate
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError

from .models import ApiToken

TOKEN_PREFIX = "mc_"  # noqa: S105
TOKEN_LIFETIME = dt.timedelta(hours=12)


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_token(*, request, username: str, password: str, name: str = "") -> tuple[str, ApiToken]:
    """A new token for an active staff user; the raw value is returned once, never stored."""
    user = authenticate(request, username=username, password=password)
    if user is None or not user.is_active or not user.is_staff:
        raise DomainError(
            "bad_credentials", _("Tên đăng nhập hoặc mật khẩu không đúng."), status=401
        )
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=raw[:10],
        key_hash=_digest(raw),
        expires_at=timezone.now() + TOKEN_LIFETIME,
    )
    return raw, token


def user_for_token(raw: str, *, now: dt.datetime | None = None):
    """The active user a valid token belongs to, or None."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    now = now or timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_digest(raw), revoked_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def revoke_token(*, raw: str) -> bool:
    return bool(
        ApiToken.objects.filter(key_hash=_digest(raw), revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    )
