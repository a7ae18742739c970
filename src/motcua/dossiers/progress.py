"""A dossier's progress: process steps opened and closed, and clock pauses ended."""

import datetime as dt

from django.utils.translation import gettext as _

from motcua.core.errors import DomainError
from motcua.workcalendar.clock import add_working_time, paused_minutes, working_minutes_between
from motcua.workcalendar.selectors import calendar_for

from . import intake
from .deadlines import dossier_calendar, due_for, pause_payload, pauses_from_events
from .lifecycle import ActionContext
from .models import Dossier, DossierStep


def close_pause(d: Dossier, at: dt.datetime) -> dict:
    """End the running pause at `at`: the due (and the open step's due) move forward."""
    if d.paused_since is None:
        return {}
    start = d.paused_since
    calendar = dossier_calendar(d)
    pauses = [*pauses_from_events(d.events.all()), (start, at)]
    d.due_at = due_for(
        start=d.clock_start_at,
        minutes=d.duration_minutes,
        same_day=d.procedure_version.same_day,
        calendar=calendar,
        pauses=pauses,
    )
    d.paused_minutes = paused_minutes(pauses, calendar)
    d.appointment_at = max(d.appointment_at, d.due_at) if d.apologised_at else d.due_at
    d.paused_since = None
    if d.current_step_id is not None:
        step = DossierStep.objects.select_for_update().get(pk=d.current_step_id)
        if step.ended_at is None:
            step_calendar = calendar_for(step.unit)
            minutes = max(
                working_minutes_between(max(start, step.started_at), at, step_calendar), 0
            )
            step.due_at = add_working_time(step.due_at, minutes, step_calendar)
            step.paused_minutes += minutes
            step.save(update_fields=["due_at", "paused_minutes"])
    return {"pause": pause_payload(start, at, working_minutes_between(start, at, calendar))}


def open_step(d: Dossier, ctx: ActionContext, *, procedure_step, unit, holder, start, budget):
    order = (d.steps.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    calendar = calendar_for(unit)
    due = add_working_time(start, budget, calendar) if budget else (d.due_at or start)
    step = DossierStep.objects.create(
        dossier=d,
        order=order,
        procedure_step=procedure_step,
        name=procedure_step.name if procedure_step else _("Xử lý hồ sơ liên thông"),
        unit=unit,
        role=procedure_step.role if procedure_step else "",
        holder=holder,
        giver_unit=ctx.actor_unit,
        giver=ctx.actor_user,
        budget_minutes=budget,
        started_at=ctx.at,
        due_at=due,
    )
    d.current_step = step
    d.current_unit = unit
    d.assignee = holder
    return step


def check_assignee(assignee, unit, day):
    if assignee is not None and not intake.member_of(assignee, unit.pk, day=day):
        raise DomainError(
            "assignee_not_member",
            _("Người được giao không thuộc %(unit)s.") % {"unit": unit.name},
        )
