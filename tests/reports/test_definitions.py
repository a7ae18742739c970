"""Outcome classes, periods and rates (DOMAIN §6.6), counted one by one and from the rollups."""

import datetime as dt

import pytest

from motcua.core.errors import DomainError
from motcua.reports import stats
from motcua.reports.definitions import Figures, Period, parse_period
from motcua.reports.recount import recount_figures
from tests.dossiers.factories import desk_dossier, local

from . import scenarios as s

MARCH = parse_period("2026-03")
REPORT_AT = local(2026, 3, 20, 12, 0)


def both(*, period=MARCH, basis="received", at=REPORT_AT, unit_ids=None) -> Figures:
    """The naive recount, after checking the rollups give exactly the same figures."""
    naive = recount_figures(unit_ids=unit_ids, period=period, basis=basis, at=at)
    fast = stats.figures(unit_ids=unit_ids, period=period, basis=basis, at=at)
    assert fast.counters() == naive.counters()
    return naive


@pytest.fixture
def one_of_each(world):
    return {
        "early": s.resolved(world, local(2026, 3, 6, 15, 0)),
        "early_midnight": s.resolved(
            world, dt.datetime(2026, 3, 8, 23, 59, 59, tzinfo=s.DUE.tzinfo)
        ),
        "on_time_midnight": s.resolved(world, local(2026, 3, 9, 0, 0)),
        "on_time_at_due": s.resolved(world, s.DUE),
        "late": s.resolved(world, s.DUE + dt.timedelta(seconds=1)),
        "refused": s.refused(world, local(2026, 3, 2, 10, 0)),
        "withdrawn": s.withdrawn(world, local(2026, 3, 3, 10, 0)),
        "stopped": s.stopped(world, local(2026, 3, 4, 10, 0)),
        "open": desk_dossier(world, at=local(2026, 3, 2, 9, 0)),
        "paused_in_time": s.paused(world, local(2026, 3, 5, 10, 0)),
    }


def test_each_outcome_class_is_counted_once(one_of_each):
    f = both()
    assert (f.early, f.on_time, f.late) == (2, 2, 1)
    assert f.resolved == 5
    assert (f.refused, f.withdrawn, f.stopped) == (1, 1, 1)
    # Received excludes the refused submission; open = plain open + paused.
    assert f.received == 9
    assert (f.open_in_time, f.open_overdue) == (1, 1)


def test_finish_exactly_at_the_due_instant_is_on_time_and_a_second_later_is_late(one_of_each):
    assert one_of_each["on_time_at_due"].outcome == "on_time"
    assert one_of_each["late"].outcome == "late"
    assert one_of_each["early_midnight"].outcome == "early"
    assert one_of_each["on_time_midnight"].outcome == "on_time"


def test_rates_are_fractions_of_resolved(one_of_each):
    f = both()
    assert f.on_time_rate == pytest.approx(4 / 5)
    assert f.early_rate == pytest.approx(2 / 5)
    assert f.e_result_rate == 1.0
    assert f.online_rate == 0.0


def test_rates_are_none_when_nothing_was_resolved(world):
    f = both()
    assert f.resolved == 0
    assert f.on_time_rate is None and f.early_rate is None and f.satisfaction_index is None


def test_a_paused_dossier_is_in_time_when_its_pause_began_before_the_due(one_of_each):
    f = both(at=local(2026, 4, 30, 12, 0))
    # The open one is overdue long after its due; the paused one stays in time.
    assert (f.open_in_time, f.open_overdue) == (1, 1)


def test_open_dossier_is_in_time_at_its_due_and_overdue_after(world):
    desk_dossier(world, at=local(2026, 3, 2, 9, 0))
    assert (both(at=s.DUE).open_in_time, both(at=s.DUE).open_overdue) == (1, 0)
    later = both(at=s.DUE + dt.timedelta(seconds=1))
    assert (later.open_in_time, later.open_overdue) == (0, 1)


def test_receipt_at_local_midnight_belongs_to_the_day_it_opens(world):
    desk_dossier(world, at=dt.datetime(2026, 2, 28, 23, 59, 59, tzinfo=s.DUE.tzinfo))
    desk_dossier(world, at=local(2026, 3, 1, 0, 0))
    assert both(period=parse_period("2026-02")).received == 1
    assert both(period=MARCH).received == 1
    assert both(period=Period(dt.date(2026, 2, 28), dt.date(2026, 3, 1))).received == 2


def test_resolved_basis_counts_the_finish_date_and_received_basis_the_receipt_date(world):
    s.resolved(world, local(2026, 3, 3, 10, 0), at=local(2026, 2, 26, 9, 0))
    feb, mar = parse_period("2026-02"), MARCH
    assert (both(period=feb).received, both(period=feb).resolved) == (1, 1)
    assert both(period=mar, basis="resolved").resolved == 1
    assert both(period=mar, basis="resolved").received == 0
    assert both(period=feb, basis="resolved").resolved == 0
    # Open at the end of February, in time then.
    assert both(period=feb, basis="resolved").open_in_time == 1


def test_open_at_the_end_of_a_past_period_is_judged_at_that_end(world):
    # Received 26/02, due 05/03 09:00; still open at the end of March: overdue then.
    desk_dossier(world, at=local(2026, 2, 26, 9, 0))
    feb = both(period=parse_period("2026-02"), basis="resolved")
    mar = both(period=MARCH, basis="resolved")
    assert (feb.open_in_time, feb.open_overdue) == (1, 0)
    assert (mar.open_in_time, mar.open_overdue) == (0, 1)


def test_refused_submission_counts_on_its_refusal_date(world):
    s.refused(world, local(2026, 3, 31, 23, 0))
    assert both(period=MARCH).refused == 1
    assert both(period=parse_period("2026-04")).refused == 0


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026", dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
        ("2026-Q1", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        ("2025-Q4", dt.date(2025, 10, 1), dt.date(2025, 12, 31)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2026-12", dt.date(2026, 12, 1), dt.date(2026, 12, 31)),
    ],
)
def test_period_text_gives_local_dates_inclusive(text, start, end):
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("text", ["", "26", "2026-13", "2026-Q5", "2026-00", "2026/03", "abc"])
def test_bad_period_text_is_refused_in_vietnamese(text):
    with pytest.raises(DomainError) as caught:
        parse_period(text)
    assert caught.value.status == 422
    assert "Kỳ báo cáo" in caught.value.message


def test_previous_period_is_of_the_same_kind():
    assert parse_period("2026-Q1").previous() == parse_period("2025-Q4")
    assert parse_period("2026-01").previous() == parse_period("2025-12")
    assert parse_period("2026").previous() == parse_period("2025")


def test_a_period_ending_before_it_starts_is_refused():
    with pytest.raises(DomainError):
        Period(dt.date(2026, 3, 2), dt.date(2026, 3, 1))
