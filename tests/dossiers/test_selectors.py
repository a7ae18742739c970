"""Reads: the worklist and its filters, one dossier with history in fixed queries, outcomes."""

import datetime as dt

import pytest

from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossier_with_history, open_outcome, worklist
from motcua.workcalendar.models import CalendarOverride
from motcua.workcalendar.signals import calendar_changed
from tests.dossiers.factories import APPLICANT, desk_dossier, dossier_in, local, online_dossier


def test_worklist_shows_dossiers_received_or_currently_at_the_actors_units(world):
    waiting = online_dossier(world)
    received = dossier_in("received", world)
    processing = dossier_in("processing", world)
    assert set(worklist(world.officer)) == {waiting, received, processing}
    assert list(worklist(world.other_officer)) == []
    assert list(worklist(world.specialist)) == [processing]
    assert list(worklist(world.officer, unit=world.department)) == []


def test_worklist_filters_by_status_code_or_identifier(world):
    waiting = online_dossier(world)
    received = dossier_in("received", world)
    assert list(worklist(world.officer, status=1)) == [waiting]
    assert list(worklist(world.officer, status="received")) == [received]
    assert list(worklist(world.officer, status="nonsense")) == []


def test_worklist_search_by_code_folded_name_or_phone(world):
    nhung = desk_dossier(world)
    binh = desk_dossier(
        world,
        at=local(2026, 3, 2, 10),
        applicant={**APPLICANT, "name": "Đỗ Văn Bình", "phone": "0243 111 222"},
    )
    assert list(worklist(world.officer, q="hong nhung")) == [nhung]
    assert list(worklist(world.officer, q="ĐỖ VĂN")) == [binh]
    assert list(worklist(world.officer, q="do van binh")) == [binh]
    assert list(worklist(world.officer, q="111222")) == [binh]
    assert list(worklist(world.officer, q=binh.code[-4:])) == [binh]
    assert list(worklist(world.officer, q="+84243111222")) == [binh]
    Dossier.objects.filter(pk=nhung.pk).update(applicant_phone="+84912345678")
    assert list(worklist(world.officer, q="0912345678")) == [nhung]


def test_worklist_overdue_and_due_before(world):
    received = dossier_in("received", world)  # due Mon 09/03/2026 09:00
    paused = dossier_in("supplement_requested", world)  # paused before its due
    later = local(2026, 3, 10, 8)
    assert set(worklist(world.officer, overdue=True, at=later)) == {received}
    assert set(worklist(world.officer, overdue=False, at=later)) == {paused}
    assert set(worklist(world.officer, overdue=True, at=local(2026, 3, 3, 8))) == set()
    assert list(worklist(world.officer, due_before=local(2026, 3, 9, 9))) == []
    assert len(worklist(world.officer, due_before=local(2026, 3, 9, 9, 1))) == 2


@pytest.mark.parametrize("rows", [1, 5, 50])
def test_worklist_query_count_does_not_grow(world, rows, django_assert_num_queries):
    for n in range(rows):
        desk_dossier(world, at=local(2026, 3, 2, 8) + dt.timedelta(minutes=n))
    # memberships; the rows with their procedure; their units (one query, not joined)
    with django_assert_num_queries(3):
        items = list(worklist(world.officer))
        labels = [
            (
                d.procedure_version.procedure.code,
                d.receiving_unit.name,
                d.current_unit.name,
                d.competent_unit.name,
                d.assignee,
            )
            for d in items
        ]
    assert len(labels) == rows


def test_worklist_reads_assignees_in_one_query(world, django_assert_num_queries):
    for n in range(6):
        dossier = desk_dossier(world, at=local(2026, 3, 2, 8) + dt.timedelta(minutes=n))
        if n % 2:
            Dossier.objects.filter(pk=dossier.pk).update(assignee=world.specialist)
    with django_assert_num_queries(4):  # memberships, rows, units, assignees
        names = [d.assignee.username if d.assignee else "" for d in worklist(world.officer)]
    assert names.count(world.specialist.username) == 3
    rows = worklist(world.officer)
    with django_assert_num_queries(2):  # counting and listing codes read no units
        assert rows.count() == 6
        assert len(list(rows.values_list("code", flat=True)[:2])) == 2


def test_dossier_with_history_in_fixed_queries(world, django_assert_num_queries):
    code = dossier_in("at_committee", world).code
    with django_assert_num_queries(5):
        dossier = dossier_with_history(code)
        events = [
            (e.action, e.actor and e.actor.username, e.actor_unit) for e in dossier.events.all()
        ]
        steps = [(s.unit.name, s.holder, s.giver_unit) for s in dossier.steps.all()]
        parts = [p.part.name for p in dossier.parts.all()]
        supplements = list(dossier.supplements.all())
    assert [e[0] for e in events] == ["submit", "receive", "assign", "hand_over", "hand_over"]
    assert len(steps) == 3 and len(parts) == 2 and supplements == []
    assert dossier_with_history("000.22.27.H26-000000-0000") is None


def test_open_outcome_in_time_overdue_and_paused(world):
    received = dossier_in("received", world)
    assert open_outcome(received, local(2026, 3, 9, 9, 0)) == "in_time"
    assert open_outcome(received, local(2026, 3, 9, 9, 1)) == "overdue"
    paused = dossier_in("supplement_requested", world)
    assert open_outcome(paused, local(2026, 4, 30, 9)) == "in_time"
    assert open_outcome(online_dossier(world), local(2026, 4, 30, 9)) is None


def test_calendar_change_moves_due_dates_once(world):
    dossier = dossier_in("processing", world)  # received Mon 02/03 09:00, due Mon 09/03 09:00
    untouched = services.receive_at_desk(
        actor=world.other_officer,
        procedure_code=world.version.procedure.code,
        unit_code=world.other_desk.code,
        channel=1,
        applicant=APPLICANT,
        parts_received=[p.pk for p in world.parts if p.required],
        received_at=local(2026, 3, 2, 9),
    )
    CalendarOverride.objects.create(
        date=dt.date(2026, 3, 4), kind="off", name="Nghỉ đột xuất", unit=world.desk
    )
    calendar_changed.send(
        sender=CalendarOverride,
        date_from=dt.date(2026, 3, 4),
        date_to=dt.date(2026, 3, 4),
        unit_id=world.desk.pk,
    )
    dossier.refresh_from_db()
    untouched.refresh_from_db()
    assert dossier.due_at == local(2026, 3, 10, 9, 0)
    assert dossier.appointment_at == dossier.due_at
    assert untouched.due_at == local(2026, 3, 9, 9, 0)
    event = dossier.events.order_by("-seq").first()
    assert (event.action, event.from_status, event.to_status) == (
        "recompute_due",
        "processing",
        "processing",
    )
    assert event.data["old_due_at"] == local(2026, 3, 9, 9).isoformat()
    assert event.data["new_due_at"] == local(2026, 3, 10, 9).isoformat()
    calendar_changed.send(
        sender=CalendarOverride, date_from=dt.date(2026, 3, 4), date_to=dt.date(2026, 3, 4),
        unit_id=None,
    )  # fmt: skip
    assert dossier.events.filter(action="recompute_due").count() == 1
    assert not untouched.events.filter(action="recompute_due").exists()


def test_calendar_change_outside_the_clock_span_is_ignored(world):
    dossier = dossier_in("received", world)
    CalendarOverride.objects.create(date=dt.date(2026, 3, 20), kind="off", name="Nghỉ")
    calendar_changed.send(
        sender=CalendarOverride, date_from=dt.date(2026, 3, 20), date_to=dt.date(2026, 3, 20),
        unit_id=None,
    )  # fmt: skip
    assert not dossier.events.filter(action="recompute_due").exists()


def test_calendar_change_keeps_the_pause(world):
    dossier = dossier_in("supplement_requested", world)
    dossier = services.submit_supplement(
        actor=world.officer, dossier=dossier, at=local(2026, 3, 3, 10)
    )
    assert (dossier.paused_minutes, dossier.due_at) == (480, local(2026, 3, 10, 9))
    CalendarOverride.objects.create(date=dt.date(2026, 3, 3), kind="off", name="Nghỉ")
    calendar_changed.send(
        sender=CalendarOverride, date_from=dt.date(2026, 3, 3), date_to=dt.date(2026, 3, 3),
        unit_id=None,
    )  # fmt: skip
    dossier.refresh_from_db()
    # Tuesday off: the pause Mon 10:00 → Tue 10:00 now counts Monday's 360 minutes; the
    # 5 days from Mon 09:00 skip Tuesday (Tue 10/03 09:00), then 360 more minutes.
    assert dossier.paused_minutes == 360
    assert dossier.due_at == local(2026, 3, 10, 16, 0)
