"""Dossier codes: format, one daily sequence per agency shared by all channels, concurrency."""

import contextlib
import datetime as dt
import threading

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from motcua.core.errors import DomainError
from motcua.dossiers import services
from motcua.dossiers.codes import (
    PROVISIONAL_PREFIX,
    allocate_code,
    code_issued,
    is_provisional,
    parse_code,
)
from motcua.dossiers.models import CodeCounter, Dossier, Status
from motcua.security.models import AuditAction, AuditEntry
from tests.dossiers.factories import APPLICANT, desk_dossier, local, online_dossier
from tests.factories import DossierPartFactory

pytestmark = pytest.mark.django_db


def test_code_has_the_national_format():
    code = allocate_code("000.22.27.H26", dt.date(2026, 11, 23))
    assert code == "000.22.27.H26-261123-0001"
    assert parse_code(code) == ("000.22.27.H26", dt.date(2026, 11, 23), 1)


def test_sequence_is_per_agency_and_per_day():
    a, b = "000.22.27.H26", "000.31.27.H26"
    day1, day2 = dt.date(2026, 3, 2), dt.date(2026, 3, 3)
    issued = [
        allocate_code(a, day1),
        allocate_code(a, day1),
        allocate_code(b, day1),
        allocate_code(a, day2),
        allocate_code(b, day1),
        allocate_code(a, day1),
    ]
    assert issued == [
        "000.22.27.H26-260302-0001",
        "000.22.27.H26-260302-0002",
        "000.31.27.H26-260302-0001",
        "000.22.27.H26-260303-0001",
        "000.31.27.H26-260302-0002",
        "000.22.27.H26-260302-0003",
    ]
    assert CodeCounter.objects.count() == 3


def test_sequence_grows_past_four_digits():
    CodeCounter.objects.create(agency_code="000.22.27.H26", day=dt.date(2026, 3, 2), last=9999)
    assert allocate_code("000.22.27.H26", dt.date(2026, 3, 2)).endswith("-260302-10000")


def test_malformed_agency_code_is_refused():
    with pytest.raises(DomainError) as refused:
        allocate_code("H26", dt.date(2026, 3, 2))
    assert "mã định danh" in refused.value.message
    assert not CodeCounter.objects.exists()


def test_code_of_a_refused_submission_is_never_reused(world):
    first = online_dossier(world)
    services.refuse_dossier(actor=world.officer, dossier=first, reason="Sai thẩm quyền")
    second = desk_dossier(world, at=local(2026, 3, 2, 15))
    assert first.code.endswith("-0001") and second.code.endswith("-0002")


def test_desk_and_online_share_the_daily_sequence(world):
    online = online_dossier(world, at=local(2026, 3, 2, 8, 0))
    desk = desk_dossier(world, at=local(2026, 3, 2, 9, 0))
    other = services.receive_at_desk(
        actor=world.other_officer,
        procedure_code=world.version.procedure.code,
        unit_code=world.other_desk.code,
        channel=3,
        applicant={"name": "Công ty TNHH Xây dựng Hòa Bình", "kind": "organisation"},
        parts_received=[p.pk for p in world.parts],
        received_at=local(2026, 3, 2, 9, 5),
    )
    assert online.code == "000.22.27.H26-260302-0001"
    assert desk.code == "000.22.27.H26-260302-0002"
    assert other.code == "000.31.27.H26-260302-0001"


def test_online_dossier_keeps_its_submission_date_at_receipt(world):
    """DOMAIN §6.7 example 3b: submitted Sat 14/03/2026 22:30, accepted Mon 16/03 09:15."""
    dossier = online_dossier(world, at=local(2026, 3, 14, 22, 30))
    world.version.committed_minutes = 2 * 480
    world.version.save()
    received = services.receive_dossier(
        actor=world.officer, dossier=dossier, at=local(2026, 3, 16, 9, 15)
    )
    assert received.code == "000.22.27.H26-260314-0001"
    assert received.status == Status.RECEIVED
    assert received.clock_start_at == local(2026, 3, 16, 9, 15)
    assert received.due_at == local(2026, 3, 18, 9, 15)


def test_online_dossier_auto_received_starts_at_next_opening(world):
    """DOMAIN §6.7 example 3a: auto-received at submission on a Saturday night."""
    from motcua.dossiers.lifecycle import SYSTEM_ACTOR

    world.version.committed_minutes = 2 * 480
    world.version.save()
    dossier = online_dossier(world, at=local(2026, 3, 14, 22, 30))
    received = services.receive_dossier(
        actor=SYSTEM_ACTOR, dossier=dossier, at=local(2026, 3, 14, 22, 30)
    )
    assert received.clock_start_at == local(2026, 3, 16, 8, 0)
    assert received.due_at == local(2026, 3, 17, 17, 0)
    assert received.code.split("-")[1] == "260314"


THREADS = 32


@contextlib.contextmanager
def _worker_database(tmp_path):
    """A factory of the connection worker threads use as `default` (None: the usual one).

    PostgreSQL: the test database itself. SQLite: the test database is an in-memory shared
    cache, whose table locks never wait, so the workers use a file database configured like
    production (WAL, IMMEDIATE transactions, busy timeout) holding the counter table.
    """
    if connection.vendor != "sqlite":
        yield None
        return
    settings_dict = {**connection.settings_dict, "NAME": str(tmp_path / "codes.sqlite3")}

    def make():
        return type(connections["default"])(settings_dict, alias="default")

    setup = make()
    try:
        with setup.schema_editor() as editor:
            editor.create_model(CodeCounter)
        yield make
    finally:
        setup.close()


@pytest.mark.django_db(transaction=True)
def test_parallel_receipts_get_distinct_consecutive_codes(tmp_path):
    day = dt.date(2026, 3, 2)
    barrier = threading.Barrier(THREADS)
    codes, errors = [], []
    lock = threading.Lock()

    with _worker_database(tmp_path) as make_connection:

        def receive():
            try:
                if make_connection is not None:
                    connections["default"] = make_connection()
                barrier.wait(timeout=30)
                with transaction.atomic():
                    code = allocate_code("000.22.27.H26", day)
                with lock:
                    codes.append(code)
            except Exception as exc:  # reported below
                with lock:
                    errors.append(repr(exc))
            finally:
                connections.close_all()

        threads = [threading.Thread(target=receive) for _ in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        if make_connection is not None:
            worker = make_connection()
            with worker.cursor() as cursor:
                cursor.execute("SELECT last FROM dossiers_codecounter")
                last = cursor.fetchone()[0]
            worker.close()
        else:
            last = CodeCounter.objects.get(agency_code="000.22.27.H26", day=day).last
    assert errors == []
    assert sorted(codes) == [f"000.22.27.H26-260302-{n:04d}" for n in range(1, THREADS + 1)]
    assert last == THREADS


# --- the code is issued last ---------------------------------------------------------------------


def _receive(world, **kw):
    return services.receive_at_desk(
        actor=world.officer, procedure_code=world.version.procedure.code,
        unit_code=world.desk.code, channel=1, applicant=APPLICANT,
        parts_received=list(world.version.parts.values_list("pk", flat=True)),
        received_at=local(2026, 3, 2, 9), **kw,
    )  # fmt: skip


def _writes(sql: str) -> bool:
    """INSERT, UPDATE, or a WITH statement made of them (the rollups on PostgreSQL)."""
    verb = sql.split()[0]
    return verb in {"INSERT", "UPDATE"} or (
        verb == "WITH" and (" INSERT " in sql or " UPDATE " in sql)
    )


def test_the_counter_and_the_rollups_are_the_intakes_last_writes(world):
    """The agency's counter row is taken just before the commit: after it only the code, the
    audit rows that name it and the statistics rollup rows (shared by every intake of the unit
    and day, so also held only from there) are written. The dossier's statistics fact, its
    own row, is written once, just before the counter."""
    with CaptureQueriesContext(connection) as ctx:
        dossier = _receive(world)
    writes = [q["sql"] for q in ctx.captured_queries if _writes(q["sql"])]
    counter_at = next(i for i, sql in enumerate(writes) if "dossiers_codecounter" in sql)
    before, after = writes[:counter_at], writes[counter_at + 1 :]
    assert not any("rollup" in sql for sql in before)
    facts = [sql for sql in writes if "reports_dossierfact" in sql]
    assert len(facts) == 1 and facts[0] == before[-1]
    assert "dossiers_dossier" in after[0]
    # The dossier row: inserted, then written once more (receipt and code), nothing between.
    dossier_writes = [sql for sql in writes if '"dossiers_dossier"' in sql.split("(")[0]]
    assert len(dossier_writes) == 2 and dossier_writes[1] == after[0]
    assert '"status"' in after[0] and '"code"' in after[0]
    audit = [sql for sql in after if "security_auditentry" in sql]
    assert len(audit) == 1  # the audit rows of `submit` and `receive` in one insert
    rows = AuditEntry.objects.filter(object_id=dossier.code, action=AuditAction.DOSSIER_ACTION)
    assert sorted(rows.values_list("detail", flat=True)) == ["receive", "submit"]
    tables = {"reports_dailyrollup", "reports_monthlyrollup", "reports_unitdailyrollup"}
    assert all(any(t in sql for sql in after) for t in tables)
    assert all(
        "dossiers_dossier" in sql or "security_auditentry" in sql or "rollup" in sql
        for sql in after
    )
    assert not any("FOR UPDATE" in q["sql"] and "codecounter" in q["sql"]
                   for q in ctx.captured_queries)  # fmt: skip
    assert dossier.code == "000.22.27.H26-260302-0001"
    stored = Dossier.objects.get(pk=dossier.pk)
    assert stored.code == dossier.code and not is_provisional(stored.code)
    assert stored.status == Status.RECEIVED


def test_the_events_and_audit_rows_of_a_new_dossier_name_its_real_code(world):
    dossier = _receive(world)
    events = list(dossier.events.order_by("seq"))
    assert [e.action for e in events] == ["submit", "receive"]
    assert not any(is_provisional(str(e.data.get("code", ""))) for e in events)
    rows = AuditEntry.objects.filter(action=AuditAction.DOSSIER_ACTION).order_by("id")
    assert [(r.object_id, r.new["event"]) for r in rows] == [(dossier.code, e.pk) for e in events]
    assert not AuditEntry.objects.filter(object_id__startswith=PROVISIONAL_PREFIX).exists()


def test_a_rolled_back_intake_leaves_no_gap(world):
    first = _receive(world)

    class Boom(Exception):
        pass

    def fail_after_numbering(sender, **kwargs):
        raise Boom

    code_issued.connect(fail_after_numbering, dispatch_uid="test_boom")
    try:
        with pytest.raises(Boom):
            _receive(world)
    finally:
        code_issued.disconnect(dispatch_uid="test_boom")
    third = _receive(world)
    assert first.code.endswith("-0001") and third.code.endswith("-0002")
    assert Dossier.objects.count() == 2
    assert CodeCounter.objects.get().last == 2


def test_a_refused_intake_takes_no_number(world):
    with pytest.raises(DomainError):
        services.receive_at_desk(
            actor=world.officer, procedure_code=world.version.procedure.code,
            unit_code=world.desk.code, channel=1, applicant=APPLICANT, parts_received=[],
            received_at=local(2026, 3, 2, 9),
        )  # fmt: skip
    assert not CodeCounter.objects.exists() and not Dossier.objects.exists()
    assert _receive(world).code.endswith("-0001")


def test_an_online_submission_is_numbered_last_too(world):
    dossier = online_dossier(world, at=local(2026, 3, 2, 8))
    assert Dossier.objects.get(pk=dossier.pk).code == "000.22.27.H26-260302-0001"
    assert AuditEntry.objects.filter(object_id=dossier.code).count() == 1


@pytest.mark.parametrize("extra_parts", [0, 5])
def test_the_desk_intake_query_count_does_not_grow_with_its_parts(world, extra_parts):
    for n in range(extra_parts):
        DossierPartFactory(version=world.version, order=10 + n, name=f"Giấy tờ kèm theo {n}")
    _receive(world)  # counters, rollup rows and caches exist from here on
    parts = list(world.version.parts.values_list("pk", flat=True))
    assert len(parts) == len(world.parts) + extra_parts
    with CaptureQueriesContext(connection) as ctx:
        services.receive_at_desk(
            actor=world.officer, procedure_code=world.version.procedure.code,
            unit_code=world.desk.code, channel=1, applicant=APPLICANT, parts_received=parts,
            received_at=local(2026, 3, 2, 10),
        )  # fmt: skip
    counts = INTAKE_QUERIES.setdefault(connection.vendor, set())
    counts.add(len(ctx.captured_queries))
    assert len(counts) == 1, counts  # the same with 3 parts as with 8
    assert len(ctx.captured_queries) <= 45


INTAKE_QUERIES: dict[str, set[int]] = {}
