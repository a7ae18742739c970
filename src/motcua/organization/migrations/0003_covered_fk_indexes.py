"""Drop the single-column indexes of foreign keys that a composite index or unique
constraint already leads with (`core.schema_ops.drop_field_index`)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from motcua.core.schema_ops import drop_field_index


class Migration(migrations.Migration):
    dependencies = [
        ("organization", "0002_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        drop_field_index(
            "organization",
            "membership",
            "user",
            models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="memberships",
                to=settings.AUTH_USER_MODEL,
                verbose_name="người dùng",
            ),
        ),
    ]
