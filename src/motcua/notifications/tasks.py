"""Background delivery: record the messages of a dossier event once, then send each one,
retrying a failed send with a growing delay (Django tasks; `motcua db_worker` runs them)."""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.tasks import task
from django.utils import timezone, translation

from motcua.dossiers.models import Channel as DossierChannel
from motcua.dossiers.models import DossierEvent

from . import messages
from .models import Channel, Notification, Status, Template
from .sms import get_sms_sender

logger = logging.getLogger(__name__)


def recipients(event: DossierEvent) -> list[tuple[str, str]]:
    dossier = event.dossier
    found = []
    if dossier.applicant_email:
        found.append((Channel.EMAIL, dossier.applicant_email))
    if dossier.applicant_phone:
        found.append((Channel.SMS, dossier.applicant_phone))
    return found


def record_for_event(event_id: int) -> list[Notification]:
    """The notifications of one event, created once (unique per event and channel)."""
    event = (
        DossierEvent.objects.select_related("dossier__procedure_version", "dossier__receiving_unit")
        .filter(pk=event_id)
        .first()
    )
    template = messages.TEMPLATE_OF_ACTION.get(event.action) if event else None
    if template is None:
        return []
    if template == Template.SUBMITTED and event.dossier.channel != DossierChannel.ONLINE:
        return []  # a paper dossier's applicant is at the desk and gets the slip in hand
    with translation.override(settings.LANGUAGE_CODE):
        message = messages.build(template, event.dossier, event)
    rows = []
    for channel, recipient in recipients(event):
        try:
            with transaction.atomic():
                row, _created = Notification.objects.get_or_create(
                    event=event,
                    channel=channel,
                    defaults={
                        "dossier": event.dossier,
                        "recipient": recipient,
                        "template": template,
                        "subject": message.subject[:255],
                        "body": message.body if channel == Channel.EMAIL else message.sms,
                        "created_at": timezone.now(),
                    },
                )
        except IntegrityError:  # recorded by a concurrent run
            row = Notification.objects.get(event=event, channel=channel)
        rows.append(row)
    return rows


@task
def notify_event(event_id: int) -> int:
    """Record the messages of dossier event `event_id` and queue their delivery."""
    queued = 0
    for row in record_for_event(event_id):
        if row.status == Status.PENDING and row.attempts == 0:
            deliver.enqueue(row.pk)
            queued += 1
    return queued


def _attachments(row: Notification) -> list[tuple[str, bytes, str]]:
    if row.template != Template.RECEIVED or not settings.NOTIFY_ATTACH_SLIPS:
        return []
    from motcua.documents.slips import render_slip

    try:
        pdf = render_slip(row.dossier, "receipt_slip", event=row.event)
    except Exception:  # the message still matters more than its attachment
        logger.exception("Receipt slip of %s could not be rendered", row.dossier.code)
        return []
    return [(f"{row.dossier.code}-mau-01.pdf", pdf, "application/pdf")]


def send(row: Notification) -> None:
    if row.channel == Channel.EMAIL:
        email = EmailMessage(
            subject=row.subject,
            body=row.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[row.recipient],
        )
        for attachment in _attachments(row):
            email.attach(*attachment)
        email.send(fail_silently=False)
    else:
        get_sms_sender().send(to=row.recipient, text=row.body)


def _retry(notification_id: int, attempts: int) -> None:
    if deliver.get_backend().supports_defer:
        delay = dt.timedelta(seconds=settings.NOTIFY_RETRY_SECONDS * 2 ** (attempts - 1))
        deliver.using(run_after=timezone.now() + delay).enqueue(notification_id)
    else:
        deliver.enqueue(notification_id)


@task
def deliver(notification_id: int) -> str:
    """Send one recorded message; on failure record the error and retry, up to
    `NOTIFY_MAX_ATTEMPTS` attempts."""
    with transaction.atomic():
        row = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("dossier", "event")
            .get(pk=notification_id)
        )
        if row.status != Status.PENDING:
            return row.status
        row.attempts += 1
        row.save(update_fields=["attempts"])
    try:
        with translation.override(settings.LANGUAGE_CODE):
            send(row)
    except Exception as exc:
        row.last_error = f"{type(exc).__name__}: {exc}"[:500]
        give_up = row.attempts >= settings.NOTIFY_MAX_ATTEMPTS
        row.status = Status.FAILED if give_up else Status.PENDING
        row.save(update_fields=["last_error", "status"])
        logger.warning("Notification %s attempt %s failed: %s", row.pk, row.attempts, exc)
        if not give_up:
            _retry(row.pk, row.attempts)
        return row.status
    row.status = Status.SENT
    row.sent_at = timezone.now()
    row.save(update_fields=["status", "sent_at"])
    return row.status
