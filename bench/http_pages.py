"""Latency and throughput of the main pages and API calls through the production server, each
as a ratio to a trivial view served by the same server in the same run.

Needs `wrk` (Debian: `apt-get install -y wrk`; the script stops with that hint if it is
missing) and a PostgreSQL database holding generated dossiers, made once with:

    .venv/bin/python bench/http_pages.py --prepare 50000     # migrate + demo + motcua generate
    .venv/bin/python bench/http_pages.py --record            # measure, rewrite BENCHMARKS.md

The server is granian with the Makefile's `serve` options (2 workers × 8 threads) on a free
loopback port, DEBUG off, with PORTAL_LOOKUP_LIMIT raised so that the lookup's per-address rate
limit (20 per 10 minutes by default) does not answer 429 to the load generator.

Two measurements per target: one connection for the latency of a request alone (p50/p99), and
16 connections for throughput (and p50/p99 under that load). Trivial view: the Django 404 page
(a URL no route matches: the whole middleware stack, a template, no database query); the
static favicon served by granian itself (no Python) is shown for reference.
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


def setup_django():
    os.environ["DATABASE_URL"] = harness.database_url(DB)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    os.environ.setdefault("DEBUG", "1")
    sys.path.insert(0, str(harness.ROOT / "src"))
    import django

    django.setup()


def credentials() -> dict:
    """Tokens, a leader's session cookie, and the paths to rotate through."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from motcua.catalog.models import DossierPart
    from motcua.catalog.selectors import versions_in_force
    from motcua.dossiers.models import Dossier
    from motcua.organization.tokens import mint_token

    users = get_user_model().objects
    officer, leader = users.get(username=OFFICER), users.get(username=LEADER)
    client = Client()
    client.force_login(leader)
    from django.conf import settings

    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    lookups = list(
        Dossier.objects.exclude(applicant_phone="")
        .order_by("?")
        .values_list("code", "applicant_phone")[:2000]
    )
    slips = list(
        Dossier.objects.filter(receiving_unit__code=UNIT, received_at__isnull=False)
        .order_by("?")
        .values_list("code", flat=True)[:500]
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
        "session": session,
        "lookups": lookups,
        "slips": slips,
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
            "name": "Mẫu 01 PDF (receipt slip)",
            "path": "/api/v1/dossiers/{code}/slips/receipt.pdf",
            "headers": [officer],
            "paths": [f"/api/v1/dossiers/{c}/slips/receipt.pdf" for c in creds["slips"]],
        },
    ]


def check_status(port: int, target: dict) -> int:
    client = harness.Client(port)
    for header in target.get("headers", []):
        key, value = header.split(": ", 1)
        client.headers[key] = value
    path = target["paths"][0] if target.get("paths") else target["path"]
    status, _ = client.request("POST" if "body" in target else "GET", path, target.get("body"))
    client.close()
    return status


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--prepare", type=int, metavar="N", help="fresh database, N dossiers")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--record", action="store_true")
    parser.add_argument("--only", help="targets whose name contains this (plus the baseline)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    if args.prepare:
        prepare(args.prepare)
    env = harness.server_env(DB, PORTAL_LOOKUP_LIMIT=str(10**9))
    # The leader's session is signed with the server's key (the session auth hash uses it).
    os.environ["SECRET_KEY"] = env["SECRET_KEY"]
    setup_django()
    from django.db import connection

    from motcua.dossiers.models import Dossier

    dossiers = Dossier.objects.count()
    creds = credentials()
    connection.close()
    server = harness.Server(DB, env=env)
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
                alone = wrk(server.port, target["path"], connections=1, seconds=5, **options)
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
        f"- PostgreSQL holding **{dossiers:,} dossiers** (demo + `motcua generate --dossiers "
        f"50000`, received over the last year; the issue's 1,000,000 was not generated: the "
        f"generator runs at ≈1,000 dossiers/s). granian 2 workers × 8 threads, DEBUG off, "
        f"PORTAL_LOOKUP_LIMIT raised for the run; wrk on the same 2 cores.",
        f"- *Alone*: one connection, 5 s. *Loaded*: {args.connections} connections, "
        f"{args.seconds} s. Ratio = loaded throughput ÷ that of the trivial view (the Django "
        f"404 page) in the same run. Rotating targets (lookup, PDF) cycle through 2,000 and "
        f"500 different dossiers.",
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
    lines += [
        "",
        "- Goals of the issue: lookup ≥ 0.5 of the trivial view's throughput and p99 < 25 ms; "
        "worklist p50 < 30 ms; desk intake ≥ 400 dossiers/s; Mẫu 01 PDF p50 < 150 ms. Compare "
        "with the *alone* columns for latency, the ratio for throughput.",
        f"- Date: {dt.date.today():%d/%m/%Y}. Machine: {harness.machine()}.",
        f"- Reproduce: `.venv/bin/python bench/http_pages.py --prepare 50000` once, then "
        f"`.venv/bin/python bench/http_pages.py --seconds {args.seconds} --connections "
        f"{args.connections} --record`",
    ]
    harness.write_section("http", "\n".join(lines))


if __name__ == "__main__":
    main()
