"""Secondary indexes set aside during a large bulk load (PostgreSQL), then rebuilt.

Maintaining a dozen B-trees row by row costs the server more than the rows themselves; a
CREATE INDEX over the loaded table sorts once. `suspend` reads the definitions of the tables'
non-unique indexes from the catalogue (`pg_indexes`, so an index added by any later migration
is covered), records them in `SuspendedIndex` and drops them, in one transaction; `restore`
recreates every recorded index exactly from its definition and forgets it, one index per
transaction. Unique indexes and those backing a constraint (primary keys, unique keys) stay:
they guard the data. If the process dies between the two, the records remain and the next
`restore` (run first by every `motcua generate`, or `motcua generate --restore-indexes`)
puts the indexes back.
"""

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from django.db import connection, connections, transaction

from .models import SuspendedIndex

# maintenance_work_mem of each rebuild: the sort of a large table's index stays in memory.
SORT_MEMORY = "256MB"

SECONDARY = """
SELECT i.indexname, i.indexdef
FROM pg_indexes i
JOIN pg_class c ON c.relname = i.indexname AND c.relnamespace = to_regnamespace(i.schemaname)
JOIN pg_index x ON x.indexrelid = c.oid
WHERE i.schemaname = current_schema() AND i.tablename = %s
  AND NOT x.indisunique AND NOT x.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid)
ORDER BY i.indexname
"""


def supported() -> bool:
    return connection.vendor == "postgresql"


def suspend(models: Iterable) -> int:
    """Drop the non-unique secondary indexes of `models`' tables, recording them first.
    Returns how many were dropped."""
    if not supported():
        return 0
    restore()
    dropped = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            cursor.execute(SECONDARY, [table])
            for name, definition in cursor.fetchall():
                SuspendedIndex.objects.create(table_name=table, name=name, definition=definition)
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
                dropped += 1
    return dropped


def restore(jobs: int = 1) -> int:
    """Recreate every recorded index that is missing, then forget it. Returns how many were
    recreated. `jobs` > 1 builds that many at once, each on a connection of its own (two
    builds on one table only share its lock), the largest tables first; outside a
    transaction of the caller."""
    if not supported():
        return 0
    recorded = list(SuspendedIndex.objects.order_by("pk"))
    if jobs <= 1 or len(recorded) <= 1 or connection.in_atomic_block:
        return sum(_rebuild(suspended) for suspended in recorded)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, pg_relation_size(oid) FROM pg_class WHERE relname = ANY(%s)",
            [sorted({s.table_name for s in recorded})],
        )
        sizes = dict(cursor.fetchall())
    recorded.sort(key=lambda s: -sizes.get(s.table_name, 0))
    with ThreadPoolExecutor(max_workers=jobs) as pool:  # taken in order: the largest first
        return sum(pool.map(_rebuild_on_own_connection, recorded))


def _rebuild_on_own_connection(suspended: SuspendedIndex) -> int:
    try:
        return _rebuild(suspended)
    finally:
        connections.close_all()  # the pool thread's connection, opened for this index


def _rebuild(suspended: SuspendedIndex) -> int:
    """Recreate one recorded index if it is missing and forget it (one transaction)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NULL", [suspended.name])
        missing = cursor.fetchone()[0]
        if missing:
            # Sort in memory where it fits (for this transaction only).
            cursor.execute(f"SET LOCAL maintenance_work_mem = '{SORT_MEMORY}'")
            cursor.execute(suspended.definition)
        SuspendedIndex.objects.filter(pk=suspended.pk).delete()
    return int(missing)


def pending() -> list[str]:
    """Names of indexes recorded as set aside (none unless a load was interrupted)."""
    if not supported():
        return []
    return list(SuspendedIndex.objects.order_by("pk").values_list("name", flat=True))
