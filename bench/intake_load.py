"""Desk intake under load and faults, through the HTTP API of the production server.

Starts granian (as `make serve`) on a free loopback port against a fresh PostgreSQL database
(migrate + `motcua demo`), mints API tokens for the demo one-stop officers and runs N client
threads, each POSTing dossiers to `/api/v1/dossiers` until M were accepted (201). A
`motcua db_worker` sends the notifications meanwhile. Afterwards it verifies, in the database:

- every 201 is stored exactly once, under the code it answered; no refused attempt stored;
- codes are unique and consecutive per agency per day (1..n, no gap, no duplicate);
- no half-written dossier (each has its `submit` and `receive` events and its parts); every
  file under MEDIA_ROOT/dossiers belongs to a stored dossier file row;
- each (event, channel) has at most one notification, every one is sent once the worker has
  drained the queue, and the SMS log shows each sent at most once;
- no 5xx other than 503 during a database restart.

Faults (one per run): --kill-server (kill -9 granian mid-load, restart it), --kill-worker
(kill -9 the worker mid-load, restart it), --restart-postgres (pg_ctlcluster 15 main restart
mid-load; the application is not restarted).

    .venv/bin/python bench/intake_load.py                      # 64 clients x 20 dossiers
    .venv/bin/python bench/intake_load.py --per-client 1000    # the issue's 64 x 1,000
    .venv/bin/python bench/intake_load.py --kill-server --record
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness

DB = os.environ.get("LOAD_DATABASE", "motcua_load")
DRAINED = {
    -1: "queue NOT drained within the timeout.",
    -2: "queue empty but notifications left pending for good (nothing will send them).",
}


class Attempt:
    __slots__ = ("at", "code", "ms", "retry", "rid", "status")

    def __init__(self, rid, status, code, ms, at, retry=0):
        self.rid, self.status, self.code, self.ms, self.at = rid, status, code, ms, at
        self.retry = retry


def desks(today: dt.date) -> list[dict]:
    """(token, unit, procedures) for each demo one-stop officer whose unit receives today."""
    from motcua.catalog.models import DossierPart
    from motcua.catalog.selectors import versions_in_force
    from motcua.organization.models import Membership, Role
    from motcua.organization.tokens import mint_token

    found = []
    memberships = Membership.objects.select_related("user", "unit").filter(
        role=Role.ONE_STOP_OFFICER
    )
    for membership in memberships.order_by("user__username"):
        unit = membership.unit
        if not unit.agency_code or not membership.user.is_active:
            continue
        if membership.valid_from and membership.valid_from > today:
            continue
        if membership.valid_to and membership.valid_to < today:
            continue
        versions = versions_in_force(today).filter(receiving_units=unit).order_by("procedure__code")
        # Procedures with few parts keep the request body small; the API fills the parts.
        codes = [
            v.procedure.code
            for v in versions.select_related("procedure")[:40]
            if DossierPart.objects.filter(version=v).count() <= 6
        ][:8]
        if not codes:
            continue
        raw, _token = mint_token(user=membership.user, name="intake load")
        found.append({"token": raw, "unit": unit.code, "procedures": codes,
                      "user": membership.user.username, "agency": unit.agency_code})  # fmt: skip
    return found


RETRY = (-1, 0, 503)  # no answer, or the database was unavailable: the outcome is unknown


def run_load(port, desk_list, clients, per_client, progress, attempts, stop, *, keyed=True):
    """Each client files `per_client` dossiers. With `keyed`, each dossier has its own
    `Idempotency-Key` and an attempt whose outcome is unknown (connection refused or lost,
    503) is sent again, same body, same key, until it gets a definite answer."""

    def client(index: int):
        desk = desk_list[index % len(desk_list)]
        http = harness.Client(port, desk["token"])
        accepted = tries = dossiers = 0
        mine = []
        while accepted < per_client and tries < per_client * 20 and not stop.is_set():
            dossiers += 1
            rid = f"{index:03d}-{dossiers:06d}"
            body = {
                "procedure": desk["procedures"][dossiers % len(desk["procedures"])],
                "unit": desk["unit"],
                "channel": 1,
                "applicant": {
                    "name": f"Người nộp thử tải {rid}",
                    "phone": f"09{index:03d}{dossiers % 100000:05d}",
                    "address": "Phường Từ Liêm, Hà Nội",
                },
                "note": f"load {rid}",
            }
            if keyed:
                http.headers["Idempotency-Key"] = str(uuid.uuid4())
            for retry in range(60):
                tries += 1
                began = time.perf_counter()
                status, content = http.request("POST", "/api/v1/dossiers", body)
                ms = (time.perf_counter() - began) * 1000
                code = None
                if status == 201:
                    code = json.loads(content)["code"]
                mine.append(Attempt(rid, status, code, ms, time.monotonic(), retry))
                if status in (-1, 0):
                    time.sleep(0.2)  # server down: wait for it
                elif status == 503:
                    time.sleep(0.1)
                if status not in RETRY or not keyed or stop.is_set():
                    break
            if status == 201:
                accepted += 1
                with progress["lock"]:
                    progress["done"] += 1
        attempts[index] = mine
        http.close()

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - began


def sweep(env: dict, log=None) -> str:
    """`motcua dispatch_notifications` as a periodic job or a worker start would run it; the
    bench uses short delays (seconds, not minutes) so it can wait for them."""
    done = subprocess.run(
        [str(harness.BIN / "motcua"), "dispatch_notifications", "--grace", "5", "--lease", "20",
         "--stale-tasks", "20"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    out = (done.stdout or done.stderr).strip().splitlines()[-1:] or [""]
    if log is not None:
        log.append((time.monotonic(), f"sweep: {out[0]}"))
    return out[0]


def fault_thread(kind, server, worker, progress, target, log, kills=1, sweep_at_start=True):
    """Wait until 40% of the dossiers are in, then inject the fault and recover."""

    def act():
        while progress["done"] < target * 0.4:
            time.sleep(0.05)
        log.append((time.monotonic(), f"{kind}: at {progress['done']} accepted"))
        if kind == "kill-server":
            server.kill9()
            log.append((time.monotonic(), "granian killed (SIGKILL to its process group)"))
            time.sleep(1)
            server.start()
            log.append((time.monotonic(), "granian restarted and answering"))
        elif kind == "kill-worker":
            for round_ in range(kills):
                worker.kill9()
                log.append((time.monotonic(), f"db_worker killed (SIGKILL), round {round_ + 1}"))
                time.sleep(1)
                worker.start()
                log.append((time.monotonic(), "db_worker restarted"))
                if sweep_at_start:
                    sweep(worker.env, log)
                time.sleep(2)
        elif kind == "restart-postgres":
            subprocess.run(["pg_ctlcluster", "15", "main", "restart"], check=True)
            log.append((time.monotonic(), "PostgreSQL restarted (pg_ctlcluster 15 main restart)"))
            # The worker exits when its connection is lost; a supervisor (systemd
            # Restart=always, docs/reliability.md) starts it again. Do the same here.
            time.sleep(5)
            if worker.proc is not None and worker.proc.poll() is not None:
                log.append(
                    (time.monotonic(), f"db_worker had exited (code {worker.proc.returncode}); "
                     "restarted as its supervisor would")
                )  # fmt: skip
                worker.start()

    thread = threading.Thread(target=act, daemon=True)
    thread.start()
    return thread


def drain(timeout: float, env: dict | None = None, log=None) -> float:
    """Wait until no notification task is waiting and none is pending; seconds waited, or -1
    on timeout, or -2 when the queue is empty but notifications stay pending (stuck). With
    `env`, run the sweep (`dispatch_notifications`) when the queue is idle with rows pending,
    as its periodic job would."""
    from django.db import close_old_connections, connection

    began = time.monotonic()
    idle_since = None
    swept = 0
    while time.monotonic() - began < timeout:
        close_old_connections()
        try:
            with connection.cursor() as cur:
                cur.execute(
                    "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'READY'"
                )
                ready = cur.fetchone()[0]
                cur.execute(
                    "SELECT count(*) FROM notifications_notification WHERE status='pending'"
                )
                pending = cur.fetchone()[0]
                cur.execute(
                    "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = "
                    "'RUNNING'"
                )
                running = cur.fetchone()[0]
        except Exception:  # the database is coming back
            connection.close()
            time.sleep(1)
            continue
        if ready == 0 and pending == 0 and (running == 0 or env is None):
            return time.monotonic() - began
        if ready == 0:
            idle_since = idle_since or time.monotonic()
            if env is not None and swept < 3 and time.monotonic() - idle_since > 25:
                sweep(env, log)  # leftovers of a killed worker or a lost queueing
                swept += 1
                idle_since = None
            elif time.monotonic() - idle_since > 30:
                return -2
        else:
            idle_since = None
        time.sleep(1)
    return -1


def verify(attempts, worker_log: Path) -> dict:
    from django.db import close_old_connections, connection

    from motcua.dossiers.codes import parse_code

    close_old_connections()
    connection.close()
    with connection.cursor() as cur:
        cur.execute(
            "SELECT d.id, d.code, d.applicant_name FROM dossiers_dossier d "
            "WHERE d.applicant_name LIKE 'Người nộp thử tải %%'"
        )
        stored = cur.fetchall()
        cur.execute("SELECT code FROM dossiers_dossier")
        all_codes = [r[0] for r in cur.fetchall()]
        cur.execute(
            # Every dossier has its `submit` event; a desk intake of this run also its
            # `receive` event and its parts (the demo's online dossiers may be unreceived).
            "SELECT count(*) FROM dossiers_dossier d WHERE NOT EXISTS (SELECT 1 FROM "
            "dossiers_dossierevent e WHERE e.dossier_id=d.id AND e.action='submit') OR "
            "(d.applicant_name LIKE 'Người nộp thử tải %%' AND (NOT EXISTS (SELECT 1 FROM "
            "dossiers_dossierevent e WHERE e.dossier_id=d.id AND e.action='receive') OR NOT "
            "EXISTS (SELECT 1 FROM dossiers_dossierpartreceived p WHERE p.dossier_id=d.id)))"
        )
        half_written = cur.fetchone()[0]
        cur.execute("SELECT path FROM portal_dossierfile")
        file_rows = {r[0] for r in cur.fetchall()}
        cur.execute(
            "SELECT count(*) FROM dossiers_dossierevent e WHERE e.action='receive' AND NOT "
            "EXISTS (SELECT 1 FROM notifications_notification n WHERE n.event_id=e.id)"
        )
        events_without_notification = cur.fetchone()[0]
        cur.execute(
            "SELECT status, count(*), sum(attempts) FROM notifications_notification GROUP BY 1"
        )
        notifications = {s: (n, a) for s, n, a in cur.fetchall()}
        cur.execute(
            "SELECT count(*) FROM (SELECT event_id, channel FROM notifications_notification "
            "GROUP BY 1, 2 HAVING count(*) > 1) t"
        )
        duplicate_notifications = cur.fetchone()[0]
        cur.execute(
            "SELECT status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY 1 ORDER BY 1"
        )
        tasks = dict(cur.fetchall())

    by_rid = collections.Counter(name.rsplit(" ", 1)[1] for _i, _c, name in stored)
    code_of_rid = {name.rsplit(" ", 1)[1]: code for _i, code, name in stored}
    flat = [a for mine in attempts.values() for a in mine]
    outcomes = collections.Counter(a.status for a in flat)
    per_rid: dict[str, list[Attempt]] = collections.defaultdict(list)
    for a in flat:
        per_rid[a.rid].append(a)
    problems = []
    # A dossier (one body, one key) is accepted if any of its attempts got 201; every 201 of
    # it must name the same code, the one it is stored under, once.
    acked = {rid: {a.code for a in tries if a.status == 201} for rid, tries in per_rid.items()}
    acked = {rid: codes for rid, codes in acked.items() if codes}
    two_codes = [rid for rid, codes in acked.items() if len(codes) > 1]
    if two_codes:
        problems.append(f"{len(two_codes)} dossiers answered with two different codes")
    acked_missing = [
        rid for rid, codes in acked.items() if by_rid[rid] != 1 or code_of_rid[rid] not in codes
    ]
    if acked_missing:
        problems.append(f"{len(acked_missing)} accepted dossiers not stored once under their code")
    final = {rid: tries[-1].status for rid, tries in per_rid.items()}
    refused_stored = [
        rid for rid, status in final.items()
        if rid not in acked and status not in RETRY and by_rid[rid]
    ]  # fmt: skip
    if refused_stored:
        problems.append(f"{len(refused_stored)} refused attempts stored anyway")
    unknown = [a for a in flat if a.status == 0]
    unknown_stored = sum(1 for a in unknown if by_rid[a.rid])
    # Retried after an unknown outcome (lost connection, refused connection, 503).
    retried = [rid for rid, tries in per_rid.items() if len(tries) > 1]
    retried_acked = [rid for rid in retried if rid in acked]
    gave_up = [rid for rid, status in final.items() if rid not in acked and status in RETRY]
    gave_up_stored = sum(1 for rid in gave_up if by_rid[rid])
    lost_then_acked = [
        rid for rid in retried_acked if any(a.status in (0, 503) for a in per_rid[rid])
    ]
    attempted = set(per_rid)
    strays = [rid for rid in by_rid if rid not in attempted]
    if strays:
        problems.append(f"{len(strays)} stored dossiers of no attempt")
    duplicates = [rid for rid, n in by_rid.items() if n > 1]
    if duplicates:
        problems.append(f"{len(duplicates)} dossiers stored twice")

    per_day = collections.defaultdict(list)
    for code in all_codes:
        parsed = parse_code(code)
        if parsed is None:
            problems.append(f"unparsable code {code}")
            continue
        agency, day, seq = parsed
        per_day[(agency, day)].append(seq)
    gaps = dups = 0
    for seqs in per_day.values():
        dups += len(seqs) - len(set(seqs))
        gaps += max(seqs) - len(set(seqs))
    if gaps or dups:
        problems.append(f"codes: {gaps} gaps, {dups} duplicates")
    if half_written:
        problems.append(f"{half_written} half-written dossiers")

    media = Path(harness.server_env(DB)["MEDIA_ROOT"]) / "dossiers"
    orphan_files = 0
    files_seen = 0
    if media.exists():
        for path in media.rglob("*"):
            if path.is_file():
                files_seen += 1
                rel = str(path.relative_to(media.parent))
                orphan_files += rel not in file_rows
    if orphan_files:
        problems.append(f"{orphan_files} files without their dossier")

    sms_lines = collections.Counter()
    if worker_log.exists():
        for line in worker_log.read_text(errors="replace").splitlines():
            if "SMS to " in line:
                sms_lines[line.split("]: ", 1)[-1]] += 1
    sent_twice = sum(1 for n in sms_lines.values() if n > 1)
    server_errors = sum(n for s, n in outcomes.items() if s >= 500 and s != 503)
    if server_errors:
        problems.append(f"{server_errors} server errors (5xx other than 503)")
    if tasks.get("RUNNING"):
        problems.append(f"{tasks['RUNNING']} tasks left RUNNING by a killed worker")
    if notifications.get("pending"):
        problems.append(f"{notifications['pending'][0]} notifications never sent")
    if events_without_notification:
        problems.append(f"{events_without_notification} receive events without a notification")
    if duplicate_notifications:
        problems.append(f"{duplicate_notifications} (event, channel) recorded twice")
    return {
        "outcomes": dict(outcomes),
        "acked": len(acked),
        "stored": len(stored),
        "unknown": len(unknown),
        "unknown_stored": unknown_stored,
        "retried": len(retried),
        "retried_acked": len(retried_acked),
        "lost_then_acked": len(lost_then_acked),
        "gave_up": len(gave_up),
        "gave_up_stored": gave_up_stored,
        "agencies_days": {f"{a} {d:%d/%m/%Y}": len(s) for (a, d), s in per_day.items()},
        "half_written": half_written,
        "files_seen": files_seen,
        "orphan_files": orphan_files,
        "events_without_notification": events_without_notification,
        "notifications": notifications,
        "duplicate_notifications": duplicate_notifications,
        "tasks": tasks,
        "sms_log_lines": sum(sms_lines.values()),
        "sms_sent_twice": sent_twice,
        "problems": problems,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--per-client", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2, help="granian worker processes")
    parser.add_argument("--threads", type=int, default=8, help="granian threads per worker")
    fault = parser.add_mutually_exclusive_group()
    fault.add_argument("--kill-server", action="store_true")
    fault.add_argument("--kill-worker", action="store_true")
    fault.add_argument("--restart-postgres", action="store_true")
    parser.add_argument("--kills", type=int, default=1, help="times to kill the worker")
    parser.add_argument("--no-worker", action="store_true", help="no db_worker during the load")
    parser.add_argument("--drain-timeout", type=float, default=600)
    parser.add_argument(
        "--no-key", action="store_true",
        help="no Idempotency-Key and no retry of unknown outcomes (the former client)",
    )  # fmt: skip
    parser.add_argument("--record", action="store_true", help="write BENCHMARKS.md")
    parser.add_argument("--note", default="", help="a line added to the recorded section")
    parser.add_argument(
        "--cost", type=int, default=0, metavar="N",
        help="instead of the load: N intakes one after the other in this process (no HTTP "
        "server), printing wall time, Python CPU time and queries per intake",
    )  # fmt: skip
    parser.add_argument(
        "--profile", default="", metavar="FILE",
        help="with --cost: write a cProfile (CPU time) of the N intakes to FILE",
    )  # fmt: skip
    args = parser.parse_args()
    kind = (
        "kill-server" if args.kill_server
        else "kill-worker" if args.kill_worker
        else "restart-postgres" if args.restart_postgres
        else None
    )  # fmt: skip

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the children on the way out
    harness.WORK.mkdir(parents=True, exist_ok=True)
    print(f"fresh database {DB} (migrate + demo)…", flush=True)
    harness.fresh_database(DB)
    if args.cost:
        os.environ.update(harness.server_env(DB, ALLOWED_HOSTS="testserver"))
    harness.setup_django(harness.database_url(DB))
    from django.db import connection
    from django.utils import timezone

    desk_list = desks(timezone.localdate())
    if args.cost:
        cost(desk_list, args.cost, args.profile)
        return
    connection.close()
    print("desks:", ", ".join(f"{d['user']}@{d['unit']}" for d in desk_list), flush=True)
    server = harness.Server(DB, workers=args.workers, threads=args.threads)
    worker_log = harness.WORK / f"worker-{DB}.log"
    worker_log.unlink(missing_ok=True)
    worker = harness.Worker(DB, server.env, worker_log)
    server.start()
    if not args.no_worker or kind == "kill-worker":
        worker.start()
    vacuum = harness.Autovacuum(DB).start()
    target = args.clients * args.per_client
    progress = {"done": 0, "lock": threading.Lock()}
    attempts: dict[int, list[Attempt]] = {}
    log: list[tuple[float, str]] = []
    stop = threading.Event()
    t0 = time.monotonic()
    if kind:
        fault_thread(kind, server, worker, progress, target, log, args.kills)
    try:
        cpu_before = harness.cpu_seconds()
        elapsed = run_load(server.port, desk_list, args.clients, args.per_client, progress,
                           attempts, stop, keyed=not args.no_key)  # fmt: skip
        cpu = harness.cpu_share(cpu_before, harness.cpu_seconds(), progress["done"])
        if args.no_worker and kind != "kill-worker":
            worker.start()
        waited = drain(args.drain_timeout, server.env, log)
        report = verify(attempts, worker_log)
    finally:
        vacuum.stop()
        worker.stop()
        server.stop()
    if vacuum.note():
        log.append((time.monotonic(), vacuum.note()))

    flat = [a for mine in attempts.values() for a in mine]
    ok_ms = [a.ms for a in flat if a.status == 201]
    fail_ms = [a.ms for a in flat if a.status == 503]
    rate = report["acked"] / elapsed
    lines = [
        f"run: {args.clients} clients x {args.per_client} accepted, fault: {kind or 'none'}",
        f"elapsed {elapsed:.1f} s, {report['acked']} accepted -> {rate:.0f} dossiers/s",
        f"201 latency p50 {harness.percentile(ok_ms, 50):.0f} ms, "
        f"p99 {harness.percentile(ok_ms, 99):.0f} ms",
        f"CPU per accepted dossier during the load: {cpu}",
    ]
    if fail_ms:
        lines.append(
            f"503 answers: {len(fail_ms)}, latency p50 {harness.percentile(fail_ms, 50):.0f} ms, "
            f"max {max(fail_ms):.0f} ms"
        )
    for at, what in log:
        lines.append(f"t+{at - t0:.1f} s: {what}")
    lines.append(DRAINED.get(waited, f"notifications drained {waited:.0f} s after the load"))
    for key, value in report.items():
        lines.append(f"{key}: {value}")
    print("\n".join(lines))
    if args.record:
        record(kind, args, elapsed, rate, ok_ms, fail_ms, log, t0, waited, report, cpu)
    sys.exit(1 if report["problems"] else 0)


def cost(desk_list, n: int, profile: str = "") -> None:
    """Where the time of one intake goes, without concurrency: `n` intakes in a row through
    the API view (Django test client, DEBUG off), timed in wall and CPU time; with `profile`,
    a cProfile of them in CPU time is written to that file (read it with `pstats`)."""
    from django.db import connection, reset_queries
    from django.test import Client

    desk = desk_list[0]
    client = Client(headers={"Authorization": f"Bearer {desk['token']}"})

    def one(i: int, key: bool = True):
        body = {
            "procedure": desk["procedures"][i % len(desk["procedures"])],
            "unit": desk["unit"],
            "channel": 1,
            "applicant": {"name": f"Người nộp thử chi phí {i:06d}", "phone": f"0912{i:06d}"},
        }
        headers = {"Idempotency-Key": str(uuid.uuid4())} if key else {}
        response = client.post(
            "/api/v1/dossiers", body, content_type="application/json", headers=headers
        )
        assert response.status_code == 201, response.content

    for i in range(20):  # warm up: imports, caches, counter and rollup rows
        one(i)
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        one(20)
    if os.environ.get("SHOW_QUERIES"):
        for number, sql in enumerate(queries, 1):
            print(f"{number:3d}. {sql[:300]}")
    profiler = cProfile.Profile(time.process_time) if profile else None
    rounds = []  # (wall, cpu) of each tenth of the run: the machine is shared, the best is steadier
    size = max(n // 10, 1)
    wall0, cpu0 = time.perf_counter(), time.process_time()
    if profiler is not None:
        profiler.enable()
    for start in range(0, n, size):
        round_wall, round_cpu = time.perf_counter(), time.process_time()
        for i in range(start, min(start + size, n)):
            one(100 + i)
            reset_queries()
        done = min(start + size, n) - start
        rounds.append(
            (
                (time.perf_counter() - round_wall) / done * 1000,
                (time.process_time() - round_cpu) / done * 1000,
            )
        )
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile)
    wall = (time.perf_counter() - wall0) / n * 1000
    cpu = (time.process_time() - cpu0) / n * 1000
    print(
        f"{n} intakes in a row: {wall:.1f} ms each (wall), of which {cpu:.1f} ms Python CPU in "
        f"this process and {wall - cpu:.1f} ms waiting (PostgreSQL and its round trips); "
        f"{len(queries)} queries per intake. If all of that were CPU, 2 idle cores would do "
        f"at most ≈ {2000 / wall:.0f} intakes/s."
    )
    best_wall, best_cpu = min(rounds, key=lambda r: r[1])
    print(
        f"Best of {len(rounds)} rounds of {size}: {best_cpu:.1f} ms Python CPU, "
        f"{best_wall:.1f} ms wall per intake."
        + (f" CPU-time profile (cProfile) in {profile}." if profile else "")
    )


def record(kind, args, elapsed, rate, ok_ms, fail_ms, log, t0, waited, report, cpu) -> None:
    name = f"intake-{kind or 'load'}"
    flags = f" --{kind}" if kind else ""
    if kind == "kill-worker" and args.kills > 1:
        flags += f" --kills {args.kills}"
    command = (
        f".venv/bin/python bench/intake_load.py --clients {args.clients} "
        f"--per-client {args.per_client}{flags}{' --no-key' if args.no_key else ''} --record"
    )
    title = {
        None: "Desk intake through the API under load",
        "kill-server": "Desk intake: granian killed (-9) mid-load",
        "kill-worker": "Desk intake: task worker killed (-9) mid-load",
        "restart-postgres": "Desk intake: PostgreSQL restarted mid-load",
    }[kind]
    out = report["outcomes"]
    days, today = report["agencies_days"], dt.date.today()
    stamp = f"{today:%d/%m/%Y}"
    lines = [
        f"## {title} (`bench/intake_load.py`)",
        "",
        f"- {args.clients} clients × {args.per_client} accepted dossiers each, "
        f"`POST /api/v1/dossiers` (paper intake, all parts), granian {args.workers} workers "
        f"× {args.threads} threads, a fresh database with the demo; one `motcua db_worker` "
        "sending the SMS.",
        f"- **{rate:.0f} dossiers/s** ({report['acked']} in {elapsed:.1f} s); latency of a 201: "
        f"p50 **{harness.percentile(ok_ms, 50):.0f} ms**, p99 "
        f"**{harness.percentile(ok_ms, 99):.0f} ms**.",
        f"- Answers: {', '.join(f'{k}: {v}' for k, v in sorted(out.items()))} "
        f"(-1 = connection refused, nothing sent; 0 = connection lost after sending).",
        f"- CPU time per accepted dossier during the load, by process (/proc; the two cores "
        f"give 2,000 ms a second in all): {cpu}.",
    ]
    if fail_ms:
        lines.append(
            f"- 503 answers (database unavailable): {len(fail_ms)}, p50 "
            f"{harness.percentile(fail_ms, 50):.0f} ms, slowest {max(fail_ms):.0f} ms."
        )
    for at, what in log:
        lines.append(f"- t+{at - t0:.1f} s: {what}.")
    lines += [
        f"- Stored: {report['stored']} dossiers; every 201 stored once under its code; "
        f"attempts lost in flight: {report['unknown']}, of which stored: "
        f"{report['unknown_stored']}.",
        (
            f"- Each dossier sent with its own `Idempotency-Key`; an unknown outcome "
            f"(connection refused or lost, 503) sent again with the same key and body: "
            f"{report['retried']} dossiers needed more than one attempt, "
            f"{report['retried_acked']} of them accepted ({report['lost_then_acked']} after a "
            f"lost answer or a 503), each stored once; given up: {report['gave_up']} (stored: "
            f"{report['gave_up_stored']})."
            if not args.no_key
            else "- Sent without `Idempotency-Key` and without retrying (`--no-key`)."
        ),
        f"- Codes issued on {today:%d/%m/%Y} per agency: "
        f"{', '.join(f'{k.split()[0]}: {v}' for k, v in days.items() if k.endswith(stamp))} "
        f"(plus {sum(1 for k in days if not k.endswith(stamp))} agency-days of the demo's own "
        f"dossiers); each agency-day numbered 1..n with no gap and no duplicate unless listed "
        f"under problems.",
        f"- Half-written dossiers (missing `submit`/`receive` event or parts): "
        f"{report['half_written']}; files under MEDIA_ROOT/dossiers: {report['files_seen']} "
        f"(intake through this API uploads none), without their dossier: "
        f"{report['orphan_files']}.",
        f"- Notifications (status: count, attempts): {report['notifications']}; `receive` "
        f"events without a notification: {report['events_without_notification']}; (event, "
        f"channel) recorded twice: {report['duplicate_notifications']}; SMS log lines: "
        f"{report['sms_log_lines']}, texts sent twice: {report['sms_sent_twice']}; tasks left: "
        f"{report['tasks']}; "
        + DRAINED.get(waited, f"queue drained {waited:.0f} s after the load."),
        f"- Problems: {'; '.join(report['problems']) or 'none'}.",
        *([f"- Note: {args.note}"] if args.note else []),
        f"- Date: {dt.date.today():%d/%m/%Y}. Machine: {harness.machine()}.",
        f"- Reproduce: `{command}`",
    ]
    harness.write_section(name, "\n".join(lines))


if __name__ == "__main__":
    main()
