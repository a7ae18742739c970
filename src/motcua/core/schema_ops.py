"""Migration operations for indexes: drop a field's own index without touching its table.

A foreign key gets its own single-column index from Django (`db_index=True`). Where a
composite index or unique constraint already leads with that column, the single one serves
no query the composite does not, and costs every insert (and every update of the column).
`drop_field_index` turns `db_index` off in the migration state and drops the index by name on
the database (`DROP INDEX IF EXISTS`, PostgreSQL and SQLite alike): no `AlterField` on the
database, so PostgreSQL does not drop and re-validate the foreign key over the whole table,
and SQLite does not rebuild the table (which would drop the append-only triggers).
"""

from django.db import migrations


def _index(apps, schema_editor, app_label: str, model_name: str, field_name: str):
    model = apps.get_model(app_label, model_name)
    column = model._meta.get_field(field_name).column
    table = model._meta.db_table
    # The name Django gave the field's index (`_create_index_sql` for `db_index`).
    return table, column, schema_editor._create_index_name(table, [column], suffix="")


def drop_field_index(app_label: str, model_name: str, field_name: str, field):
    """Operations that set `field` (the field with `db_index=False`) on the model in the
    migration state and drop the single-column index it had on the database."""

    def forward(apps, schema_editor):
        _table, _column, name = _index(apps, schema_editor, app_label, model_name, field_name)
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")

    def backward(apps, schema_editor):
        table, column, name = _index(apps, schema_editor, app_label, model_name, field_name)
        q = schema_editor.quote_name
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {q(name)} ON {q(table)} ({q(column)})")

    return migrations.SeparateDatabaseAndState(
        database_operations=[migrations.RunPython(forward, backward)],
        state_operations=[
            migrations.AlterField(model_name=model_name.lower(), name=field_name, field=field)
        ],
    )
