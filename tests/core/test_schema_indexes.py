"""No index the database maintains for nothing: a plain index whose columns lead another
index (or a unique constraint) serves no query the longer one does not, and costs every write.
"""

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import UniqueConstraint

from motcua.dossiers.models import Dossier, DossierEvent, DossierPartReceived, DossierStep


def _declared(model) -> list[tuple[str, tuple[str, ...], bool, bool]]:
    """(name, columns, unique, partial) of every index Django creates for `model`."""
    opts = model._meta
    out = []
    for field in opts.local_concrete_fields:
        if field.primary_key or field.unique:
            out.append((field.name, (field.column,), True, False))
        elif field.db_index:
            out.append((field.name, (field.column,), False, False))
    for index in opts.indexes:
        if index.fields:  # not an expression index
            columns = tuple(opts.get_field(name.lstrip("-")).column for name in index.fields)
            out.append((index.name, columns, False, index.condition is not None))
    for constraint in opts.constraints:
        if isinstance(constraint, UniqueConstraint) and constraint.fields:
            columns = tuple(opts.get_field(name).column for name in constraint.fields)
            out.append((constraint.name, columns, True, constraint.condition is not None))
    for fields in opts.unique_together:
        out.append(
            ("unique_together", tuple(opts.get_field(n).column for n in fields), True, False)
        )
    return out


def _covered(model) -> list[str]:
    indexes = _declared(model)
    found = []
    for name, columns, unique, partial in indexes:
        if unique or partial:
            continue
        for other, longer, _unique, other_partial in indexes:
            if other == name or other_partial or len(longer) < len(columns):
                continue
            if longer[: len(columns)] == columns:
                found.append(f"{model._meta.label}.{name} {columns} ⊂ {other} {longer}")
                break
    return found


def test_no_plain_index_is_led_by_another():
    models = [m for m in apps.get_models() if m.__module__.startswith("motcua.")]
    assert len(models) > 40
    assert [c for m in models for c in _covered(m)] == []


def test_the_check_finds_a_covered_index():
    # Before dossiers 0005 the event's dossier had its own index besides (dossier, seq).
    field = DossierEvent._meta.get_field("dossier")
    field.db_index = True
    try:
        assert _covered(DossierEvent) == [
            "dossiers.DossierEvent.dossier ('dossier_id',) ⊂ dossier_event_seq_unique "
            "('dossier_id', 'seq')"
        ]
    finally:
        field.db_index = False


def _index_names(cursor, table: str) -> set[str]:
    if connection.vendor == "postgresql":
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [table])
    else:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = %s", [table]
        )
    return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db
def test_the_migrated_database_has_dropped_the_covered_indexes():
    dropped = {
        Dossier: ["receiving_unit_id", "current_unit_id"],
        DossierEvent: ["dossier_id"],
        DossierStep: ["dossier_id"],
        DossierPartReceived: ["dossier_id"],
    }
    editor = connection.SchemaEditorClass(connection)  # for its index names only
    with connection.cursor() as cursor:
        for model, columns in dropped.items():
            table = model._meta.db_table
            names = _index_names(cursor, table)
            assert names, table
            for column in columns:
                assert editor._create_index_name(table, [column], suffix="") not in names
        # The indexes that serve those columns are there.
        assert {"dossier_recv_status", "dossier_curr_status"} <= _index_names(
            cursor, Dossier._meta.db_table
        )
        # and the ones not covered stay
        kept = editor._create_index_name(Dossier._meta.db_table, ["competent_unit_id"], suffix="")
        assert kept in _index_names(cursor, Dossier._meta.db_table)
