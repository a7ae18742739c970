"""Two application servers behind nginx, as docs/scaling.md (section 1) describes: sessions and
tokens work on either server, the public lookup's rate limit is shared only with a shared cache,
one server killed mid-load costs no GET, and retried intakes with an Idempotency-Key are stored
once.

    .venv/bin/python bench/multi_server.py --record

Needs nginx (Debian: `apt-get install -y nginx-light`; the script says so when it is missing),
PostgreSQL at 127.0.0.1:5432 (database `motcua_multi`, recreated). Two granian instances (one
worker × 8 threads each) on free loopback ports, and an nginx of its own (own prefix under
BENCH_WORKDIR, free port, `proxy_next_upstream error timeout` as nginx has by default).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import secrets
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness

DB = "motcua_multi"
UNIT, OFFICER = "p-tu-liem-pvhcc", "motcua.tuliem"
LIMIT = 10
SECRET = secrets.token_urlsafe(50)  # one SECRET_KEY for both servers and this script

NGINX_CONF = """
worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    upstream motcua_app {{
        server 127.0.0.1:{a} max_fails=1 fail_timeout=5s;
        server 127.0.0.1:{b} max_fails=1 fail_timeout=5s;
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://motcua_app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_connect_timeout 2s;
        }}
    }}
}}
"""


class Nginx:
    def __init__(self, a: int, b: int):
        self.port = harness.free_port()
        self.prefix = harness.WORK / "nginx-multi"
        self.a, self.b = a, b
        self.proc = None

    def start(self) -> None:
        shutil.rmtree(self.prefix, ignore_errors=True)
        self.prefix.mkdir(parents=True)
        conf = self.prefix / "nginx.conf"
        conf.write_text(NGINX_CONF.format(prefix=self.prefix, a=self.a, b=self.b, port=self.port))
        self.proc = subprocess.Popen(
            ["nginx", "-c", str(conf), "-p", str(self.prefix)], start_new_session=True
        )
        for _ in range(50):
            status, _ = harness.Client(self.port).request("GET", "/static/core/favicon.svg")
            if status == 200:
                return
            time.sleep(0.1)
        raise SystemExit(f"nginx did not answer; see {self.prefix}/error.log")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def env(cache: str) -> dict:
    extra = {
        "SECRET_KEY": SECRET,
        "SECURITY_TRUSTED_PROXIES": "1",
        "PORTAL_LOOKUP_LIMIT": str(LIMIT),
        "PORTAL_LOOKUP_WINDOW": "600",
    }
    if cache == "database":
        extra.update(
            CACHE_BACKEND="django.core.cache.backends.db.DatabaseCache",
            CACHE_LOCATION="motcua_cache",
        )
    return harness.server_env(DB, **extra)


def credentials() -> dict:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connections
    from django.test import Client

    from motcua.catalog.selectors import versions_in_force
    from motcua.dossiers.models import Dossier
    from motcua.organization.tokens import mint_token

    officer = get_user_model().objects.get(username=OFFICER)
    client = Client()
    client.force_login(officer)
    version = (
        versions_in_force(dt.date.today())
        .filter(receiving_units__code=UNIT)
        .order_by("procedure__code")
        .first()
    )
    lookup = Dossier.objects.exclude(applicant_phone="").values_list("code", "applicant_phone")[0]
    result = {
        "session": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "token": mint_token(user=officer, name="multi-server bench")[0],
        "procedure": version.procedure.code,
        "lookup": lookup,
    }
    connections.close_all()
    return result


def pair(cache: str) -> tuple[harness.Server, harness.Server, Nginx]:
    a = harness.Server(DB, workers=1, env=env(cache))
    b = harness.Server(DB, workers=1, env=env(cache))
    a.log = harness.WORK / "granian-multi-a.log"
    b.log = harness.WORK / "granian-multi-b.log"
    a.start()
    b.start()
    proxy = Nginx(a.port, b.port)
    proxy.start()
    return a, b, proxy


def stop(*processes) -> None:
    for process in processes:
        process.stop()


def statuses(port: int, path: str, count: int, headers: dict | None = None) -> Counter:
    client = harness.Client(port)
    client.headers.update(headers or {})
    got = Counter(client.request("GET", path)[0] for _ in range(count))
    client.close()
    return got


def lookups_through(proxy: Nginx, data: dict, count: int) -> Counter:
    code, phone = data["lookup"]
    return statuses(proxy.port, f"/api/v1/public/lookup?code={code}&phone={phone}", count)


def clear_cache() -> None:
    harness.psql("DELETE FROM motcua_cache", database=DB)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--record", action="store_true")
    parser.add_argument("--intakes", type=int, default=60)
    args = parser.parse_args()
    if shutil.which("nginx") is None:
        raise SystemExit("nginx is not installed: apt-get install -y nginx-light")

    harness.fresh_database(DB)
    harness.manage(DB, "createcachetable", env=env("database"))
    harness.setup_django(harness.database_url(DB), SECRET_KEY=SECRET)
    data = credentials()
    cookie = {"Cookie": f"sessionid={data['session']}"}
    bearer = {"Authorization": f"Bearer {data['token']}"}
    worklist = f"/api/v1/dossiers?limit=50&unit={UNIT}"
    lines = []

    # 1. Per-process cache: each server counts its own lookups.
    a, b, proxy = pair("locmem")
    try:
        local_limit = lookups_through(proxy, data, 4 * LIMIT)
    finally:
        stop(proxy, a, b)

    # 2. Shared cache (the database table): one count for both servers.
    clear_cache()
    a, b, proxy = pair("database")
    outage, intakes, stored = Counter(), Counter(), {}
    try:
        shared_limit = lookups_through(proxy, data, 4 * LIMIT)
        sessions = {
            "server A": statuses(a.port, "/can-bo/", 5, cookie),
            "server B": statuses(b.port, "/can-bo/", 5, cookie),
            "nginx": statuses(proxy.port, "/can-bo/", 10, cookie),
            "nginx without the cookie": statuses(proxy.port, "/can-bo/", 2),
        }
        tokens = {
            "server A": statuses(a.port, worklist, 5, bearer),
            "server B": statuses(b.port, worklist, 5, bearer),
            "nginx": statuses(proxy.port, worklist, 10, bearer),
        }

        # 3. Server B killed while GETs and intakes go on through nginx.
        done = threading.Event()

        def reader():
            client = harness.Client(proxy.port)
            client.headers.update(bearer)
            while not done.is_set():
                outage[client.request("GET", worklist)[0]] += 1
            client.close()

        def writer():
            client = harness.Client(proxy.port, token=data["token"])
            for i in range(args.intakes):
                key = str(uuid.uuid4())
                client.headers["Idempotency-Key"] = key
                body = {
                    "procedure": data["procedure"],
                    "unit": UNIT,
                    "channel": 1,
                    "applicant": {"name": f"Người nộp {i}", "phone": "0912345678"},
                }
                for _attempt in range(10):
                    status, content = client.request("POST", "/api/v1/dossiers", body)
                    intakes[status] += 1
                    if status == 201:
                        stored[key] = json.loads(content)["code"]
                        break
                    time.sleep(0.2)  # 502/503/connection lost: the same key again
            client.close()

        threads = [threading.Thread(target=reader), threading.Thread(target=writer)]
        for thread in threads:
            thread.start()
        time.sleep(3)
        b.kill9()
        killed_at = time.monotonic()
        threads[1].join()
        done.set()
        threads[0].join()
        after_kill = time.monotonic() - killed_at
    finally:
        stop(proxy, a, b)

    codes = harness.psql(
        "SELECT count(*), count(DISTINCT code) FROM dossiers_dossier "
        "WHERE applicant_name LIKE 'Người nộp %'",
        database=DB,
        capture=True,
    ).strip()

    def show(counter) -> str:
        return ", ".join(f"{k}: {v}" for k, v in sorted(counter.items()))

    lines += [
        "## Two application servers behind nginx (`bench/multi_server.py`)",
        "",
        "- Two granian instances (1 worker × 8 threads each, the same environment and "
        "`SECRET_KEY`) behind an nginx upstream with both (`max_fails=1 fail_timeout=5s`), "
        f"PostgreSQL `{DB}` with the demo; `SECURITY_TRUSTED_PROXIES=1`.",
        f"- Public lookup limit {LIMIT} per 10 minutes, {4 * LIMIT} lookups from one address "
        "through nginx:",
        f"  - `CACHE_BACKEND` per process (LocMemCache, the default): {show(local_limit)} — "
        "each server counts alone, so the address gets twice the limit;",
        f"  - `CACHE_BACKEND` = DatabaseCache (`createcachetable`): {show(shared_limit)} — one "
        "count for both servers.",
        "- A staff session made once is accepted by either server: "
        + "; ".join(f"{where} {show(got)}" for where, got in sessions.items())
        + ". An API token likewise: "
        + "; ".join(f"{where} {show(got)}" for where, got in tokens.items())
        + ".",
        "- Server B killed (`kill -9`) 3 s into a load of back-to-back worklist GETs and "
        f"{args.intakes} intakes through nginx, each intake retried with its Idempotency-Key "
        f"until a 201: GET answers {show(outage)}; intake answers {show(intakes)}; "
        f"{len(stored)} intakes acknowledged, dossiers stored (count, distinct codes): "
        f"{codes.replace('|', ', ')}; the load ran {after_kill:.1f} s after the kill.",
        "- nginx retries a GET whose server failed on the other one (`proxy_next_upstream error "
        "timeout`, its default); it does not retry a POST that may have reached the server, so "
        "the client retries it, and the key makes that safe.",
        f"- Date: {dt.date.today():%d/%m/%Y}. Machine: {harness.machine()}.",
        "- Reproduce: `.venv/bin/python bench/multi_server.py --record`",
    ]
    text = "\n".join(lines)
    print(text)
    if args.record:
        harness.write_section("multi-server", text)


if __name__ == "__main__":
    main()
