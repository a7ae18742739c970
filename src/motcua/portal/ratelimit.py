"""A fixed-window counter per client address in Django's cache, for public lookups.

The window and the limit come from settings (PORTAL_LOOKUP_LIMIT per PORTAL_LOOKUP_WINDOW
seconds). The counter lives in the default cache: locmem counts per process, the database
cache across workers (docs/configuration.md).
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError
from motcua.security.client import client_ip


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
    window = max(1, settings.PORTAL_LOOKUP_WINDOW)
    slot = int(time.time() // window)
    key = f"rate:{scope}:{client_ip(request) or 'unknown'}:{slot}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    if count > settings.PORTAL_LOOKUP_LIMIT:
        raise TooManyRequests(retry_after=int(window - time.time() % window) + 1)
