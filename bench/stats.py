"""Statistics at scale: generate N dossiers on PostgreSQL, then time the naive GROUP BY over
dossiers against the rollup query for a period × the whole tree (p50 of repetitions).

Run (PostgreSQL 15 at 127.0.0.1, trust auth):
    .venv/bin/python bench/stats.py --dossiers 200000 --fresh
Prints the figures and rewrites its whole `bench:stats` section of BENCHMARKS.md. `--fresh`
recreates the database named by BENCH_DATABASE (default motcua_stats) and loads the demo
first; missing dossiers are generated in-process (the generator's own speed is measured by
bench/generate.py, section `bench:generate`). `--database NAME` reads an existing database
(e.g. the one bench/generate.py filled) instead.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = os.environ.get("BENCH_DATABASE", "motcua_stats")
for _i, _arg in enumerate(sys.argv):
    if _arg == "--database" and _i + 1 < len(sys.argv):
        DB = sys.argv[_i + 1]
os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
os.environ.setdefault("DEBUG", "1")
sys.path.insert(0, str(ROOT / "src"))

START, END = "<!-- bench:stats:start -->", "<!-- bench:stats:end -->"
FROM, TO = dt.date(2025, 1, 1), dt.date(2026, 6, 30)


def fresh() -> None:
    subprocess.run(
        ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres",
         "-c", f"DROP DATABASE IF EXISTS {DB}", "-c", f"CREATE DATABASE {DB}"],
        check=True,
    )  # fmt: skip
    manage = [sys.executable, str(ROOT / "src" / "motcua" / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0", "--skip-checks"], check=True)
    subprocess.run([*manage, "demo", "--skip-checks"], check=True, stdout=subprocess.DEVNULL)


def machine() -> str:
    release = "unknown OS"
    os_release = Path("/etc/os-release")
    if os_release.exists():
        match = re.search(r'^PRETTY_NAME="?([^"\n]+)', os_release.read_text(), re.M)
        if match:
            release = match.group(1)
    return (
        f"{os.cpu_count()} cores ({platform.processor() or platform.machine()}), {release}, "
        f"Python {platform.python_version()}"
    )


def p50(fn, repeat: int) -> float:
    fn()  # warm the caches, as a running server would be
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=200_000)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--database", default=DB)
    parser.add_argument("--note", default="", help="a sentence added to the record")
    args = parser.parse_args()
    if args.fresh:
        fresh()

    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count, F, Q
    from django.utils import timezone

    from motcua.dossiers.models import OPEN_STATUSES, Dossier, Status
    from motcua.reports import stats
    from motcua.reports.definitions import Figures, day_start, year_period
    from motcua.reports.generator import generate

    have = Dossier.objects.count()
    rate = None
    if have < args.dossiers:
        began = time.perf_counter()
        made = generate(dossiers=args.dossiers - have, date_from=FROM, date_to=TO, seed=2026)
        elapsed = time.perf_counter() - began
        rate = (made, elapsed)
        print(f"generated {made:,} dossiers in {elapsed:.1f} s ({made / elapsed:,.0f}/s)")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    total = Dossier.objects.count()
    period = year_period(2025)
    at = timezone.now()
    start, end = period.start, period.end_instant

    def naive() -> dict:
        resolved = Q(status__in=[Status.RESOLVED, Status.RETURNED])
        open_ = Q(status__in=list(OPEN_STATUSES))
        late_open = open_ & (
            Q(paused_since__isnull=True, due_at__lt=at)
            | Q(paused_since__isnull=False, paused_since__gt=F("due_at"))
        )
        row = Dossier.objects.filter(
            received_at__gte=day_start(start), received_at__lt=end
        ).aggregate(
            received=Count("pk"),
            resolved=Count("pk", filter=resolved),
            early=Count("pk", filter=resolved & Q(outcome="early")),
            on_time=Count("pk", filter=resolved & Q(outcome="on_time")),
            late=Count("pk", filter=resolved & Q(outcome="late")),
            open_all=Count("pk", filter=open_),
            open_overdue=Count("pk", filter=late_open),
        )
        return row

    def rollup() -> Figures:
        return stats.figures(unit_ids=None, period=period, basis="received", at=at)

    def rollup_resolved() -> Figures:
        return stats.figures(unit_ids=None, period=period, basis="resolved", at=at)

    check_naive, check_fast = naive(), rollup()
    for name in ("received", "resolved", "early", "on_time", "late", "open_overdue"):
        assert check_naive[name] == getattr(check_fast, name), name
    from motcua.organization.models import Unit
    from motcua.reports.scorecard import score_units

    tops = list(Unit.objects.filter(parent__isnull=True))

    def scorecard() -> dict:
        return score_units(tops, period, at=at)

    naive_ms = p50(naive, args.repeat)
    rollup_ms = p50(rollup, args.repeat)
    resolved_ms = p50(rollup_resolved, args.repeat)
    scorecard_ms = p50(scorecard, args.repeat)
    print(
        f"{total:,} dossiers; year 2025, whole tree: naive {naive_ms:.1f} ms, rollup "
        f"{rollup_ms:.1f} ms (×{naive_ms / rollup_ms:.0f}); resolved basis {resolved_ms:.1f} ms"
    )
    print(f"scorecard of {len(tops)} top unit(s): {scorecard_ms:.1f} ms")
    record(total, naive_ms, rollup_ms, resolved_ms, rate, args, (len(tops), scorecard_ms))


def record(total, naive_ms, rollup_ms, resolved_ms, rate, args, scorecard) -> None:
    lines = [
        START,
        "## Statistics: rollups against the naive GROUP BY (`reports`)",
        "",
        f"- **{total:,} dossiers** on PostgreSQL (demo units and procedures, received "
        f"{FROM:%d/%m/%Y}–{TO:%d/%m/%Y}); figures for the year 2025 × the whole tree, "
        f"p50 of {args.repeat} runs after one warm-up:",
        f"  - naive aggregate over `dossiers_dossier`: **{naive_ms:.1f} ms**",
        f"  - rollups (`reports.stats.figures`, basis received, open counts from the partial "
        f"index): **{rollup_ms:.1f} ms** — ×{naive_ms / rollup_ms:.1f} faster",
        f"  - rollups, basis resolved (open at the period's end): **{resolved_ms:.1f} ms**",
        f"  - Decision 766 scorecard (`reports.scorecard.score_units`) of the {scorecard[0]} "
        f"top unit(s) over their whole tree: **{scorecard[1]:.1f} ms**",
        "- Whole months of a period are read from the monthly rollup, only the edge days "
        "from the daily one.",
        "- The two answers are checked equal before timing.",
    ]
    if args.note:
        lines.append(f"- {args.note}")
    lines += [
        f"- Date: {dt.date.today():%d/%m/%Y}. Machine: {machine()}, PostgreSQL "
        "15 on the same machine.",
        "- Reproduce: "
        + (
            f"`.venv/bin/python bench/stats.py --dossiers {args.dossiers} --fresh`"
            if args.fresh
            else f"`.venv/bin/python bench/generate.py --dossiers {total} --database {DB}` "
            f"then `.venv/bin/python bench/stats.py --database {DB} --dossiers {total}`"
        ),
        END,
    ]
    section = "\n".join(lines)
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    if START in text and END in text:
        text = re.sub(
            re.escape(START) + r".*?" + re.escape(END), lambda _m: section, text, flags=re.S
        )
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text)


if __name__ == "__main__":
    main()
