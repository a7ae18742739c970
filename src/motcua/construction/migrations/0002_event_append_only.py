"""Make the construction history append-only in the database itself."""

from django.db import migrations

from motcua.core.append_only import append_only

install, remove = append_only("construction_constructionevent")


class Migration(migrations.Migration):
    dependencies = [("construction", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
