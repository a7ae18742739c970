"""Declarative partitioning of dossiers and events by month, against the unpartitioned tables.

Run (PostgreSQL 15 at 127.0.0.1, trust auth, user postgres):
    .venv/bin/python bench/partitioning.py --dossiers 2000000

What it does, in its own database (PARTITION_DATABASE, default motcua_partition_demo, dropped
at the end unless --keep):
1. `motcua migrate`, so the copies below have exactly the columns of `dossiers_dossier` and
   `dossiers_dossierevent`;
2. `plain_dossier`, `plain_event`: unpartitioned copies (`LIKE … INCLUDING ALL`: same
   columns, indexes and checks; plus an index on `received_at` so the comparison is with the
   best unpartitioned layout), the append-only trigger of `motcua.core.append_only` on events;
3. `part_dossier` partitioned `BY RANGE (received_at)`, `part_event` `BY RANGE (at)`, one
   partition a month, the same indexes, the same trigger (cloned onto every partition);
4. N dossiers received over 36 months (2024–2026, ids in receipt order) and 3 events each,
   generated with generate_series, the partitioned tables filled from the same rows;
5. p50 timings of a one-month statistic, a one-month event count and the public lookup by
   code, the plans (partition pruning), the foreign key and trigger checks, and the cost of
   removing one month (DELETE against DETACH + DROP).
Prints the figures and rewrites only its own section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402

from motcua.core.append_only import _statements  # noqa: E402

DB = os.environ.get("PARTITION_DATABASE", "motcua_partition_demo")
SERVER = "postgres://postgres@127.0.0.1:5432"
FIRST_MONTH = dt.date(2024, 1, 1)
MONTHS = 36
UNITS = 700  # receiving units (agency codes)
MONTH = dt.date(2026, 3, 1)  # the month every one-month query reads
TZ = "+07"


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def p50(conn, sql, params=(), repeat: int = 15) -> float:
    """Median milliseconds of `sql` (or of calling `sql()` when it is a function)."""

    def run():
        return sql() if callable(sql) else conn.execute(sql, params).fetchall()

    run()  # warm the caches, as a running server would be
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def timed(conn, sql: str) -> float:
    began = time.perf_counter()
    conn.execute(sql)
    return time.perf_counter() - began


def plan(conn, sql: str, params=()) -> list[str]:
    rows = conn.execute("EXPLAIN (COSTS OFF) " + sql, params).fetchall()
    return [row[0] for row in rows]


def scanned(plan_lines: list[str], prefix: str) -> int:
    """Number of distinct partitions (`prefix_yyyy_mm`) a plan reads."""
    return len(set(re.findall(rf"\b({prefix}_\d{{4}}_\d{{2}})\b", "\n".join(plan_lines))))


def migrate() -> None:
    env = {**os.environ, "DATABASE_URL": f"{SERVER}/{DB}", "DEBUG": "1"}
    manage = [sys.executable, str(ROOT / "src" / "motcua" / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0", "--skip-checks"], check=True, env=env)


def fill_expressions(conn, table: str, given: dict[str, str]) -> tuple[list[str], list[str]]:
    """Column names and the SELECT expressions filling them: `given`, else a neutral value
    for NOT NULL columns, else NULL."""
    columns = conn.execute(
        "SELECT column_name, is_nullable, data_type FROM information_schema.columns "
        "WHERE table_name = %s ORDER BY ordinal_position",
        (table,),
    ).fetchall()
    names, values = [], []
    for name, nullable, data_type in columns:
        names.append(name)
        if name in given:
            values.append(given[name])
        elif nullable == "YES":
            values.append("NULL")
        elif data_type in {"character varying", "text"}:
            values.append("''")
        elif data_type == "boolean":
            values.append("false")
        elif data_type == "jsonb":
            values.append("'{}'::jsonb")
        else:
            values.append("0")
    return names, values


def create_tables(conn) -> None:
    conn.execute("CREATE TABLE plain_dossier (LIKE dossiers_dossier INCLUDING ALL)")
    conn.execute("CREATE TABLE plain_event (LIKE dossiers_dossierevent INCLUDING ALL)")
    # The partitioned copies: same columns, defaults and checks; keys and indexes added later.
    conn.execute(
        "CREATE TABLE part_dossier (LIKE dossiers_dossier INCLUDING DEFAULTS INCLUDING "
        "CONSTRAINTS INCLUDING IDENTITY) PARTITION BY RANGE (received_at)"
    )
    conn.execute(
        "CREATE TABLE part_event (LIKE dossiers_dossierevent INCLUDING DEFAULTS INCLUDING "
        "CONSTRAINTS INCLUDING IDENTITY) PARTITION BY RANGE (at)"
    )
    # A primary key column must be NOT NULL: received dossiers only (see docs/scaling.md).
    conn.execute("ALTER TABLE part_dossier ALTER COLUMN received_at SET NOT NULL")
    # Events run a few days past the last receipt: one more month for them.
    for month in range(MONTHS + 1):
        low, high = add_months(FIRST_MONTH, month), add_months(FIRST_MONTH, month + 1)
        for table in ("part_dossier", "part_event")[month == MONTHS :]:
            conn.execute(
                f"CREATE TABLE {table}_{low:%Y_%m} PARTITION OF {table} "
                f"FOR VALUES FROM ('{low}{TZ}') TO ('{high}{TZ}')"
            )
    for table in ("plain_event", "part_event"):
        install, _remove = _statements(table)["postgresql"]
        for statement in install:
            conn.execute(statement)


def load(conn, dossiers: int) -> dict[str, float]:
    span = (add_months(FIRST_MONTH, MONTHS) - FIRST_MONTH).total_seconds()
    received = f"(timestamptz '{FIRST_MONTH}{TZ}' + (g - 1) * interval '{span / dossiers} s')"
    names, values = fill_expressions(
        conn,
        "dossiers_dossier",
        {
            "id": "g",
            "code": (
                f"lpad(((g % {UNITS}) + 1)::text, 3, '0') || '.00.00.H' || "
                f"lpad(((g % 63) + 1)::text, 2, '0') || '-' || "
                f"to_char({received} AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYMMDD') || '-' || "
                "lpad(g::text, 8, '0')"
            ),
            "procedure_version_id": "(g % 180) + 1",
            "regime": "'r2025'",
            "channel": "(g % 3) + 1",
            "status": "CASE WHEN g % 10 < 7 THEN 'returned' ELSE 'processing' END",
            "status_code": "CASE WHEN g % 10 < 7 THEN 10 ELSE 4 END",
            "applicant_kind": "'person'",
            "applicant_name": "'Nguyễn Văn ' || g",
            "applicant_search": "'nguyen van ' || g",
            "applicant_phone": "'09' || lpad((g % 100000000)::text, 8, '0')",
            "receiving_unit_id": f"(g % {UNITS}) + 1",
            "competent_unit_id": f"(g % {UNITS}) + 1",
            "current_unit_id": f"(g % {UNITS}) + 1",
            "duration_minutes": "2400",
            "submitted_at": received,
            "received_at": received,
            "clock_start_at": received,
            "due_at": f"{received} + interval '7 days'",
            "finished_at": (
                f"CASE WHEN g % 10 < 7 THEN {received} + interval '5 days' + "
                "(g % 4) * interval '1 day' END"
            ),
            "outcome": (
                "CASE WHEN g % 10 >= 7 THEN '' WHEN g % 4 = 0 THEN 'early' "
                "WHEN g % 4 = 3 THEN 'late' ELSE 'on_time' END"
            ),
            "paid_online": "0",
        },
    )
    figures = {}
    figures["plain_dossier"] = timed(
        conn,
        f"INSERT INTO plain_dossier ({', '.join(names)}) "
        f"SELECT {', '.join(values)} FROM generate_series(1, {dossiers}) AS g",
    )
    event_names, event_values = fill_expressions(
        conn,
        "dossiers_dossierevent",
        {
            "id": "(d.id - 1) * 3 + s",
            "dossier_id": "d.id",
            "seq": "s",
            "actor_role": "'one_stop'",
            "at": "d.received_at + (s - 1) * interval '2 days'",
            "action": "(ARRAY['receive', 'assign', 'resolve'])[s]",
            "from_status": "(ARRAY['submitted', 'received', 'processing'])[s]",
            "to_status": "(ARRAY['received', 'processing', 'resolved'])[s]",
        },
    )
    figures["plain_event"] = timed(
        conn,
        f"INSERT INTO plain_event ({', '.join(event_names)}) "
        f"SELECT {', '.join(event_values)} FROM plain_dossier d, generate_series(1, 3) AS s",
    )
    conn.execute("CREATE INDEX plain_dossier_received ON plain_dossier (received_at)")
    figures["part_dossier"] = timed(conn, "INSERT INTO part_dossier SELECT * FROM plain_dossier")
    figures["part_event"] = timed(conn, "INSERT INTO part_event SELECT * FROM plain_event")
    # Keys and indexes of the originals; a unique index must contain the partition key.
    for statement in (
        "ALTER TABLE part_dossier ADD PRIMARY KEY (id, received_at)",
        "CREATE UNIQUE INDEX part_dossier_code ON part_dossier (code, received_at)",
        "CREATE INDEX part_dossier_received ON part_dossier (received_at)",
        "CREATE INDEX part_dossier_phone ON part_dossier (applicant_phone)",
        "CREATE INDEX part_dossier_due ON part_dossier (due_at)",
        "CREATE INDEX part_dossier_status ON part_dossier (status_code)",
        "CREATE INDEX part_dossier_recv_status ON part_dossier (receiving_unit_id, status_code)",
        "CREATE INDEX part_dossier_curr_status ON part_dossier (current_unit_id, status_code)",
        "ALTER TABLE part_event ADD PRIMARY KEY (id, at)",
        "CREATE UNIQUE INDEX part_event_seq ON part_event (dossier_id, seq, at)",
        "CREATE INDEX part_event_dossier ON part_event (dossier_id)",
        "CREATE INDEX part_event_action_at ON part_event (action, at)",
    ):
        conn.execute(statement)
    conn.execute("VACUUM ANALYZE")
    return figures


def size(conn, table: str) -> str:
    """Total size with indexes, summed over the partitions of a partitioned table."""
    return conn.execute(
        "SELECT pg_size_pretty(coalesce(sum(pg_total_relation_size(relid)), "
        "pg_total_relation_size(%s::regclass))) FROM pg_partition_tree(%s::regclass)",
        (table, table),
    ).fetchone()[0]


def refused(conn, sql: str) -> str:
    """The first line of the error PostgreSQL answers to `sql` (rolled back), or ''."""
    try:
        with conn.transaction():
            conn.execute(sql)
    except psycopg.Error as error:
        return str(error).splitlines()[0]
    return ""


def compare(conn, repeat: int) -> dict:
    low, high = MONTH, add_months(MONTH, 1)
    month_stat = (
        "SELECT receiving_unit_id, outcome, count(*) FROM {t}_dossier "
        f"WHERE received_at >= '{low}{TZ}' AND received_at < '{high}{TZ}' GROUP BY 1, 2"
    )
    month_events = (
        f"SELECT action, count(*) FROM {{t}}_event WHERE at >= '{low}{TZ}' "
        f"AND at < '{high}{TZ}' GROUP BY 1"
    )
    code = conn.execute(
        "SELECT code, applicant_phone FROM plain_dossier WHERE received_at >= %s "
        "ORDER BY received_at LIMIT 1",
        (dt.datetime(2026, 3, 12, 10, tzinfo=dt.UTC),),
    ).fetchone()
    lookup = "SELECT id, status FROM {t}_dossier WHERE code = %s AND applicant_phone = %s"
    # A small unpartitioned table code → (id, received_at): global uniqueness of codes and a
    # lookup that reaches one partition (pruned at run time by the join's parameters).
    conn.execute(
        "CREATE TABLE IF NOT EXISTS part_code (code varchar(40) PRIMARY KEY, "
        "dossier_id bigint NOT NULL, received_at timestamptz NOT NULL)"
    )
    conn.execute("INSERT INTO part_code SELECT code, id, received_at FROM plain_dossier")
    conn.execute("VACUUM ANALYZE part_code")
    by_key = lookup + " AND received_at = %s"

    def lookup_code(code: str, phone: str) -> list:
        found = conn.execute(
            "SELECT received_at FROM part_code WHERE code = %s", (code,)
        ).fetchone()
        if found is None:
            return []
        return conn.execute(by_key.format(t="part"), (code, phone, found[0])).fetchall()

    result = {}
    for name, sql in (("month_stat", month_stat), ("month_events", month_events)):
        plain_rows = conn.execute(sql.format(t="plain")).fetchall()
        part_rows = conn.execute(sql.format(t="part")).fetchall()
        assert sorted(plain_rows) == sorted(part_rows), name
        result[name] = {
            "rows": sum(row[-1] for row in plain_rows),
            "plain": p50(conn, sql.format(t="plain"), repeat=repeat),
            "part": p50(conn, sql.format(t="part"), repeat=repeat),
            "plan": plan(conn, sql.format(t="part")),
            "plain_plan": plan(conn, sql.format(t="plain")),
        }
    params = (code[0], code[1])
    assert conn.execute(lookup.format(t="part"), params).fetchall() == (lookup_code(*params))
    key = conn.execute("SELECT received_at FROM part_code WHERE code = %s", (code[0],)).fetchone()
    result["lookup"] = {
        "plain": p50(conn, lookup.format(t="plain"), params, repeat * 10),
        "part": p50(conn, lookup.format(t="part"), params, repeat * 10),
        "part_code": p50(conn, lambda: lookup_code(*params), repeat=repeat * 10),
        "scanned": scanned(plan(conn, lookup.format(t="part"), params), "part_dossier"),
        "scanned_code": scanned(
            plan(conn, by_key.format(t="part"), (*params, key[0])), "part_dossier"
        ),
        "code": code[0],
    }
    result["scanned_stat"] = scanned(result["month_stat"]["plan"], "part_dossier")
    result["scanned_events"] = scanned(result["month_events"]["plan"], "part_event")
    return result


def checks(conn) -> dict:
    """What partitioning changes for keys, foreign keys and the append-only trigger."""
    first = f"{FIRST_MONTH:%Y_%m}"
    found = {
        "unique_without_key": refused(
            conn, "ALTER TABLE part_dossier ADD CONSTRAINT code_only UNIQUE (code)"
        ),
        "fk_on_id": refused(
            conn,
            "ALTER TABLE part_event ADD CONSTRAINT event_dossier FOREIGN KEY (dossier_id) "
            "REFERENCES part_dossier (id)",
        ),
        "update_parent": refused(conn, "UPDATE part_event SET note = 'x' WHERE id = 1"),
        "delete_partition": refused(conn, f"DELETE FROM part_event_{first} WHERE id = 1"),
    }
    # A month added later gets the trigger too (cloned from the parent).
    nxt = add_months(FIRST_MONTH, MONTHS + 1)
    conn.execute(
        f"CREATE TABLE part_event_{nxt:%Y_%m} PARTITION OF part_event "
        f"FOR VALUES FROM ('{nxt}{TZ}') TO ('{add_months(nxt, 1)}{TZ}')"
    )
    found["trigger_on_new_partition"] = conn.execute(
        "SELECT count(*) FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
        (f"part_event_{nxt:%Y_%m}",),
    ).fetchone()[0]
    found["insert_null_received"] = refused(
        conn,
        "UPDATE plain_dossier SET received_at = NULL WHERE id = 1; "
        "INSERT INTO part_dossier SELECT * FROM plain_dossier WHERE id = 1",
    )
    return found


def removal(conn) -> dict:
    """Remove the oldest month of dossiers: DELETE from the plain table, DETACH + DROP."""
    low, high = FIRST_MONTH, add_months(FIRST_MONTH, 1)
    rows = conn.execute(
        f"SELECT count(*) FROM plain_dossier WHERE received_at >= '{low}{TZ}' "
        f"AND received_at < '{high}{TZ}'"
    ).fetchone()[0]
    delete = timed(
        conn,
        f"DELETE FROM plain_dossier WHERE received_at >= '{low}{TZ}' "
        f"AND received_at < '{high}{TZ}'",
    )
    detach = timed(conn, f"ALTER TABLE part_dossier DETACH PARTITION part_dossier_{low:%Y_%m}")
    drop = timed(conn, f"DROP TABLE part_dossier_{low:%Y_%m}")
    event_delete = refused(
        conn,
        f"DELETE FROM plain_event WHERE at >= '{low}{TZ}' AND at < '{high}{TZ}'",
    )
    return {"rows": rows, "delete": delete, "detach_drop": detach + drop, "event": event_delete}


def record(args, dossiers: int, events: int, loads, sizes, found, result, gone) -> str:
    stat, evs, lookup = result["month_stat"], result["month_events"], result["lookup"]
    per_month = dossiers // MONTHS
    pruned_plan = "\n".join(["  ```text", *("  " + line for line in stat["plan"]), "  ```"])
    lines = [
        "## Partitioning dossiers and events by month (PostgreSQL declarative partitioning)",
        "",
        f"- **{dossiers:,} dossiers** received over {MONTHS} months "
        f"({FIRST_MONTH:%m/%Y}–{add_months(FIRST_MONTH, MONTHS - 1):%m/%Y}, ≈ {per_month:,} a "
        f"month, {UNITS} receiving units) and **{events:,} events**; copies of "
        "`dossiers_dossier` and `dossiers_dossierevent` (same columns and indexes, plus an "
        "index on `received_at` for the unpartitioned one), the partitioned ones "
        "`BY RANGE (received_at)` and `BY RANGE (at)`, one partition a month. "
        f"p50 of {args.repeat} runs after one warm-up (×10 runs for the lookup); the two "
        "layouts' answers are checked equal.",
        "",
        "| query | unpartitioned | partitioned | partitions read |",
        "|---|---|---|---|",
        f"| dossiers received in {MONTH:%m/%Y} by unit and outcome ({stat['rows']:,} rows) "
        f"| {stat['plain']:.1f} ms | {stat['part']:.1f} ms | {result['scanned_stat']} of "
        f"{MONTHS} |",
        f"| events of {MONTH:%m/%Y} by action ({evs['rows']:,} rows) | {evs['plain']:.1f} ms "
        f"| {evs['part']:.1f} ms | {result['scanned_events']} of {MONTHS} |",
        f"| public lookup, code + phone | {lookup['plain']:.2f} ms | {lookup['part']:.2f} ms "
        f"| {lookup['scanned']} of {MONTHS} |",
        "| public lookup: `received_at` from a code table, then code + phone + `received_at` "
        f"| — | {lookup['part_code']:.2f} ms | {lookup['scanned_code']} of {MONTHS} |",
        f"| remove the oldest month ({gone['rows']:,} dossiers) | DELETE "
        f"{gone['delete'] * 1000:.0f} ms | DETACH + DROP {gone['detach_drop'] * 1000:.0f} ms "
        "| — |",
        "",
        f"- Load (generate_series): unpartitioned {loads['plain_dossier']:.1f} s dossiers + "
        f"{loads['plain_event']:.1f} s events, their indexes filled row by row; partitioned "
        f"copy (`INSERT … SELECT` from those tables, routed to partitions, indexes built "
        f"afterwards) {loads['part_dossier']:.1f} s + {loads['part_event']:.1f} s, so the "
        "two load times are not a comparison of the layouts. Size with indexes: dossiers "
        f"{sizes['plain_dossier']} → {sizes['part_dossier']}, events {sizes['plain_event']} "
        f"→ {sizes['part_event']} (indexes built in one pass are denser than those filled "
        "row by row).",
        f"- Plan of the one-month statistic on the partitioned table (pruning at plan "
        f"time):\n\n{pruned_plan}\n",
        "- What PostgreSQL refuses (the reasons are in docs/scaling.md):",
        f"  - `UNIQUE (code)` alone: “{found['unique_without_key']}”",
        f"  - events → dossier foreign key on `id` alone: “{found['fk_on_id']}”",
        f"  - a dossier with no `received_at`: “{found['insert_null_received']}”",
        f"  - UPDATE through the parent: “{found['update_parent']}”; DELETE on one partition: "
        f"“{found['delete_partition']}”; a month attached later has "
        f"{found['trigger_on_new_partition']} trigger (cloned from the parent).",
        f"  - DELETE of a month of events from the unpartitioned log: “{gone['event']}” — "
        "an old month of the partitioned log is archived by DETACH (table owner only).",
        f"- Date: {dt.date.today():%d/%m/%Y}. Machine: {harness.machine(harness.DATABASE_HERE)} "
        "(shared_buffers 128 MB, work_mem 4 MB, 2 parallel workers per gather).",
        f"- Reproduce: `.venv/bin/python bench/partitioning.py --dossiers {dossiers}` "
        f"(database `{DB}`, created and dropped by the script)",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    parser.add_argument("--no-record", action="store_true", help="do not write BENCHMARKS.md")
    args = parser.parse_args()
    if DB in {"motcua_ci", "motcua_bench"} or DB.startswith("test_"):
        raise SystemExit(f"Refusing to use the database {DB!r}.")
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{DB}"')
        admin.execute(f'CREATE DATABASE "{DB}"')
    try:
        migrate()
        # No server-side prepared statements, as Django's PostgreSQL backend by default.
        with psycopg.connect(f"{SERVER}/{DB}", autocommit=True, prepare_threshold=None) as conn:
            create_tables(conn)
            loads = load(conn, args.dossiers)
            print("loaded:", {k: round(v, 1) for k, v in loads.items()}, flush=True)
            sizes = {t: size(conn, t) for t in ("plain_dossier", "part_dossier")}
            sizes |= {t: size(conn, t) for t in ("plain_event", "part_event")}
            events = conn.execute("SELECT count(*) FROM plain_event").fetchone()[0]
            result = compare(conn, args.repeat)
            found = checks(conn)
            gone = removal(conn)
        section = record(args, args.dossiers, events, loads, sizes, found, result, gone)
        print(section)
        if not args.no_record:
            harness.write_section("partitioning", section)
    finally:
        if not args.keep:
            with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')


if __name__ == "__main__":
    main()
