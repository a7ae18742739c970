"""The public lookup's and rating's limit: PORTAL_LOOKUP_LIMIT per PORTAL_LOOKUP_WINDOW seconds
per client address (the counter is `security.ratelimit`)."""

from django.conf import settings
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError
from motcua.security.ratelimit import hit


class TooManyRequests(DomainError):
    status = 429

    def __init__(self, retry_after: int):
        super().__init__(
            "too_many_requests",
            _("Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau %(minutes)s phút.")
            % {"minutes": max(1, -(-retry_after // 60))},
        )
        self.retry_after = retry_after


def check_rate(request, scope: str = "lookup") -> None:
    """Count one request from this address; raise TooManyRequests past the limit."""
    retry_after = hit(
        request,
        f"portal:{scope}",
        limit=settings.PORTAL_LOOKUP_LIMIT,
        window=settings.PORTAL_LOOKUP_WINDOW,
    )
    if retry_after:
        raise TooManyRequests(retry_after=retry_after)
