"""The outbox: notifications are written with their event; a crash between the commit and the
queueing, or a worker killed mid-task, loses nothing and sends nothing twice."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from motcua.dossiers import services
from motcua.notifications import tasks
from motcua.notifications.models import Notification, Status
from motcua.notifications.stale import requeue_stale_tasks
from tests.dossiers.factories import APPLICANT, local, online_dossier

pytestmark = pytest.mark.django_db


def _desk_intake(world):
    return services.receive_at_desk(
        actor=world.officer, procedure_code=world.version.procedure.code,
        unit_code=world.desk.code, channel=1, applicant=APPLICANT,
        parts_received=[p.pk for p in world.parts], received_at=local(2026, 3, 2, 9),
    )  # fmt: skip


def test_a_lost_queueing_after_commit_is_made_good_by_the_sweep_once(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):  # the process dies: never queued
        dossier = _desk_intake(world)
    rows = Notification.objects.filter(dossier=dossier)
    assert {(n.template, n.status) for n in rows} == {("received", Status.PENDING)}
    assert rows.count() == 2 and len(mail.outbox) == 0
    assert tasks.dispatch_pending() == 0  # too young: its own task may still be queued
    later = timezone.now() + dt.timedelta(minutes=10)
    assert tasks.dispatch_pending(now=later) == 2
    assert {(n.status, n.attempts) for n in rows.all()} == {(Status.SENT, 1)}
    assert len(mail.outbox) == 1
    assert tasks.dispatch_pending(now=later) == 0  # sent rows are never queued again
    assert len(mail.outbox) == 1


def test_texts_of_a_dossier_being_filed_are_written_at_sending_with_its_real_code(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as pending:
        dossier = _desk_intake(world)
    assert set(Notification.objects.values_list("body", flat=True)) == {""}
    for callback in pending:
        callback()
    email = Notification.objects.get(channel="email")
    sms = Notification.objects.get(channel="sms")
    assert dossier.code in email.subject and dossier.code in email.body
    assert dossier.code in sms.body and "~" not in sms.body
    assert mail.outbox[0].subject == email.subject


def test_an_attempt_in_flight_is_not_sent_again_by_a_second_task(world):
    dossier = online_dossier(world)
    row = Notification.objects.get(dossier=dossier, channel="email")
    Notification.objects.filter(pk=row.pk).update(
        status=Status.PENDING, sent_at=None, sending_since=timezone.now()
    )
    sent_before = len(mail.outbox)
    assert tasks.deliver.call(row.pk) == Status.PENDING  # skipped: another attempt is sending
    assert len(mail.outbox) == sent_before
    assert tasks.dispatch_pending() == 0


def test_an_attempt_whose_worker_died_is_sent_again_after_the_lease(world):
    dossier = online_dossier(world)
    row = Notification.objects.get(dossier=dossier, channel="sms")
    died = timezone.now() - dt.timedelta(minutes=30)
    Notification.objects.filter(pk=row.pk).update(
        status=Status.PENDING, sent_at=None, attempts=1, sending_since=died
    )
    assert tasks.dispatch_pending() == 1
    row.refresh_from_db()
    assert (row.status, row.attempts, row.sending_since) == (Status.SENT, 2, None)


def test_the_sweep_command_reports_what_it_did(world, django_capture_on_commit_callbacks, capsys):
    with django_capture_on_commit_callbacks(execute=False):
        online_dossier(world)
    Notification.objects.update(created_at=timezone.now() - dt.timedelta(hours=1))
    call_command("dispatch_notifications")
    assert "2 notification(s) queued" in capsys.readouterr().out
    assert set(Notification.objects.values_list("status", flat=True)) == {Status.SENT}


def test_tasks_left_running_by_a_dead_worker_are_requeued(settings):
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    old, fresh = (tasks.deliver.enqueue(pk) for pk in (1, 2))
    started = timezone.now() - dt.timedelta(hours=1)
    DBTaskResult.objects.filter(pk=old.id).update(status="RUNNING", started_at=started)
    DBTaskResult.objects.filter(pk=fresh.id).update(status="RUNNING", started_at=timezone.now())
    assert requeue_stale_tasks() == 1
    assert DBTaskResult.objects.get(pk=old.id).status == TaskResultStatus.READY
    assert DBTaskResult.objects.get(pk=fresh.id).status == TaskResultStatus.RUNNING
    assert DBTaskResult.objects.ready().filter(pk=old.id).exists()
    call_command("requeue_stale_tasks", "--older-than", "0")
    assert DBTaskResult.objects.get(pk=fresh.id).status == TaskResultStatus.READY


def test_an_intake_writes_its_notifications_in_one_insert(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        _desk_intake(world)
    inserts = [q for q in ctx.captured_queries if 'INSERT INTO "notifications_' in q["sql"]]
    assert len(inserts) == 1
