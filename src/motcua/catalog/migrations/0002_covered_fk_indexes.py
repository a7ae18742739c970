"""Drop the single-column indexes of foreign keys that a composite index or unique
constraint already leads with (`core.schema_ops.drop_field_index`)."""

import django.db.models.deletion
from django.db import migrations, models

from motcua.core.schema_ops import drop_field_index


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0001_initial"),
    ]

    operations = [
        drop_field_index(
            "catalog",
            "procedurestep",
            "version",
            models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="steps",
                to="catalog.procedureversion",
                verbose_name="thủ tục",
            ),
        ),
        drop_field_index(
            "catalog",
            "procedureversion",
            "procedure",
            models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="versions",
                to="catalog.procedure",
                verbose_name="thủ tục",
            ),
        ),
    ]
