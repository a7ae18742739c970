"""Slow down floods from one address with Django's cache (a fixed window per action)."""

import hashlib

from django.conf import settings
from django.core.cache import cache

from motcua.security.client import client_ip

# action: (attempts, window in seconds); settings.FEEDBACK_RATE_LIMITS overrides.
DEFAULT_LIMITS = {
    "send": (10, 600),
    "follow": (20, 600),
    "vote": (30, 600),
    # Each form shown stores a captcha challenge.
    "captcha": (60, 600),
}


def limits() -> dict[str, tuple[int, int]]:
    return {**DEFAULT_LIMITS, **getattr(settings, "FEEDBACK_RATE_LIMITS", {})}


def hit(request, action: str) -> bool:
    """Count one attempt; False once the address has used up its attempts in the window."""
    attempts, window = limits()[action]
    digest = hashlib.sha256((client_ip(request) or "unknown").encode()).hexdigest()[:32]
    key = f"motcua:feedback:{action}:{digest}"
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:
        cache.add(key, 1, timeout=window)
        return True
    return count <= attempts
