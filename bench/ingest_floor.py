"""How fast can PostgreSQL on this machine take in the generator's rows at all?

The generator's goal (issue 7) is 10,000,000 dossiers in 15 minutes. Whatever produces the
rows, PostgreSQL still has to store them and build their indexes. This script measures that
part alone, on the rows the generator really writes: it dumps a generated database
(`pg_dump --format=directory`, uncompressed) and restores it into a scratch database with
`pg_restore` — the server's fastest path for bulk data: `COPY` into tables without indexes,
then every index and constraint built once over the loaded tables — timing the data and the
index phases apart. No Python produces anything during the timed part.

Run (PostgreSQL 15 at 127.0.0.1, trust auth), after filling a database with the generator
(`bench/generate.py --dossiers 1000000 --no-record`, or `bench/stats.py --fresh`):
    .venv/bin/python bench/ingest_floor.py --database motcua_gen
Prints the figures and rewrites the `bench:ingest-floor` section of BENCHMARKS.md (not with
`--no-record`). The dump and the scratch database are removed at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import DATABASE_HERE, WORK, machine, psql, write_section

GOAL_DOSSIERS, GOAL_SECONDS = 10_000_000, 15 * 60
PG = ["-h", "127.0.0.1", "-U", "postgres"]


def timed(command: list[str]) -> float:
    began = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - began


def scalar(sql: str, database: str) -> str:
    return psql(sql, database=database, capture=True).strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default="motcua_gen", help="a database the generator filled")
    parser.add_argument("--jobs", type=int, default=2, help="pg_dump / pg_restore jobs")
    parser.add_argument(
        "--sort-memory", default="1GB", help="maintenance_work_mem of the index builds"
    )
    parser.add_argument(
        "--server-setting", action="append", default=[], metavar="NAME=VALUE",
        help="a reloadable server setting for the restore (ALTER SYSTEM, reset at the end), "
        "e.g. max_wal_size=16GB",
    )  # fmt: skip
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    source, scratch = args.database, f"{args.database}_floor"
    dossiers = int(scalar("SELECT count(*) FROM dossiers_dossier", source))
    rows = int(scalar("SELECT sum(n_live_tup) FROM pg_stat_user_tables", source) or 0)
    size = scalar(f"SELECT pg_size_pretty(pg_database_size('{source}'))", source)
    wal_size, checkpoints = (
        scalar("SHOW max_wal_size", source),
        scalar("SHOW checkpoint_timeout", source),
    )
    dump = WORK / f"floor-{source}"
    shutil.rmtree(dump, ignore_errors=True)
    WORK.mkdir(parents=True, exist_ok=True)
    print(f"{source}: {dossiers:,} dossiers, {size}; dumping…", flush=True)
    dump_s = timed(
        ["pg_dump", *PG, "--format=directory", "--compress=0", f"--jobs={args.jobs}",
         f"--file={dump}", source]
    )  # fmt: skip
    psql(f"DROP DATABASE IF EXISTS {scratch}", f"CREATE DATABASE {scratch}")
    settings = dict(item.split("=", 1) for item in args.server_setting)
    for name, value in settings.items():
        if not name.replace("_", "").isalnum() or "'" in value:
            raise SystemExit(f"not a setting: {name}={value}")
        psql(f"ALTER SYSTEM SET {name} = '{value}'")
    if settings:
        psql("SELECT pg_reload_conf()")
    restore = ["pg_restore", *PG, f"--dbname={scratch}", "--no-owner", str(dump)]
    phases = {}
    try:
        # Let each index build sort in memory as far as this machine allows, as the
        # generator's own rebuild does (`reports.bulkindexes`).
        os.environ["PGOPTIONS"] = f"-c maintenance_work_mem={args.sort_memory}"
        phases["schema"] = timed([*restore, "--section=pre-data"])
        print(f"schema {phases['schema']:.1f} s; data…", flush=True)
        phases["data"] = timed([*restore, "--section=data", f"--jobs={args.jobs}"])
        print(f"data {phases['data']:.1f} s; indexes and constraints…", flush=True)
        phases["indexes"] = timed([*restore, "--section=post-data", f"--jobs={args.jobs}"])
        restored = int(scalar("SELECT count(*) FROM dossiers_dossier", scratch))
        restored_size = scalar(f"SELECT pg_size_pretty(pg_database_size('{scratch}'))", scratch)
    finally:
        os.environ.pop("PGOPTIONS", None)
        for name in settings:
            psql(f"ALTER SYSTEM RESET {name}")
        if settings:
            psql("SELECT pg_reload_conf()")
        psql(f"DROP DATABASE IF EXISTS {scratch}")
        shutil.rmtree(dump, ignore_errors=True)
    assert restored == dossiers, (restored, dossiers)
    ingest = phases["data"] + phases["indexes"]
    rate = dossiers / ingest
    at_goal = GOAL_DOSSIERS / rate
    lines = [
        f"dump {dump_s:.1f} s; restore: schema {phases['schema']:.1f} s, data (COPY) "
        f"{phases['data']:.1f} s, indexes and constraints {phases['indexes']:.1f} s",
        f"PostgreSQL alone takes in {rate:,.0f} dossiers/s with their rows and indexes; "
        f"10,000,000 at that rate: {at_goal:,.0f} s (goal {GOAL_SECONDS} s)",
    ]
    print("\n".join(lines))
    if args.no_record:
        return
    met = at_goal <= GOAL_SECONDS
    text = "\n".join(
        [
            "## PostgreSQL alone taking in the generated rows (`bench/ingest_floor.py`)",
            "",
            f"- Source: `{source}`, filled by `motcua generate`: **{dossiers:,} dossiers**, "
            f"≈ {rows:,} rows in all tables (the server's row counts), {size}. Dumped "
            "(`pg_dump --format=directory "
            f"--compress=0 --jobs={args.jobs}`, {dump_s:.1f} s, not counted), then restored into "
            "an empty database with `pg_restore`: `COPY` into tables without any index, then "
            "every index, primary key, unique and foreign-key constraint built once over the "
            f"loaded tables ({args.jobs} jobs, maintenance_work_mem {args.sort_memory}). "
            "Nothing is generated during the timed part: this is the server's share of a "
            "generator run, with no Python at all."
            + (
                " Server settings for the restore: "
                + ", ".join(f"{k} = {v}" for k, v in settings.items())
                + " (reset after)."
                if settings
                else f" The server's own settings (max_wal_size {wal_size}, checkpoint_timeout "
                f"{checkpoints})."
            ),
            f"- Data (`COPY`): **{phases['data']:,.1f} s**; indexes and constraints: "
            f"**{phases['indexes']:,.1f} s**; together {ingest:,.1f} s = "
            f"**{rate:,.0f} dossiers/s** (restored database {restored_size}).",
            f"- At that rate 10,000,000 dossiers take **{at_goal:,.0f} s** "
            f"({at_goal / 60:,.0f} min) before any row is generated: the goal of 15 min "
            + (
                "is within PostgreSQL's reach here."
                if met
                else f"is out of reach on this machine whatever generates the rows "
                f"(×{at_goal / GOAL_SECONDS:.1f} over it from the server's part alone; index "
                "builds grow a little faster than the rows, so 10,000,000 cost more than "
                "10 × this)."
            ),
            f"- Date: {dt.date.today():%d/%m/%Y}. Machine: {machine(DATABASE_HERE)}.",
            f"- Reproduce: `.venv/bin/python bench/ingest_floor.py --database {source}"
            + "".join(f" --server-setting {item}" for item in args.server_setting)
            + "` "
            "(after `bench/generate.py --dossiers N --no-record --database " + source + "`)",
        ]
    )
    write_section("ingest-floor", text)


if __name__ == "__main__":
    main()
