"""motcua generate: realistic dossiers whose figures, codes and dues hold up to the engine."""

import datetime as dt
import os
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone

from motcua.demo.loader import load_demo
from motcua.dossiers.codes import allocate_code, parse_code
from motcua.dossiers.deadlines import due_for, local_date, pauses_from_events
from motcua.dossiers.models import Dossier, DossierEvent, DossierPartReceived, DossierStep
from motcua.portal.models import SatisfactionRating
from motcua.reports import bulkindexes, generator, stats
from motcua.reports.definitions import Figures, Period
from motcua.reports.facts import contributions
from motcua.reports.generated_rows import check
from motcua.reports.generator import generate
from motcua.reports.models import DossierFact
from motcua.reports.rebuild import rebuild_facts
from motcua.reports.recount import recount_figures
from motcua.workcalendar.clock import clock_start
from motcua.workcalendar.selectors import calendar_for
from tests.dossiers.factories import desk_dossier, local, make_world

NOW = local(2026, 6, 30, 18, 0)
SPAN = (dt.date(2026, 1, 1), dt.date(2026, 6, 30))


@pytest.fixture
def generated(world):
    made = generate(dossiers=600, date_from=SPAN[0], date_to=SPAN[1], seed=7, now=NOW)
    return world, made


def assert_codes_numbered_per_agency_day() -> dict:
    """Each code is dated with its submission's local day and numbered 1..n per agency and
    day; returns the numbers per (agency, day)."""
    sequences: dict = {}
    for code, submitted_at in Dossier.objects.values_list("code", "submitted_at"):
        agency, day, seq = parse_code(code)
        assert day == local_date(submitted_at)
        sequences.setdefault((agency, day), []).append(seq)
    for numbers in sequences.values():
        assert sorted(numbers) == list(range(1, len(numbers) + 1))
    return sequences


def assert_events_numbered_and_ending_in_status() -> None:
    """Each dossier's events are numbered 1..n and the last one leaves it in its status."""
    last = {}
    for dossier_id, seq, to_status in DossierEvent.objects.order_by(
        "dossier_id", "seq"
    ).values_list("dossier_id", "seq", "to_status"):
        assert seq == last.get(dossier_id, (0, ""))[0] + 1
        last[dossier_id] = (seq, to_status)
    for pk, status in Dossier.objects.values_list("pk", "status"):
        assert last[pk][1] == status


def test_every_dossier_history_ends_in_its_status(generated):
    _world, made = generated
    assert Dossier.objects.count() == made == 600
    assert_events_numbered_and_ending_in_status()


def test_codes_follow_each_agency_daily_sequence_and_live_intake_continues(generated):
    sequences = assert_codes_numbered_per_agency_day()
    (agency, day), numbers = max(sequences.items(), key=lambda item: len(item[1]))
    assert parse_code(allocate_code(agency, day))[2] == len(numbers) + 1


def test_dues_are_the_calendar_engines(generated):
    world, _made = generated
    calendar = calendar_for(world.desk)
    checked = 0
    received = Dossier.objects.filter(received_at__isnull=False).select_related(
        "procedure_version", "receiving_unit"
    )
    for dossier in received.prefetch_related("events")[:200]:
        calendar = calendar_for(dossier.receiving_unit)
        version = dossier.procedure_version
        assert dossier.clock_start_at == clock_start(
            dossier.received_at, calendar, version.cutoff_time
        )
        expected = due_for(
            start=dossier.clock_start_at,
            minutes=dossier.duration_minutes,
            same_day=False,
            calendar=calendar,
            pauses=pauses_from_events(dossier.events.all()),
        )
        assert dossier.due_at == expected
        checked += 1
    assert checked > 100


def test_proportions_are_close_to_the_seeds(generated):
    figures = stats.figures(unit_ids=None, period=Period(*SPAN), basis="received", at=NOW)
    assert figures.on_time_rate > 0.99
    assert figures.early_rate > 0.2
    assert 0.3 < figures.online_rate < 0.9  # the test procedure is offered fully online
    assert figures.supplements > 0 and figures.paid_online > 0
    statuses = Counter(Dossier.objects.values_list("status", flat=True))
    assert statuses["returned"] > 500 and statuses["refused"] < 30


def test_generated_facts_and_rollups_equal_the_recount(generated):
    written = {f.pk: contributions(f) for f in DossierFact.objects.all()}
    rebuild_facts()
    assert {f.pk: contributions(f) for f in DossierFact.objects.all()} == written
    for basis in ("received", "resolved"):
        for period in (Period(*SPAN), Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))):
            naive = recount_figures(unit_ids=None, period=period, basis=basis, at=NOW)
            fast = stats.figures(unit_ids=None, period=period, basis=basis, at=NOW)
            assert fast.counters() == naive.counters()
            # The whole tree's tables by field and procedure: the version rollup the
            # generator filled.
            for rows in stats.catalogue_tables(
                unit_ids=None, period=period, basis=basis, at=NOW
            ).values():
                summed = Figures()
                for _key, _label, values in rows:
                    summed.add(values)
                assert summed.counters() == naive.counters()


def test_the_same_seed_gives_the_same_dossiers(world):
    runs = []
    for seed in (3, 3, 4):
        with transaction.atomic():
            generate(dossiers=50, date_from=SPAN[0], date_to=SPAN[1], seed=seed, now=NOW)
            runs.append(
                (
                    list(Dossier.objects.order_by("pk").values_list("code", "status", "due_at")),
                    list(
                        DossierEvent.objects.order_by("dossier__code", "seq").values_list(
                            "dossier__code", "action", "at", "data"
                        )
                    ),
                    list(
                        SatisfactionRating.objects.order_by("dossier__code").values_list(
                            "dossier__code", "score", "rated_at"
                        )
                    ),
                )
            )
            transaction.set_rollback(True)
    assert len(runs[0][0]) == 50 and runs[0][2]
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]


def test_demo_dossiers_use_the_version_and_units_in_force_on_their_receipt_date(db):
    load_demo()
    before = set(Dossier.objects.values_list("pk", flat=True))
    generate(
        dossiers=300, date_from=dt.date(2025, 6, 1), date_to=dt.date(2025, 7, 31), seed=2,
        now=local(2025, 8, 1, 9, 0),
    )  # fmt: skip
    dossiers = Dossier.objects.exclude(pk__in=before).select_related(
        "procedure_version", "receiving_unit"
    )
    assert dossiers.count() == 300
    for d in dossiers:
        day = local_date(d.submitted_at)
        version, unit = d.procedure_version, d.receiving_unit
        assert version.effective_from <= day and (version.effective_to or day) >= day
        assert unit.is_valid_on(day)
        assert version.receiving_units.filter(pk=unit.pk).exists()


def test_the_command_refuses_without_a_catalogue(db):
    with pytest.raises(CommandError, match="motcua demo"):
        call_command("generate", dossiers=10)


def test_the_command_refuses_bad_dates(world):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("generate", dossiers=10, date_from="2026-02-30")
    with pytest.raises(CommandError, match="trước hoặc bằng"):
        call_command("generate", dossiers=10, date_from="2026-03-02", date_to="2026-03-01")


def test_the_command_reports_what_it_made(world, capsys):
    call_command("generate", dossiers=30, date_from="2026-01-05", date_to="2026-01-30")
    assert Dossier.objects.count() == 30
    out = capsys.readouterr().out
    assert "Đã sinh 30 hồ sơ" in out and "(ANALYZE)" in out
    assert timezone.now() >= Dossier.objects.latest("submitted_at").submitted_at


def test_most_results_are_rated_and_nine_in_ten_ratings_are_satisfied(generated):
    ratings = list(SatisfactionRating.objects.select_related("dossier"))
    with_result = Dossier.objects.filter(status__in=["resolved", "returned"]).count()
    assert 0.5 * with_result < len(ratings) <= with_result
    assert sum(r.score >= 4 for r in ratings) > 0.9 * len(ratings)
    assert {r.score for r in ratings} <= {1, 2, 3, 4, 5}
    for r in ratings:
        assert r.dossier.status in ("resolved", "returned")
        assert r.dossier.finished_at < r.rated_at <= NOW
        assert r.unit_id == r.dossier.receiving_unit_id
        assert 0 <= r.visit_count <= 2
    scores = dict(DossierFact.objects.filter(score__gt=0).values_list("dossier_id", "score"))
    assert scores == {r.dossier_id: r.score for r in ratings}
    figures = stats.figures(unit_ids=None, period=Period(*SPAN), basis="received", at=NOW)
    assert figures.rated == len(ratings)
    assert figures.satisfaction_index > 0.9


def test_every_generated_row_refers_to_rows_that_exist(generated):
    dossiers = set(Dossier.objects.values_list("pk", flat=True))
    for model in (DossierStep, DossierEvent, DossierPartReceived, SatisfactionRating, DossierFact):
        assert set(model.objects.values_list("dossier_id", flat=True)) <= dossiers
    assert set(DossierFact.objects.values_list("dossier_id", flat=True)) == dossiers
    steps = dict(DossierStep.objects.values_list("pk", "dossier_id"))
    for pk, step_id in Dossier.objects.filter(current_step__isnull=False).values_list(
        "pk", "current_step_id"
    ):
        assert steps[step_id] == pk
    # The sequences moved past the generated keys: ordinary inserts carry on after them.
    dossier = Dossier.objects.first()
    event = DossierEvent.objects.create(
        dossier=dossier, seq=999, action="note", at=NOW, from_status="", to_status=""
    )
    assert event.pk > max(DossierEvent.objects.exclude(pk=event.pk).values_list("pk", flat=True))


def test_the_row_orders_follow_the_models(db):
    check(SatisfactionRating)
    with pytest.raises(RuntimeError, match="out of date"):
        check(DossierStep)  # a model whose fields are not those of a rating


def _index_definitions(tables) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)", [list(tables)]
        )
        return dict(cursor.fetchall())


BULK_MODELS = (Dossier, DossierEvent, DossierStep, DossierPartReceived, DossierFact)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="indexes are set aside on PostgreSQL")
def test_a_large_load_sets_secondary_indexes_aside_and_rebuilds_them_exactly(world, monkeypatch):
    tables = [m._meta.db_table for m in (*BULK_MODELS, SatisfactionRating)]
    before = _index_definitions(tables)
    monkeypatch.setattr(generator, "SUSPEND_INDEXES_FROM", 1)
    dropped: list = []
    real_suspend = bulkindexes.suspend

    def watch(models):
        n = real_suspend(models)
        dropped.append((n, set(_index_definitions(tables)), bulkindexes.pending()))
        return n

    monkeypatch.setattr(bulkindexes, "suspend", watch)
    generate(dossiers=50, date_from=SPAN[0], date_to=SPAN[1], seed=3, now=NOW)
    ((count, during, pending),) = dropped
    assert count > 5 and len(pending) == count
    kept = set(before) - set(pending)
    assert during == kept  # only the recorded ones were dropped
    assert "dossier_event_seq_unique" in kept and "dossiers_dossier_pkey" in kept
    assert _index_definitions(tables) == before
    assert bulkindexes.pending() == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="indexes are set aside on PostgreSQL")
def test_indexes_left_aside_by_an_interrupted_load_are_restored(world):
    tables = [m._meta.db_table for m in BULK_MODELS]
    before = _index_definitions(tables)
    count = bulkindexes.suspend(BULK_MODELS)  # the process dies here
    assert count and len(_index_definitions(tables)) == len(before) - count
    call_command("generate", restore_indexes=True)
    assert _index_definitions(tables) == before
    assert bulkindexes.pending() == []


def test_the_command_needs_a_number_of_dossiers(world):
    with pytest.raises(CommandError, match="số nguyên dương"):
        call_command("generate")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ANALYZE is run on PostgreSQL")
def test_the_planner_has_statistics_of_the_loaded_tables(world):
    timings: dict = {}
    generate(dossiers=80, date_from=SPAN[0], date_to=SPAN[1], seed=5, now=NOW, timings=timings)
    assert timings["analyze"] >= 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples FROM pg_class WHERE relname IN "
            "('dossiers_dossier', 'dossiers_dossierevent', 'reports_unitmonthlyrollup')"
        )
        estimates = dict(cursor.fetchall())
    assert estimates["dossiers_dossier"] >= 80
    assert estimates["dossiers_dossierevent"] > estimates["dossiers_dossier"]
    assert estimates["reports_unitmonthlyrollup"] > 0


def test_the_days_are_shared_in_consecutive_runs_of_about_as_many_dossiers():
    plan = [(dt.date(2026, 1, 1) + dt.timedelta(days=i), n) for i, n in enumerate([5] * 10)]
    shares = generator._shares(plan, 2)
    assert [len(s) for s in shares] == [5, 5] and [d for s in shares for d in s] == plan
    assert [len(s) for s in generator._shares(plan, 3)] == [4, 3, 3]
    # Every worker gets a day even when the dossiers sit at the start.
    lopsided = [(day, 100 if i == 0 else 0) for i, (day, _n) in enumerate(plan[:3])]
    assert [len(s) for s in generator._shares(lopsided, 3)] == [1, 1, 1]


def test_the_command_needs_a_positive_number_of_processes(world):
    with pytest.raises(CommandError, match="Số tiến trình"):
        call_command("generate", dossiers=10, jobs=0)


POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="worker processes on PostgreSQL"
)


@POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_two_worker_processes_write_whole_dossiers_with_their_own_keys_and_codes():
    world = make_world()
    seen: list[int] = []
    made = generate(
        dossiers=400, date_from=SPAN[0], date_to=SPAN[1], seed=7, now=NOW, jobs=2,
        progress=seen.append,
    )  # fmt: skip
    assert made == Dossier.objects.count() == sum(seen) == 400
    pks = sorted(Dossier.objects.values_list("pk", flat=True))
    assert len(set(pks)) == 400
    # Each worker took its own block of keys: the later days' events come after a gap.
    events = sorted(DossierEvent.objects.values_list("pk", flat=True))
    assert len(set(events)) == len(events) and events[-1] - events[0] + 1 > len(events)
    sequences = assert_codes_numbered_per_agency_day()
    assert_events_numbered_and_ending_in_status()
    dossiers = set(pks)
    for model in (DossierStep, DossierEvent, DossierPartReceived, SatisfactionRating, DossierFact):
        assert set(model.objects.values_list("dossier_id", flat=True)) <= dossiers
    assert set(DossierFact.objects.values_list("dossier_id", flat=True)) == dossiers
    for basis in ("received", "resolved"):
        naive = recount_figures(unit_ids=None, period=Period(*SPAN), basis=basis, at=NOW)
        fast = stats.figures(unit_ids=None, period=Period(*SPAN), basis=basis, at=NOW)
        assert fast.counters() == naive.counters() and naive.received > 0
    # The sequences and the code counters moved past what the workers wrote.
    at = local(2026, 3, 2, 9, 0)
    received = len(sequences.get((world.desk.agency_code, at.date()), []))
    dossier = desk_dossier(world, at=at)
    assert parse_code(dossier.code)[2] == received + 1
    assert dossier.pk > pks[-1]
    for model in (DossierEvent, DossierPartReceived):
        newest = model.objects.filter(dossier=dossier).order_by("pk").first()
        assert newest.pk > max(model.objects.exclude(dossier=dossier).values_list("pk", flat=True))


def _raise(*args, **kwargs):
    raise ValueError("hỏng khi ghi")


def _die(*args, **kwargs):
    os._exit(3)


@POSTGRESQL
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("fault", "message"), [(_raise, "gặp lỗi:.*hỏng khi ghi"), (_die, "dừng bất thường.*3")]
)
def test_a_failing_worker_stops_the_run_and_the_indexes_come_back(monkeypatch, fault, message):
    make_world()
    tables = [m._meta.db_table for m in (*BULK_MODELS, SatisfactionRating)]
    before = _index_definitions(tables)
    monkeypatch.setattr(generator, "SUSPEND_INDEXES_FROM", 1)
    monkeypatch.setattr(generator.Rows, "write", fault)
    with pytest.raises(generator.GenerateError, match=f"(?s){message}"):
        generate(dossiers=100, date_from=SPAN[0], date_to=SPAN[1], seed=7, now=NOW, jobs=2)
    assert _index_definitions(tables) == before
    assert bulkindexes.pending() == []
    assert not Dossier.objects.exists()


@POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_indexes_are_rebuilt_two_at_a_time_exactly_as_they_were():
    make_world()
    tables = [m._meta.db_table for m in BULK_MODELS]
    before = _index_definitions(tables)
    count = bulkindexes.suspend(BULK_MODELS)
    assert count > 5
    # One of them already rebuilt by hand: it is forgotten, not built twice.
    first = bulkindexes.SuspendedIndex.objects.order_by("pk").first()
    with connection.cursor() as cursor:
        cursor.execute(first.definition)
    assert bulkindexes.restore(jobs=2) == count - 1
    assert _index_definitions(tables) == before
    assert bulkindexes.pending() == []


@POSTGRESQL
def test_worker_processes_need_committed_rows_to_read(world):
    with pytest.raises(generator.GenerateError, match="giao dịch"):
        generate(dossiers=10, date_from=SPAN[0], date_to=SPAN[1], seed=7, now=NOW, jobs=2)
