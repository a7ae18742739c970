"""The dossier lifecycle as one table, and the one function that applies an action.

`TRANSITIONS[(state, action)]` gives the new state, the roles that may act and the slip the
action produces. `allowed_actions` (buttons) and `apply_action` (the server) both read it, so
they cannot disagree. One-stop officers act at the dossier's receiving unit; other staff at
its current unit; citizens on their own dossier; the system actor for gateways and jobs.
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core.errors import DomainError, PermissionDenied
from motcua.core.text import nfc
from motcua.organization.models import Role, Unit
from motcua.organization.selectors import memberships_of

from .deadlines import classify_finish, local_date
from .models import (
    STATUS_CODES,
    TERMINAL_STATUSES,
    Dossier,
    DossierEvent,
    DossierStep,
    SlipKind,
    Status,
)

CITIZEN = "citizen"
SYSTEM = "system"
OFFICER = Role.ONE_STOP_OFFICER.value
SPECIALIST = Role.SPECIALIST.value
UNIT_LEADER = Role.UNIT_LEADER.value
AGENCY_LEADER = Role.AGENCY_LEADER.value
CLERK = Role.CLERK.value

NEW = ""  # the state before a dossier exists
RESUME = "resume"  # target: back to the state the dossier was in before the current one

ACTIONS: tuple[str, ...] = (
    "submit",
    "receive",
    "refuse",
    "request_supplement",
    "submit_supplement",
    "assign",
    "hand_over",
    "request_payment",
    "record_payment",
    "apologise",
    "resolve",
    "return_result",
    "withdraw",
    "stop",
)
ACTION_LABELS = {
    "submit": gettext_lazy("nộp hồ sơ"),
    "receive": gettext_lazy("tiếp nhận hồ sơ"),
    "refuse": gettext_lazy("từ chối tiếp nhận"),
    "request_supplement": gettext_lazy("yêu cầu bổ sung hồ sơ"),
    "submit_supplement": gettext_lazy("nhận hồ sơ bổ sung"),
    "assign": gettext_lazy("chuyển xử lý, phân công"),
    "hand_over": gettext_lazy("chuyển bước xử lý"),
    "request_payment": gettext_lazy("yêu cầu thực hiện nghĩa vụ tài chính"),
    "record_payment": gettext_lazy("xác nhận đã nộp phí, lệ phí"),
    "apologise": gettext_lazy("xin lỗi và hẹn lại ngày trả kết quả"),
    "resolve": gettext_lazy("ban hành kết quả giải quyết"),
    "return_result": gettext_lazy("trả kết quả"),
    "withdraw": gettext_lazy("rút hồ sơ"),
    "stop": gettext_lazy("dừng xử lý hồ sơ"),
}
FINISHING_STATUSES = frozenset({Status.RESOLVED, Status.WITHDRAWN, Status.STOPPED})
UNIT_SCOPED_ROLES = frozenset({SPECIALIST, UNIT_LEADER, AGENCY_LEADER, CLERK})

Guard = Callable[[Dossier, dt.datetime], str | None]


def _apology_guard(dossier: Dossier, at: dt.datetime) -> str | None:
    if dossier.apologised_at is not None:
        return _("Hồ sơ đã có phiếu xin lỗi; mỗi hồ sơ chỉ được xin lỗi một lần.")
    if dossier.due_at is None:
        return _("Hồ sơ chưa có hạn giải quyết.")
    if local_date(at) >= local_date(dossier.due_at):
        return _("Phiếu xin lỗi phải được ban hành trước ngày hết hạn %(day)s.") % {
            "day": timezone.localtime(dossier.due_at).strftime("%d/%m/%Y")
        }
    return None


def _processing_supplement_guard(dossier: Dossier, at: dt.datetime) -> str | None:
    if dossier.processing_supplements >= 1:
        return _("Hồ sơ đã được yêu cầu bổ sung một lần trong quá trình giải quyết.")
    return None


@dataclass(frozen=True)
class Transition:
    to: str
    roles: frozenset[str]
    slip: str = ""
    guard: Guard | None = None


def _t(to: str, *roles: str, slip: str = "", guard: Guard | None = None) -> Transition:
    return Transition(to=to, roles=frozenset(roles), slip=slip, guard=guard)


S = Status
_OPEN_WORK = (S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT)

TRANSITIONS: dict[tuple[str, str], Transition] = {
    (NEW, "submit"): _t(S.SUBMITTED, CITIZEN, OFFICER),
    (S.SUBMITTED, "receive"): _t(S.RECEIVED, OFFICER, SYSTEM, slip=SlipKind.RECEIPT_SLIP),
    (S.SUBMITTED, "refuse"): _t(S.REFUSED, OFFICER, slip=SlipKind.REFUSAL_SLIP),
    (S.SUBMITTED, "request_supplement"): _t(
        S.SUPPLEMENT_REQUESTED, OFFICER, slip=SlipKind.SUPPLEMENT_REQUEST
    ),
    (S.SUPPLEMENT_REQUESTED, "submit_supplement"): _t(RESUME, CITIZEN, OFFICER),
    (S.RECEIVED, "assign"): _t(S.PROCESSING, OFFICER, slip=SlipKind.CONTROL_SLIP),
    (S.PROCESSING, "assign"): _t(S.PROCESSING, UNIT_LEADER),
    (S.PROCESSING, "hand_over"): _t(
        S.PROCESSING, SPECIALIST, UNIT_LEADER, AGENCY_LEADER, CLERK, slip=SlipKind.CONTROL_SLIP
    ),
    (S.PROCESSING, "request_supplement"): _t(
        S.SUPPLEMENT_REQUESTED,
        SPECIALIST,
        UNIT_LEADER,
        slip=SlipKind.SUPPLEMENT_REQUEST,
        guard=_processing_supplement_guard,
    ),
    (S.PROCESSING, "request_payment"): _t(
        S.AWAITING_PAYMENT, SPECIALIST, OFFICER, slip=SlipKind.PAYMENT_NOTICE
    ),
    (S.AWAITING_PAYMENT, "record_payment"): _t(
        S.PROCESSING, OFFICER, SYSTEM, slip=SlipKind.PAYMENT_RECEIPT
    ),
    (S.PROCESSING, "resolve"): _t(S.RESOLVED, AGENCY_LEADER, CLERK),
    (S.RESOLVED, "return_result"): _t(S.RETURNED, OFFICER, slip=SlipKind.TRACKING_BOOK),
    **{
        (state, "apologise"): _t(
            state, UNIT_LEADER, AGENCY_LEADER, slip=SlipKind.APOLOGY_SLIP, guard=_apology_guard
        )
        for state in _OPEN_WORK
    },
    **{
        (state, "stop"): _t(S.STOPPED, UNIT_LEADER, slip=SlipKind.STOP_NOTICE)
        for state in (S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT)
    },
    **{
        (state, "withdraw"): _t(S.WITHDRAWN, CITIZEN, OFFICER, slip=SlipKind.WITHDRAWAL_RECORD)
        for state in (S.SUBMITTED, *_OPEN_WORK)
    },
}
ROLES_BY_ACTION: dict[str, frozenset[str]] = {
    action: frozenset().union(*(t.roles for (_s, a), t in TRANSITIONS.items() if a == action))
    for action in ACTIONS
}


# --- actors -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Citizen:
    """A citizen acting on their own dossier: a signed-in account, or the phone on the dossier
    (verified by the caller, e.g. with a one-time code)."""

    user: object = None
    phone: str = ""


class SystemActor:
    """Gateways and background jobs (payment confirmation, online auto-receipt, recomputation)."""

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM_ACTOR = SystemActor()

_PHONE_JUNK = re.compile(r"[\s.\-()]")


def normalise_phone(raw: str | None) -> str:
    """`0912 345.678` → `0912345678`; +84 kept as written (the portal shows what was typed)."""
    return _PHONE_JUNK.sub("", nfc(raw))


def phone_spellings(phone: str) -> tuple[str, str]:
    """A normalised Vietnamese number as written at home and from abroad, so a lookup finds
    it either way: `0912345678` ↔ `+84912345678`; any other number twice."""
    if phone.startswith("+84") and len(phone) > 3:
        return phone, "0" + phone[3:]
    if phone.startswith("0") and not phone.startswith("00") and len(phone) > 1:
        return phone, "+84" + phone[1:]
    return phone, phone


def _user_of(actor):
    if isinstance(actor, Citizen):
        return actor.user
    if isinstance(actor, SystemActor) or actor is None:
        return None
    return actor if getattr(actor, "is_authenticated", False) else None


def actor_roles(
    dossier: Dossier, actor, *, day: dt.date, memberships: list | None = None
) -> dict[str, Unit | None]:
    """The roles `actor` holds on `dossier`, each with the unit it is held in. One query, none
    when the caller has read the actor's `memberships` on `day` already."""
    if isinstance(actor, SystemActor):
        return {SYSTEM: None}
    roles: dict[str, Unit | None] = {}
    user = _user_of(actor)
    if isinstance(actor, Citizen):
        phone = normalise_phone(actor.phone)
        owns = user is not None and user.pk == dossier.applicant_user_id
        if owns or (phone and phone == dossier.applicant_phone):
            roles[CITIZEN] = None
        return roles
    if user is None:
        return roles
    if dossier.applicant_user_id is not None and user.pk == dossier.applicant_user_id:
        roles[CITIZEN] = None
    if memberships is None:
        memberships = memberships_of(user, day=day)
    for membership in memberships:
        if membership.role == OFFICER and membership.unit_id == dossier.receiving_unit_id:
            roles[OFFICER] = membership.unit
        elif membership.role in UNIT_SCOPED_ROLES and membership.unit_id == dossier.current_unit_id:
            roles[membership.role] = membership.unit
    return roles


def allowed_actions(dossier: Dossier, actor, *, at: dt.datetime | None = None) -> list[str]:
    """Actions `actor` may take on `dossier` now, in the order of `ACTIONS`."""
    at = at or timezone.now()
    roles = actor_roles(dossier, actor, day=local_date(at))
    allowed = []
    for action in ACTIONS:
        transition = TRANSITIONS.get((dossier.status, action))
        if transition is None or not (transition.roles & roles.keys()):
            continue
        if transition.guard is not None and transition.guard(dossier, at):
            continue
        allowed.append(action)
    return allowed


def _status_label(status: str) -> str:
    return str(Status(status).label) if status else ""


def forbidden(action: str) -> PermissionDenied:
    return PermissionDenied(
        "forbidden",
        _("Bạn không có quyền %(action)s đối với hồ sơ này.") % {"action": ACTION_LABELS[action]},
    )


def check_action(
    dossier: Dossier, action: str, actor, *, at: dt.datetime, memberships: list | None = None
):
    """Refuse (DomainError) unless `actor` may take `action` on `dossier` at `at`.

    Returns (transition, role, unit). Permission is checked before the state. `memberships`:
    the actor's on the day of `at`, when the caller has them.
    """
    if actor is None or (not isinstance(actor, Citizen | SystemActor) and _user_of(actor) is None):
        raise PermissionDenied("login_required", _("Bạn cần đăng nhập để thực hiện thao tác này."))
    roles = actor_roles(dossier, actor, day=local_date(at), memberships=memberships)
    if not (ROLES_BY_ACTION[action] & roles.keys()):
        raise forbidden(action)
    if dossier.status in TERMINAL_STATUSES:
        raise DomainError(
            "terminal",
            _("Hồ sơ đã kết thúc (%(status)s), không thể %(action)s.")
            % {"status": _status_label(dossier.status), "action": ACTION_LABELS[action]},
            status=409,
        )
    transition = TRANSITIONS.get((dossier.status, action))
    if transition is None:
        raise DomainError(
            "invalid_transition",
            _("Không thể %(action)s khi hồ sơ đang ở trạng thái “%(status)s”.")
            % {"action": ACTION_LABELS[action], "status": _status_label(dossier.status)},
            status=409,
        )
    held = transition.roles & roles.keys()
    if not held:
        raise forbidden(action)
    if transition.guard is not None and (message := transition.guard(dossier, at)):
        raise DomainError(f"{action}_refused", message, status=409)
    role = next(r for r in (SYSTEM, OFFICER, *sorted(UNIT_SCOPED_ROLES), CITIZEN) if r in held)
    return transition, role, roles[role]


# --- applying ---------------------------------------------------------------------------------


@dataclass
class ActionContext:
    """What an action's effect needs to know: who acts, where, when, and the transition."""

    action: str
    actor_user: object
    actor_unit: Unit | None
    role: str
    at: dt.datetime
    transition: Transition
    from_status: str
    to_status: str


Effect = Callable[[Dossier, ActionContext], dict | None]


@dataclass
class Filing:
    """A dossier being filed: `create_dossier` has just inserted it in the caller's transaction.

    The insert holds the row's lock and the instance holds what the row does, so an action
    taken on it in the same transaction neither locks nor reads it again; the columns the
    action changes (`unsaved`) are written with the code (`codes.number_dossier`), the row's
    last write. `memberships`: the actor's on the filing day; `last_seq`: the dossier's last
    event.
    """

    memberships: list | None
    last_seq: int
    unsaved: set[str] = field(default_factory=set)


def lock_dossier(pk: int) -> Dossier:
    return (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("receiving_unit", "current_unit", "procedure_version")
        .get(pk=pk)
    )


def _snapshot(dossier: Dossier) -> dict:
    return {f.attname: getattr(dossier, f.attname) for f in Dossier._meta.concrete_fields}


def _resume_target(dossier: Dossier) -> str:
    entered = (
        dossier.events.filter(to_status=dossier.status)
        .exclude(from_status=dossier.status)
        .order_by("-seq")
        .values_list("from_status", flat=True)
        .first()
    )
    return entered or Status.PROCESSING


def append_event(
    dossier: Dossier,
    *,
    action: str,
    at: dt.datetime,
    actor_user=None,
    actor_unit: Unit | None = None,
    actor_role: str = "",
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    data: dict | None = None,
    slip: str = "",
    corrects: DossierEvent | None = None,
    last_seq: int | None = None,
) -> DossierEvent:
    """Append one event; the caller holds the dossier row lock (so `seq` cannot collide).
    `last_seq`: the dossier's last `seq` when the caller knows it (a dossier it is filing)."""
    if last_seq is None:
        last_seq = dossier.events.aggregate(last=Max("seq"))["last"] or 0
    return DossierEvent.objects.create(
        dossier=dossier,
        seq=last_seq + 1,
        actor=actor_user,
        actor_unit=actor_unit,
        actor_role=actor_role,
        at=at,
        action=action,
        from_status=from_status,
        to_status=to_status,
        note=nfc(note),
        data=data or {},
        slip=slip,
        corrects=corrects,
    )


def close_current_step(dossier: Dossier, *, at: dt.datetime) -> DossierStep | None:
    """End the open step at `at` and classify it against its own due (§3.3)."""
    if dossier.current_step_id is None:
        return None
    step = DossierStep.objects.select_for_update().get(pk=dossier.current_step_id)
    if step.ended_at is None:
        step.ended_at = at
        step.outcome = classify_finish(at, step.due_at)
        step.save(update_fields=["ended_at", "outcome"])
    return step


def apply_action(
    *,
    dossier: Dossier,
    action: str,
    actor,
    at: dt.datetime,
    note: str = "",
    data: dict | None = None,
    effect: Effect | None = None,
    filing: Filing | None = None,
) -> DossierEvent:
    """Lock, check, run the action's effect, append the event, save the changed columns.

    The only way a dossier's state changes. `effect` may change the locked dossier, write
    related rows, and return extra event data; any DomainError it raises undoes everything.

    `filing`: `dossier` is being filed by the caller (see `Filing`), who lets any error
    undo its whole transaction: the action works on `dossier` itself, and leaves the
    changed columns in `filing.unsaved` for the caller to write.
    """
    with transaction.atomic(savepoint=filing is None):
        if filing is None:
            locked = lock_dossier(dossier.pk)
            memberships = None
        else:
            locked, memberships = dossier, filing.memberships
        transition, role, unit = check_action(locked, action, actor, at=at, memberships=memberships)
        before = _snapshot(locked)
        to_status = _resume_target(locked) if transition.to == RESUME else transition.to
        context = ActionContext(
            action=action,
            actor_user=_user_of(actor),
            actor_unit=unit,
            role=role,
            at=at,
            transition=transition,
            from_status=locked.status,
            to_status=to_status,
        )
        extra = (effect(locked, context) if effect is not None else None) or {}
        if to_status in FINISHING_STATUSES and locked.finished_at is None:
            close_current_step(locked, at=at)
            locked.finished_at = at
            locked.outcome = classify_finish(at, locked.due_at) if locked.due_at else ""
        locked.status = to_status
        locked.status_code = STATUS_CODES[to_status]
        event = append_event(
            locked,
            action=action,
            at=at,
            actor_user=context.actor_user,
            actor_unit=unit,
            actor_role=role,
            from_status=context.from_status,
            to_status=to_status,
            note=note,
            data={**(data or {}), **extra},
            slip=transition.slip,
            last_seq=filing.last_seq if filing is not None else None,
        )
        after = _snapshot(locked)
        changed = [name for name, value in after.items() if before[name] != value]
        if filing is not None:
            filing.last_seq = event.seq
            filing.unsaved.update(changed)
        elif changed:
            locked.save(update_fields=changed)
    event.dossier = locked
    return event


def create_dossier(
    *, actor, dossier: Dossier, at: dt.datetime, note: str = "", memberships: list | None = None
) -> DossierEvent:
    """Insert a new dossier in state 1 with its `submit` event (caller's transaction).

    The caller has filled every column and checked the actor's right to submit here;
    `memberships`: the actor's on the day of `at`, when the caller has read them.
    """
    transition = TRANSITIONS[(NEW, "submit")]
    dossier.status = transition.to
    dossier.status_code = STATUS_CODES[transition.to]
    dossier.save()
    role, unit = (CITIZEN, None)
    user = _user_of(actor)
    if not isinstance(actor, Citizen) and user is not None:
        if memberships is None:
            memberships = memberships_of(user, day=local_date(at))
        unit = next(
            (
                m.unit
                for m in memberships
                if m.role == OFFICER and m.unit_id == dossier.receiving_unit_id
            ),
            None,
        )
        role = OFFICER if unit is not None else CITIZEN
    event = append_event(
        dossier,
        action="submit",
        at=at,
        actor_user=user,
        actor_unit=unit,
        actor_role=role,
        from_status=NEW,
        to_status=dossier.status,
        note=note,
        data={"channel": dossier.channel},  # the code is issued last (codes.number_dossier)
        last_seq=0,  # just inserted: no event yet
    )
    event.dossier = dossier
    return event
