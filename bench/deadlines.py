"""Due-date throughput: 1,000,000 seeded random (receipt, duration) pairs on one core.

Run: .venv/bin/python bench/deadlines.py
Prints the rate and rewrites its own section of BENCHMARKS.md.

The national calendar is built from the same facts the database holds after `migrate`
(default office hours, the `holidays` package, the shipped swap overrides), without a
database, so the figure measures the arithmetic only.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from motcua.workcalendar.clock import (  # noqa: E402
    TZ,
    DayOverride,
    WorkingCalendar,
    add_working_time,
    clock_start,
)

PAIRS = 1_000_000
SEED = 20260101
COMMAND = ".venv/bin/python bench/deadlines.py"
START, END = "<!-- bench:deadlines:start -->", "<!-- bench:deadlines:end -->"


def national_calendar() -> WorkingCalendar:
    shipped = importlib.import_module(
        "motcua.workcalendar.migrations.0002_default_hours_and_announced_swaps"
    )
    return WorkingCalendar.build(
        overrides=[DayOverride(date, kind, name) for date, kind, name in shipped.ANNOUNCED_SWAPS]
    )


def pairs(count: int) -> list[tuple[dt.datetime, int, dt.time | None]]:
    rng = random.Random(SEED)
    first = dt.datetime(2024, 1, 1, tzinfo=TZ)
    span = int((dt.datetime(2028, 1, 1, tzinfo=TZ) - first).total_seconds() // 60)
    cutoffs = [None, None, None, dt.time(15, 0), dt.time(16, 0)]
    return [
        (
            first + dt.timedelta(minutes=rng.randrange(span)),
            rng.randint(1, 60 * 480),
            rng.choice(cutoffs),
        )
        for _ in range(count)
    ]


def record(rate: float, elapsed: float) -> None:
    section = "\n".join(
        [
            START,
            "## Due dates (`workcalendar.clock`)",
            "",
            f"- **{rate:,.0f} due computations per second** on one core "
            f"({PAIRS:,} seeded random pairs in {elapsed:.2f} s; goal ≥ 20,000/s).",
            "- Each computation: `clock_start` (cut-off on a fifth of them) then "
            "`add_working_time`, receipts uniform over 2024–2027, durations 1 minute to "
            "60 working days, national calendar with the shipped overrides (built without the "
            "database: the same facts `migrate` stores).",
            f"- Date: {dt.date.today():%d/%m/%Y}. Machine: {harness.machine(None)}.",
            f"- Reproduce: `{COMMAND}`",
            END,
        ]
    )
    path = ROOT / "BENCHMARKS.md"
    text = (
        path.read_text()
        if path.exists()
        else (
            "# Benchmarks\n\nFigures recorded by the scripts in `bench/`; each section says how "
            "to reproduce it.\n"
        )
    )
    if START in text and END in text:
        text = re.sub(
            re.escape(START) + r".*?" + re.escape(END), lambda _m: section, text, flags=re.S
        )
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text)


def main() -> None:
    calendar = national_calendar()
    work = pairs(PAIRS)
    for year in range(2024, 2031):
        calendar.year(year)  # compile the years up front, as a long-lived process would
    began = time.perf_counter()
    for received, minutes, cutoff in work:
        add_working_time(clock_start(received, calendar, cutoff), minutes, calendar)
    elapsed = time.perf_counter() - began
    rate = PAIRS / elapsed
    print(f"{PAIRS:,} due dates in {elapsed:.2f} s: {rate:,.0f} per second on one core")
    record(rate, elapsed)


if __name__ == "__main__":
    main()
