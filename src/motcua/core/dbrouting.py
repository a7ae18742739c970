"""Reads that tolerate a second of lag go to a PostgreSQL hot standby, when one is configured.

`DATABASE_REPLICA_URL` adds a `replica` entry to `DATABASES`. Only GET and HEAD requests whose
path starts with one of `DATABASE_REPLICA_PATHS` (the public lookup, the statistics pages and
API) read from it, and within them only the models of `DATABASE_REPLICA_APPS` (dossiers,
rollups, catalogue, calendar); sessions, accounts, memberships, the task queue, the cache and
the audit log stay on the primary, and so does every read inside a transaction. Every write
goes to the primary.

Before a request is sent to the standby, it is asked (at most every
`DATABASE_REPLICA_CHECK_SECONDS`, per process) whether it answers and how far behind it is;
when it does not answer, or lags more than `DATABASE_REPLICA_MAX_LAG` seconds, the request
reads from the primary instead. A GET whose read from the standby fails midway is answered
again from the primary, and the standby is left aside until the next check (docs/scaling.md).
"""

from __future__ import annotations

import logging
import threading
import time
from contextlib import contextmanager, suppress
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

REPLICA = "replica"
# Set on the request by motcua.security.middleware when a database error became a 500 or 503.
DATABASE_FAILED = "_motcua_database_unavailable"

log = logging.getLogger(__name__)

_reading_replica: ContextVar[bool] = ContextVar("motcua_reading_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def reads_from_replica():
    """Within this block, reads of the replica-safe models go to the standby."""
    token = _reading_replica.set(True)
    try:
        yield
    finally:
        _reading_replica.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not _reading_replica.get() or not replica_configured():
            return None
        if model._meta.app_label not in settings.DATABASE_REPLICA_APPS:
            return None
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return None
        return REPLICA

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA, None}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if db == REPLICA:
            return False
        return None


class ReplicaHealth:
    """Whether the standby answers and is close enough behind, asked at most every few seconds."""

    def __init__(self):
        self._lock = threading.Lock()
        self._checked_at = float("-inf")
        self._usable = False
        self.lag_seconds: float | None = None

    def reset(self) -> None:
        with self._lock:
            self._checked_at = float("-inf")

    def mark_down(self) -> None:
        """The standby failed in the middle of a request: leave it aside until the next check."""
        with self._lock:
            self._checked_at = time.monotonic()
            self._usable = False
        with suppress(DatabaseError):
            connections[REPLICA].close()

    def usable(self) -> bool:
        """The last answer while it is fresh. When it is stale, one thread asks the standby;
        the others go on with the last answer instead of waiting for a standby that may hang
        for its connect timeout."""
        if time.monotonic() - self._checked_at < settings.DATABASE_REPLICA_CHECK_SECONDS:
            return self._usable
        if not self._lock.acquire(blocking=False):
            return self._usable
        try:
            now = time.monotonic()
            if now - self._checked_at >= settings.DATABASE_REPLICA_CHECK_SECONDS:
                self._checked_at = now
                self._usable = self._ask()
            return self._usable
        finally:
            self._lock.release()

    def _ask(self) -> bool:
        connection = connections[REPLICA]
        try:
            with connection.cursor() as cursor:
                cursor.execute(_LAG_SQL[connection.vendor])
                (lag,) = cursor.fetchone()
        except DatabaseError as exc:
            log.warning("Bản sao CSDL không trả lời, đọc từ CSDL chính: %s", exc)
            self.lag_seconds = None
            with suppress(DatabaseError):
                connection.close()
            return False
        self.lag_seconds = float(lag or 0)
        if self.lag_seconds > settings.DATABASE_REPLICA_MAX_LAG:
            log.warning(
                "Bản sao CSDL chậm %.1f giây (giới hạn %s), đọc từ CSDL chính",
                self.lag_seconds,
                settings.DATABASE_REPLICA_MAX_LAG,
            )
            return False
        return True


# Caught up when everything received has been replayed; otherwise the age of the last replay.
# On a primary (a replica URL pointing at a primary, as in tests) both functions return NULL.
_LAG_SQL = {
    "postgresql": (
        "SELECT CASE WHEN pg_last_wal_receive_lsn() IS NULL"
        " OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
        " ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END"
    ),
    "sqlite": "SELECT 0",
}

health = ReplicaHealth()


class ReplicaReadsMiddleware:
    """Sends the reads of the configured GET paths to the standby while it is healthy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            replica_configured()
            and request.method in ("GET", "HEAD")
            and request.path_info.startswith(tuple(settings.DATABASE_REPLICA_PATHS))
            and health.usable()
        ):
            with reads_from_replica():
                response = self.get_response(request)
            if response.status_code not in (500, 503) or not getattr(
                request, DATABASE_FAILED, False
            ):
                return response
            # A database error during a GET read from the standby: answer it again from the
            # primary (a GET changes nothing); if the primary fails too, the 503 page follows.
            log.warning("Bản sao CSDL lỗi giữa chừng %s, đọc lại từ CSDL chính", request.path)
            health.mark_down()
            delattr(request, DATABASE_FAILED)
        return self.get_response(request)
