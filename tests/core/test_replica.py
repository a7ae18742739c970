"""Reads that tolerate lag go to the standby; everything else, and every write, to the primary.

The routing rules are checked without a second database; the tests marked `replica` run on
PostgreSQL with DATABASE_REPLICA_URL set (`make test` points it at the same server, so the
`replica` alias is a second connection) and check which connection each query really took.
"""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from motcua.core import dbrouting
from motcua.dossiers.models import Dossier
from motcua.organization.models import Membership
from motcua.reports.models import DailyRollup
from tests.dossiers.factories import PHONE, dossier_in, make_world

router = dbrouting.ReplicaRouter()


@pytest.fixture
def configured(monkeypatch, settings):
    monkeypatch.setattr(dbrouting, "replica_configured", lambda: True)
    monkeypatch.setattr(dbrouting.health, "usable", lambda: True)
    settings.DATABASE_REPLICA_PATHS = ["/tra-cuu/", "/api/v1/stats"]
    settings.DATABASE_REPLICA_APPS = ["dossiers", "reports"]


def test_reads_stay_on_the_primary_outside_the_replica_paths(configured):
    assert router.db_for_read(Dossier) is None


def test_only_the_listed_apps_read_from_the_standby(configured):
    with dbrouting.reads_from_replica():
        assert router.db_for_read(Dossier) == "replica"
        assert router.db_for_read(DailyRollup) == "replica"
        assert router.db_for_read(get_user_model()) is None
        assert router.db_for_read(Session) is None
        assert router.db_for_read(Membership) is None


@pytest.mark.django_db
def test_reads_inside_a_transaction_stay_on_the_primary(configured):
    with dbrouting.reads_from_replica(), transaction.atomic():
        assert router.db_for_read(Dossier) is None


def test_writes_and_migrations_go_to_the_primary_only(configured):
    with dbrouting.reads_from_replica():
        assert router.db_for_write(Dossier) == DEFAULT_DB_ALIAS
    assert router.allow_migrate("replica", "dossiers") is False
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "dossiers") is None


def test_without_a_standby_nothing_is_routed(settings):
    assert "replica" not in settings.DATABASES or dbrouting.replica_configured()
    if "replica" not in settings.DATABASES:
        with dbrouting.reads_from_replica():
            assert router.db_for_read(Dossier) is None


def _seen_by_view(settings, method, path, *, usable=True, monkeypatch):
    monkeypatch.setattr(dbrouting.health, "usable", lambda: usable)
    seen = {}

    def view(request):
        seen["replica"] = dbrouting._reading_replica.get()
        return HttpResponse("ok")

    middleware = dbrouting.ReplicaReadsMiddleware(view)
    middleware(getattr(RequestFactory(), method)(path))
    return seen["replica"]


@pytest.mark.parametrize(
    "method, path, usable, expected",
    [
        ("get", "/tra-cuu/?code=x", True, True),
        ("head", "/api/v1/stats?from=2026-01-01", True, True),
        ("post", "/tra-cuu/", True, False),
        ("get", "/can-bo/ho-so/", True, False),
        ("get", "/tra-cuu/", False, False),
    ],
)
def test_the_middleware_routes_only_safe_requests_to_a_healthy_standby(
    configured, settings, monkeypatch, method, path, usable, expected
):
    assert _seen_by_view(settings, method, path, usable=usable, monkeypatch=monkeypatch) is expected


def test_a_lagging_or_silent_standby_is_left_aside(settings, monkeypatch):
    settings.DATABASE_REPLICA_MAX_LAG = 5
    settings.DATABASE_REPLICA_CHECK_SECONDS = 60
    health = dbrouting.ReplicaHealth()
    answers = iter([0.2, 30.0])

    class Cursor:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def execute(self, sql):
            self.lag = next(answers)

        def fetchone(self):
            return (self.lag,)

    class Connection:
        vendor = "postgresql"

        def cursor(self):
            return Cursor()

    monkeypatch.setattr(dbrouting, "connections", {"replica": Connection()})
    assert health.usable() is True and health.lag_seconds == 0.2
    assert health.usable() is True  # asked again only after DATABASE_REPLICA_CHECK_SECONDS
    health.reset()
    assert health.usable() is False and health.lag_seconds == 30.0


def test_while_one_thread_asks_the_standby_the_others_do_not_wait(settings, monkeypatch):
    settings.DATABASE_REPLICA_CHECK_SECONDS = 0
    health = dbrouting.ReplicaHealth()
    asked = []
    monkeypatch.setattr(health, "_ask", lambda: asked.append(True) or True)
    with health._lock:  # another thread is asking right now
        assert health.usable() is False  # the last answer (none yet: not usable)
    assert asked == []
    assert health.usable() is True and asked == [True]


# On PostgreSQL with a `replica` alias: the queries really take the second connection.


def _tables(queries):
    return " ".join(q["sql"] for q in queries)


def on_replica(test):
    """A test that reads through the `replica` alias: PostgreSQL with DATABASE_REPLICA_URL."""
    marks = (
        pytest.mark.usefixtures("healthy"),
        pytest.mark.replica,
        pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
        pytest.mark.skipif(not dbrouting.replica_configured(), reason="no DATABASE_REPLICA_URL"),
    )
    for mark in marks:
        test = mark(test)
    return test


@pytest.fixture
def healthy():
    dbrouting.health.reset()
    yield
    dbrouting.health.reset()


@on_replica
def test_the_lookup_reads_the_dossier_from_the_standby(client):
    dossier = dossier_in("processing", make_world())
    with (
        CaptureQueriesContext(connections["replica"]) as on_replica,
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary,
    ):
        response = client.get("/tra-cuu/", {"code": dossier.code, "phone": PHONE})
    assert response.status_code == 200
    assert "Đang xử lý" in response.content.decode()
    assert '"dossiers_dossier"' in _tables(on_replica.captured_queries)
    assert '"dossiers_dossier"' not in _tables(on_primary.captured_queries)


@on_replica
def test_the_statistics_read_the_standby_but_the_session_and_rights_the_primary(client):
    world = make_world()
    dossier_in("processing", world)
    client.force_login(world.agency_leader)
    today = dt.date.today().isoformat()
    with (
        CaptureQueriesContext(connections["replica"]) as on_replica,
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary,
    ):
        response = client.get("/api/v1/stats", {"from": "2026-01-01", "to": today})
    assert response.status_code == 200, response.content
    primary = _tables(on_primary.captured_queries)
    assert '"django_session"' in primary and '"organization_membership"' in primary
    assert "reports_" in _tables(on_replica.captured_queries)
    assert "reports_" not in primary


@on_replica
def test_a_standby_that_does_not_answer_leaves_the_lookup_on_the_primary(client):
    dossier = dossier_in("processing", make_world())
    replica = connections["replica"]
    port = replica.settings_dict["PORT"]
    replica.close()
    replica.settings_dict["PORT"] = 1  # nothing listens there
    try:
        with CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary:
            response = client.get("/tra-cuu/", {"code": dossier.code, "phone": PHONE})
    finally:
        replica.close()
        replica.settings_dict["PORT"] = port
    assert response.status_code == 200
    assert dbrouting.health.lag_seconds is None
    assert '"dossiers_dossier"' in _tables(on_primary.captured_queries)


@on_replica
def test_a_standby_failing_midway_is_answered_again_from_the_primary(client, monkeypatch):
    dossier = dossier_in("processing", make_world())
    monkeypatch.setattr(dbrouting.health, "usable", lambda: True)  # believed healthy
    replica = connections["replica"]
    port = replica.settings_dict["PORT"]
    replica.close()
    replica.settings_dict["PORT"] = 1
    marked = []
    monkeypatch.setattr(dbrouting.health, "mark_down", lambda: marked.append(True))
    try:
        response = client.get("/tra-cuu/", {"code": dossier.code, "phone": PHONE})
    finally:
        replica.close()
        replica.settings_dict["PORT"] = port
    assert response.status_code == 200
    assert "Đang xử lý" in response.content.decode()
    assert marked == [True]
