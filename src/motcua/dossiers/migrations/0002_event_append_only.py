"""Make the dossier event log append-only in the database itself (DOMAIN §3.1 invariant 1)."""

from django.db import migrations

MESSAGE = "dossiers_dossierevent is append-only: events are never updated or deleted"

POSTGRESQL_INSTALL = f"""
CREATE OR REPLACE FUNCTION dossiers_dossierevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{MESSAGE} (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER dossiers_dossierevent_no_update_delete
    BEFORE UPDATE OR DELETE ON dossiers_dossierevent
    FOR EACH ROW EXECUTE FUNCTION dossiers_dossierevent_append_only();
"""
POSTGRESQL_REMOVE = """
DROP TRIGGER IF EXISTS dossiers_dossierevent_no_update_delete ON dossiers_dossierevent;
DROP FUNCTION IF EXISTS dossiers_dossierevent_append_only();
"""
SQLITE_INSTALL = [
    f"""CREATE TRIGGER dossiers_dossierevent_no_update
    BEFORE UPDATE ON dossiers_dossierevent
    BEGIN SELECT RAISE(ABORT, '{MESSAGE} (UPDATE refused)'); END;""",
    f"""CREATE TRIGGER dossiers_dossierevent_no_delete
    BEFORE DELETE ON dossiers_dossierevent
    BEGIN SELECT RAISE(ABORT, '{MESSAGE} (DELETE refused)'); END;""",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS dossiers_dossierevent_no_update;",
    "DROP TRIGGER IF EXISTS dossiers_dossierevent_no_delete;",
]


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_INSTALL, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_INSTALL:
            schema_editor.execute(statement)
    else:
        raise NotImplementedError(f"No append-only trigger for database vendor {vendor!r}.")


def remove(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_REMOVE, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_REMOVE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
