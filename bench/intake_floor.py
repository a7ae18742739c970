"""How many desk intakes a second could this machine take at all?

The goal of issue 8 is 400 dossiers/s through the HTTP API, on this 2-core machine, with the
load generator on the same machine: 5 ms of CPU per dossier for everything. This script
measures the two parts that no application code can avoid, apart, on this machine today:

1. **PostgreSQL alone** doing exactly the SQL of an intake. A few real intakes are made
   through the API view in this process and their statements captured with their values.
   Each becomes a `pgbench` transaction script: the values written inline, each dossier's
   own keys fresh per transaction (the provisional and the issued code, the idempotency key,
   the task id), and the ids returned by one statement (`RETURNING id`, kept with `\\gset`)
   fed to the statements after it, as the application does. `pgbench -M prepared` (the C
   client of PostgreSQL, statements prepared once per connection) then runs them from many
   connections at once. No Python runs during the timed part.
2. **The HTTP server alone** answering the cheapest requests Django answers: `wrk` (a C
   load generator) POSTing the intake's body to the same granian server, production
   settings, every middleware: to `/api/v1/dossiers` without credentials (refused with a 401
   by django-ninja before any database work), and to the site's 404 page (the trivial view
   of `bench/http_pages.py`). The same body is then POSTed with the token to the real
   `/api/v1/dossiers` for comparison, and to the same granian serving a five-line WSGI
   application instead of Django (the HTTP server's own cost).

For each part the CPU time used per transaction or request by PostgreSQL and granian is read
from /proc (bench/harness.py `cpu_seconds`), that of the load generator from its rusage.
Two cores give at most 2,000 ms of CPU a second, so the intake rate of this machine is at most
2,000 ms ÷ (PostgreSQL's CPU for the intake's SQL + the CPU of a trivial request and its
client), before any line of the intake's own Python runs.

Run (PostgreSQL 15 at 127.0.0.1, trust auth; `wrk` and `pgbench` installed):
    .venv/bin/python bench/intake_floor.py
Prints the figures and rewrites the `bench:intake-floor` section of BENCHMARKS.md (not with
`--no-record`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness
from intake_load import desks

DB = os.environ.get("FLOOR_DATABASE", "motcua_floor")
GOAL = 400  # dossiers/s
CORES = os.cpu_count() or 2


# 1. The intake's SQL, captured and turned into pgbench scripts ---------------------------


def intake_body(desk: dict, i: int) -> dict:
    return {
        "procedure": desk["procedures"][i % len(desk["procedures"])],
        "unit": desk["unit"],
        "channel": 1,
        "applicant": {"name": f"Người nộp thử sàn {i:06d}", "phone": f"0913{i:06d}"},
    }


# Tables whose new ids are fed from one statement to the next: their sequences are moved
# far apart, so that an id is never mistaken for another number of the intake (a count, a
# user's id) when the script replaces it with the id returned in its own transaction.
ID_TABLES = (
    "motcua_api_idempotencykey", "dossiers_dossier", "dossiers_dossierevent",
    "dossiers_dossierpartreceived", "notifications_notification",
    "security_auditentry",
)  # fmt: skip


def spread_sequences() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for number, table in enumerate(ID_TABLES, 1):
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, number * 10**8]
            )


def capture(desk_list: list[dict], count: int) -> list[tuple[list[tuple[str, list, list]], str]]:
    """`count` intakes through the API view (Django test client, production settings), each
    as its statements: (sql, params, the row of a one-row `RETURNING id`, else [])."""
    from django.db import connection
    from django.test import Client

    intakes: list[tuple[list[tuple[str, list, list]], str]] = []
    current: list[tuple[str, list, list]] = []

    def record(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        cursor = context["cursor"].cursor
        returned: list = []
        if not many and cursor.description and " RETURNING " in sql:
            rows = cursor.fetchall()
            cursor.scroll(0, mode="absolute")  # the caller reads them again
            names = [column.name for column in cursor.description]
            if len(rows) == 1 and names == ["id"]:
                returned = list(rows[0])
        current.append((sql, list(params or ()), returned))
        return result

    for i in range(count + len(desk_list)):
        desk = desk_list[i % len(desk_list)]
        client = Client(headers={"Authorization": f"Bearer {desk['token']}"})
        current = []
        with connection.execute_wrapper(record):
            response = client.post(
                "/api/v1/dossiers",
                intake_body(desk, i),
                content_type="application/json",
                headers={"Idempotency-Key": str(uuid.uuid4())},
            )
        if response.status_code != 201:
            raise SystemExit(f"intake refused: {response.status_code} {response.content[:300]!r}")
        if i >= len(desk_list):  # the first of each desk warms caches: not typical
            intakes.append((current, response.json()["code"]))
    return intakes


class Inline:
    """Renders captured parameters as SQL literals, through the connection's own adapters,
    with the per-transaction substitutions."""

    def __init__(self, connection, ids: dict[int, str], codes: set[str]):
        from psycopg import sql

        self.sql = sql
        self.raw = connection.connection  # psycopg's, with Django's adapters
        self.ids, self.codes = ids, codes

    def scalar(self, value) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int) and value in self.ids:
            return self.ids[value]
        if isinstance(value, uuid.UUID):
            return "gen_random_uuid()"
        if isinstance(value, str):
            if value in self.codes:  # unique: a fresh one each transaction
                return "md5(random()::text)"
            try:
                uuid.UUID(value)
            except ValueError:
                pass
            else:
                return "gen_random_uuid()::text"
        return self.sql.Literal(value).as_string(self.raw)

    def __call__(self, value) -> str:
        if isinstance(value, (list, tuple)):
            if not value:
                return "'{}'"
            return "ARRAY[" + ", ".join(no_colons(self.scalar(v)) for v in value) + "]"
        return no_colons(self.scalar(value))


QUOTED = re.compile(r"(E?)'((?:[^']|'')*)'")


def no_colons(literal: str) -> str:
    """pgbench reads `:name` anywhere in a command as a variable (a time `23:05:01` too):
    write the colons of string literals as `\\x3a` in an escape string (E'…')."""

    def rewrite(match: re.Match) -> str:
        escaped, body = match.group(1), match.group(2)
        if ":" not in body:
            return match.group(0)
        if not escaped:  # a standard string: its backslashes are plain characters
            body = body.replace("\\", "\\\\")
        return "E'" + body.replace(":", "\\x3a") + "'"

    return QUOTED.sub(rewrite, literal)


# What a received dossier cannot do without, whatever the design: its row under a unique
# code from the agency's daily counter, its receipt events (submit, receive) and the parts
# handed in. Everything else an intake writes (idempotency key, audit, statistics fact and
# rollups, notification outbox, task row) and reads (token, memberships, procedure) is left
# out of the bare script.
BARE_TABLES = ('"dossiers_dossier" ', '"dossiers_dossierevent" ', '"dossiers_dossierpartreceived" ',
               '"dossiers_codecounter" ')  # fmt: skip


def is_bare(sql: str) -> bool:
    return sql.startswith(("INSERT", "UPDATE")) and any(t in sql[:60] for t in BARE_TABLES)


def script(
    statements: list[tuple[str, list, list]], code: str, connection, *, bare: bool = False
) -> str:
    """One intake as a pgbench script (one transaction); `bare`: only the writes no design
    can do without (`BARE_TABLES`)."""
    from motcua.dossiers.codes import is_provisional

    ids: dict[int, str] = {}
    codes = {code}  # and the provisional one the dossier is inserted under, met on the way
    inline = Inline(connection, ids, codes)
    lines = ["BEGIN;"]
    for number, (sql, params, returned) in enumerate(statements, 1):
        if bare and not is_bare(sql):
            continue
        codes.update(v for v in params if isinstance(v, str) and is_provisional(v))
        pieces = sql.split("%s")
        if len(pieces) != len(params) + 1:
            raise SystemExit(f"cannot inline statement {number}: {sql[:120]}")
        text = pieces[0] + "".join(
            inline(v) + rest for v, rest in zip(params, pieces[1:], strict=True)
        )
        text = " ".join(text.split())  # pgbench: one line per SQL command
        if returned:
            lines.append(f"{text} \\gset s{number}_")
            ids[returned[0]] = f":s{number}_id"
        else:
            lines.append(f"{text};")
    lines.append("COMMIT;")
    return "\n".join(lines) + "\n"


def children_cpu() -> float:
    """CPU seconds of this process's ended children (pgbench, wrk): not in /proc once ended."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def per_unit(before: dict, after: dict, generator: float, count: int) -> dict:
    """CPU ms per transaction or request of each role, and of the load generator."""
    out = {role: (after[role] - before[role]) * 1000 / count for role in harness.ROLES}
    out["generator"] = generator * 1000 / count
    return out


def pgbench(scripts: list[Path], clients: int, seconds: int) -> dict:
    """`scripts` run by `clients` connections for `seconds`, after a VACUUM of the tables the
    previous runs rewrote (this server's autovacuum is off)."""
    harness.psql(f"VACUUM (ANALYZE) {', '.join(harness.Autovacuum.TABLES)}", database=DB)
    args = ["pgbench", "-n", "-M", "prepared", "-c", str(clients), "-j", "2", "-T", str(seconds)]
    args += ["-h", "127.0.0.1", "-U", "postgres"]
    for path in scripts:
        args += ["-f", f"{path}@1"]
    args.append(DB)
    before, children = harness.cpu_seconds(), children_cpu()
    done = subprocess.run(args, capture_output=True, text=True)
    after, children = harness.cpu_seconds(), children_cpu() - children
    if done.returncode != 0:
        raise SystemExit(f"pgbench failed:\n{done.stdout}\n{done.stderr}")
    tps = float(re.search(r"tps = ([\d.]+)", done.stdout).group(1))
    count = int(re.search(r"number of transactions actually processed: (\d+)", done.stdout)[1])
    failed = re.search(r"number of failed transactions: (\d+)", done.stdout)
    latency = re.search(r"latency average = ([\d.]+) ms", done.stdout)
    return {
        "clients": clients,
        "tps": tps,
        "count": count,
        "failed": int(failed.group(1)) if failed else 0,
        "latency": float(latency.group(1)) if latency else float("nan"),
        "cpu": per_unit(before, after, children, count),
    }


# 2. The HTTP server alone ----------------------------------------------------------------


def wrk_post(port: int, path: str, body: dict, token: str | None, connections: int,
             seconds: int, tmp: str) -> dict:  # fmt: skip
    """`http_pages.wrk` POSTing `body`, with the CPU of each role per request."""
    from http_pages import wrk

    headers = [f"Authorization: Bearer {token}"] if token else []
    before, children = harness.cpu_seconds(), children_cpu()
    figures = wrk(port, path, connections=connections, seconds=seconds, headers=headers,
                  body=body, tmp=tmp)  # fmt: skip
    after, children = harness.cpu_seconds(), children_cpu() - children
    figures["cpu"] = per_unit(before, after, children, max(figures["requests"], 1))
    figures["connections"] = connections
    return figures


BARE_APP = """
def app(environ, start_response):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    environ["wsgi.input"].read(length)
    start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
    return [b"not found"]
"""


class BareServer(harness.Server):
    """The same granian, options and threads, serving a WSGI application of five lines
    instead of Django: what the HTTP server itself costs per request."""

    def __init__(self, tmp: str, **kwargs):
        super().__init__(DB, **kwargs)
        Path(tmp, "bare_wsgi.py").write_text(BARE_APP)
        self.env = dict(self.env, PYTHONPATH=tmp)

    def command(self) -> list[str]:
        return [*super().command()[:-1], "bare_wsgi:app"]


def status_of(port: int, path: str, body: dict, token: str | None) -> int:
    client = harness.Client(port, token)
    try:
        return client.request("POST", path, body)[0]
    finally:
        client.close()


# ------------------------------------------------------------------------------------------


def fmt_cpu(cpu: dict, roles: tuple[str, ...]) -> str:
    return ", ".join(f"{role} {cpu[role]:.2f}" for role in roles)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--intakes", type=int, default=16, help="distinct intakes replayed")
    parser.add_argument(
        "--clients", default="8,64", help="pgbench connections and wrk connections, e.g. 8,64"
    )
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument(
        "--rounds", type=int, default=2,
        help="each measurement this many times (the machine's speed drifts; the floor takes "
        "the cheapest)",
    )  # fmt: skip
    parser.add_argument("--threads", type=int, default=8, help="granian threads per worker")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    for tool in ("pgbench", "wrk"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed (Debian: apt-get install -y "
                             f"{'postgresql-client' if tool == 'pgbench' else 'wrk'})")  # fmt: skip
    levels = [int(n) for n in args.clients.split(",")]

    harness.WORK.mkdir(parents=True, exist_ok=True)
    print(f"fresh database {DB} (migrate + demo)…", flush=True)
    harness.fresh_database(DB)
    env = harness.server_env(DB)
    os.environ.update(env, ALLOWED_HOSTS="testserver,127.0.0.1")
    harness.setup_django(harness.database_url(DB))
    os.environ["DEBUG"] = "0"
    from django.db import connection
    from django.utils import timezone

    desk_list = desks(timezone.localdate())
    spread_sequences()
    intakes = capture(desk_list, args.intakes)
    statements = len(intakes[0][0])
    results_pg, results_http = [], []
    with tempfile.TemporaryDirectory() as tmp:
        paths: dict[str, list[Path]] = {"whole": [], "bare": []}
        for number, (captured, code) in enumerate(intakes):
            for kind, bare in (("whole", False), ("bare", True)):
                path = Path(tmp) / f"intake{number}-{kind}.sql"
                path.write_text(script(captured, code, connection, bare=bare))
                paths[kind].append(path)
        bare_count = sum(is_bare(sql) for sql, _p, _r in intakes[0][0])
        connection.close()
        print(f"{len(intakes)} intake scripts of {statements} statements ({bare_count} bare); "
              f"the first:\n{paths['whole'][0].read_text()}")  # fmt: skip
        plan = [(c, k) for _ in range(args.rounds) for c in levels for k in ("whole", "bare")]
        for clients, kind in plan:
            figures = pgbench(paths[kind], clients, args.seconds)
            figures["kind"] = kind
            results_pg.append(figures)
            print(
                f"pgbench {kind} {clients} connections: {figures['tps']:.0f} intakes/s, "
                f"{figures['failed']} failed, latency {figures['latency']:.1f} ms; CPU ms per "
                f"intake: {fmt_cpu(figures['cpu'], ('PostgreSQL', 'generator'))} "
                "(generator = pgbench)",
                flush=True,
            )

        server = harness.Server(DB, env=env, threads=args.threads)
        server.start()
        desk = desk_list[0]
        body = intake_body(desk, 999)
        try:
            requests = {  # name: (path, token)
                "refused": ("/api/v1/dossiers", None),
                "trivial": ("/khong-co-trang-nay/", desk["token"]),
                "intake": ("/api/v1/dossiers", desk["token"]),
            }
            statuses = {
                name: status_of(server.port, path, body, token)
                for name, (path, token) in requests.items()
            }
            for connections in [c for _ in range(args.rounds) for c in levels]:
                for name, (path, token) in requests.items():
                    figures = wrk_post(server.port, path, body, token, connections,
                                       args.seconds, tmp)  # fmt: skip
                    figures["name"], figures["status"] = name, statuses[name]
                    results_http.append(figures)
                    print(
                        f"wrk POST {name} ({statuses[name]}), {connections} connections: "
                        f"{figures['rps']:.0f}/s, p50 {figures['p50']:.1f} ms, non-2xx "
                        f"{figures['non2xx']}; CPU ms per request: "
                        f"{fmt_cpu(figures['cpu'], ('server', 'PostgreSQL', 'generator'))} "
                        "(generator = wrk)",
                        flush=True,
                    )
        finally:
            server.stop()
        bare = BareServer(tmp, env=env, threads=args.threads)
        bare.start()
        try:
            status = status_of(bare.port, "/api/v1/dossiers", body, desk["token"])
            for connections in [c for _ in range(args.rounds) for c in levels]:
                figures = wrk_post(bare.port, "/api/v1/dossiers", body, desk["token"],
                                   connections, args.seconds, tmp)  # fmt: skip
                figures["name"], figures["status"] = "wsgi", status
                results_http.append(figures)
                print(
                    f"wrk POST to a bare WSGI app ({status}), {connections} connections: "
                    f"{figures['rps']:.0f}/s; CPU ms per request: "
                    f"{fmt_cpu(figures['cpu'], ('server', 'generator'))} (generator = wrk)",
                    flush=True,
                )
        finally:
            bare.stop()
    text = report(results_pg, results_http, (statements, bare_count), len(intakes), args)
    print(text)
    if not args.no_record:
        harness.write_section("intake-floor", text)


def report(results_pg, results_http, counts, scripts, args) -> str:
    def total(cpu, roles):
        return sum(cpu[r] for r in roles)

    statements, bare_count = counts
    trivial = [r for r in results_http if r["name"] in {"refused", "trivial"}]
    http_best = min(trivial, key=lambda r: total(r["cpu"], ("server", "generator", "PostgreSQL")))
    http_ms = total(http_best["cpu"], ("server", "generator", "PostgreSQL"))
    floors = {}
    for kind in ("whole", "bare"):
        best = min(
            (r for r in results_pg if r["kind"] == kind), key=lambda r: r["cpu"]["PostgreSQL"]
        )
        floors[kind] = best["cpu"]["PostgreSQL"] + http_ms
    lines = [
        "## The intake's floor on this machine (`bench/intake_floor.py`)",
        "",
        f"Command: `.venv/bin/python bench/intake_floor.py --clients {args.clients} "
        f"--seconds {args.seconds} --rounds {args.rounds} --threads {args.threads}`. Each "
        "measurement is made once per round (rows in the order run); the floors below take the "
        f"cheapest. Run on {dt.date.today():%d/%m/%Y}.",
        f"Machine: {harness.machine()}.",
        "",
        f"PostgreSQL alone running the SQL of real intakes ({scripts} intakes captured through "
        f"the API, replayed by `pgbench -M prepared`; no Python runs). *Whole*: all "
        f"{statements} statements of an intake. *Bare*: only the {bare_count} writes no design "
        "can do without (the dossier's row, its two receipt events, its parts, its code "
        "counter); no audit, statistics, notification, idempotency key, token or catalogue read.",
        "",
        "| SQL | connections | intakes/s | failed | latency avg | CPU ms/intake: PostgreSQL "
        "| pgbench |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results_pg:
        lines.append(
            f"| {r['kind']} | {r['clients']} | {r['tps']:.0f} | {r['failed']} "
            f"| {r['latency']:.1f} ms | {r['cpu']['PostgreSQL']:.2f} "
            f"| {r['cpu']['generator']:.2f} |"
        )
    lines += [
        "",
        "The same granian server (production settings, 2 workers × "
        f"{args.threads} threads) answering `wrk` POSTs of an intake's body and token:",
        "",
        "| request | answer | connections | requests/s | p50 | CPU ms/request: granian "
        "| PostgreSQL | wrk |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results_http:
        name = {
            "refused": "the intake's route without credentials (every middleware, routing, "
            "django-ninja's authentication check; no database)",
            "trivial": "the site's 404 page (the trivial view of `bench:http`)",
            "intake": "the intake, `POST /api/v1/dossiers` (no SMS worker)",
            "wsgi": "no Django: a 5-line WSGI application answering 404",
        }[r["name"]]
        lines.append(
            f"| {name} | {r['status']} | {r['connections']} | {r['rps']:.0f} | "
            f"{r['p50']:.1f} ms | {r['cpu']['server']:.2f} | {r['cpu']['PostgreSQL']:.2f} "
            f"| {r['cpu']['generator']:.2f} |"
        )
    budget = CORES * 1000 / GOAL
    lines += [
        "",
        f"- **The goal's budget**: {CORES} cores give {CORES * 1000} ms of CPU a second, so "
        f"{GOAL} intakes/s leave {budget:.1f} ms of CPU per intake for everything.",
        f"- **Floor with the intake's whole SQL: {floors['whole']:.2f} ms** = PostgreSQL "
        f"running it ({floors['whole'] - http_ms:.2f} ms at its cheapest level above) + the "
        f"cheapest request this server answers, with its client ({http_ms:.2f} ms): **at most "
        f"{CORES * 1000 / floors['whole']:.0f} intakes/s** on this machine even if the intake's "
        "own Python cost nothing.",
        f"- **Floor with the bare writes: {floors['bare']:.2f} ms**, at most "
        f"{CORES * 1000 / floors['bare']:.0f} intakes/s: the figure for a design that dropped "
        "the audit trail, the statistics, the notifications and the idempotency of the API, "
        "and still ran no Python of its own.",
    ]
    wsgi = [r for r in results_http if r["name"] == "wsgi"]
    if wsgi:
        wsgi_ms = min(total(r["cpu"], ("server", "generator", "PostgreSQL")) for r in wsgi)
        whole_sql = floors["whole"] - http_ms
        left = budget - whole_sql - wsgi_ms
        lines.append(
            f"- **Without Django at all** (the same granian serving a 5-line WSGI application: "
            f"{wsgi_ms:.2f} ms a request with its client), the whole SQL and the HTTP server "
            f"take {whole_sql + wsgi_ms:.2f} ms of the {budget:.1f} ms, at most "
            f"{CORES * 1000 / (whole_sql + wsgi_ms):.0f} intakes/s, "
            + (
                f"leaving {left:.2f} ms for everything the intake does in Python (reading the "
                "JSON, checking the applicant and the parts, the due date, the answer)."
                if left > 0
                else "before anything the intake does in Python (reading the JSON, checking "
                "the applicant and the parts, the due date, the answer)."
            )
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
