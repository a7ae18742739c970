"""What the HTTP benchmarks and the fault runs share: a fresh PostgreSQL database, the production
server (granian, WSGI, as `make serve` starts it) on a free loopback port, the task worker, a
keep-alive HTTP client, percentiles and the BENCHMARKS.md section writer.

Only 127.0.0.1 is ever contacted; every process started here is stopped by its own pid.
"""

from __future__ import annotations

import http.client
import json
import os
import platform
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG = "postgres://postgres@127.0.0.1:5432/"
WORK = Path(os.environ.get("BENCH_WORKDIR", "/tmp/motcua-bench"))


def database_url(name: str) -> str:
    return PG + name


def psql(*commands: str, database: str = "postgres", capture: bool = False) -> str:
    args = ["psql", "-X", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", database]
    if capture:
        args += ["-A", "-t"]
    for command in commands:
        args += ["-c", command]
    done = subprocess.run(args, check=True, capture_output=capture, text=True)
    return done.stdout if capture else ""


def server_env(database: str, **extra: str) -> dict[str, str]:
    """The environment of a production process (DEBUG off, plain HTTP on loopback)."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url(database),
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=str(WORK / "static"),
        MEDIA_ROOT=str(WORK / f"media-{database}"),
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        NOTIFY_ATTACH_SLIPS="0",
        LOG_LEVEL="WARNING",
        MOTCUA_HOME=str(ROOT),
    )
    env.update(extra)
    return env


def setup_django(url: str, **environ: str) -> None:
    """Django in this process (DEBUG on), on the database at `url`, with `environ` set first."""
    os.environ.update(DATABASE_URL=url, **environ)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    os.environ.setdefault("DEBUG", "1")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def manage(database: str, *args: str, env: dict | None = None, quiet: bool = True) -> None:
    env = env or server_env(database)
    out = subprocess.DEVNULL if quiet else None
    subprocess.run([str(BIN / "motcua"), *args], check=True, env=env, stdout=out)


def fresh_database(name: str) -> None:
    """Drop and recreate `name`, migrate it and load the demo (units, procedures, staff)."""
    if name in {"motcua_ci", "motcua_bench"} or name.startswith("test_"):
        raise SystemExit(f"refusing to recreate {name}")
    psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}")
    env = server_env(name, DEBUG="1")
    manage(name, "migrate", "--no-input", "-v0", env=env)
    manage(name, "demo", env=env)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ProcessGroup:
    """A process started in its own group (`start_new_session`), so that signals reach its
    children too (granian's workers)."""

    proc: subprocess.Popen | None = None
    stop_timeout: float = 15

    def kill9(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=self.stop_timeout)
            except subprocess.TimeoutExpired:
                self.kill9()


class Server(ProcessGroup):
    """granian serving motcua.wsgi with the Makefile's `serve` options."""

    def __init__(self, database: str, *, workers: int = 2, threads: int = 8, env=None):
        self.database = database
        self.port = free_port()
        self.workers = workers
        self.threads = threads
        self.env = env or server_env(database)
        self.proc: subprocess.Popen | None = None
        self.log = WORK / f"granian-{database}.log"

    def command(self) -> list[str]:
        return [
            str(BIN / "granian"), "--interface", "wsgi", "--host", "127.0.0.1",
            "--port", str(self.port), "--workers", str(self.workers),
            "--blocking-threads", str(self.threads),
            "--static-path-route", "/static", "--static-path-mount", self.env["STATIC_ROOT"],
            "motcua.wsgi:application",
        ]  # fmt: skip

    def start(self, timeout: float = 60) -> None:
        WORK.mkdir(parents=True, exist_ok=True)
        if not Path(self.env["STATIC_ROOT"], "core").exists():
            manage(self.database, "collectstatic", "--no-input", "-v0", env=self.env)
        with self.log.open("ab") as log:
            # Own process group: kill -9 reaches granian's workers too.
            self.proc = subprocess.Popen(
                self.command(), env=self.env, stdout=log, stderr=log, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/static/core/favicon.svg")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                pass
            if self.proc.poll() is not None:
                raise SystemExit(f"granian exited; see {self.log}")
            time.sleep(0.2)
        raise SystemExit(f"granian did not answer in {timeout} s; see {self.log}")


class Worker(ProcessGroup):
    """`motcua db_worker` (the notifications' task worker); its log holds every SMS it sends."""

    stop_timeout = 20

    def __init__(self, database: str, env: dict, log: Path):
        self.database = database
        self.env = env
        self.log = log
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        env = dict(self.env, LOG_LEVEL="INFO")
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [str(BIN / "motcua"), "db_worker", "--interval", "0.2", "--no-startup-delay"],
                env=env,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )


class Autovacuum:
    """Stands in for PostgreSQL's autovacuum where the server has it turned off (this
    machine's does; a production server must not, docs/postgresql.md): `VACUUM (ANALYZE)` of
    the tables a load rewrites all the time, every `interval` seconds, in a thread. Without
    it the task queue's planner statistics stay those of an empty table and its dead rows
    pile up: the worker took 64 ms to pick each task (8 tasks/s) after 30,000 intakes."""

    TABLES = (
        "django_tasks_database_dbtaskresult",
        "notifications_notification",
        "dossiers_codecounter",
        "motcua_api_idempotencykey",
        "reports_dailyrollup",
        "reports_monthlyrollup",
        "reports_unitdailyrollup",
        "reports_unitmonthlyrollup",
        "reports_versionmonthlyrollup",
    )

    def __init__(self, database: str, interval: float = 30.0):
        import threading

        self.database = database
        self.interval = interval
        self.runs = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self.needed = psql("SHOW autovacuum", database=database, capture=True).strip() != "on"

    def start(self) -> Autovacuum:
        if self.needed:
            self._thread.start()
        return self

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                psql(f"VACUUM (ANALYZE) {', '.join(self.TABLES)}", database=self.database)
                self.runs += 1
            except subprocess.CalledProcessError:  # the server is down (a fault run): next time
                pass

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=60)

    def note(self) -> str:
        if not self.needed:
            return ""
        return (
            f"autovacuum is off on this PostgreSQL server: the script ran VACUUM (ANALYZE) of the "
            f"task queue, notification, code counter, idempotency key and rollup tables every "
            f"{self.interval:.0f} s in its stead ({self.runs} times)"
        )


class Client:
    """One keep-alive connection; reconnects after a refused or broken one."""

    def __init__(self, port: int, token: str | None = None, timeout: float = 30):
        self.port = port
        self.timeout = timeout
        self.headers = {"Host": "127.0.0.1"}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"
        self.conn: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body=None) -> tuple[int, bytes]:
        """(status, body); status -1 when the connection was refused (nothing was sent), 0 when
        it failed after the request may have reached the server (reset, timed out)."""
        headers = dict(self.headers)
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            self.conn.request(method, path, body=data, headers=headers)
        except ConnectionRefusedError:
            self.close()
            return -1, b""
        except (OSError, http.client.HTTPException):
            self.close()
            return 0, b""
        try:
            response = self.conn.getresponse()
            content = response.read()
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            return response.status, content
        except (OSError, http.client.HTTPException):
            self.close()
            return 0, b""

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


SAME_MACHINE = "PostgreSQL 15 and the load generator on the same machine"
DATABASE_HERE = "PostgreSQL 15 on the same machine"


def machine(tail: str | None = SAME_MACHINE) -> str:
    """The machine line of a BENCHMARKS.md section: cores, OS, Python, then `tail`."""
    release = "unknown OS"
    os_release = Path("/etc/os-release")
    if os_release.exists():
        match = re.search(r'^PRETTY_NAME="?([^"\n]+)', os_release.read_text(), re.M)
        if match:
            release = match.group(1)
    line = f"{os.cpu_count()} cores ({platform.machine()}), {release}"
    line += f", Python {platform.python_version()}"
    return f"{line}, {tail}" if tail else line


def write_section(name: str, text: str, path: Path | None = None) -> None:
    """Replace (or append) the `<!-- bench:NAME:... -->` section of BENCHMARKS.md, leaving
    every other section as it is."""
    path = path or ROOT / "BENCHMARKS.md"
    start, end = f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"
    block = f"{start}\n{text.strip()}\n{end}"
    content = path.read_text()
    if start in content and end in content:
        head, rest = content.split(start, 1)
        _, tail = rest.split(end, 1)
        content = head + block + tail
    else:
        content = content.rstrip() + "\n\n" + block + "\n"
    path.write_text(content)


ROLES = ("client", "server", "worker", "PostgreSQL", "other")


def cpu_seconds() -> dict[str, float]:
    """CPU time (user + system, seconds) used so far by each role's processes on this machine,
    read from /proc: this process (the load generator: `client`), granian (`server`), the task
    worker, PostgreSQL (its live processes, and the backends that ended, which the postmaster
    has reaped) and everything else. Take it before and after a run and subtract."""
    tick = os.sysconf("SC_CLK_TCK")
    own = os.getpid()
    out = dict.fromkeys(ROLES, 0.0)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # ended meanwhile
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        used = int(fields[11]) + int(fields[12])  # utime, stime
        if int(entry.name) == own:
            role = "client"
        elif name == "postgres" or command.startswith("postgres:"):
            role = "PostgreSQL"
            if "/bin/postgres" in command:  # the postmaster: its ended children count too
                used += int(fields[13]) + int(fields[14])
        elif "granian" in command:
            role = "server"
        elif "db_worker" in command:
            role = "worker"
        else:
            role = "other"
        out[role] += used / tick
    return out


def cpu_share(before: dict[str, float], after: dict[str, float], per: int) -> str:
    """'client 1.2 ms, server 9.8 ms, …' of CPU per unit of work between two `cpu_seconds`."""
    if per <= 0:
        return "no work done"
    spent = {role: (after[role] - before[role]) * 1000 / per for role in ROLES}
    total = sum(spent.values())
    return ", ".join(f"{role} {ms:.1f} ms" for role, ms in spent.items()) + f"; all {total:.1f} ms"
