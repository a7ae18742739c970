"""Drop the single-column indexes of foreign keys that a composite index or unique
constraint already leads with (`core.schema_ops.drop_field_index`)."""

import django.db.models.deletion
from django.db import migrations, models

from motcua.core.schema_ops import drop_field_index


class Migration(migrations.Migration):
    dependencies = [
        ("organization", "0003_covered_fk_indexes"),
        ("targets", "0002_history_append_only"),
    ]

    operations = [
        drop_field_index(
            "targets",
            "breakthrough",
            "term",
            models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="breakthroughs",
                to="targets.term",
            ),
        ),
        drop_field_index(
            "targets",
            "keytask",
            "term",
            models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="key_tasks",
                to="targets.term",
            ),
        ),
        drop_field_index(
            "targets",
            "target",
            "group",
            models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="targets",
                to="targets.targetgroup",
            ),
        ),
        drop_field_index(
            "targets",
            "targetgroup",
            "term",
            models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="groups",
                to="targets.term",
            ),
        ),
        drop_field_index(
            "targets",
            "term",
            "unit",
            models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="terms",
                to="organization.unit",
                verbose_name="địa phương, đơn vị",
            ),
        ),
        drop_field_index(
            "targets",
            "yeargoal",
            "target",
            models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="year_goals",
                to="targets.target",
            ),
        ),
    ]
