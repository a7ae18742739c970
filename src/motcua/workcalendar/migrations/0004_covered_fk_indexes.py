"""Drop the single-column indexes of foreign keys that a composite index or unique
constraint already leads with (`core.schema_ops.drop_field_index`)."""

import django.db.models.deletion
from django.db import migrations, models

from motcua.core.schema_ops import drop_field_index


class Migration(migrations.Migration):
    dependencies = [
        ("organization", "0003_covered_fk_indexes"),
        ("workcalendar", "0003_calendar_stamp"),
    ]

    operations = [
        drop_field_index(
            "workcalendar",
            "officehours",
            "unit",
            models.ForeignKey(
                blank=True,
                db_index=False,
                help_text="Để trống: giờ hành chính mặc định toàn quốc.",
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="office_hours",
                to="organization.unit",
                verbose_name="đơn vị",
            ),
        ),
    ]
