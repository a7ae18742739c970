"""One fixed-window counter per client address and scope, in Django's default cache.

Used by the public lookup, rating and feedback forms. The address is the real client's behind
a trusted proxy (`client_ip`); locmem counts per process, the database cache across workers
(docs/configuration.md).
"""

import hashlib
import time

from django.core.cache import cache

from .client import client_ip


def hit(request, scope: str, *, limit: int, window: int) -> int:
    """Count one request; 0 while within `limit`, else the seconds until the window ends."""
    window = max(1, int(window))
    now = time.time()
    address = hashlib.sha256((client_ip(request) or "unknown").encode()).hexdigest()[:32]
    key = f"motcua:rate:{scope}:{address}:{int(now // window)}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    return 0 if count <= limit else int(window - now % window) + 1
