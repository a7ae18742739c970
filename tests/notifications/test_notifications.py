"""Messages on dossier events: recorded once per event and channel, sent after commit by a
task, retried on failure, in Vietnamese."""

import logging

import pytest
from django.core import mail

from motcua.dossiers import services
from motcua.notifications import tasks
from motcua.notifications.models import Notification, Status
from motcua.notifications.sms import LoggingSmsSender, SmsError, SmsSender
from tests.dossiers.factories import PHONE, dossier_in, local, online_dossier


def test_submission_is_recorded_once_per_channel_and_sent_after_commit(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as pending:
        dossier = online_dossier(world)
    # Recorded with the event (the outbox), nothing sent before the commit.
    recorded = Notification.objects.filter(dossier=dossier)
    assert {(n.channel, n.status, n.attempts) for n in recorded} == {
        ("email", Status.PENDING, 0),
        ("sms", Status.PENDING, 0),
    }
    assert len(mail.outbox) == 0
    for callback in pending:
        callback()
    rows = {n.channel: n for n in Notification.objects.filter(dossier=dossier)}
    assert set(rows) == {"email", "sms"}
    assert all(n.status == Status.SENT and n.attempts == 1 and n.sent_at for n in rows.values())
    assert rows["sms"].recipient == PHONE
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nhung@example.vn"]
    assert dossier.code in message.subject
    assert "Kính gửi Nguyễn Thị Hồng Nhung" in message.body
    assert f"/tra-cuu/?code={dossier.code}" in message.body
    for callback in pending:  # the deliveries queued again send nothing new
        callback()
    assert tasks.notify_event.call(dossier.events.get().pk) == 0  # nor the former task
    assert Notification.objects.filter(dossier=dossier).count() == 2
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("state", "template", "words"),
    [
        ("received", "received", "Ngày hẹn trả kết quả"),
        ("supplement_requested", "supplement_requested", "Bản vẽ mặt bằng móng"),
        ("awaiting_payment", "payment_requested", "75.000 đ"),
        ("resolved", "result_ready", "Đánh giá mức độ hài lòng"),
        ("returned", "returned", "/danh-gia/"),
    ],
)
def test_each_event_sends_its_message(
    world, django_capture_on_commit_callbacks, state, template, words
):
    with django_capture_on_commit_callbacks(execute=True):
        dossier = dossier_in(state, world)
    email = Notification.objects.get(dossier=dossier, template=template, channel="email")
    assert words in email.body
    assert email.status == Status.SENT


def test_apology_announces_the_new_date(world, django_capture_on_commit_callbacks):
    dossier = dossier_in("processing", world)
    with django_capture_on_commit_callbacks(execute=True):
        services.apologise(
            actor=world.leader, dossier=dossier, new_appointment_at=local(2026, 3, 20, 16),
            reason="Phải lấy ý kiến liên ngành", at=local(2026, 3, 3, 9),
        )  # fmt: skip
    email = Notification.objects.get(dossier=dossier, template="apology", channel="email")
    assert "16:00 20/03/2026" in email.body
    assert "Phải lấy ý kiến liên ngành" in email.body


def test_a_failed_send_is_retried_until_it_goes(
    world, django_capture_on_commit_callbacks, monkeypatch
):
    real = tasks.send
    failures = {"left": 2}

    def flaky(row):
        if row.channel == "email" and failures["left"]:
            failures["left"] -= 1
            raise ConnectionError("SMTP tạm thời không kết nối được")
        real(row)

    monkeypatch.setattr(tasks, "send", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        dossier = online_dossier(world)
    email = Notification.objects.get(dossier=dossier, channel="email")
    assert (email.status, email.attempts) == (Status.SENT, 3)
    assert "SMTP" in email.last_error
    assert len(mail.outbox) == 1


def test_sending_gives_up_after_the_last_attempt(
    world, django_capture_on_commit_callbacks, monkeypatch, settings
):
    settings.NOTIFY_MAX_ATTEMPTS = 3

    def down(row):
        raise ConnectionError("down")

    monkeypatch.setattr(tasks, "send", down)
    with django_capture_on_commit_callbacks(execute=True):
        dossier = online_dossier(world)
    rows = Notification.objects.filter(dossier=dossier)
    assert {(n.status, n.attempts) for n in rows} == {(Status.FAILED, 3)}
    assert tasks.deliver.call(rows[0].pk) == Status.FAILED  # a failed row is not resent
    assert Notification.objects.get(pk=rows[0].pk).attempts == 3


def test_paper_dossiers_get_no_submitted_message(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        dossier = dossier_in("received", world)
    assert set(Notification.objects.filter(dossier=dossier).values_list("template", flat=True)) == {
        "received"
    }


def test_no_contact_no_message(world, django_capture_on_commit_callbacks):
    applicant = {"name": "Lê Văn Cường", "phone": "", "email": ""}
    with django_capture_on_commit_callbacks(execute=True):
        services.receive_at_desk(
            actor=world.officer, procedure_code=world.version.procedure.code,
            unit_code=world.desk.code, channel=1, applicant=applicant,
            parts_received=[p.pk for p in world.parts if p.required],
            received_at=local(2026, 3, 2, 9),
        )  # fmt: skip
    assert not Notification.objects.exists()


def test_received_message_carries_the_receipt_slip(
    world, django_capture_on_commit_callbacks, settings, monkeypatch
):
    settings.NOTIFY_ATTACH_SLIPS = True
    monkeypatch.setattr(
        "motcua.documents.slips.render_slip", lambda dossier, kind, **kw: b"%PDF-mau-01"
    )
    with django_capture_on_commit_callbacks(execute=True):
        dossier = dossier_in("received", world)
    (message,) = [m for m in mail.outbox if "tiếp nhận" in m.subject]
    name, content, mimetype = message.attachments[0]
    assert (name, content, mimetype) == (
        f"{dossier.code}-mau-01.pdf",
        b"%PDF-mau-01",
        "application/pdf",
    )


# --- SMS adapter contract: every SmsSender implementation must pass these -----------------

SENDERS = [pytest.param(LoggingSmsSender, id="logging")]


@pytest.mark.parametrize("sender_class", SENDERS)
class TestSmsContract:
    def test_is_an_sms_sender_returning_a_message_id(self, sender_class):
        sender = sender_class()
        assert isinstance(sender, SmsSender)
        assert sender.send(to="0912345678", text="Hồ sơ 000.22.27.H26-260302-0001 đã có kết quả.")

    @pytest.mark.parametrize("to", ["", "abc", "09", "+84 91 234"])
    def test_refuses_a_bad_number(self, sender_class, to):
        with pytest.raises(SmsError):
            sender_class().send(to=to, text="Xin chào")

    def test_refuses_an_empty_text(self, sender_class):
        with pytest.raises(SmsError):
            sender_class().send(to="0912345678", text="  ")


def test_logging_sender_writes_the_text_to_the_log(caplog):
    with caplog.at_level(logging.INFO, logger="motcua.sms"):
        LoggingSmsSender().send(to="0912345678", text="Hồ sơ đã được tiếp nhận")
    assert "Hồ sơ đã được tiếp nhận" in caplog.text
