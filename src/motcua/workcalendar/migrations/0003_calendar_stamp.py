"""The calendar stamp: one row whose token database triggers change with every write to the
office hours or the overrides, so each process may keep the calendars it has built for as
long as the token stays the same (`selectors.calendar_for`).

On a database without these triggers the row is not created, and nothing is kept.
"""

import uuid

from django.db import migrations, models

STAMP = "workcalendar_calendarstamp"
TABLES = ("workcalendar_officehours", "workcalendar_calendaroverride")

POSTGRESQL = (
    [
        f"""CREATE OR REPLACE FUNCTION {STAMP}_touch() RETURNS trigger AS $$
BEGIN
    UPDATE {STAMP} SET token = replace(gen_random_uuid()::text, '-', '');
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;""",  # noqa: S608 (constant names)
        *(
            f"""CREATE TRIGGER {table}_stamp
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION {STAMP}_touch();"""
            for table in TABLES
        ),
    ],
    [
        *(f"DROP TRIGGER IF EXISTS {table}_stamp ON {table};" for table in TABLES),
        f"DROP FUNCTION IF EXISTS {STAMP}_touch();",
    ],
)
SQLITE = (
    [
        f"""CREATE TRIGGER {table}_stamp_{op.lower()} AFTER {op} ON {table}
    BEGIN UPDATE {STAMP} SET token = lower(hex(randomblob(16))); END;"""  # noqa: S608
        for table in TABLES
        for op in ("INSERT", "UPDATE", "DELETE")
    ],
    [
        f"DROP TRIGGER IF EXISTS {table}_stamp_{op};"
        for table in TABLES
        for op in ("insert", "update", "delete")
    ],
)
STATEMENTS = {"postgresql": POSTGRESQL, "sqlite": SQLITE}


def install(apps, schema_editor):
    statements = STATEMENTS.get(schema_editor.connection.vendor)
    if statements is None:
        return  # no triggers, no row: calendars are read from the database every time
    for statement in statements[0]:
        schema_editor.execute(statement, params=None)
    CalendarStamp = apps.get_model("workcalendar", "CalendarStamp")
    CalendarStamp.objects.using(schema_editor.connection.alias).create(token=uuid.uuid4().hex)


def remove(apps, schema_editor):
    statements = STATEMENTS.get(schema_editor.connection.vendor)
    for statement in statements[1] if statements else ():
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("workcalendar", "0002_default_hours_and_announced_swaps")]

    operations = [
        migrations.CreateModel(
            name="CalendarStamp",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=32)),
            ],
        ),
        migrations.RunPython(install, remove),
    ]
