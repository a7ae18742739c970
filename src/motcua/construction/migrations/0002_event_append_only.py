"""Make the construction history append-only in the database itself."""

from django.db import migrations

MESSAGE = "construction_constructionevent is append-only: events are never updated or deleted"

POSTGRESQL_INSTALL = f"""
CREATE OR REPLACE FUNCTION construction_constructionevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{MESSAGE} (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER construction_constructionevent_no_update_delete
    BEFORE UPDATE OR DELETE ON construction_constructionevent
    FOR EACH ROW EXECUTE FUNCTION construction_constructionevent_append_only();
"""
POSTGRESQL_REMOVE = """
DROP TRIGGER IF EXISTS construction_constructionevent_no_update_delete ON construction_constructionevent;
DROP FUNCTION IF EXISTS construction_constructionevent_append_only();
"""
SQLITE_INSTALL = [
    f"""CREATE TRIGGER construction_constructionevent_no_update
    BEFORE UPDATE ON construction_constructionevent
    BEGIN SELECT RAISE(ABORT, '{MESSAGE} (UPDATE refused)'); END;""",
    f"""CREATE TRIGGER construction_constructionevent_no_delete
    BEFORE DELETE ON construction_constructionevent
    BEGIN SELECT RAISE(ABORT, '{MESSAGE} (DELETE refused)'); END;""",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS construction_constructionevent_no_update;",
    "DROP TRIGGER IF EXISTS construction_constructionevent_no_delete;",
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
    dependencies = [("construction", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
