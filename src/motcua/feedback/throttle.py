"""Slow down floods from one address: a fixed window per action (`security.ratelimit`)."""

from django.conf import settings

from motcua.security.ratelimit import hit as rate_hit

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
    return not rate_hit(request, f"feedback:{action}", limit=attempts, window=window)
