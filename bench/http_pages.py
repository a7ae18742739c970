"""Latency and throughput of the main pages and API calls through the production server, each
as a ratio to a trivial view served by the same server in the same run.

Needs `wrk` (Debian: `apt-get install -y wrk`; the script stops with that hint if it is
missing) and a PostgreSQL database holding generated dossiers, made once with:

    .venv/bin/python bench/http_pages.py --prepare 1000000   # generate, then VACUUM (ANALYZE)
    .venv/bin/python bench/http_pages.py --record            # measure, rewrite BENCHMARKS.md

The database is `motcua_httpbench` unless HTTP_BENCH_DATABASE names another. `--prepare` ends
with VACUUM (ANALYZE): right after the generator's bulk load PostgreSQL has no statistics yet and
plans every page as if the tables were empty (the lookup took 2×, the worklist 3× as long).

The server is granian with the Makefile's `serve` options (2 workers × 8 threads) on a free
loopback port, DEBUG off, with PORTAL_LOOKUP_LIMIT raised so that the lookup's per-address rate
limit (20 per 10 minutes by default) does not answer 429 to the load generator.

Two measurements per target: one connection for the latency of a request alone (p50/p99), and
16 connections for throughput (and p50/p99 under that load). Trivial view: the Django 404 page
(a URL no route matches: the whole middleware stack, a template, no database query); the
static favicon served by granian itself (no Python) is shown for reference.

The Mẫu 01 PDF is measured twice: first printings (the stored slips are emptied before the
run and each request names a dossier not printed yet) and reprints of slips printed once
before the measurement (served from `documents.IssuedSlip`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness

DB = os.environ.get("HTTP_BENCH_DATABASE", "motcua_httpbench")
UNIT = "p-tu-liem-pvhcc"
FIRST_PRINTS = 1500  # more than one run prints (≈ 15 s at ≤ 100/s)
REPRINTS = 200
OFFICER = "motcua.tuliem"
LEADER = "chutich.tuliem"

ROTATE = """
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do paths[#paths + 1] = line end
local i = math.random(#paths)
request = function()
  i = i % #paths + 1
  return wrk.format(nil, paths[i])
end
"""

POST = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = os.getenv("WRK_BODY")
"""


def prepare(count: int) -> None:
    harness.fresh_database(DB)
    env = harness.server_env(DB, DEBUG="1")
    harness.manage(DB, "generate", "--dossiers", str(count), env=env, quiet=False)
    # VACUUM as well: autovacuum may be slow to reach freshly loaded tables, and the index-only
    # scans (the slip book's number, the worklist counts) need the visibility map it sets.
    harness.psql("VACUUM (ANALYZE)", database=DB)


def credentials() -> dict:
    """Tokens, a leader's session cookie, and the paths to rotate through."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from motcua.catalog.models import DossierPart
    from motcua.catalog.selectors import versions_in_force
    from motcua.dossiers.models import Dossier
    from motcua.organization.tokens import mint_token

    users = get_user_model().objects
    officer, leader = users.get(username=OFFICER), users.get(username=LEADER)
    sessions = {}
    for user in (leader, officer):
        client = Client()
        client.force_login(user)
        sessions[user.username] = client.cookies[settings.SESSION_COOKIE_NAME].value
    lookups = list(
        Dossier.objects.exclude(applicant_phone="")
        .order_by("?")
        .values_list("code", "applicant_phone")[:2000]
    )
    slips = list(
        Dossier.objects.filter(receiving_unit__code=UNIT, received_at__isnull=False)
        .order_by("?")
        .values_list("code", flat=True)[: FIRST_PRINTS + REPRINTS]
    )
    version = (
        versions_in_force(dt.date.today())
        .filter(receiving_units__code=UNIT)
        .order_by("procedure__code")
        .first()
    )
    return {
        "officer": mint_token(user=officer, name="http bench")[0],
        "leader": mint_token(user=leader, name="http bench")[0],
        "session": sessions[LEADER],
        "officer_session": sessions[OFFICER],
        "lookups": lookups,
        "slips": slips[:FIRST_PRINTS],
        "reprints": slips[FIRST_PRINTS:],
        "procedure": version.procedure.code,
        "parts": DossierPart.objects.filter(version=version).count(),
    }


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def parse(output: str) -> dict:
    def latency(label: str) -> float:
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M)
        return float(match.group(1)) * UNITS[match.group(2)] if match else float("nan")

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    return {
        "p50": latency("50"),
        "p99": latency("99"),
        "rps": float(rps.group(1)) if rps else 0.0,
        "requests": int(total.group(1)) if total else 0,
        "non2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(1).strip() if errors else "",
    }


def wrk(port, path, *, connections, seconds, headers=(), paths=None, body=None, tmp=None):
    args = ["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{seconds}s"]
    args += ["--latency", "--timeout", "10s"]
    env = dict(os.environ)
    for header in headers:
        args += ["-H", header]
    if paths is not None:
        listing = Path(tmp) / "paths.txt"
        listing.write_text("\n".join(paths) + "\n")
        script = Path(tmp) / "rotate.lua"
        script.write_text(ROTATE)
        env["WRK_PATHS"] = str(listing)
        args += ["-s", str(script)]
    if body is not None:
        script = Path(tmp) / "post.lua"
        script.write_text(POST)
        env["WRK_BODY"] = json.dumps(body)
        args += ["-s", str(script)]
    args.append(f"http://127.0.0.1:{port}{path}")
    done = subprocess.run(args, check=True, capture_output=True, text=True, env=env)
    return parse(done.stdout)


def targets(creds: dict) -> list[dict]:
    officer = f"Authorization: Bearer {creds['officer']}"
    leader = f"Authorization: Bearer {creds['leader']}"
    year = dt.date.today().year
    return [
        {"name": "static favicon (granian, no Python)", "path": "/static/core/favicon.svg"},
        {"name": "404 page (trivial Django view)", "path": "/khong-co-trang-nay/", "base": True},
        {
            "name": "public lookup by code + phone",
            "path": "/api/v1/public/lookup",
            "paths": [f"/api/v1/public/lookup?code={c}&phone={p}" for c, p in creds["lookups"]],
        },
        {
            "name": f"staff worklist, one unit, 50 rows ({UNIT})",
            "path": f"/api/v1/dossiers?limit=50&unit={UNIT}",
            "headers": [officer],
        },
        {
            "name": "desk worklist page, 50 rows (/can-bo/ho-so/)",
            "path": "/can-bo/ho-so/",
            "headers": [f"Cookie: sessionid={creds['officer_session']}"],
        },
        {
            "name": "desk intake (POST /api/v1/dossiers)",
            "path": "/api/v1/dossiers",
            "headers": [officer],
            "body": {
                "procedure": creds["procedure"],
                "unit": UNIT,
                "channel": 1,
                "applicant": {"name": "Người nộp đo tải", "phone": "0912345678"},
            },
            "expect": 201,
        },
        {
            "name": "statistics dashboard page (/can-bo/thong-ke/)",
            "path": "/can-bo/thong-ke/",
            "headers": [f"Cookie: sessionid={creds['session']}"],
        },
        {
            "name": f"statistics API (GET /api/v1/stats, year {year})",
            "path": f"/api/v1/stats?from={year}-01-01&to={year}-12-31",
            "headers": [leader],
        },
        {
            "name": f"scorecard API (GET /api/v1/scorecard?period={year})",
            "path": f"/api/v1/scorecard?period={year}",
            "headers": [leader],
        },
        {
            "name": "Mẫu 01 PDF, first printing (receipt slip)",
            "path": "/api/v1/dossiers/{code}/slips/receipt.pdf",
            "headers": [officer],
            "paths": [f"/api/v1/dossiers/{c}/slips/receipt.pdf" for c in creds["slips"]],
            "once": True,
        },
        {
            "name": "Mẫu 01 PDF, reprint (stored)",
            "path": "/api/v1/dossiers/{code}/slips/receipt.pdf",
            "headers": [officer],
            "paths": [f"/api/v1/dossiers/{c}/slips/receipt.pdf" for c in creds["reprints"]],
            "warm": True,
        },
    ]


def check_status(port: int, target: dict) -> int:
    """The status of one request; with `warm`, every rotated path is requested once first.

    A `once` target (first printings) is checked on a path of its own, kept out of the run.
    """
    client = harness.Client(port)
    for header in target.get("headers", []):
        key, value = header.split(": ", 1)
        client.headers[key] = value
    paths = target.get("paths") or [target["path"]]
    path = target["paths"].pop() if target.get("once") else paths[0]
    status, _ = client.request("POST" if "body" in target else "GET", path, target.get("body"))
    for other in paths[1:] if target.get("warm") else ():
        client.request("GET", other)
    client.close()
    return status


def in_process(creds: dict, rounds: int, only: str | None = None, show_queries: int = 0) -> None:
    """Each GET target through Django's test client in this process: the time the server
    spends on one request, without wrk, granian or the other requests competing."""
    import logging
    import statistics
    import time

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    logging.getLogger("django.request").setLevel(logging.ERROR)  # not each 404
    for target in targets(creds):
        if "body" in target or target["path"].startswith("/static/"):
            continue
        if only and not target.get("base") and only not in target["name"]:
            continue
        client, extra = Client(SERVER_NAME="127.0.0.1"), {}
        for header in target.get("headers", []):
            key, value = header.split(": ", 1)
            if key == "Cookie":
                name, _eq, cookie = value.partition("=")
                client.cookies[name] = cookie
            else:
                extra["HTTP_" + key.upper().replace("-", "_")] = value
        paths = target.get("paths") or [target["path"]]
        if target.get("warm"):
            for path in paths[: rounds + 1]:
                client.get(path, **extra)
        times, counts, statuses = [], set(), set()
        for i in range(rounds + 1):
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(paths[i % len(paths)], **extra)
                elapsed = (time.perf_counter() - start) * 1000
            if i:  # the first request of each target warms its code paths
                times.append(elapsed)
                counts.add(len(queries))
                statuses.add(response.status_code)
        times.sort()
        print(
            f"{target['name']}: in-process p50 {statistics.median(times):.1f} ms, p99 "
            f"{times[int(len(times) * 0.99) - 1]:.1f} ms over {rounds}; queries "
            f"{'/'.join(map(str, sorted(counts)))}; HTTP {'/'.join(map(str, sorted(statuses)))}",
            flush=True,
        )
        if show_queries:  # the last request's statements, slowest first, with their time
            spent = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))
            total = sum(float(q["time"]) for q in spent) * 1000
            print(f"  SQL {total:.1f} ms of {elapsed:.1f} ms:")
            for query in spent[:show_queries]:
                print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:400]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--prepare", type=int, metavar="N", help="fresh database, N dossiers")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--record", action="store_true")
    parser.add_argument("--threads", type=int, default=8, help="granian threads per worker")
    parser.add_argument("--only", help="targets whose name contains this (plus the baseline)")
    parser.add_argument(
        "--show-queries", type=int, default=0, metavar="K",
        help="with --in-process: the K slowest statements of each target's last request",
    )  # fmt: skip
    parser.add_argument(
        "--in-process", type=int, metavar="N", help="instead: N requests per GET target in-process"
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    if args.prepare:
        prepare(args.prepare)
    env = harness.server_env(DB, PORTAL_LOOKUP_LIMIT=str(10**9))
    # The leader's session is signed with the server's key (the session auth hash uses it).
    os.environ["SECRET_KEY"] = env["SECRET_KEY"]
    for name in ("PORTAL_LOOKUP_LIMIT", "MEDIA_ROOT"):  # for --in-process
        os.environ[name] = env[name]
    harness.setup_django(harness.database_url(DB))
    from django.db import connection

    from motcua.dossiers.models import Dossier

    dossiers = Dossier.objects.count()
    creds = credentials()
    with connection.cursor() as cursor:  # first printings print: no slip is stored yet
        cursor.execute("TRUNCATE documents_issuedslip")
    if args.in_process:
        in_process(creds, args.in_process, args.only, args.show_queries)
        return
    connection.close()
    server = harness.Server(DB, env=env, threads=args.threads)
    server.start()
    results = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for target in targets(creds):
                if args.only and not target.get("base") and args.only not in target["name"]:
                    continue
                status = check_status(server.port, target)
                options = {
                    "headers": target.get("headers", ()),
                    "paths": target.get("paths"),
                    "body": target.get("body"),
                    "tmp": tmp,
                }
                paths = options["paths"]
                if target.get("once"):  # first printings: the two runs print different slips
                    options["paths"] = paths[: len(paths) // 3]
                alone = wrk(server.port, target["path"], connections=1, seconds=5, **options)
                if target.get("once"):
                    options["paths"] = paths[len(paths) // 3 :]
                loaded = wrk(server.port, target["path"], connections=args.connections,
                             seconds=args.seconds, **options)  # fmt: skip
                results.append((target, status, alone, loaded))
                print(
                    f"{target['name']}: status {status}; alone p50 {alone['p50']:.1f} ms p99 "
                    f"{alone['p99']:.1f} ms; {args.connections} conns {loaded['rps']:.0f}/s "
                    f"p50 {loaded['p50']:.1f} ms p99 {loaded['p99']:.1f} ms; non-2xx "
                    f"{alone['non2xx'] + loaded['non2xx']} {loaded['socket_errors']}",
                    flush=True,
                )
    finally:
        server.stop()
    if args.record:
        record(results, dossiers, args)


def record(results, dossiers, args) -> None:
    base = next(loaded for target, _s, _a, loaded in results if target.get("base"))
    lines = [
        "## Pages and API through granian (`bench/http_pages.py`)",
        "",
        f"- PostgreSQL holding **{dossiers:,} dossiers** (demo + `motcua generate`, received "
        f"over the last year, then VACUUM (ANALYZE)). granian 2 workers × {args.threads} threads, "
        "DEBUG off, "
        f"PORTAL_LOOKUP_LIMIT raised for the run; wrk on the same 2 cores.",
        f"- *Alone*: one connection, 5 s. *Loaded*: {args.connections} connections, "
        f"{args.seconds} s. Ratio = loaded throughput ÷ that of the trivial view (the Django "
        f"404 page) in the same run. The lookup cycles through 2,000 dossiers; the PDF first "
        f"printings through {FIRST_PRINTS:,} dossiers never printed before (the stored slips "
        f"are emptied at the start), the reprints through {REPRINTS} slips printed once just "
        f"before.",
        "",
        "| Target | alone p50 | alone p99 | loaded req/s | ratio | loaded p50 | loaded p99 "
        "| non-2xx |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for target, status, alone, loaded in results:
        ratio = loaded["rps"] / base["rps"] if base["rps"] else float("nan")
        bad = alone["non2xx"] + loaded["non2xx"]
        lines.append(
            f"| {target['name']} (HTTP {status}) | {alone['p50']:.1f} ms | {alone['p99']:.1f} ms "
            f"| {loaded['rps']:.0f} | {ratio:.3f} | {loaded['p50']:.1f} ms "
            f"| {loaded['p99']:.1f} ms | {bad} |"
        )
    named = f"HTTP_BENCH_DATABASE={DB} " if "HTTP_BENCH_DATABASE" in os.environ else ""
    lines += [
        "",
        "- Goals of the issue: lookup ≥ 0.5 of the trivial view's throughput and p99 < 25 ms; "
        "worklist p50 < 30 ms; desk intake ≥ 400 dossiers/s; Mẫu 01 PDF p50 < 150 ms. Compare "
        "with the *alone* columns for latency, the ratio for throughput.",
        f"- Date: {dt.date.today():%d/%m/%Y}. Machine: {harness.machine()}.",
        f"- Reproduce: `{named}.venv/bin/python bench/http_pages.py --prepare "
        f"{round(dossiers, -4) or dossiers}` once, then "
        f"`{named}.venv/bin/python bench/http_pages.py --seconds {args.seconds} --connections "
        f"{args.connections} --record`",
    ]
    harness.write_section("http", "\n".join(lines))


if __name__ == "__main__":
    main()
