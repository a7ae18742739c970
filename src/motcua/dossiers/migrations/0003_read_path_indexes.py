"""Indexes of the read paths: the receipt slip's book number, the worklist tabs by due date."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0002_event_append_only"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(
                fields=["receiving_unit", "received_at"], name="dossier_recv_received"
            ),
        ),
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(
                condition=models.Q(("status_code", 10), _negated=True),
                fields=["due_at", "id"],
                name="dossier_unreturned_due",
            ),
        ),
    ]
