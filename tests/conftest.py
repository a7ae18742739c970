"""Shared fixtures. Every test runs on SQLite, and on PostgreSQL when DATABASE_URL points there."""

import os

import pytest

# Playwright's sync API runs an event loop; Django refuses ORM calls from it unless told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _vietnamese_and_immediate_tasks(settings):
    settings.LANGUAGE_CODE = "vi"
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fast_passwords_private_media_clean_cache(settings, tmp_path):
    """Every test: a fast password hasher, uploads under its own temporary folder, and an
    empty cache (rate-limit counters, captcha answers) before and after."""
    from django.core.cache import cache

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _calendars_read_afresh():
    """Each test reads the working calendars from its own database first (a calendar kept by
    the process from an earlier test would change the query counts)."""
    from motcua.workcalendar.selectors import forget_calendars

    forget_calendars()


@pytest.fixture(autouse=True)
def _replica_only_where_tested(request, settings):
    """With DATABASE_REPLICA_URL set (the PostgreSQL run), only tests marked `replica` send
    reads to the standby alias; the others keep every read on `default`."""
    if request.node.get_closest_marker("replica") is None:
        settings.DATABASE_REPLICA_PATHS = []


@pytest.fixture(autouse=True)
def _no_lockout_unless_tested(settings):
    """Tests that sign in with wrong passwords must not lock each other out; tests/security
    turns django-axes back on where lockout is what is tested."""
    settings.AXES_ENABLED = False


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    return bool(
        (marker and marker.kwargs.get("transaction")) or names & {"transactional_db", "live_server"}
    )


@pytest.fixture(autouse=True)
def _flush_despite_append_only_triggers(request):
    """Transactional tests end with a flush; on SQLite that is a DELETE, which the append-only
    triggers (dossier events, audit and history tables) refuse. Lift every trigger for that
    flush only and put each back exactly as it was (PostgreSQL truncates instead)."""
    if not _is_transactional(request):
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        triggers = cursor.fetchall()
        for name, _sql in triggers:
            cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    try:
        call_command("flush", interactive=False, verbosity=0)
    finally:
        with connection.cursor() as cursor:
            for _name, sql in triggers:
                cursor.execute(sql)
