"""A PostgreSQL primary and a streaming hot standby on this machine, the application served by
granian against both (DATABASE_URL + DATABASE_REPLICA_URL): where the reads and the writes land,
how far behind the standby is, and what the lookup does when the standby stops and comes back.

    .venv/bin/python bench/replica.py --dossiers 20000 --record

Both clusters are throwaway: made with `initdb` under BENCH_WORKDIR (default /tmp/motcua-bench)
on their own ports (5434, 5435), the standby by `pg_basebackup -R -X stream`, and removed at the
end; the machine's own PostgreSQL is not touched. Run as root, the PostgreSQL programs run as
the `postgres` user. Needs Debian's postgresql-15 (its programs in /usr/lib/postgresql/15/bin).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import contextlib

import harness

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
BASE = harness.WORK / "replica"
PRIMARY, STANDBY = 5434, 5435
DB = "motcua"
OFFICER, LEADER, UNIT = "motcua.tuliem", "chutich.tuliem", "p-tu-liem-pvhcc"


def url(port: int) -> str:
    return f"postgres://postgres@127.0.0.1:{port}/{DB}"


def as_postgres(*args: str, **kwargs) -> subprocess.CompletedProcess:
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, *args], check=True, **kwargs)


def sql(port: int, query: str, database: str = DB) -> str:
    done = subprocess.run(
        ["psql", "-X", "-A", "-t", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres",
         "-d", database, "-c", query],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return done.stdout.strip()


def pg_ctl(datadir: Path, action: str, *extra: str) -> None:
    as_postgres(
        str(PG_BIN / "pg_ctl"), "-D", str(datadir), "-l", str(datadir) + ".log", "-w", action,
        *extra, stdout=subprocess.DEVNULL,
    )  # fmt: skip


def make_primary() -> Path:
    if BASE.exists():
        stop_all()
        shutil.rmtree(BASE)
    BASE.mkdir(parents=True)
    if os.geteuid() == 0:
        shutil.chown(BASE, "postgres", "postgres")
    datadir = BASE / "primary"
    as_postgres(
        str(PG_BIN / "initdb"), "-D", str(datadir), "-A", "trust", "-U", "postgres",
        "-E", "UTF8", "--locale=C.UTF-8", stdout=subprocess.DEVNULL,
    )  # fmt: skip
    with (datadir / "postgresql.conf").open("a") as conf:
        conf.write(
            f"\nport = {PRIMARY}\nlisten_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{BASE}'\nwal_level = replica\nmax_wal_senders = 4\n"
            "hot_standby = on\nshared_buffers = 256MB\n"
        )
    (datadir / "pg_hba.conf").write_text(
        "local all all trust\nhost all all 127.0.0.1/32 trust\n"
        "host replication all 127.0.0.1/32 trust\n"
    )
    pg_ctl(datadir, "start")
    sql(PRIMARY, f"CREATE DATABASE {DB}", database="postgres")
    return datadir


def make_standby() -> Path:
    datadir = BASE / "standby"
    as_postgres(
        str(PG_BIN / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(PRIMARY), "-U", "postgres",
        "-D", str(datadir), "-R", "-X", "stream", "-c", "fast",
    )  # fmt: skip
    with (datadir / "postgresql.auto.conf").open("a") as conf:
        conf.write(f"\nport = {STANDBY}\n")
    pg_ctl(datadir, "start")
    return datadir


def stop_all() -> None:
    for name in ("standby", "primary"):
        datadir = BASE / name
        if (datadir / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                pg_ctl(datadir, "stop", "-m", "fast")


def tables_read(port: int) -> Counter:
    """Rows each of our tables gave to queries (sequential scans + index fetches), from the
    server's own statistics: the standby keeps its own for the queries it serves."""
    time.sleep(1.2)  # statistics are flushed about every second
    rows = sql(
        port,
        "SELECT relname, seq_tup_read + coalesce(idx_tup_fetch, 0) FROM pg_stat_user_tables",
    )
    return Counter({name: int(n) for name, n in (line.split("|") for line in rows.splitlines())})


def summary(counts: Counter) -> str:
    """Rows read in all, and the three tables most read."""
    top = ", ".join(f"{name} {n:,}" for name, n in counts.most_common(3) if n > 0)
    return f"{sum(counts.values()):,}" + (f" ({top})" if top else "")


def dossier_inserts(port: int) -> int:
    return int(
        sql(port, "SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'dossiers_dossier'")
    )


def fixtures() -> dict:
    from django.contrib.auth import get_user_model

    from motcua.catalog.selectors import versions_in_force
    from motcua.dossiers.models import Dossier
    from motcua.organization.tokens import mint_token

    users = get_user_model().objects
    lookups = list(
        Dossier.objects.exclude(applicant_phone="")
        .order_by("?")
        .values_list("code", "applicant_phone")[:500]
    )
    version = (
        versions_in_force(dt.date.today())
        .filter(receiving_units__code=UNIT)
        .order_by("procedure__code")
        .first()
    )
    return {
        "officer": mint_token(user=users.get(username=OFFICER), name="replica bench")[0],
        "leader": mint_token(user=users.get(username=LEADER), name="replica bench")[0],
        "lookups": lookups,
        "procedure": version.procedure.code,
    }


def lookup_path(code: str, phone: str) -> str:
    return f"/api/v1/public/lookup?code={code}&phone={phone}"


def run_lookups(port: int, lookups, count: int) -> Counter:
    client = harness.Client(port)
    statuses = Counter()
    for i in range(count):
        code, phone = lookups[i % len(lookups)]
        statuses[client.request("GET", lookup_path(code, phone))[0]] += 1
    client.close()
    return statuses


def phase(name, port, fn) -> dict:
    before = (tables_read(PRIMARY), tables_read(STANDBY), dossier_inserts(PRIMARY))
    started = time.monotonic()
    outcome = fn()
    seconds = time.monotonic() - started
    after = (tables_read(PRIMARY), tables_read(STANDBY), dossier_inserts(PRIMARY))
    return {
        "name": name,
        "outcome": outcome,
        "seconds": seconds,
        "primary_rows": summary(after[0] - before[0]),
        "standby_rows": summary(after[1] - before[1]),
        "inserted": after[2] - before[2],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=20000)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()
    if not (PG_BIN / "initdb").exists():
        raise SystemExit(
            f"{PG_BIN}/initdb not found: apt-get install postgresql-15 (or set PG_BIN)"
        )

    server = None
    try:
        print("primary: initdb, migrate, demo, generate …", flush=True)
        make_primary()
        env = harness.server_env(DB, DEBUG="1", DATABASE_URL=url(PRIMARY))
        harness.manage(DB, "migrate", "--no-input", "-v0", env=env)
        harness.manage(DB, "demo", env=env)
        harness.manage(DB, "generate", "--dossiers", str(args.dossiers), "--seed", "7", env=env)
        print("standby: pg_basebackup, start …", flush=True)
        make_standby()
        harness.setup_django(url(PRIMARY))
        data = fixtures()
        from django.db import connections

        connections.close_all()  # its statistics must not fall into the first phase

        server_env = harness.server_env(
            DB,
            DATABASE_URL=url(PRIMARY),
            DATABASE_REPLICA_URL=url(STANDBY),
            DATABASE_REPLICA_CHECK_SECONDS="2",
            # A connection's statistics reach pg_stat_database when it closes, at the latest.
            DB_CONN_MAX_AGE="0",
            PORTAL_LOOKUP_LIMIT="1000000",
        )
        server = harness.Server(DB, env=server_env)
        server.start()
        port = server.port
        results = []

        results.append(
            phase(
                f"{args.requests} public lookups (GET /api/v1/public/lookup)",
                port,
                lambda: run_lookups(port, data["lookups"], args.requests),
            )
        )

        def stats_calls():
            client = harness.Client(port, token=data["leader"])
            year = dt.date.today().year
            got = Counter(
                client.request("GET", f"/api/v1/stats?from={year}-01-01&to={year}-12-31")[0]
                for _ in range(20)
            )
            got.update(
                client.request("GET", f"/api/v1/scorecard?period={year}")[0] for _ in range(5)
            )
            client.close()
            return got

        results.append(phase("20 statistics + 5 scorecard calls (leader)", port, stats_calls))

        visible_after = []

        def intakes():
            client = harness.Client(port, token=data["officer"])
            got = Counter()
            for i in range(50):
                status, body = client.request(
                    "POST",
                    "/api/v1/dossiers",
                    {
                        "procedure": data["procedure"],
                        "unit": UNIT,
                        "channel": 1,
                        "applicant": {"name": f"Người nộp {i}", "phone": "0912345678"},
                    },
                )
                got[status] += 1
                if status == 201:
                    code = json.loads(body)["code"]
                    started = time.monotonic()
                    while not sql(STANDBY, f"SELECT 1 FROM dossiers_dossier WHERE code = '{code}'"):
                        time.sleep(0.001)
                    visible_after.append((time.monotonic() - started) * 1000)
                    data["lookups"].append((code, "0912345678"))
            client.close()
            return got

        results.append(phase("50 desk intakes (POST /api/v1/dossiers, officer)", port, intakes))

        lag_primary = sql(
            PRIMARY,
            "SELECT coalesce(max(extract(epoch FROM replay_lag)) * 1000, 0)::int"
            " FROM pg_stat_replication",
            database="postgres",
        )

        # The standby stops while lookups go on, then starts again.
        outage = Counter()
        stop = threading.Event()

        def steady_lookups():
            client = harness.Client(port)
            i = 0
            while not stop.is_set():
                code, phone = data["lookups"][i % len(data["lookups"])]
                outage[client.request("GET", lookup_path(code, phone))[0]] += 1
                i += 1
            client.close()

        thread = threading.Thread(target=steady_lookups)
        thread.start()
        time.sleep(2)
        pg_ctl(BASE / "standby", "stop", "-m", "immediate")
        time.sleep(6)
        stop.set()
        thread.join()
        during = dict(outage)
        pg_ctl(BASE / "standby", "start")
        time.sleep(3)  # > DATABASE_REPLICA_CHECK_SECONDS: the next check finds it again
        results.append(
            phase(
                f"{args.requests} lookups after the standby came back",
                port,
                lambda: run_lookups(port, data["lookups"], args.requests),
            )
        )
    finally:
        if server:
            server.stop()
        stop_all()

    lines = [
        "## Read replica: a streaming standby serving the lookup and the statistics "
        "(`bench/replica.py`)",
        "",
        f"- A throwaway primary and hot standby (PostgreSQL 15, `initdb` + `pg_basebackup -R -X "
        f"stream`, ports {PRIMARY}/{STANDBY}) on this machine; {args.dossiers:,} generated "
        "dossiers plus the demo; granian 2 workers × 8 threads with `DATABASE_URL` = primary, "
        "`DATABASE_REPLICA_URL` = standby, `DATABASE_REPLICA_CHECK_SECONDS=2`.",
        "- Rows read = rows our tables gave to queries (`seq_tup_read + idx_tup_fetch` of "
        "`pg_stat_user_tables`, each server's own statistics) during the phase, with the three "
        "tables most read (sessions, tokens and rights are read on the primary "
        "by design; the standby's figure for the intakes includes this script's polling for each "
        "new dossier); dossiers inserted = `n_tup_ins` of `dossiers_dossier` on the primary. "
        "`DB_CONN_MAX_AGE=0` for this run, so that every connection's statistics are counted.",
        "",
        "| Phase | answers | rows read on the primary | rows read on the standby "
        "| dossiers inserted (primary) | seconds |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        outcome = ", ".join(f"{k}: {v}" for k, v in sorted(r["outcome"].items()))
        lines.append(
            f"| {r['name']} | {outcome} | {r['primary_rows']} | {r['standby_rows']} "
            f"| {r['inserted']} | {r['seconds']:.1f} |"
        )
    visible = sorted(visible_after)
    lines += [
        "",
        f"- A new dossier was readable on the standby {harness.percentile(visible, 50):.1f} ms "
        f"(p50), {harness.percentile(visible, 99):.1f} ms (p99), {max(visible):.1f} ms (max) "
        f"after its 201; `pg_stat_replication.replay_lag` on the primary after the intakes: "
        f"{lag_primary} ms.",
        "- The standby stopped (`pg_ctl stop -m immediate`) during 8 s of back-to-back lookups: "
        f"answers {dict(sorted(during.items()))} — a lookup caught by the failure is answered "
        "again from the primary, the next ones read the primary until the standby answers again.",
        "- This run shows where reads and writes land; its seconds are not a speed figure "
        "(new connections per request, and other work shared the 2 cores).",
        f"- Date: {dt.date.today():%d/%m/%Y}. Machine: {harness.machine()}.",
        f"- Reproduce: `.venv/bin/python bench/replica.py --dossiers {args.dossiers} --record`",
    ]
    text = "\n".join(lines)
    print(text)
    if args.record:
        harness.write_section("replica", text)


if __name__ == "__main__":
    main()
