"""Make the infrastructure history append-only in the database itself."""

from django.db import migrations

from motcua.core.append_only import append_only

install, remove = append_only("infrastructure_infrastructureevent")


class Migration(migrations.Migration):
    dependencies = [("infrastructure", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
