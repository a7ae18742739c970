"""Bulk writing for the generator: rows as tuples, by `COPY` on PostgreSQL, `bulk_create` elsewhere.

Each row is a tuple of Python values in the order of the model's concrete fields
(`columns(model)`), written by binary `COPY` (no text to format or parse). On
PostgreSQL a batch is written by a background thread on the same connection (one transaction
per batch, or a savepoint inside an enclosing one), so the server ingests one batch while the
next is being generated; the caller must not use the connection until `wait()` returns.
When the database role may (a superuser), the batches skip the foreign-key triggers, as a
restore does; the generator only writes references it has just read or handed out. Then, and
outside a transaction of the caller, some tables (the events) can go by a second connection
at the same time, so two server processes ingest each batch.
"""

import sys
from concurrent.futures import Future, ThreadPoolExecutor

from django.db import connection, transaction
from django.db.models import Max

SWITCH_INTERVAL = 0.0005


def columns(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


class Writer:
    """Rows per model; `flush()` hands the batch over, `close()` waits for the last one."""

    def __init__(self, models, *, parallel_models=()):
        self.models = tuple(models)
        self.copy = connection.vendor == "postgresql"
        self.rows: dict = {m: [] for m in self.models}
        self._pending: list[Future] = []
        self._pool = None
        self._second = None
        if self.copy:
            connection.ensure_connection()
            self._raw = connection.connection
            self._statements = {
                m: "COPY {} ({}) FROM STDIN (FORMAT BINARY)".format(
                    connection.ops.quote_name(m._meta.db_table),
                    ", ".join(connection.ops.quote_name(f.column) for f in m._meta.concrete_fields),
                )
                for m in self.models
            }
            self._types = {m: _column_types(m) for m in self.models}
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="motcua-copy")
            with connection.cursor() as cursor:
                cursor.execute("SHOW is_superuser")
                self._skip_triggers = cursor.fetchone()[0] == "on"
            # `parallel_models` go by a second connection, on a second thread, at the same
            # time: the server ingests on two backends. Only outside any transaction of the
            # caller (the second connection commits on its own) and without foreign-key
            # triggers (its rows may refer to rows the first has not committed yet).
            self._split = ()
            if parallel_models and self._skip_triggers and not connection.in_atomic_block:
                self._split = tuple(m for m in parallel_models if m in self.models)
            if self._split:
                self._second = connection.get_new_connection(connection.get_connection_params())
                self._second.autocommit = True
                self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="motcua-copy")
            # The writer thread formats rows between waits on the socket; with the default
            # 5 ms switch interval it would wait that long for the generating thread each time.
            self._switch = sys.getswitchinterval()
            sys.setswitchinterval(min(self._switch, SWITCH_INTERVAL))

    def flush(self) -> None:
        batch, self.rows = self.rows, {m: [] for m in self.models}
        if not any(batch.values()):
            return
        if not self.copy:
            with transaction.atomic():
                for model in self.models:
                    if batch[model]:
                        model.objects.bulk_create(
                            [model(*row) for row in batch[model]], batch_size=2000
                        )
            return
        self.wait()
        if not self._split:
            self._pending = [self._pool.submit(self._copy, self._raw, batch, self.models)]
            return
        first = tuple(m for m in self.models if m not in self._split)
        self._pending = [
            self._pool.submit(self._copy, self._raw, batch, first),
            self._pool.submit(self._copy, self._second, batch, self._split),
        ]

    def wait(self) -> None:
        """Block until the batch being written is in; re-raise its error if it failed."""
        pending, self._pending = self._pending, []
        errors = []
        for future in pending:
            try:
                future.result()
            except Exception as error:  # both are waited for; the first error is raised
                errors.append(error)
        if errors:
            raise errors[0]

    def close(self) -> None:
        """Wait for the batch being written (without flushing what is left) and stop the thread."""
        try:
            self.wait()
        finally:
            if self._pool is not None:
                self._pool.shutdown(wait=True)
                sys.setswitchinterval(self._switch)
                self._pool = None
            if self._second is not None:
                self._second.close()
                self._second = None

    def _copy(self, raw, batch: dict, models) -> None:
        settings = {"synchronous_commit": "off"}
        if self._skip_triggers:
            # As `pg_restore --disable-triggers`: the foreign-key checks (half the time of a
            # batch) are skipped. Every reference is valid by construction: keys handed out
            # ahead, units and procedures read at the start.
            settings["session_replication_role"] = "replica"
        # Synthetic rows: losing the last batches in a crash is harmless, so no wait for the
        # disk at each commit. The settings are put back before the batch ends, for callers
        # that run the generator inside a transaction of their own.
        with raw.transaction(), raw.cursor() as cursor:
            before = {}
            for name, value in settings.items():
                cursor.execute("SELECT current_setting(%s)", [name])
                before[name] = cursor.fetchone()[0]
                cursor.execute("SELECT set_config(%s, %s, true)", [name, value])
            for model in models:
                rows = batch[model]
                if not rows:
                    continue
                with cursor.copy(self._statements[model]) as copy:
                    copy.set_types(self._types[model])
                    write = copy.write_row
                    for row in rows:
                        write(row)
            for name, value in before.items():
                cursor.execute("SELECT set_config(%s, %s, true)", [name, value])


def _column_types(model) -> list[int]:
    """The type oid of each concrete field's column, in field order (for binary COPY)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, atttypid FROM pg_attribute "
            "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
            [model._meta.db_table],
        )
        oids = dict(cursor.fetchall())
    return [oids[f.column] for f in model._meta.concrete_fields]


def next_id(model) -> int:
    """The first primary key free after the model's rows (handed out ahead of the inserts)."""
    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def sync_sequence(model, last: int) -> None:
    """Move the PostgreSQL sequence of `model` to `last`, so later inserts follow on."""
    if connection.vendor != "postgresql" or last < 1:
        return
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, last])
