"""Drop the single-column indexes of foreign keys that a composite index or unique
constraint already leads with (`core.schema_ops.drop_field_index`)."""

import django.db.models.deletion
from django.db import migrations, models

from motcua.core.schema_ops import drop_field_index


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
        ("dossiers", "0005_covered_fk_indexes"),
    ]

    operations = [
        drop_field_index(
            "documents",
            "issuedslip",
            "dossier",
            models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="dossiers.dossier",
            ),
        ),
    ]
