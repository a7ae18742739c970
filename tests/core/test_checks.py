"""The deploy check of the database server: autovacuum must be on."""

import pytest
from django.db import connection

from motcua.core.checks import autovacuum_on

pytestmark = pytest.mark.django_db


def test_autovacuum_off_is_reported_and_on_is_not():
    if connection.vendor != "postgresql":
        assert autovacuum_on(databases=["default"]) == []  # nothing to ask SQLite
        return
    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        on = cursor.fetchone()[0] == "on"
    found = autovacuum_on(databases=["default"])
    assert [w.id for w in found] == ([] if on else ["motcua.W001"])
    if found:
        assert "autovacuum" in found[0].msg and "docs/postgresql.md" in found[0].hint


def test_without_databases_nothing_is_asked():
    assert autovacuum_on(databases=None) == []
