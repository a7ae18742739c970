"""Staff API tokens: minted with a lifetime, authenticated by their hash, revocable."""

import datetime as dt
import hashlib
import secrets

from django.utils import timezone

from .models import ApiToken

TOKEN_PREFIX = "mc_"  # noqa: S105
TOKEN_LIFETIME = dt.timedelta(hours=12)


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def mint_token(*, user, name: str = "", lifetime: dt.timedelta = TOKEN_LIFETIME):
    """A new token for `user`; the raw value is returned once and only its hash is stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=raw[:10],
        key_hash=_digest(raw),
        expires_at=timezone.now() + lifetime,
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
