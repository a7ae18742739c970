"""The notification outbox and its delivery.

A dossier event's messages are recorded (one row per channel, status pending) in the event's
own transaction, so no committed event lacks them. After the commit one `deliver` task per
row is queued; `dispatch_pending` (command `motcua dispatch_notifications`, run periodically
and at worker start) queues rows a crash left unqueued, or whose attempt died mid-way. A row
is sent by one attempt at a time (`sending_since`) and never again once sent; a failed send is
retried with a growing delay (Django tasks; `motcua db_worker` runs them)."""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, models, transaction
from django.tasks import task
from django.utils import timezone, translation

from motcua.dossiers.codes import is_provisional
from motcua.dossiers.models import Channel as DossierChannel
from motcua.dossiers.models import DossierEvent

from . import messages
from .models import Channel, Notification, Status, Template
from .sms import get_sms_sender

logger = logging.getLogger(__name__)

# Seconds: how old a never-tried pending row must be before the sweep queues it again, and how
# long one attempt may be "sending" before it is taken for dead (settings may override both).
DISPATCH_GRACE = 300
SENDING_LEASE = 600


def _seconds(name: str, default: int) -> dt.timedelta:
    return dt.timedelta(seconds=getattr(settings, name, default))


def recipients(event: DossierEvent) -> list[tuple[str, str]]:
    dossier = event.dossier
    found = []
    if dossier.applicant_email:
        found.append((Channel.EMAIL, dossier.applicant_email))
    if dossier.applicant_phone:
        found.append((Channel.SMS, dossier.applicant_phone))
    return found


def _template_of(event: DossierEvent) -> str | None:
    template = messages.TEMPLATE_OF_ACTION.get(event.action)
    if template == Template.SUBMITTED and event.dossier.channel != DossierChannel.ONLINE:
        return None  # a paper dossier's applicant is at the desk and gets the slip in hand
    return template


def _texts(template: str, event: DossierEvent) -> messages.Message:
    with translation.override(settings.LANGUAGE_CODE):
        return messages.build(template, event.dossier, event)


def record_in_transaction(event: DossierEvent) -> list[Notification]:
    """Record the messages of a just-written `event` in the caller's transaction (one insert)
    and queue their delivery for after the commit.

    A dossier still under its provisional code (being filed) gets its texts written when
    they are sent, so they name its real code."""
    template = _template_of(event)
    found = recipients(event) if template else []
    if not found:
        return []
    message = None if is_provisional(event.dossier.code) else _texts(template, event)
    now = timezone.now()
    rows = Notification.objects.bulk_create(
        [
            Notification(
                dossier=event.dossier,
                event=event,
                channel=channel,
                recipient=recipient,
                template=template,
                subject=message.subject[:255] if message else "",
                body=(message.body if channel == Channel.EMAIL else message.sms) if message else "",
                created_at=now,
            )
            for channel, recipient in found
        ]
    )
    ids = [row.pk for row in rows]
    transaction.on_commit(lambda: _queue(ids), robust=True)
    return rows


def _queue(ids: list[int]) -> None:
    for pk in ids:
        deliver.enqueue(pk)


def record_for_event(event_id: int) -> list[Notification]:
    """The notifications of one event, created once (unique per event and channel)."""
    event = (
        DossierEvent.objects.select_related("dossier__procedure_version", "dossier__receiving_unit")
        .filter(pk=event_id)
        .first()
    )
    template = _template_of(event) if event else None
    if template is None:
        return []
    message = _texts(template, event)
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
    """Record the messages of dossier event `event_id` (if not yet) and queue their delivery.

    Events record their messages themselves now; this remains for tasks queued before."""
    queued = 0
    for row in record_for_event(event_id):
        if row.status == Status.PENDING and row.attempts == 0:
            deliver.enqueue(row.pk)
            queued += 1
    return queued


def dispatch_pending(
    *, grace: dt.timedelta | None = None, lease: dt.timedelta | None = None, now=None
) -> int:
    """Queue delivery of pending rows nobody is sending: never tried and older than `grace`
    (their queueing after the commit was lost), or whose attempt started longer than `lease`
    ago and never finished (its worker died). A row queued twice is still sent once."""
    now = now or timezone.now()
    grace = grace if grace is not None else _seconds("NOTIFY_DISPATCH_GRACE", DISPATCH_GRACE)
    lease = lease if lease is not None else _seconds("NOTIFY_SENDING_LEASE", SENDING_LEASE)
    stuck = Notification.objects.filter(status=Status.PENDING).filter(
        models.Q(attempts=0, sending_since__isnull=True, created_at__lt=now - grace)
        | models.Q(sending_since__lt=now - lease)
    )
    ids = list(stuck.order_by("id").values_list("pk", flat=True))
    # Attempts older than the lease are dead: release them so the new task may send.
    Notification.objects.filter(pk__in=ids, sending_since__lt=now - lease).update(
        sending_since=None
    )
    _queue(ids)
    if ids:
        logger.warning("Queued %d pending notifications left behind", len(ids))
    return len(ids)


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


def _claim(notification_id: int) -> Notification | None:
    """Lock the row and mark one attempt as started; None if it is not to be sent now."""
    with transaction.atomic():
        row = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("dossier__procedure_version", "dossier__receiving_unit", "event")
            .get(pk=notification_id)
        )
        if row.status != Status.PENDING:
            return None
        now = timezone.now()
        lease = _seconds("NOTIFY_SENDING_LEASE", SENDING_LEASE)
        if row.sending_since is not None and row.sending_since > now - lease:
            return None  # another attempt is sending it right now
        fields = ["attempts", "sending_since"]
        if not row.body:  # recorded while the dossier was being filed: texts written now
            row.event.dossier = row.dossier
            message = _texts(row.template, row.event)
            row.subject = message.subject[:255]
            row.body = message.body if row.channel == Channel.EMAIL else message.sms
            fields += ["subject", "body"]
        row.attempts += 1
        row.sending_since = now
        row.save(update_fields=fields)
    return row


@task
def deliver(notification_id: int) -> str:
    """Send one recorded message; on failure record the error and retry, up to
    `NOTIFY_MAX_ATTEMPTS` attempts."""
    row = _claim(notification_id)
    if row is None:
        return Notification.objects.filter(pk=notification_id).values_list("status", flat=True)[0]
    try:
        with translation.override(settings.LANGUAGE_CODE):
            send(row)
    except Exception as exc:
        row.last_error = f"{type(exc).__name__}: {exc}"[:500]
        give_up = row.attempts >= settings.NOTIFY_MAX_ATTEMPTS
        row.status = Status.FAILED if give_up else Status.PENDING
        row.sending_since = None
        row.save(update_fields=["last_error", "status", "sending_since"])
        logger.warning("Notification %s attempt %s failed: %s", row.pk, row.attempts, exc)
        if not give_up:
            _retry(row.pk, row.attempts)
        return row.status
    row.status = Status.SENT
    row.sent_at = timezone.now()
    row.sending_since = None
    row.save(update_fields=["status", "sent_at", "sending_since"])
    return row.status
