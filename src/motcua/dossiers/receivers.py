"""Keep open dossiers' deadlines true to the calendar when an administrator changes it; audit
the events of a new dossier once it has its code."""

import datetime as dt
import logging

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from motcua.workcalendar.clock import paused_minutes
from motcua.workcalendar.selectors import calendar_for
from motcua.workcalendar.signals import calendar_changed

from .codes import code_issued
from .deadlines import due_for, iso, pauses_from_events
from .lifecycle import SYSTEM, append_event, lock_dossier
from .models import OPEN_STATUSES, STATUS_CODES, Dossier

logger = logging.getLogger(__name__)


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def affected_dossiers(*, date_from: dt.date, date_to: dt.date, unit_id: int | None):
    """Open dossiers (2, 4, 5, 6) of the unit whose clock span may touch the changed dates."""
    qs = Dossier.objects.filter(
        status_code__in=[STATUS_CODES[s] for s in OPEN_STATUSES],
        clock_start_at__lt=_day_start(date_to + dt.timedelta(days=1)),
        due_at__gte=_day_start(date_from),
    )
    if unit_id is not None:
        qs = qs.filter(receiving_unit_id=unit_id)
    return qs


def recompute_due(dossier_id: int, *, at: dt.datetime | None = None) -> bool:
    """Recompute one dossier's due from its events; append `recompute_due` if it changed."""
    at = at or timezone.now()
    with transaction.atomic():
        dossier = lock_dossier(dossier_id)
        if dossier.status not in OPEN_STATUSES or dossier.clock_start_at is None:
            return False
        calendar = calendar_for(dossier.receiving_unit)
        events = list(dossier.events.only("action", "data"))
        pauses = pauses_from_events(events)
        new_due = due_for(
            start=dossier.clock_start_at,
            minutes=dossier.duration_minutes,
            same_day=dossier.procedure_version.same_day,
            calendar=calendar,
            pauses=pauses,
        )
        if new_due == dossier.due_at:
            return False
        old_due = dossier.due_at
        fields = ["due_at", "paused_minutes"]
        dossier.due_at = new_due
        dossier.paused_minutes = paused_minutes(pauses, calendar)
        if dossier.apologised_at is None or dossier.appointment_at < new_due:
            dossier.appointment_at = new_due
            fields.append("appointment_at")
        append_event(
            dossier,
            action="recompute_due",
            at=at,
            actor_role=SYSTEM,
            from_status=dossier.status,
            to_status=dossier.status,
            data={
                "old_due_at": iso(old_due),
                "new_due_at": iso(new_due),
                "paused_minutes": dossier.paused_minutes,
            },
        )
        dossier.save(update_fields=fields)
    return True


@receiver(calendar_changed, dispatch_uid="dossiers_recompute_due")
def on_calendar_changed(sender, *, date_from, date_to, unit_id=None, **kwargs) -> int:
    changed = 0
    ids = list(
        affected_dossiers(date_from=date_from, date_to=date_to, unit_id=unit_id).values_list(
            "pk", flat=True
        )
    )
    for pk in ids:
        changed += recompute_due(pk)
    logger.info(
        "Calendar change %s–%s (unit %s): %d due dates moved", date_from, date_to, unit_id, changed
    )
    return changed


@receiver(code_issued, dispatch_uid="dossiers_audit_numbered")
def on_code_issued(sender, *, dossier, events=(), **kwargs) -> None:
    """The audit rows of the events written under the provisional code, with the real one
    (the audit log refuses updates, so they are written now, in the same transaction)."""
    from motcua.security.audit import batched
    from motcua.security.receivers import audit_dossier_event

    with batched():  # one insert for all of them
        for event in events:
            audit_dossier_event(event)
