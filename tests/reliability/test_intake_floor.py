"""bench/intake_floor.py replays the SQL of real intakes with pgbench: the scripts it writes
must do an intake's whole work, each transaction with its own dossier, codes and keys."""

import shutil
import subprocess

import pytest
from django.db import connection

from motcua.api.models import IdempotencyKey
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.notifications.models import Notification
from motcua.reports.models import DossierFact
from tests.api.conftest import bearer
from tests.reliability.test_bench_tools import _load

floor = _load("intake_floor")


def test_colons_of_string_literals_are_hidden_from_pgbench_variables():
    assert floor.no_colons("'2026-12-07 23:05:01+00:00'::timestamptz") == (
        "E'2026-12-07 23\\x3a05\\x3a01+00\\x3a00'::timestamptz"
    )
    # A standard string's backslash stays a backslash once it is an escape string.
    assert floor.no_colons("'a\\b: c'") == "E'a\\\\b\\x3a c'"
    # Already an escape string (psycopg writes one when there is a backslash): kept as is.
    assert floor.no_colons(" E'x\\\\y: z'") == " E'x\\\\y\\x3a z'"
    assert floor.no_colons("'it''s'") == "'it''s'"
    assert floor.no_colons("42") == "42"


def test_only_the_dossier_writes_are_bare():
    assert floor.is_bare('INSERT INTO "dossiers_dossier" ("code") VALUES (%s)')
    assert floor.is_bare('UPDATE "dossiers_dossier" SET "code" = %s WHERE id = %s')
    assert floor.is_bare('INSERT INTO "dossiers_codecounter" (agency_code, day, last) VALUES')
    assert not floor.is_bare('SELECT "dossiers_dossier"."id" FROM "dossiers_dossier"')
    assert not floor.is_bare('INSERT INTO "security_auditentry" ("at") SELECT * FROM UNNEST')
    assert not floor.is_bare('INSERT INTO "dossiers_dossier_history" ("at") VALUES (%s)')


@pytest.mark.django_db(transaction=True)
def test_a_replayed_intake_files_a_whole_new_dossier_each_time(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("pgbench replays against PostgreSQL")
    if shutil.which("pgbench") is None:
        pytest.skip("pgbench is not installed")
    from tests.dossiers.factories import make_world

    world = make_world()
    desk = {
        "token": bearer(world.officer),
        "unit": world.desk.code,
        "procedures": [world.version.procedure.code],
    }
    floor.spread_sequences()  # ids far from every other number of an intake
    intakes = floor.capture([desk], 1)  # the desk's first intake warms up, the second is kept
    assert len(intakes) == 1
    statements, code = intakes[0]
    assert Dossier.objects.filter(code=code).exists()
    before = {
        "dossiers": Dossier.objects.count(),
        "events": DossierEvent.objects.count(),
        "facts": DossierFact.objects.count(),
        "notifications": Notification.objects.count(),
        "keys": IdempotencyKey.objects.count(),
    }
    for bare in (False, True):
        path = tmp_path / f"intake-{bare}.sql"
        path.write_text(floor.script(statements, code, connection, bare=bare))
        settings = connection.settings_dict
        done = subprocess.run(
            ["pgbench", "-n", "-M", "prepared", "-c", "1", "-t", "3", "-f", str(path),
             "-h", settings["HOST"] or "127.0.0.1", "-p", str(settings["PORT"] or 5432),
             "-U", settings["USER"] or "postgres", settings["NAME"]],
            capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"},
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        assert "number of failed transactions: 0" in done.stdout
    new = Dossier.objects.filter(pk__gt=Dossier.objects.get(code=code).pk)
    assert new.count() == 6 == Dossier.objects.count() - before["dossiers"]
    codes = set(new.values_list("code", flat=True))
    assert len(codes) == 6 and code not in codes and not any(c.startswith("~") for c in codes)
    for dossier in new:  # each has its receipt events, received under its own id
        assert list(dossier.events.order_by("seq").values_list("action", flat=True)) == [
            "submit",
            "receive",
        ]
        assert dossier.status == "received" and dossier.due_at is not None
    assert DossierEvent.objects.count() == before["events"] + 12
    # The whole script (3 transactions) writes the rest too; the bare one (3 more) does not.
    assert DossierFact.objects.count() == before["facts"] + 3
    assert Notification.objects.count() == before["notifications"] + 3
    assert IdempotencyKey.objects.count() == before["keys"] + 3
    assert IdempotencyKey.objects.filter(dossier__in=new).count() == 3
