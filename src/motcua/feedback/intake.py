"""The citizen's side of feedback: send it (it gets a code, a unit and its deadlines),
follow it by code and phone, complete it when asked, and rate a published answer; plus the
helpers the staff services share (text checks, events, deadlines)."""

import datetime as dt
import re

from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalog.models import Procedure
from motcua.catalog.selectors import versions_in_force
from motcua.core.errors import DomainError, NotFound, PermissionDenied
from motcua.core.text import fold, nfc
from motcua.dossiers.lifecycle import normalise_phone
from motcua.dossiers.models import Dossier
from motcua.organization.models import Unit
from motcua.workcalendar.selectors import calendar_for

from . import attachments
from .deadlines import deadlines_from, local_day
from .models import (
    AnswerVote,
    Feedback,
    FeedbackAttachment,
    FeedbackCounter,
    FeedbackEvent,
    FeedbackStatus,
    SubjectKind,
)
from .routing import current_successor, default_unit

S = FeedbackStatus
LIMITS = {"name": 120, "title": 200, "content": 10_000, "answer": 10_000, "reason": 2_000}
PHONE_RE = re.compile(r"^\+?\d{9,15}$")
CODE_RE = re.compile(r"^PA-\d{6}-\d{4,}$")


def clean_text(value, field: str, label: str, *, required: bool = True) -> str:
    text = nfc(value)
    if required and not text:
        raise DomainError(f"{field}_required", _("Vui lòng nhập %(label)s.") % {"label": label})
    if len(text) > LIMITS[field]:
        raise DomainError(
            f"{field}_too_long",
            _("%(label)s dài quá %(n)s ký tự.") % {"label": label.capitalize(), "n": LIMITS[field]},
        )
    return text


def clean_phone(raw) -> str:
    phone = normalise_phone(raw)
    if not PHONE_RE.match(phone):
        raise DomainError(
            "phone_invalid", _("Số điện thoại không hợp lệ (9–15 chữ số, có thể bắt đầu bằng +).")
        )
    return phone


def _allocate_code(day: dt.date) -> str:
    try:
        with transaction.atomic():
            FeedbackCounter.objects.get_or_create(day=day)
    except IntegrityError:
        pass
    counter = FeedbackCounter.objects.select_for_update().get(day=day)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"PA-{day:%y%m%d}-{counter.last:04d}"


def append_event(
    feedback, *, at, action, actor=None, from_status="", note="", public=True, **units
):
    return FeedbackEvent.objects.create(
        feedback=feedback,
        at=at,
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_unit=units.get("actor_unit"),
        from_status=from_status,
        to_status=feedback.status,
        from_unit=units.get("from_unit"),
        to_unit=units.get("to_unit"),
        note=note,
        public=public,
    )


def set_deadlines(feedback: Feedback, day: dt.date) -> None:
    due = deadlines_from(day, calendar_for(feedback.unit))
    feedback.routed_on = day
    feedback.refuse_due, feedback.supplement_due, feedback.answer_due = (
        due.refuse,
        due.supplement,
        due.answer,
    )


def _subject(*, unit_code, procedure_code, dossier_code, phone, day):
    """(kind, subject unit, procedure, dossier, typed dossier code, unit it goes to)."""
    subject_unit = procedure = dossier = None
    dossier_code = nfc(dossier_code)[:40]
    if unit_code:
        subject_unit = Unit.objects.valid_on(day).filter(code=str(unit_code)[:40]).first()
        if subject_unit is None:
            raise DomainError("unit_unknown", _("Không tìm thấy cơ quan, đơn vị đã chọn."))
    if procedure_code:
        procedure = Procedure.objects.filter(code=nfc(procedure_code)[:20]).first()
        if procedure is None:
            raise DomainError("procedure_unknown", _("Không tìm thấy thủ tục có mã này."))
    if dossier_code:
        # Linked (and counted in the unit's satisfaction) only when the phone is the
        # applicant's: a stranger cannot mark someone else's dossier as disputed.
        dossier = (
            Dossier.objects.filter(code=dossier_code, applicant_phone=phone)
            .select_related("competent_unit", "current_unit", "receiving_unit")
            .first()
        )
    if dossier is not None:
        kind = SubjectKind.DOSSIER
        target = dossier.competent_unit or dossier.current_unit or dossier.receiving_unit
    elif procedure is not None:
        kind = SubjectKind.PROCEDURE
        version = (
            versions_in_force(day)
            .filter(procedure=procedure)
            .prefetch_related("resolving_units", "receiving_units")
            .first()
        )
        units = [*version.resolving_units.all(), *version.receiving_units.all()] if version else []
        target = units[0] if units else subject_unit
    elif subject_unit is not None:
        kind, target = SubjectKind.UNIT, subject_unit
    else:
        kind, target = (SubjectKind.DOSSIER if dossier_code else SubjectKind.GENERAL), None
    if subject_unit is not None and kind != SubjectKind.DOSSIER:
        target = subject_unit
    target = current_successor(target, day) if target is not None else default_unit(day)
    if target is None:
        raise DomainError("no_unit", _("Chưa cấu hình đơn vị tiếp nhận phản ánh."))
    return kind, subject_unit, procedure, dossier, dossier_code, target


def require_status(feedback: Feedback, allowed: tuple, message: str) -> None:
    if feedback.status not in allowed:
        raise DomainError("wrong_state", message, status=409)


def send_feedback(
    *,
    name: str,
    phone: str,
    title: str,
    content: str,
    email: str = "",
    unit_code: str = "",
    procedure_code: str = "",
    dossier_code: str = "",
    allow_publish: bool = True,
    files=(),
    at: dt.datetime | None = None,
) -> Feedback:
    """A citizen sends feedback: it gets a code, a unit and its deadlines."""
    at = at or timezone.now()
    day = local_day(at)
    name = clean_text(name, "name", _("họ tên"))
    phone = clean_phone(phone)
    email = nfc(email)
    if email:
        if len(email) > 254:
            raise DomainError("email_invalid", _("Địa chỉ thư điện tử không hợp lệ."))
        try:
            validate_email(email)
        except Exception as exc:
            raise DomainError("email_invalid", _("Địa chỉ thư điện tử không hợp lệ.")) from exc
    title = clean_text(title, "title", _("tiêu đề"))
    content = clean_text(content, "content", _("nội dung"))
    checked = attachments.check_files(files)
    kind, subject_unit, procedure, dossier, dossier_code, unit = _subject(
        unit_code=unit_code,
        procedure_code=procedure_code,
        dossier_code=dossier_code,
        phone=phone,
        day=day,
    )
    written: list[str] = []
    try:
        with transaction.atomic():
            feedback = Feedback(
                code=_allocate_code(day),
                name=name,
                phone=phone,
                email=email,
                title=title,
                content=content,
                subject_kind=kind,
                subject_unit=subject_unit,
                procedure=procedure,
                dossier=dossier,
                dossier_code=dossier_code,
                allow_publish=bool(allow_publish),
                status=S.RECEIVED,
                unit=unit,
                sent_at=at,
                search_text=fold(f"{title} {content}")[:20_000],
            )
            set_deadlines(feedback, day)
            feedback.save()
            event = append_event(feedback, at=at, action="send", to_unit=unit)
            for item in checked:
                relative, digest = attachments.store(item)
                written.append(relative)
                FeedbackAttachment.objects.create(
                    feedback=feedback,
                    event=event,
                    name=item.name,
                    path=relative,
                    content_type=item.content_type,
                    size=len(item.data),
                    sha256=digest,
                    uploaded_at=at,
                )
    except Exception:
        for relative in written:
            (attachments.media_root() / relative).unlink(missing_ok=True)
        raise
    return feedback


def citizen_feedback(code: str, phone: str, *, lock: bool = False) -> Feedback:
    """The feedback `code` if `phone` is the sender's; the same 404 otherwise."""
    code = nfc(code).upper()
    phone = normalise_phone(phone)
    missing = NotFound(
        "feedback_not_found", _("Không tìm thấy phản ánh với mã và số điện thoại này.")
    )
    if not CODE_RE.match(code) or not phone or len(phone) > 20:
        raise missing
    qs = Feedback.objects.filter(code=code, phone=phone).select_related("unit")
    if lock:
        qs = qs.select_for_update(of=("self",))
    feedback = qs.first()
    if feedback is None:
        raise missing
    return feedback


def submit_supplement(*, code: str, phone: str, content: str, files=(), at=None) -> Feedback:
    """The citizen completes the feedback; the answer is counted again from that day."""
    at = at or timezone.now()
    content = clean_text(content, "content", _("nội dung bổ sung"))
    checked = attachments.check_files(files)
    written: list[str] = []
    try:
        with transaction.atomic():
            feedback = citizen_feedback(code, phone, lock=True)
            require_status(
                feedback,
                (S.SUPPLEMENT_REQUESTED,),
                _("Phản ánh này không có yêu cầu bổ sung đang chờ."),
            )
            before = feedback.status
            feedback.status = S.PROCESSING
            set_deadlines(feedback, local_day(at))
            feedback.save(
                update_fields=["status", "routed_on", "refuse_due", "supplement_due", "answer_due"]
            )
            event = append_event(
                feedback, at=at, action="submit_supplement", from_status=before, note=content
            )
            for item in checked:
                relative, digest = attachments.store(item)
                written.append(relative)
                FeedbackAttachment.objects.create(
                    feedback=feedback,
                    event=event,
                    name=item.name,
                    path=relative,
                    content_type=item.content_type,
                    size=len(item.data),
                    sha256=digest,
                    uploaded_at=at,
                )
    except Exception:
        for relative in written:
            (attachments.media_root() / relative).unlink(missing_ok=True)
        raise
    return feedback


def vote_answer(*, code: str, voter: str, liked: bool, at=None) -> Feedback:
    """Like or dislike a published answer; a reader's second vote replaces the first."""
    at = at or timezone.now()
    if not voter or len(voter) > 64:
        raise PermissionDenied("no_voter", _("Không xác định được người đánh giá."))
    with transaction.atomic():
        feedback = (
            Feedback.objects.select_for_update()
            .filter(code=nfc(code)[:30], status=S.PUBLISHED)
            .first()
        )
        if feedback is None:
            raise NotFound("feedback_not_found", _("Không tìm thấy câu trả lời đã công khai."))
        vote = AnswerVote.objects.filter(feedback=feedback, voter=voter).first()
        if vote is not None and vote.liked == liked:
            return feedback
        changes = {"likes": F("likes") + 1} if liked else {"dislikes": F("dislikes") + 1}
        if vote is not None:
            changes.update({"dislikes": F("dislikes") - 1} if liked else {"likes": F("likes") - 1})
            AnswerVote.objects.filter(pk=vote.pk).update(liked=liked, at=at)
        else:
            AnswerVote.objects.create(feedback=feedback, voter=voter, liked=liked, at=at)
        Feedback.objects.filter(pk=feedback.pk).update(**changes)
        feedback.refresh_from_db(fields=["likes", "dislikes"])
    return feedback
