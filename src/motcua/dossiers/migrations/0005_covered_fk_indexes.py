"""Drop the single-column indexes of foreign keys that a composite index or unique
constraint already leads with (`core.schema_ops.drop_field_index`)."""

import django.db.models.deletion
from django.db import migrations, models

from motcua.core.schema_ops import drop_field_index


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0004_submitted_index"),
        ("organization", "0003_covered_fk_indexes"),
    ]

    operations = [
        drop_field_index(
            "dossiers",
            "dossier",
            "current_unit",
            models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organization.unit",
                verbose_name="đơn vị đang xử lý",
            ),
        ),
        drop_field_index(
            "dossiers",
            "dossier",
            "receiving_unit",
            models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organization.unit",
                verbose_name="đơn vị tiếp nhận",
            ),
        ),
        drop_field_index(
            "dossiers",
            "dossierevent",
            "dossier",
            models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="events",
                to="dossiers.dossier",
            ),
        ),
        drop_field_index(
            "dossiers",
            "dossierpartreceived",
            "dossier",
            models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="parts",
                to="dossiers.dossier",
            ),
        ),
        drop_field_index(
            "dossiers",
            "dossierstep",
            "dossier",
            models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="steps",
                to="dossiers.dossier",
            ),
        ),
    ]
