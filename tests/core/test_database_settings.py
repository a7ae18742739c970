"""How the environment shapes the database settings (read once at start)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
READ = (
    "import json; from motcua import settings as s; "
    "print(json.dumps(s.DATABASES['default'].get('OPTIONS', {})))"
)


def _options(**environ: str) -> tuple[int, dict | str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "DB_PREPARE_THRESHOLD", "DATABASE_REPLICA_URL")
    }
    env.update(DEBUG="1", PYTHONPATH=str(SRC), **environ)
    done = subprocess.run(
        [sys.executable, "-c", READ], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        return done.returncode, done.stderr
    return 0, json.loads(done.stdout.strip().splitlines()[-1])


PG = "postgres://motcua@127.0.0.1:5432/motcua"


def test_postgresql_prepares_repeated_statements_on_the_server_by_default():
    code, options = _options(DATABASE_URL=PG)
    assert code == 0
    assert options["server_side_binding"] is True and options["prepare_threshold"] == 5


@pytest.mark.parametrize(("value", "threshold"), [("2", 2), (" 0 ", 0), ("", 5)])
def test_the_threshold_is_set_by_the_environment(value, threshold):
    code, options = _options(DATABASE_URL=PG, DB_PREPARE_THRESHOLD=value)
    assert code == 0 and options["prepare_threshold"] == threshold


@pytest.mark.parametrize("value", ["off", "OFF", "no", "false"])
def test_off_keeps_the_values_inside_the_sql_as_django_does(value):
    code, options = _options(DATABASE_URL=PG, DB_PREPARE_THRESHOLD=value)
    assert code == 0
    assert "server_side_binding" not in options and "prepare_threshold" not in options


def test_a_wrong_threshold_stops_the_start_with_its_name():
    code, error = _options(DATABASE_URL=PG, DB_PREPARE_THRESHOLD="nhiều")
    assert code != 0 and "DB_PREPARE_THRESHOLD" in error


def test_sqlite_is_left_as_it_is():
    code, options = _options(DB_PREPARE_THRESHOLD="2")
    assert code == 0 and "server_side_binding" not in options
