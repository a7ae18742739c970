"""Drop the single-column indexes of foreign keys that a composite index or unique
constraint already leads with (`core.schema_ops.drop_field_index`)."""

import django.db.models.deletion
from django.db import migrations, models

from motcua.core.schema_ops import drop_field_index


class Migration(migrations.Migration):
    dependencies = [
        ("construction", "0002_event_append_only"),
        ("organization", "0003_covered_fk_indexes"),
    ]

    operations = [
        drop_field_index(
            "construction",
            "constructionsite",
            "ward",
            models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organization.unit",
                verbose_name="phường",
            ),
        ),
        drop_field_index(
            "construction",
            "oversightunit",
            "unit",
            models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="organization.unit",
                verbose_name="đơn vị",
            ),
        ),
    ]
