"""One fixed-window counter per client address and scope, in Django's default cache.

Used by the public lookup, rating and feedback forms. The address is the real client's behind
a trusted proxy (`client_ip`); locmem counts per process, the database cache across workers
(docs/configuration.md).

Counting is one atomic step whatever the backend: `add` then `incr` where `incr` is atomic
(locmem, Redis, Memcached); in the database cache, whose `incr` is a read then a write (two
workers reading 5 both write 6) and costs about ten statements with `add`, one
`INSERT … ON CONFLICT DO UPDATE … RETURNING` on its table instead.
"""

import datetime as dt
import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router

from .client import client_ip


def hit(request, scope: str, *, limit: int, window: int) -> int:
    """Count one request; 0 while within `limit`, else the seconds until the window ends."""
    window = max(1, int(window))
    now = time.time()
    address = hashlib.sha256((client_ip(request) or "unknown").encode()).hexdigest()[:32]
    key = f"motcua:rate:{scope}:{address}:{int(now // window)}"
    count = count_up(key, timeout=window + 5, now=now)
    return 0 if count <= limit else int(window - now % window) + 1


def count_up(key: str, *, timeout: int, now: float | None = None) -> int:
    """Add one to the counter `key` (made with 1 if absent or expired) and return it."""
    cache = caches["default"]
    now = time.time() if now is None else now
    if isinstance(cache, DatabaseCache):
        return _count_up_in_table(cache, key, timeout=timeout, now=now)
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=timeout)
        return 1


def _count_up_in_table(cache: DatabaseCache, key: str, *, timeout: int, now: float) -> int:
    # The count is kept as plain digits under keys of its own ("count:" + key), never read by
    # the cache's get() (which expects a pickle): processes of an older release, counting
    # pickles under the bare key, never meet these rows. Expired rows go when a new counter
    # is made (once per address and window), as the cache itself removes them on a write.
    key = cache.make_and_validate_key(f"count:{key}")
    connection = connections[router.db_for_write(cache.cache_model_class)]
    quote, adapt = connection.ops.quote_name, connection.ops.adapt_datetimefield_value
    table = quote(cache._table)
    tz = dt.UTC if settings.USE_TZ else None
    at = adapt(dt.datetime.fromtimestamp(int(now), tz=tz))
    expires = adapt(dt.datetime.fromtimestamp(int(now) + timeout, tz=tz))
    value, expiry = quote("value"), quote("expires")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({quote('cache_key')}, {value}, {expiry}) VALUES (%s, '1', %s) "  # noqa: S608
            f"ON CONFLICT ({quote('cache_key')}) DO UPDATE SET "
            f"{value} = CASE WHEN {table}.{expiry} < %s THEN '1' "
            f"ELSE CAST(CAST({table}.{value} AS INTEGER) + 1 AS TEXT) END, "
            f"{expiry} = CASE WHEN {table}.{expiry} < %s THEN %s ELSE {table}.{expiry} END "
            f"RETURNING {value}",
            [key, expires, at, at, expires],
        )
        count = int(cursor.fetchone()[0])
        if count == 1:
            cursor.execute(f"DELETE FROM {table} WHERE {expiry} < %s", [at])  # noqa: S608
    return count
