"""Dossier codes: format, one daily sequence per agency shared by all channels, concurrency."""

import contextlib
import datetime as dt
import threading

import pytest
from django.db import connection, connections, transaction

from motcua.core.errors import DomainError
from motcua.dossiers import services
from motcua.dossiers.codes import allocate_code, parse_code
from motcua.dossiers.models import CodeCounter, Status
from tests.dossiers.factories import desk_dossier, local, online_dossier

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
