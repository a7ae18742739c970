#!/usr/bin/env bash
# `make test`: the whole suite on SQLite and, when DATABASE_URL points to PostgreSQL, again on
# PostgreSQL (there a second connection stands in for a read replica: tests marked
# `replica`). The two runs share nothing (SQLite's test database is in memory, PostgreSQL's
# is its own), so they run side by side, one per core, except the browser tests (tests/e2e):
# those run afterwards, one database at a time, so that no page waits on a machine busy
# with the other run. Exits non-zero if any run failed.
set -uo pipefail
bin=${BIN:-.venv/bin}

on_sqlite() { env -u DATABASE_URL -u DATABASE_REPLICA_URL "$bin/pytest" -q "$@"; }

case "${DATABASE_URL:-}" in
    postgres*) ;;
    *) on_sqlite; exit $? ;;
esac

export DATABASE_REPLICA_URL="${DATABASE_REPLICA_URL:-$DATABASE_URL}"
on_postgresql() { "$bin/pytest" -q "$@"; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
failed=0

echo "== SQLite, and PostgreSQL ($DATABASE_URL) alongside: all but the browser tests =="
on_postgresql --ignore=tests/e2e >"$log" 2>&1 &
postgresql=$!
on_sqlite --ignore=tests/e2e || failed=1
wait "$postgresql" || failed=1
echo "== PostgreSQL: $DATABASE_URL =="
cat "$log"

echo "== Browser tests (tests/e2e), SQLite =="
on_sqlite tests/e2e || failed=1
echo "== Browser tests (tests/e2e), PostgreSQL =="
on_postgresql tests/e2e || failed=1

exit "$failed"
