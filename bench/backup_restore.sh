#!/usr/bin/env bash
# Back up a Một Cửa database and its uploaded files, restore both into a fresh database and
# folder, and check that the figures match (docs/reliability.md).
#
#   bench/backup_restore.sh SOURCE_DB [MEDIA_ROOT]
#
# SOURCE_DB: a PostgreSQL database at 127.0.0.1:5432 (user postgres); MEDIA_ROOT: its uploads
# folder (default ./media). The restore goes to ${SOURCE_DB}_restore (dropped first) and
# ${BACKUP_DIR}/media-restored. Compared before/after: dossiers per status, events per action,
# notifications per status, the rollup row counts, every file's sha256, and the answer of
# GET /api/v1/stats for the whole year (the `at` timestamp left out).
set -euo pipefail

SOURCE=${1:?usage: bench/backup_restore.sh SOURCE_DB [MEDIA_ROOT]}
MEDIA=${2:-media}
TARGET=${SOURCE}_restore
case "$TARGET" in motcua_ci*|motcua_bench*|test_*) echo "refusing target $TARGET"; exit 2;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BACKUP_DIR=${BACKUP_DIR:-/tmp/motcua-backup}
PG="-h 127.0.0.1 -U postgres"
mkdir -p "$BACKUP_DIR" "$MEDIA"

figures() {  # $1 database, $2 media folder
    psql $PG -d "$1" -X -A -t -q <<'SQL'
SELECT 'dossiers status ' || status || ': ' || count(*) FROM dossiers_dossier GROUP BY status ORDER BY status;
SELECT 'events ' || action || ': ' || count(*) FROM dossiers_dossierevent GROUP BY action ORDER BY action;
SELECT 'notifications ' || status || ': ' || count(*) FROM notifications_notification GROUP BY status ORDER BY status;
SELECT 'files rows: ' || count(*) FROM portal_dossierfile;
SELECT 'code counters: ' || count(*) || ', codes issued ' || coalesce(sum(last), 0) FROM dossiers_codecounter;
SQL
    for table in $(psql $PG -d "$1" -X -A -t -q -c "SELECT tablename FROM pg_tables WHERE schemaname='public' AND tablename LIKE 'reports_%' ORDER BY 1"); do
        echo "rows $table: $(psql $PG -d "$1" -X -A -t -q -c "SELECT count(*) FROM $table")"
    done
    (cd "$2" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum) | sed 's/^/file /'
    DATABASE_URL="postgres://postgres@127.0.0.1:5432/$1" DEBUG=1 "$ROOT/.venv/bin/motcua" shell -c '
import json
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
user = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
client = Client()
client.force_login(user)
year = timezone.localdate().year
answer = client.get(f"/api/v1/stats?from={year}-01-01&to={year}-12-31", HTTP_HOST="127.0.0.1")
body = answer.json()
body.pop("at", None)
print("stats API", answer.status_code, json.dumps(body, sort_keys=True, ensure_ascii=False))
' 2>/dev/null
}

echo "== figures of $SOURCE"
figures "$SOURCE" "$MEDIA" > "$BACKUP_DIR/before.txt"

began=$(date +%s.%N)
pg_dump $PG -Fc -d "$SOURCE" -f "$BACKUP_DIR/$SOURCE.dump"
tar -C "$MEDIA" -czf "$BACKUP_DIR/media.tar.gz" .
dumped=$(date +%s.%N)

psql $PG -X -q -c "DROP DATABASE IF EXISTS $TARGET WITH (FORCE)" -c "CREATE DATABASE $TARGET"
pg_restore $PG -d "$TARGET" --no-owner --exit-on-error "$BACKUP_DIR/$SOURCE.dump"
rm -rf "$BACKUP_DIR/media-restored" && mkdir -p "$BACKUP_DIR/media-restored"
tar -C "$BACKUP_DIR/media-restored" -xzf "$BACKUP_DIR/media.tar.gz"
restored=$(date +%s.%N)

echo "== figures of $TARGET"
figures "$TARGET" "$BACKUP_DIR/media-restored" > "$BACKUP_DIR/after.txt"

printf 'dump %s (%s), media %s; backup %.1f s, restore %.1f s\n' \
    "$(du -h "$BACKUP_DIR/$SOURCE.dump" | cut -f1)" "$SOURCE" \
    "$(du -h "$BACKUP_DIR/media.tar.gz" | cut -f1)" \
    "$(echo "$dumped - $began" | bc)" "$(echo "$restored - $dumped" | bc)"
grep -v '^file ' "$BACKUP_DIR/before.txt" | grep -v '^stats API' || true
echo "files: $(grep -c '^file ' "$BACKUP_DIR/before.txt" || true)"
grep '^stats API' "$BACKUP_DIR/before.txt" | cut -c1-160
if diff -u "$BACKUP_DIR/before.txt" "$BACKUP_DIR/after.txt"; then
    echo "RESULT: the restored database and files give the same figures"
else
    echo "RESULT: figures differ (diff above)"; exit 1
fi
