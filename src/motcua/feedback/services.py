"""Staff triage of feedback: accept, refuse, forward, ask for more, answer and publish.

Staff may act on a feedback only while it sits at a unit in the subtree of one of their
memberships; the refusal is the same 404 as for a missing code. Each state change appends
a `FeedbackEvent` and updates the denormalised columns in the same transaction.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError
from motcua.core.text import fold, nfc
from motcua.organization.models import Unit
from motcua.workcalendar.selectors import calendar_for

from .access import access_feedback
from .deadlines import local_day, publish_deadline
from .intake import (  # noqa: F401 (one module for every verb)
    LIMITS,
    append_event,
    citizen_feedback,
    clean_text,
    require_status,
    send_feedback,
    set_deadlines,
    submit_supplement,
    vote_answer,
)
from .models import Feedback, FeedbackStatus

S = FeedbackStatus


def accept_feedback(*, actor, code: str, note: str = "", at=None) -> Feedback:
    at = at or timezone.now()
    with transaction.atomic():
        feedback = access_feedback(actor, code, lock=True)
        require_status(feedback, (S.RECEIVED,), _("Chỉ thụ lý được phản ánh đang chờ xử lý."))
        before = feedback.status
        feedback.status, feedback.accepted_at = S.PROCESSING, at
        feedback.save(update_fields=["status", "accepted_at"])
        append_event(
            feedback,
            at=at,
            action="accept",
            actor=actor,
            from_status=before,
            note=nfc(note)[:2000],
            actor_unit=feedback.unit,
        )
    return feedback


def refuse_feedback(*, actor, code: str, reason: str, at=None) -> Feedback:
    at = at or timezone.now()
    reason = clean_text(reason, "reason", _("lý do không tiếp nhận"))
    with transaction.atomic():
        feedback = access_feedback(actor, code, lock=True)
        require_status(
            feedback,
            (S.RECEIVED, S.PROCESSING),
            _("Phản ánh này không còn ở trạng thái có thể từ chối."),
        )
        before = feedback.status
        feedback.status, feedback.refusal_reason, feedback.refused_at = S.REFUSED, reason, at
        feedback.save(update_fields=["status", "refusal_reason", "refused_at"])
        append_event(
            feedback,
            at=at,
            action="refuse",
            actor=actor,
            from_status=before,
            note=reason,
            actor_unit=feedback.unit,
        )
    return feedback


def forward_feedback(*, actor, code: str, to_unit: Unit, note: str = "", at=None) -> Feedback:
    """Send the feedback to the unit competent for it; its deadlines start again there."""
    at = at or timezone.now()
    day = local_day(at)
    note = nfc(note)[:2000]
    with transaction.atomic():
        feedback = access_feedback(actor, code, lock=True)
        require_status(
            feedback,
            (S.RECEIVED, S.PROCESSING),
            _("Chỉ chuyển được phản ánh đang chờ hoặc đang xử lý."),
        )
        if to_unit is None or not to_unit.is_valid_on(day):
            raise DomainError("unit_unknown", _("Đơn vị nhận không tồn tại hoặc đã giải thể."))
        if to_unit.pk == feedback.unit_id:
            raise DomainError("same_unit", _("Phản ánh đang ở chính đơn vị này."))
        before, from_unit = feedback.status, feedback.unit
        feedback.unit, feedback.status = to_unit, S.RECEIVED
        set_deadlines(feedback, day)
        feedback.save(
            update_fields=[
                "unit",
                "status",
                "routed_on",
                "refuse_due",
                "supplement_due",
                "answer_due",
            ]
        )
        append_event(
            feedback,
            at=at,
            action="forward",
            actor=actor,
            from_status=before,
            note=note,
            actor_unit=from_unit,
            from_unit=from_unit,
            to_unit=to_unit,
        )
    return feedback


def request_supplement(*, actor, code: str, request: str, at=None) -> Feedback:
    at = at or timezone.now()
    request = clean_text(request, "reason", _("nội dung cần bổ sung"))
    with transaction.atomic():
        feedback = access_feedback(actor, code, lock=True)
        require_status(
            feedback,
            (S.RECEIVED, S.PROCESSING),
            _("Chỉ yêu cầu bổ sung được với phản ánh đang chờ hoặc đang xử lý."),
        )
        before = feedback.status
        feedback.status = S.SUPPLEMENT_REQUESTED
        feedback.supplement_request = request
        feedback.supplement_requested_at = feedback.supplement_requested_at or at
        feedback.save(update_fields=["status", "supplement_request", "supplement_requested_at"])
        append_event(
            feedback,
            at=at,
            action="request_supplement",
            actor=actor,
            from_status=before,
            note=request,
            actor_unit=feedback.unit,
        )
    return feedback


def answer_feedback(*, actor, code: str, answer: str, at=None) -> Feedback:
    at = at or timezone.now()
    answer = clean_text(answer, "answer", _("nội dung trả lời"))
    with transaction.atomic():
        feedback = access_feedback(actor, code, lock=True)
        require_status(
            feedback,
            (S.RECEIVED, S.PROCESSING),
            _("Chỉ trả lời được phản ánh đang chờ hoặc đang xử lý."),
        )
        before = feedback.status
        feedback.status, feedback.answer = S.ANSWERED, answer
        feedback.answered_at, feedback.answered_by = at, actor
        feedback.publish_due = publish_deadline(local_day(at), calendar_for(feedback.unit))
        feedback.search_text = fold(f"{feedback.title} {feedback.content} {answer}")[:20_000]
        feedback.save(
            update_fields=[
                "status",
                "answer",
                "answered_at",
                "answered_by",
                "publish_due",
                "search_text",
            ]
        )
        append_event(
            feedback,
            at=at,
            action="answer",
            actor=actor,
            from_status=before,
            note=answer,
            actor_unit=feedback.unit,
        )
    return feedback


def publish_answer(*, actor, code: str, at=None) -> Feedback:
    at = at or timezone.now()
    with transaction.atomic():
        feedback = access_feedback(actor, code, lock=True)
        require_status(feedback, (S.ANSWERED,), _("Chỉ công khai được phản ánh đã trả lời."))
        if not feedback.allow_publish:
            raise DomainError(
                "publish_not_allowed",
                _("Người gửi không đồng ý công khai phản ánh này."),
                status=409,
            )
        before = feedback.status
        feedback.status, feedback.published_at = S.PUBLISHED, at
        feedback.save(update_fields=["status", "published_at"])
        append_event(
            feedback,
            at=at,
            action="publish",
            actor=actor,
            from_status=before,
            actor_unit=feedback.unit,
        )
    return feedback
