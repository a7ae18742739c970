"""Drop the single-column indexes of foreign keys that a composite index or unique
constraint already leads with (`core.schema_ops.drop_field_index`)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from motcua.core.schema_ops import drop_field_index


class Migration(migrations.Migration):
    dependencies = [
        ("security", "0002_audit_append_only"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        drop_field_index(
            "security",
            "auditentry",
            "actor",
            models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="người thực hiện",
            ),
        ),
    ]
