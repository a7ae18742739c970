"""Drop the single-column indexes of foreign keys that a composite index or unique
constraint already leads with (`core.schema_ops.drop_field_index`)."""

import django.db.models.deletion
from django.db import migrations, models

from motcua.core.schema_ops import drop_field_index


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0005_covered_fk_indexes"),
        ("notifications", "0002_sending_since"),
    ]

    operations = [
        drop_field_index(
            "notifications",
            "notification",
            "event",
            models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="dossiers.dossierevent",
                verbose_name="sự kiện",
            ),
        ),
    ]
