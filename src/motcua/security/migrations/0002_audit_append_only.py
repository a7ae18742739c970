"""Make the audit log append-only in the database itself, as the dossier event log is."""

from django.db import migrations

from motcua.core.append_only import append_only

install, remove = append_only("security_auditentry")


class Migration(migrations.Migration):
    dependencies = [("security", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
