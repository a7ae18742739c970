"""A GiST index on the span of days each dossier was open (PostgreSQL only): the figures of a
past period count the dossiers open at its end by a stabbing query (`stats.open_on`) instead
of scanning every fact finished after that end; the columns the count reads are included, so
the count reads the index only."""

from django.db import migrations

INDEX = "fact_open_span"
SPAN = (
    "daterange(received_day, CASE WHEN finish_day < received_day "
    "THEN received_day ELSE finish_day END, '[)')"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON reports_dossierfact USING gist ({SPAN}) "
            "INCLUDE (receiving_unit_id, competent_unit_id, version_id, due_at, paused_since) "
            "WHERE received_day IS NOT NULL AND final_state <> 'refused'"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_unit_rollups")]

    operations = [migrations.RunPython(create, drop)]
