"""Every write to a dossier, one keyword-only function per action of DOMAIN §3.

Each call checks the actor through `lifecycle.apply_action` (permission first), runs in one
transaction and raises `DomainError` with a Vietnamese message. `at` is the instant of the
action; it defaults to now here, at the service boundary, and nowhere deeper.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError
from motcua.core.templatetags.motcua import format_money
from motcua.core.text import nfc
from motcua.workcalendar.clock import day_info

from . import intake, progress
from .access import access_dossier as access_dossier
from .codes import number_dossier, provisional_code
from .deadlines import dossier_calendar, iso, local_date, receipt_clock
from .lifecycle import (
    OFFICER,
    ActionContext,
    Filing,
    apply_action,
    close_current_step,
    create_dossier,
)
from .models import (
    Channel,
    Dossier,
    DossierStep,
    PaidOnline,
    ReturnMethod,
    Status,
    SupplementPhase,
    SupplementRequest,
    regime_on,
)

# --- submission and receipt -------------------------------------------------------------------


@transaction.atomic
def submit_dossier(
    *,
    actor,
    procedure_code: str,
    unit_code: str,
    channel: int,
    applicant: dict,
    parts_received: list[int] | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> Dossier:
    """→ 1: a citizen submits online (or an officer enters a paper dossier); the code is
    issued now, dated with the local submission date, as the transaction's last write."""
    at = intake.instant(at)
    dossier, parts, memberships = intake.new_dossier(
        actor=actor,
        procedure_code=procedure_code,
        unit_code=unit_code,
        channel=channel,
        applicant=applicant,
        parts_received=parts_received,
        at=at,
    )
    dossier.code = provisional_code()
    submitted = create_dossier(
        actor=actor, dossier=dossier, at=at, note=note, memberships=memberships
    )
    intake.record_parts(dossier, parts, at=at, fresh=True)
    number_dossier(dossier, local_date(at), events=[submitted])
    return dossier


def _receive_effect(parts_received, competent_unit_code, checked_version=None):
    """`checked_version`: the id of the version whose required parts the caller has just
    found complete (desk intake), so the effect need not read them again."""

    def effect(dossier: Dossier, ctx: ActionContext) -> dict:
        at = ctx.at
        day = local_date(at)
        version = dossier.procedure_version
        if version.effective_from > day or (version.effective_to and version.effective_to < day):
            version = intake.version_on(version.procedure.code, day)
        if parts_received is not None:
            intake.record_parts(dossier, intake.parts_by_id(version, parts_received), at=at)
        if checked_version != version.pk or parts_received is not None:
            intake.check_complete(version, set(dossier.parts.values_list("part_id", flat=True)))
        if competent_unit_code:
            dossier.competent_unit = intake.unit_by_code(competent_unit_code)
        calendar = dossier_calendar(dossier)
        start, due = receipt_clock(
            received_at=at,
            minutes=version.committed_minutes,
            same_day=version.same_day,
            cutoff=version.cutoff_time,
            calendar=calendar,
        )
        dossier.procedure_version = version
        dossier.regime = regime_on(day)
        dossier.received_at = at
        dossier.duration_minutes = version.committed_minutes
        dossier.clock_start_at = start
        dossier.due_at = due
        dossier.appointment_at = due
        return {
            "clock_start_at": iso(start),
            "due_at": iso(due),
            "duration_minutes": version.committed_minutes,
            "same_day": version.same_day,
            "procedure_version": version.pk,
            "regime": dossier.regime,
        }

    return effect


def receive_dossier(
    *,
    actor,
    dossier: Dossier,
    parts_received: list[int] | None = None,
    competent_unit_code: str | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> Dossier:
    """1 → 2: the dossier is complete; the clock starts (receipt slip, tracking-book row)."""
    event = apply_action(
        dossier=dossier,
        action="receive",
        actor=actor,
        at=intake.instant(at),
        note=note,
        effect=_receive_effect(parts_received, competent_unit_code),
    )
    return event.dossier


def receive_at_desk(
    *,
    actor,
    procedure_code: str,
    unit_code: str,
    channel: int,
    applicant: dict,
    parts_received: list[int] | str | None,
    received_at: dt.datetime | None = None,
    note: str = "",
    savepoint: bool = True,
) -> Dossier:
    """A paper dossier (direct or postal) entered and received at once: → 1 → 2, two events.
    `parts_received`: part ids, or `intake.ALL_PARTS`. `savepoint=False`: the caller's own
    transaction is undone whole by any error raised here (no savepoint to roll back to).

    Missing required parts refuse the whole call; nothing is written. The code is issued
    last, just before the commit (the agency's counter is locked only from there). The
    dossier row is inserted, then written once more with its receipt and its code; the
    instance returned is the one written (nothing is read back).
    """
    at = intake.instant(received_at)
    if intake.channel_of(channel) == Channel.ONLINE:
        raise DomainError("channel", _("Hồ sơ trực tuyến được nộp qua Cổng dịch vụ công."))
    with transaction.atomic(savepoint=savepoint):
        dossier, parts, memberships = intake.new_dossier(
            actor=actor,
            procedure_code=procedure_code,
            unit_code=unit_code,
            channel=channel,
            applicant=applicant,
            parts_received=parts_received,
            at=at,
        )
        version = dossier.procedure_version
        intake.check_complete(version, set(parts))
        dossier.code = provisional_code()
        submitted = create_dossier(
            actor=actor, dossier=dossier, at=at, note=note, memberships=memberships
        )
        intake.record_parts(dossier, parts, at=at, fresh=True)
        filing = Filing(memberships=memberships, last_seq=submitted.seq)
        receipt = apply_action(
            dossier=dossier,
            action="receive",
            actor=actor,
            at=at,
            effect=_receive_effect(None, None, checked_version=version.pk),
            filing=filing,
        )
        number_dossier(dossier, local_date(at), events=[submitted, receipt], columns=filing.unsaved)
        return dossier


def refuse_dossier(
    *, actor, dossier: Dossier, reason: str, at: dt.datetime | None = None
) -> Dossier:
    """1 → 3: refusal slip with its reason; the code stays issued."""

    def effect(d: Dossier, ctx: ActionContext) -> dict:
        d.closing_reason = intake.require_reason(reason, _("Phải nêu lý do từ chối tiếp nhận."))
        return {"reason": d.closing_reason}

    return apply_action(
        dossier=dossier, action="refuse", actor=actor, at=intake.instant(at), effect=effect
    ).dossier


# --- supplements and pauses -------------------------------------------------------------------


def request_supplement(
    *,
    actor,
    dossier: Dossier,
    items: list[str],
    reason: str = "",
    at: dt.datetime | None = None,
) -> SupplementRequest:
    """1 → 5 (intake: list every missing item at once) or 4 → 5 (processing: at most once,
    pauses the clock)."""
    created: list[SupplementRequest] = []

    def effect(d: Dossier, ctx: ActionContext) -> dict:
        cleaned = [nfc(item) for item in items or [] if nfc(item)]
        phase = SupplementPhase.INTAKE if ctx.from_status == Status.SUBMITTED else None
        phase = phase or SupplementPhase.PROCESSING
        if not cleaned:
            raise DomainError(
                "items_required", _("Phải liệt kê đầy đủ các nội dung cần bổ sung, hoàn thiện.")
            )
        if phase == SupplementPhase.PROCESSING:
            d.processing_supplements += 1
            d.paused_since = ctx.at
        created.append(
            SupplementRequest.objects.create(
                dossier=d,
                phase=phase,
                items=cleaned,
                reason=nfc(reason),
                requested_by=ctx.actor_user,
                requested_at=ctx.at,
            )
        )
        return {"phase": phase, "items": cleaned, "reason": nfc(reason)}

    apply_action(
        dossier=dossier,
        action="request_supplement",
        actor=actor,
        at=intake.instant(at),
        note=reason,
        effect=effect,
    )
    return created[0]


def submit_supplement(
    *,
    actor,
    dossier: Dossier,
    parts_received: list[int] | None = None,
    in_person: bool | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> Dossier:
    """5 → 1 (intake) or 5 → 4 (processing: the pause ends, the due moves forward)."""

    def effect(d: Dossier, ctx: ActionContext) -> dict:
        request = (
            SupplementRequest.objects.select_for_update()
            .filter(dossier=d, fulfilled_at__isnull=True)
            .order_by("-requested_at", "-id")
            .first()
        )
        if parts_received:
            intake.record_parts(
                d, intake.parts_by_id(d.procedure_version, parts_received), at=ctx.at
            )
        visit = in_person if in_person is not None else ctx.role == OFFICER
        if visit:
            d.visit_count += 1
        data = {"in_person": bool(visit), "visit_count": d.visit_count}
        if request is not None and request.phase == SupplementPhase.PROCESSING:
            data.update(progress.close_pause(d, ctx.at))
            request.paused_minutes = data["pause"]["minutes"] if "pause" in data else 0
        if request is not None:
            request.fulfilled_at = ctx.at
            request.save(update_fields=["fulfilled_at", "paused_minutes"])
            data["request"] = request.pk
        if d.due_at is not None:
            data["due_at"] = iso(d.due_at)
        return data

    return apply_action(
        dossier=dossier,
        action="submit_supplement",
        actor=actor,
        at=intake.instant(at),
        note=note,
        effect=effect,
    ).dossier


# --- processing -------------------------------------------------------------------------------


def assign_dossier(
    *, actor, dossier: Dossier, assignee=None, note: str = "", at: dt.datetime | None = None
) -> Dossier:
    """2 → 4: the one-stop transfers the dossier to the first process step (control slip);
    4 → 4: the unit leader assigns a specialist of the current step."""

    def effect(d: Dossier, ctx: ActionContext) -> dict:
        day = local_date(ctx.at)
        if ctx.from_status == Status.RECEIVED:
            first = d.procedure_version.steps.select_related("unit").order_by("order").first()
            unit = (first.unit if first and first.unit else None) or d.competent_unit
            progress.check_assignee(assignee, unit, day)
            budget = first.budget_minutes if first else d.duration_minutes
            step = progress.open_step(
                d, ctx, procedure_step=first, unit=unit, holder=assignee,
                start=d.clock_start_at, budget=budget,
            )  # fmt: skip
            return {"step": step.order, "to_unit": unit.pk, "step_due_at": iso(step.due_at)}
        if assignee is None:
            raise DomainError("assignee_required", _("Phải chọn người được giao xử lý."))
        progress.check_assignee(assignee, d.current_unit, day)
        DossierStep.objects.filter(pk=d.current_step_id).update(holder=assignee)
        d.assignee = assignee
        return {"assignee": assignee.pk}

    return apply_action(
        dossier=dossier, action="assign", actor=actor, at=intake.instant(at), note=note,
        effect=effect,
    ).dossier  # fmt: skip


def hand_over(
    *,
    actor,
    dossier: Dossier,
    to_unit_code: str | None = None,
    assignee=None,
    note: str = "",
    at: dt.datetime | None = None,
) -> Dossier:
    """4 → 4: close the current step (early / on time / late against its due) and open the
    next one of the procedure, or one at another unit (liên thông); one control-slip row."""

    def effect(d: Dossier, ctx: ActionContext) -> dict:
        current = close_current_step(d, at=ctx.at)
        after = current.procedure_step.order if current and current.procedure_step else 0
        following = (
            d.procedure_version.steps.select_related("unit")
            .filter(order__gt=after)
            .order_by("order")
            .first()
        )
        if to_unit_code:
            unit = intake.unit_by_code(to_unit_code)
        elif following is not None:
            unit = following.unit or d.competent_unit
        else:
            raise DomainError(
                "last_step", _("Hồ sơ đang ở bước cuối của quy trình; hãy chọn đơn vị nhận.")
            )
        progress.check_assignee(assignee, unit, local_date(ctx.at))
        step = progress.open_step(
            d, ctx, procedure_step=following, unit=unit, holder=assignee, start=ctx.at,
            budget=following.budget_minutes if following else 0,
        )  # fmt: skip
        return {
            "from_step": current.order if current else None,
            "from_outcome": current.outcome if current else "",
            "step": step.order,
            "to_unit": unit.pk,
            "step_due_at": iso(step.due_at),
        }

    return apply_action(
        dossier=dossier, action="hand_over", actor=actor, at=intake.instant(at), note=note,
        effect=effect,
    ).dossier  # fmt: skip


def request_payment(
    *, actor, dossier: Dossier, amount: int, note: str = "", at: dt.datetime | None = None
) -> Dossier:
    """4 → 6: notice of fees and charges (integer đồng); pauses the clock if the procedure says."""

    def effect(d: Dossier, ctx: ActionContext) -> dict:
        if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
            raise DomainError("amount", _("Số tiền phải là số nguyên dương (đồng)."))
        d.fee_amount = amount
        d.payment_requested_at = ctx.at
        if d.procedure_version.pause_on_payment:
            d.paused_since = ctx.at
        return {"amount": amount, "pauses": d.procedure_version.pause_on_payment}

    return apply_action(
        dossier=dossier, action="request_payment", actor=actor, at=intake.instant(at), note=note,
        effect=effect,
    ).dossier  # fmt: skip


def record_payment(
    *,
    actor,
    dossier: Dossier,
    amount: int,
    receipt_number: str,
    paid_online: int = PaidOnline.NO,
    at: dt.datetime | None = None,
) -> Dossier:
    """6 → 4: payment confirmed by the officer or the gateway (system actor); e-receipt."""

    def effect(d: Dossier, ctx: ActionContext) -> dict:
        number = nfc(receipt_number)
        if not number:
            raise DomainError("receipt_number", _("Phải nhập số biên lai."))
        if paid_online not in PaidOnline.values:
            raise DomainError("paid_online", _("Hình thức thanh toán trực tuyến không hợp lệ."))
        if amount != d.fee_amount:
            raise DomainError(
                "amount",
                _("Số tiền đã nộp (%(paid)s) khác số tiền phải nộp (%(due)s).")
                % {"paid": format_money(amount), "due": format_money(d.fee_amount)},
            )
        d.paid_amount = amount
        d.paid_at = ctx.at
        d.payment_receipt_number = number
        d.paid_online = paid_online
        return {"amount": amount, "receipt_number": number, "paid_online": paid_online} | (
            progress.close_pause(d, ctx.at)
        )

    return apply_action(
        dossier=dossier, action="record_payment", actor=actor, at=intake.instant(at),
        effect=effect,
    ).dossier  # fmt: skip


def _check_office_hours(dossier: Dossier, instant: dt.datetime) -> None:
    """A new appointment falls in the receiving unit's office hours, when the citizen can come."""
    local = timezone.localtime(instant)
    day = day_info(local.date(), dossier_calendar(dossier))
    if not day.is_working:
        raise DomainError(
            "appointment",
            _("Ngày hẹn mới %(day)s không phải ngày làm việc của nơi trả kết quả.")
            % {"day": local.strftime("%d/%m/%Y")},
        )
    opens, closes = day.intervals[0][0], day.intervals[-1][1]
    if not opens <= local.time().replace(tzinfo=None) <= closes:
        raise DomainError(
            "appointment",
            _("Giờ hẹn mới phải trong giờ làm việc, từ %(opens)s đến %(closes)s.")
            % {"opens": opens.strftime("%H:%M"), "closes": closes.strftime("%H:%M")},
        )


def apologise(
    *,
    actor,
    dossier: Dossier,
    new_appointment_at: dt.datetime,
    reason: str,
    at: dt.datetime | None = None,
) -> Dossier:
    """Apology slip (once, on a date before the due date) with a new appointment after the
    due; the outcome is still measured against `due_at`."""

    def effect(d: Dossier, ctx: ActionContext) -> dict:
        cleaned = intake.require_reason(reason, _("Phải nêu lý do chậm trễ trong phiếu xin lỗi."))
        if timezone.is_naive(new_appointment_at) or new_appointment_at <= d.due_at:
            raise DomainError(
                "appointment",
                _("Ngày hẹn mới phải sau hạn giải quyết %(due)s.")
                % {"due": timezone.localtime(d.due_at).strftime("%H:%M %d/%m/%Y")},
            )
        _check_office_hours(d, new_appointment_at)
        old = d.appointment_at
        d.appointment_at = new_appointment_at
        d.apologised_at = ctx.at
        return {
            "reason": cleaned,
            "old_appointment_at": iso(old),
            "new_appointment_at": iso(new_appointment_at),
        }

    return apply_action(
        dossier=dossier, action="apologise", actor=actor, at=intake.instant(at), note=reason,
        effect=effect,
    ).dossier  # fmt: skip


def resolve_dossier(
    *,
    actor,
    dossier: Dossier,
    granted: bool,
    result_number: str = "",
    result_date: dt.date | None = None,
    signer: str = "",
    reason: str = "",
    e_result: bool = False,
    result_file: str = "",
    at: dt.datetime | None = None,
) -> Dossier:
    """4 → 9: the result is signed and issued; finish instant and outcome (§6.6)."""

    def effect(d: Dossier, ctx: ActionContext) -> dict:
        if not isinstance(granted, bool):
            raise DomainError("granted", _("Phải chọn giải quyết hoặc không giải quyết."))
        why = nfc(reason)
        if not granted:
            why = intake.require_reason(why, _("Phải nêu lý do không giải quyết."))
        d.granted = granted
        d.result_reason = why
        d.result_number = nfc(result_number)
        d.result_date = result_date or local_date(ctx.at)
        d.result_signer = nfc(signer)
        d.result_file = nfc(result_file)
        if e_result and not d.result_file:
            # The digitisation figures count electronic results: one must exist to be counted.
            raise DomainError(
                "e_result",
                _(
                    "Chưa có tệp kết quả điện tử (result_file) nên không thể ghi là đã có kết "
                    "quả điện tử."
                ),
            )
        d.e_result = bool(d.result_file)
        return {
            "granted": granted, "result_number": d.result_number, "reason": why,
            "result_file": d.result_file,
        }  # fmt: skip

    return apply_action(
        dossier=dossier, action="resolve", actor=actor, at=intake.instant(at), note=reason,
        effect=effect,
    ).dossier  # fmt: skip


def return_result(
    *,
    actor,
    dossier: Dossier,
    method: str = ReturnMethod.DESK,
    note: str = "",
    result_file: str = "",
    at: dt.datetime | None = None,
) -> Dossier:
    """9 → 10: the result is handed over (desk, post or electronically); tracking-book entry.
    `result_file`: the electronic result, attached now when the resolve step had none."""

    def effect(d: Dossier, ctx: ActionContext) -> dict:
        if method not in ReturnMethod.values:
            raise DomainError("method", _("Hình thức trả kết quả không hợp lệ."))
        attached = {}
        if result_file:
            if d.result_file:
                raise DomainError("result_file", _("Hồ sơ đã có tệp kết quả điện tử."))
            d.result_file = nfc(result_file)
            d.e_result = True
            attached = {"result_file": d.result_file}
        if method == ReturnMethod.ELECTRONIC and not d.result_file:
            raise DomainError(
                "method",
                _(
                    "Hồ sơ chưa có kết quả điện tử nên không thể trả trực tuyến; hãy trả tại "
                    "Bộ phận Một cửa hoặc qua bưu chính."
                ),
            )
        d.returned_at = ctx.at
        d.return_method = method
        return {"method": method, **attached}

    return apply_action(
        dossier=dossier, action="return_result", actor=actor, at=intake.instant(at), note=note,
        effect=effect,
    ).dossier  # fmt: skip


def withdraw_dossier(
    *, actor, dossier: Dossier, reason: str = "", at: dt.datetime | None = None
) -> Dossier:
    """1, 2, 4, 5, 6 → 7 on the applicant's written request (recorded by the officer or sent
    online by the applicant); finishes the dossier."""

    def effect(d: Dossier, ctx: ActionContext) -> dict:
        d.closing_reason = nfc(reason)
        return {"reason": d.closing_reason} | progress.close_pause(d, ctx.at)

    return apply_action(
        dossier=dossier, action="withdraw", actor=actor, at=intake.instant(at), note=reason,
        effect=effect,
    ).dossier  # fmt: skip


def stop_dossier(*, actor, dossier: Dossier, reason: str, at: dt.datetime | None = None) -> Dossier:
    """4, 5, 6 → 8 with a reason (stop notice); finishes the dossier."""

    def effect(d: Dossier, ctx: ActionContext) -> dict:
        d.closing_reason = intake.require_reason(reason, _("Phải nêu lý do dừng xử lý hồ sơ."))
        return {"reason": d.closing_reason} | progress.close_pause(d, ctx.at)

    return apply_action(
        dossier=dossier, action="stop", actor=actor, at=intake.instant(at), note=reason,
        effect=effect,
    ).dossier  # fmt: skip
