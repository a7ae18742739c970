"""Apply one lifecycle action to a dossier from plain, already-typed data.

The desk forms and the staff API both call `perform`; it resolves usernames and unit codes,
then calls the one service of `motcua.dossiers.services` for the action. Every refusal is a
`DomainError` with a Vietnamese message (input problems with status 422).
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.portal.uploads import Staging, place, remove, result_path

# What the desk and the API offer, in the lifecycle's order (`submit` is the receive page).
STAFF_ACTIONS: tuple[str, ...] = (
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


def invalid(code: str, message: str) -> DomainError:
    return DomainError(code, message, status=422)


def staff_user(username: str | None):
    """The active staff account named `username`, None for an empty name; 422 when unknown."""
    username = (username or "").strip()
    if not username:
        return None
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise invalid(
            "assignee_not_found",
            _("Không tìm thấy cán bộ có tên đăng nhập “%(name)s”.") % {"name": username[:150]},
        )
    return user


def _aware(value: dt.datetime | None, field: str) -> dt.datetime:
    if value is None:
        raise invalid(field, _("Phải nhập ngày hẹn trả kết quả mới."))
    if value.tzinfo is None or value.utcoffset() is None:
        raise invalid(field, _("Ngày hẹn mới phải kèm múi giờ, ví dụ 2026-03-20T17:00:00+07:00."))
    return value


def perform(*, actor, dossier: Dossier, action: str, data: dict):
    """Run `action` on `dossier` for `actor` with `data`; returns what the service returns."""
    d = data
    match action:
        case "receive":
            return services.receive_dossier(
                actor=actor,
                dossier=dossier,
                parts_received=d.get("parts_received"),
                competent_unit_code=d.get("competent_unit") or None,
                note=d.get("note", ""),
            )
        case "refuse":
            return services.refuse_dossier(actor=actor, dossier=dossier, reason=d.get("reason", ""))
        case "request_supplement":
            return services.request_supplement(
                actor=actor, dossier=dossier, items=d.get("items") or [], reason=d.get("reason", "")
            )
        case "submit_supplement":
            return services.submit_supplement(
                actor=actor,
                dossier=dossier,
                parts_received=d.get("parts_received"),
                in_person=d.get("in_person"),
                note=d.get("note", ""),
            )
        case "assign":
            return services.assign_dossier(
                actor=actor,
                dossier=dossier,
                assignee=staff_user(d.get("assignee")),
                note=d.get("note", ""),
            )
        case "hand_over":
            return services.hand_over(
                actor=actor,
                dossier=dossier,
                to_unit_code=d.get("to_unit") or None,
                assignee=staff_user(d.get("assignee")),
                note=d.get("note", ""),
            )
        case "request_payment":
            return services.request_payment(
                actor=actor, dossier=dossier, amount=d.get("amount"), note=d.get("note", "")
            )
        case "record_payment":
            return services.record_payment(
                actor=actor,
                dossier=dossier,
                amount=d.get("amount"),
                receipt_number=d.get("receipt_number", ""),
                paid_online=d.get("paid_online") or 0,
            )
        case "apologise":
            return services.apologise(
                actor=actor,
                dossier=dossier,
                new_appointment_at=_aware(d.get("new_appointment_at"), "new_appointment_at"),
                reason=d.get("reason", ""),
            )
        case "resolve":
            return services.resolve_dossier(
                actor=actor,
                dossier=dossier,
                granted=d.get("granted"),
                result_number=d.get("result_number", ""),
                result_date=d.get("result_date"),
                signer=d.get("signer", ""),
                reason=d.get("reason", ""),
                e_result=bool(d.get("e_result")),
                result_file=d.get("result_file", ""),
            )
        case "return_result":
            return services.return_result(
                actor=actor,
                dossier=dossier,
                method=d.get("method") or "desk",
                note=d.get("note", ""),
                result_file=d.get("result_file", ""),
            )
        case "withdraw":
            return services.withdraw_dossier(
                actor=actor, dossier=dossier, reason=d.get("reason", "")
            )
        case "stop":
            return services.stop_dossier(actor=actor, dossier=dossier, reason=d.get("reason", ""))
    raise DomainError(
        "unknown_action", _("Không có thao tác “%(action)s”.") % {"action": action[:40]}, status=404
    )


def perform_with_result(*, actor, dossier: Dossier, action: str, data: dict):
    """`perform`, with the electronic result in `data["result_upload"]` (an uploaded file or
    None) checked and staged first, then stored in the dossier's folder as the last step of
    the action's transaction; a refused file or action leaves no file and no row behind."""
    upload = data.get("result_upload")
    if not upload:
        with transaction.atomic():
            return perform(actor=actor, dossier=dossier, action=action, data=data)
    staging = Staging()
    moved: list = []
    try:
        staged = staging.add(0, upload, label=_("Tệp kết quả điện tử"))
        final = result_path(dossier, staged)
        with transaction.atomic():
            result = perform(
                actor=actor, dossier=dossier, action=action, data={**data, "result_file": final}
            )
            place(staged, final, moved)
        return result
    except BaseException:
        remove(moved)
        raise
    finally:
        staging.discard()
