"""Make the history table append-only in the database itself: rows are never changed."""

from django.db import migrations

from motcua.core.append_only import append_only

install, remove = append_only("feedback_feedbackevent")


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
