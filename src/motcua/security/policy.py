"""Who must present a second factor, remembered in the session at sign-in and re-checked as the
staff session's activity clock is refreshed (so a policy change reaches open sessions)."""

import time

from django.conf import settings
from django.utils import timezone
from django_otp import user_has_device

from motcua.organization.models import Membership

from .models import RoleSecurityPolicy

STATE_KEY = "motcua.2fa"
SEEN_KEY = "motcua.seen"
NONE, REQUIRED, ENROLLED = "", "required", "enrolled"
# The activity clock is written at most this often, so a busy session is not saved on every
# request (the idle timeout is accurate to this many seconds).
REFRESH_SECONDS = 60


def required_for(user) -> bool:
    """A role the user holds today requires 2FA (or the user is a superuser and that is set)."""
    if user.is_superuser and settings.SECURITY_2FA_SUPERUSERS:
        return True
    today = timezone.localdate()
    roles = RoleSecurityPolicy.objects.filter(require_2fa=True).values("role")
    return (
        Membership.objects.filter(user=user, role__in=roles)
        .exclude(valid_from__gt=today)
        .exclude(valid_to__lt=today)
        .exists()
    )


def second_factor_state(user) -> str:
    """ENROLLED: has a confirmed device (always asked); REQUIRED: must enrol first; NONE."""
    if not user.is_staff or not user.is_active:
        return NONE
    if user_has_device(user, confirmed=True):
        return ENROLLED
    return REQUIRED if required_for(user) else NONE


def remember(request, user) -> None:
    request.session[STATE_KEY] = second_factor_state(user)
    request.session[SEEN_KEY] = int(time.time())


def needs_second_factor(request) -> bool:
    """The session belongs to a user who must verify, and has not yet."""
    if request.session.get(STATE_KEY, NONE) == NONE:
        return False
    is_verified = getattr(request.user, "is_verified", None)
    return not (is_verified and is_verified())
