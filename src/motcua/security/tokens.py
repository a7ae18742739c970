"""API tokens created from the staff profile page (the only way for a 2FA user to get one)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError, NotFound
from motcua.organization.models import ApiToken
from motcua.organization.tokens import mint_token

from .audit import record
from .models import AuditAction

# Lifetimes a user may choose on the profile page, in days.
LIFETIME_DAYS = (1, 7, 30, 90)


def create_profile_token(*, actor, name: str, days: int) -> tuple[str, ApiToken]:
    """Called from a signed-in (and, where required, OTP-verified) session."""
    if not actor.is_active or not actor.is_staff:
        raise DomainError("forbidden", _("Chỉ cán bộ mới được tạo khóa truy cập API."), status=403)
    if days not in LIFETIME_DAYS:
        raise DomainError("invalid_lifetime", _("Thời hạn khóa truy cập không hợp lệ."))
    with transaction.atomic():
        raw, token = mint_token(user=actor, name=name, lifetime=dt.timedelta(days=days))
        record(
            action=AuditAction.TOKEN_CREATED,
            actor=actor,
            obj=token,
            new={"prefix": token.prefix, "name": token.name, "days": days},
        )
    return raw, token


def revoke_profile_token(*, actor, token_id: int) -> ApiToken:
    """Revoke one of the actor's own tokens; someone else's is the same 404 as a missing one."""
    with transaction.atomic():
        token = (
            ApiToken.objects.select_for_update()
            .filter(pk=token_id, user=actor, revoked_at__isnull=True)
            .first()
        )
        if token is None:
            raise NotFound("not_found", _("Không tìm thấy khóa truy cập."))
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(
            action=AuditAction.TOKEN_REVOKED, actor=actor, obj=token, old={"prefix": token.prefix}
        )
    return token


def active_tokens(user):
    return ApiToken.objects.filter(
        user=user, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).order_by("-created_at")
