"""Make the dossier event log append-only in the database itself (DOMAIN §3.1 invariant 1)."""

from django.db import migrations

from motcua.core.append_only import append_only

install, remove = append_only("dossiers_dossierevent")


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
