"""Rollups stay equal to the naive recount after any sequence of actions through the services."""

import contextlib
import datetime as dt

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.core.errors import DomainError
from motcua.dossiers import services
from motcua.dossiers.models import Channel, Dossier, PaidOnline
from motcua.reports import stats
from motcua.reports.definitions import Figures, Period, parse_period
from motcua.reports.facts import contributions
from motcua.reports.models import (
    CHANNEL_COUNTERS,
    COUNTERS,
    DailyRollup,
    DossierFact,
    MonthlyRollup,
    UnitDailyRollup,
    UnitMonthlyRollup,
    VersionMonthlyRollup,
)
from motcua.reports.rebuild import rebuild_facts, rebuild_rollups, rollup_rows
from motcua.reports.recount import recount_figures
from motcua.reports.scorecard import _version_usage
from tests.dossiers.factories import APPLICANT, local, make_world, required_part_ids

from . import scenarios as s

START = local(2026, 3, 2, 8, 0)
ACTIONS = (
    "desk",
    "online",
    "receive",
    "refuse",
    "assign",
    "hand_over",
    "supplement",
    "resubmit",
    "payment",
    "pay",
    "apologise",
    "resolve",
    "return",
    "withdraw",
    "stop",
)


def table() -> dict:
    return {
        (r.basis, r.day, r.receiving_unit_id, r.competent_unit_id, r.version_id, r.channel): {
            c: getattr(r, c) for c in COUNTERS
        }
        for r in DailyRollup.objects.all()
        if any(getattr(r, c) for c in COUNTERS)
    }


def months() -> dict:
    """The monthly rollup table, rows with any counter."""
    return {
        (r.basis, r.day, r.receiving_unit_id, r.competent_unit_id, r.version_id, r.channel): {
            c: getattr(r, c) for c in COUNTERS
        }
        for r in MonthlyRollup.objects.all()
        if any(getattr(r, c) for c in COUNTERS)
    }


def unit_table(model) -> dict:
    """A unit rollup table (no version in the key), rows with any counter."""
    return {
        (r.basis, r.day, r.receiving_unit_id, r.competent_unit_id, r.channel): {
            c: getattr(r, c) for c in COUNTERS
        }
        for r in model.objects.all()
        if any(getattr(r, c) for c in COUNTERS)
    }


VERSION_COUNTERS = (*COUNTERS, *CHANNEL_COUNTERS.values())


def version_table() -> dict:
    """The version rollup table (no units nor channel in the key), rows with any counter."""
    return {
        (r.basis, r.day, r.version_id): {c: getattr(r, c) for c in VERSION_COUNTERS}
        for r in VersionMonthlyRollup.objects.all()
        if any(getattr(r, c) for c in VERSION_COUNTERS)
    }


def versions_of(rows: dict) -> dict:
    """Rows summed over the unit pairs and the channels, the received per channel kept."""
    out: dict = {}
    for (basis, day, _receiving, _competent, version, channel), values in rows.items():
        row = out.setdefault((basis, day, version), dict.fromkeys(VERSION_COUNTERS, 0))
        for c, v in values.items():
            row[c] += v
        if channel in CHANNEL_COUNTERS:
            row[CHANNEL_COUNTERS[channel]] += values.get("received", 0)
    return nonzero(out)


def units_of(rows: dict) -> dict:
    """Rows summed over the procedure version."""
    out: dict = {}
    for (basis, day, receiving, competent, _version, channel), values in rows.items():
        key = (basis, day, receiving, competent, channel)
        row = out.setdefault(key, dict.fromkeys(COUNTERS, 0))
        for c, v in values.items():
            row[c] += v
    return nonzero(out)


def assert_derived_tables(kept: dict) -> None:
    """The monthly, the unit and the version rollups are the daily rows summed."""
    assert months() == months_of(kept)
    assert unit_table(UnitDailyRollup) == units_of(kept)
    assert unit_table(UnitMonthlyRollup) == months_of(units_of(kept)) == units_of(months())
    assert version_table() == versions_of(months_of(kept))


def months_of(daily: dict) -> dict:
    """Daily rows summed per calendar month."""
    out: dict = {}
    for (basis, day, *rest), values in daily.items():
        row = out.setdefault((basis, day.replace(day=1), *rest), dict.fromkeys(COUNTERS, 0))
        for c, v in values.items():
            row[c] += v
    return nonzero(out)


def nonzero(rows: dict) -> dict:
    return {k: v for k, v in rows.items() if any(v.values())}


def act(world, dossiers: list, index: int, action: str, at: dt.datetime) -> None:
    """One action by the right person; refusals are part of the game and change nothing."""
    staff = world.omni
    code = world.version.procedure.code
    if action in ("desk", "online") or index >= len(dossiers):
        if action == "online":
            d = services.submit_dossier(
                actor=world.citizen, procedure_code=code, unit_code=world.desk.code,
                channel=Channel.ONLINE, applicant=APPLICANT,
                parts_received=required_part_ids(world), at=at,
            )  # fmt: skip
        else:
            d = services.receive_at_desk(
                actor=staff, procedure_code=code, unit_code=world.desk.code,
                channel=Channel.DIRECT, applicant=APPLICANT,
                parts_received=required_part_ids(world), received_at=at,
            )  # fmt: skip
        dossiers.append(d.pk)
        return
    dossier = Dossier.objects.get(pk=dossiers[index])
    calls = {
        "receive": lambda: services.receive_dossier(actor=staff, dossier=dossier, at=at),
        "refuse": lambda: services.refuse_dossier(
            actor=staff, dossier=dossier, reason="Sai thẩm quyền", at=at
        ),
        "assign": lambda: services.assign_dossier(actor=staff, dossier=dossier, at=at),
        "hand_over": lambda: services.hand_over(actor=staff, dossier=dossier, at=at),
        "supplement": lambda: services.request_supplement(
            actor=staff, dossier=dossier, items=["Bản vẽ"], at=at
        ),
        "resubmit": lambda: services.submit_supplement(actor=staff, dossier=dossier, at=at),
        "payment": lambda: services.request_payment(
            actor=staff, dossier=dossier, amount=75000, at=at
        ),
        "pay": lambda: services.record_payment(
            actor=staff,
            dossier=dossier,
            amount=75000,
            receipt_number="BL-1",
            paid_online=PaidOnline.NATIONAL_PORTAL,
            at=at,
        ),
        "apologise": lambda: services.apologise(
            actor=staff,
            dossier=dossier,
            reason="Chờ ý kiến liên ngành",
            new_appointment_at=(dossier.due_at or at) + dt.timedelta(days=7),
            at=at,
        ),
        "resolve": lambda: services.resolve_dossier(
            actor=staff,
            dossier=dossier,
            granted=True,
            e_result=True,
            result_file="ket-qua/ket-qua.pdf",
            at=at,
        ),
        "return": lambda: services.return_result(actor=staff, dossier=dossier, at=at),
        "withdraw": lambda: services.withdraw_dossier(actor=staff, dossier=dossier, at=at),
        "stop": lambda: services.stop_dossier(
            actor=staff, dossier=dossier, reason="Tranh chấp", at=at
        ),
    }
    with contextlib.suppress(DomainError):
        calls[action]()


PERIODS = [
    parse_period("2026-02"),
    parse_period("2026-03"),
    parse_period("2026-04"),
    Period(dt.date(2026, 3, 5), dt.date(2026, 3, 12)),
    Period(dt.date(2026, 2, 20), dt.date(2026, 4, 10)),  # one whole month and two edges
    parse_period("2026-Q1"),  # whole months only
]


@given(
    plan=st.lists(
        st.tuples(st.integers(0, 3), st.sampled_from(ACTIONS), st.integers(0, 30)),
        min_size=1,
        max_size=30,
    ),
    report_hours=st.integers(0, 400),
)
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_rollups_equal_the_naive_recount_after_random_actions(db, plan, report_hours):
    with transaction.atomic():
        world = make_world()
        dossiers: list[int] = []
        clock = START
        for index, action, hours in plan:
            clock += dt.timedelta(hours=hours)
            act(world, dossiers, index, action, clock)
        at = clock + dt.timedelta(hours=report_hours)
        resolved = {}
        for period in PERIODS:
            for basis in ("received", "resolved"):
                for units in (None, {world.desk.pk}, {world.department.pk}, {world.committee.pk}):
                    naive = recount_figures(unit_ids=units, period=period, basis=basis, at=at)
                    fast = stats.figures(unit_ids=units, period=period, basis=basis, at=at)
                    assert fast.counters() == naive.counters(), (period, basis, units)
                    if units is None or units == {world.desk.pk}:
                        # Whole tree: the version rollup; a subtree: the fine tables.
                        assert_tables_add_up(naive, units, period, basis, at)
                    if basis == "resolved":
                        resolved[(period, frozenset(units or ()))] = naive
        # The scorecard's reads of several periods at once (whole months, possibly nested):
        # the figures per unit pair, and the use of procedures per version.
        months = [p for p in PERIODS if stats.whole_months(p)]
        for units in (None, {world.desk.pk}):
            together = stats.resolved_by_pair(unit_ids=units, periods=months, at=at)
            for period, pairs in zip(months, together, strict=True):
                summed = Figures()
                for values in pairs.values():
                    summed.add(values)
                naive = resolved[(period, frozenset(units or ()))]
                assert summed.counters() == naive.counters(), (period, units)
            for periods in (months, [p for p in PERIODS if not stats.whole_months(p)]):
                for period, rows in zip(
                    periods, _version_usage(units, periods, whole=units is None), strict=True
                ):
                    naive = resolved[(period, frozenset(units or ()))]
                    used = [sum(r[n] or 0 for r in rows) for n in ("paid", "resolved", "e_result")]
                    assert used == [naive.paid_online, naive.resolved, naive.e_result], period
        kept = table()
        assert kept == nonzero(rollup_rows())
        assert_derived_tables(kept)
        rebuild_facts()
        rebuild_rollups()
        assert table() == kept
        assert_derived_tables(kept)
        transaction.set_rollback(True)


def assert_tables_add_up(naive: Figures, units, period, basis, at) -> None:
    """The dashboard's total is the recount's, its tables by field and by procedure add up
    to it, and (whole tree) each month of its trend is that month's figures."""
    shown = stats.dashboard(unit_ids=units, period=period, basis=basis, at=at)
    assert shown.total.counters() == naive.counters(), (period, basis, units)
    for group in ("field", "procedure"):
        summed = Figures()
        for _key, _label, values in shown.tables[group]:
            summed.add(values)
        assert summed.counters() == naive.counters(), (period, basis, units, group)
    for key, _label, values in shown.months if units is None else ():
        month = parse_period(key)
        alone = stats.figures(unit_ids=units, period=month, basis=basis, at=at)
        assert values.counters() == alone.counters(), (key, basis, units)


def test_every_fact_matches_its_rebuild(world):
    s.resolved(world, local(2026, 3, 6, 15, 0))
    s.refused(world, local(2026, 3, 2, 10, 0))
    s.paused(world, local(2026, 3, 5, 10, 0))
    s.stopped(world, local(2026, 3, 4, 10, 0))
    live = {f.pk: contributions(f) for f in DossierFact.objects.all()}
    rebuild_facts()
    assert {f.pk: contributions(f) for f in DossierFact.objects.all()} == live
    assert len(live) == Dossier.objects.count()


def test_rebuild_command_restores_a_damaged_table(world):
    s.resolved(world, local(2026, 3, 6, 15, 0))
    s.resolved(world, local(2026, 3, 12, 15, 0))
    before, before_months = table(), months()
    DailyRollup.objects.update(received=99, late=7)
    MonthlyRollup.objects.update(received=98)
    UnitDailyRollup.objects.update(received=97)
    UnitMonthlyRollup.objects.all().delete()
    VersionMonthlyRollup.objects.update(received=96)
    DossierFact.objects.all().delete()
    call_command("rebuild_rollups", verbosity=0)
    assert table() == before
    assert months() == before_months == months_of(before)
    assert_derived_tables(before)
    assert sum(v["received"] for v in before.values()) == 2


def test_a_refused_action_leaves_the_rollups_untouched(world):
    dossier = s.processing(world)
    before = table()
    with pytest.raises(DomainError):
        services.return_result(actor=world.officer, dossier=dossier, at=local(2026, 3, 3, 9))
    assert table() == before


def test_whole_months_are_read_from_the_monthly_rollup_and_edges_from_the_daily(world):
    s.resolved(world, local(2026, 3, 6, 15, 0))
    UnitMonthlyRollup.objects.filter(basis="received").update(received=50)
    at = local(2026, 5, 1)
    march = stats.figures(unit_ids=None, period=parse_period("2026-03"), basis="received", at=at)
    days = Period(dt.date(2026, 3, 2), dt.date(2026, 3, 31))
    edge = stats.figures(unit_ids=None, period=days, basis="received", at=at)
    spanning = Period(dt.date(2026, 2, 27), dt.date(2026, 4, 2))
    both = stats.figures(unit_ids=None, period=spanning, basis="received", at=at)
    assert (march.received, edge.received, both.received) == (50, 1, 50)


def test_figures_by_procedure_read_the_rollups_with_the_version(world):
    s.resolved(world, local(2026, 3, 6, 15, 0))
    MonthlyRollup.objects.filter(basis="received").update(received=40)
    UnitMonthlyRollup.objects.filter(basis="received").update(received=50)
    VersionMonthlyRollup.objects.filter(basis="received").update(received=30)
    at, march = local(2026, 5, 1), parse_period("2026-03")

    def received(units, group):
        rows = stats.raw_figures(unit_ids=units, period=march, basis="received", at=at, group=group)
        return [f.received for f in rows.values()]

    # The whole tree by procedure reads the rollup without units, a subtree the one with them.
    assert received(None, "procedure") == received(None, "field") == [30]
    assert received({world.desk.pk}, "procedure") == [40]
    assert received(None, "unit") == [50]
    days = Period(dt.date(2026, 3, 2), dt.date(2026, 3, 31))  # edge days: the daily rollup
    edge = stats.raw_figures(unit_ids=None, period=days, basis="received", at=at, group="field")
    assert [f.received for f in edge.values()] == [1]


def test_a_scope_holding_every_unit_reads_without_a_unit_filter(world):
    from motcua.reports.scope import children_map, descendants, whole_tree_as_none

    children = children_map()
    every = {pk for kids in children.values() for pk in kids}
    tops = list(children.get(None, []))
    assert whole_tree_as_none(descendants(set(tops), children), children) is None
    some = {world.desk.pk}
    assert whole_tree_as_none(some, children) == some
    assert whole_tree_as_none(None, children) is None
    assert len(every) > 1


def test_a_filing_rolled_back_after_its_events_leaves_the_rollups_as_they_were(world):
    from motcua.dossiers.codes import code_issued
    from motcua.reports import facts
    from tests.dossiers.factories import desk_dossier

    s.processing(world)
    before = table()

    class Boom(Exception):
        pass

    def fail(sender, **kwargs):
        raise Boom

    code_issued.connect(fail, dispatch_uid="test_rollups_boom")
    try:
        with pytest.raises(Boom):
            desk_dossier(world)
    finally:
        code_issued.disconnect(dispatch_uid="test_rollups_boom")
    assert table() == before
    desk_dossier(world)  # the next filing counts once, whatever the failed one left waiting
    kept = table()
    rebuild_rollups()
    assert table() == kept
    assert_derived_tables(kept)
    assert len(facts._deferred) <= 1  # at most the failed filing's, never applied


def test_a_delta_is_added_to_the_five_rollups_in_one_statement_on_postgresql(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from motcua.reports.facts import apply_delta

    rest = (world.desk.pk, world.department.pk, world.version.pk, Channel.ONLINE)
    delta = {
        ("received", dt.date(2026, 3, 2), *rest): {"received": 1, "paid_online": 1},
        ("resolved", dt.date(2026, 4, 6), *rest): {"resolved": 1, "early": 1},
    }
    with CaptureQueriesContext(connection) as captured:
        apply_delta(delta)
        apply_delta(delta)  # the rows exist now: added to
    if connection.vendor == "postgresql":
        assert len(captured) == 2
    doubled = {key: {c: 2 * v for c, v in change.items()} for key, change in delta.items()}
    assert table() == {k: {**dict.fromkeys(COUNTERS, 0), **v} for k, v in doubled.items()}
    assert_derived_tables(table())
    assert (
        version_table()[("received", dt.date(2026, 3, 1), world.version.pk)]["received_online"] == 2
    )
