"""The desk's "All" tab lists the newest submissions first: an index in that order."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0003_read_path_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(fields=["-submitted_at", "-id"], name="dossier_submitted_desc"),
        ),
    ]
