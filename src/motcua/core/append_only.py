"""Append-only tables: database triggers that refuse UPDATE and DELETE, on PostgreSQL and SQLite.

Used by migrations (`migrations.RunPython(*append_only(table))`) for the dossier event log,
the audit log and every register's history. TRUNCATE is left alone (tests flush with it).
"""

from collections.abc import Callable


def _statements(table: str) -> dict[str, tuple[list[str], list[str]]]:
    message = f"{table} is append-only: rows are never updated or deleted"
    postgresql_install = [
        f"""CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{message} (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;""",
        f"""CREATE TRIGGER {table}_no_update_delete
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {table}_append_only();""",
    ]
    postgresql_remove = [
        f"DROP TRIGGER IF EXISTS {table}_no_update_delete ON {table};",
        f"DROP FUNCTION IF EXISTS {table}_append_only();",
    ]
    sqlite_install = [
        f"""CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table}
    BEGIN SELECT RAISE(ABORT, '{message} ({op} refused)'); END;"""
        for op in ("UPDATE", "DELETE")
    ]
    sqlite_remove = [f"DROP TRIGGER IF EXISTS {table}_no_{op};" for op in ("update", "delete")]
    return {
        "postgresql": (postgresql_install, postgresql_remove),
        "sqlite": (sqlite_install, sqlite_remove),
    }


def append_only(table: str) -> tuple[Callable, Callable]:
    """(install, remove) functions for `migrations.RunPython` guarding `table`."""

    def run(schema_editor, index: int) -> None:
        vendor = schema_editor.connection.vendor
        statements = _statements(table)
        if vendor not in statements:
            raise NotImplementedError(f"No append-only trigger for database vendor {vendor!r}.")
        for statement in statements[vendor][index]:
            schema_editor.execute(statement, params=None)

    def install(apps, schema_editor):
        run(schema_editor, 0)

    def remove(apps, schema_editor):
        run(schema_editor, 1)

    return install, remove
