"""Drop the single-column indexes of foreign keys that a composite index or unique
constraint already leads with (`core.schema_ops.drop_field_index`)."""

import django.db.models.deletion
from django.db import migrations, models

from motcua.core.schema_ops import drop_field_index


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0002_history_append_only"),
        ("organization", "0003_covered_fk_indexes"),
    ]

    operations = [
        drop_field_index(
            "feedback",
            "answervote",
            "feedback",
            models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="votes",
                to="feedback.feedback",
            ),
        ),
        drop_field_index(
            "feedback",
            "feedback",
            "unit",
            models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="feedback",
                to="organization.unit",
                verbose_name="đơn vị xử lý",
            ),
        ),
    ]
