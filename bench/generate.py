"""The generator's speed: `motcua generate --dossiers N` on a fresh PostgreSQL database.

Run (PostgreSQL 15 at 127.0.0.1, trust auth):
    .venv/bin/python bench/generate.py --dossiers 1000000
Recreates the database named by --database (default motcua_gen), migrates it, loads the demo,
then times the command exactly as a user runs it (its own process, progress bar off) and
counts the rows it wrote. Prints the figures and rewrites the `bench:generate` section of
BENCHMARKS.md (`--no-record` to leave it). Goal (issue 7): 10,000,000 dossiers in under
15 minutes, ≈ 11,100 dossiers/s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import BIN, DATABASE_HERE, fresh_database, machine, psql, server_env, write_section

GOAL = 10_000_000 / (15 * 60)
TABLES = (
    ("dossiers_dossier", "dossiers"),
    ("dossiers_dossierevent", "events"),
    ("dossiers_dossierstep", "steps"),
    ("dossiers_dossierpartreceived", "received parts"),
    ("portal_satisfactionrating", "ratings"),
    ("reports_dossierfact", "facts"),
    ("reports_dailyrollup", "daily rollup rows"),
    ("reports_monthlyrollup", "monthly rollup rows"),
    ("reports_unitdailyrollup", "unit daily rollup rows"),
    ("reports_unitmonthlyrollup", "unit monthly rollup rows"),
)


def counts(database: str) -> dict[str, int]:
    out = {}
    for table, label in TABLES:
        exists = psql(f"SELECT to_regclass('{table}') IS NOT NULL", database=database, capture=True)
        if exists.strip() == "t":
            out[label] = int(psql(f"SELECT count(*) FROM {table}", database=database, capture=True))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--database", default="motcua_gen")
    parser.add_argument("--from", dest="date_from", default="2025-01-01")
    parser.add_argument("--to", dest="date_to", default="2026-06-30")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (motcua generate)")
    parser.add_argument("--note", default="", help="a sentence added to the record")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()

    fresh_database(args.database)
    env = server_env(args.database, DEBUG="1")
    command = [
        str(BIN / "motcua"), "generate", "--dossiers", str(args.dossiers),
        "--from", args.date_from, "--to", args.date_to, "--seed", str(args.seed),
        "--jobs", str(args.jobs),
    ]  # fmt: skip
    demo = counts(args.database).get("dossiers", 0)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run(command, check=True, env=env, stdout=subprocess.PIPE, text=True)
    print(done.stdout.strip())
    elapsed = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # The command's last line: seconds writing rows, rebuilding indexes, rebuilding rollups.
    phases = [float(x) for x in re.findall(r"(\d+\.\d)", done.stdout.strip().splitlines()[-1])]
    rows = counts(args.database)
    made = rows.get("dossiers", 0) - demo
    rate = made / elapsed
    size = psql(
        f"SELECT pg_size_pretty(pg_database_size('{args.database}'))",
        database=args.database,
        capture=True,
    ).strip()
    print(f"{made:,} dossiers in {elapsed:.1f} s = {rate:,.0f}/s (Python CPU {cpu:.0f} s)")
    print(", ".join(f"{n:,} {label}" for label, n in rows.items()), f"; database {size}")
    if args.no_record:
        return
    per = sum(n for label, n in rows.items() if "rollup" not in label) / made if made else 0
    goal_met = rate >= GOAL
    text = "\n".join(
        [
            "## Generator: `motcua generate` on PostgreSQL (`reports`)",
            "",
            f"- **{made:,} dossiers** (besides the demo's {demo}) received "
            f"{args.date_from}–{args.date_to} (seed "
            f"{args.seed}) on a fresh database after `motcua migrate` and `motcua demo`: "
            f"**{elapsed:,.1f} s = {rate:,.0f} dossiers/s**, rollups rebuilt at the end "
            f"included; the generating process used {cpu:,.0f} s of CPU.",
            *(
                [
                    f"- Of which: rows generated and written {phases[0]:,.1f} s, secondary "
                    f"indexes rebuilt {phases[1]:,.1f} s, rollups rebuilt {phases[2]:,.1f} s"
                    + (f", ANALYZE {phases[3]:,.1f} s" if len(phases) > 3 else "")
                    + f" (rows alone: {made / phases[0]:,.0f} dossiers/s)."
                ]
                if len(phases) >= 3 and phases[0]
                else []
            ),
            "- Rows written: "
            + ", ".join(f"{n:,} {label}" for label, n in rows.items())
            + f" ({per:.1f} rows per dossier); database size {size}.",
            f"- Goal: 10,000,000 dossiers in 15 min ≈ {GOAL:,.0f}/s — "
            + ("**met**." if goal_met else f"**not met** (×{GOAL / rate:.1f} short)."),
            *([f"- {args.note}"] if args.note else []),
            f"- Date: {dt.date.today():%d/%m/%Y}. Machine: {machine(DATABASE_HERE)}.",
            "- Reproduce: `.venv/bin/python bench/generate.py --dossiers "
            f"{args.dossiers} --from {args.date_from} --to {args.date_to} --seed {args.seed}"
            + (f" --jobs {args.jobs}`" if args.jobs != 1 else "`"),
        ]
    )
    write_section("generate", text)


if __name__ == "__main__":
    main()
