"""Staff API for dossiers: receive at the desk, the worklist, one dossier, actions, slips and
the tracking book. Every endpoint needs a staff token or session (`staff_auth`)."""

import base64
import binascii
import datetime as dt
import hashlib
import json
from typing import Literal

from django.db import connection, transaction
from django.db.models import F, Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Header, Path, Query, Router, Schema, Status

from motcua.core.errors import DomainError, NotFound, PermissionDenied
from motcua.desk import actions as desk_actions
from motcua.desk.presenters import (
    SLIP_KINDS,
    action_summary,
    check_dossier_code,
    dossier_detail,
    dossier_summary,
    tracking_unit,
)
from motcua.documents.slips import render_slip
from motcua.documents.tracking import tracking_book
from motcua.dossiers import intake, services
from motcua.dossiers.access import access_dossier
from motcua.dossiers.selectors import worklist
from motcua.organization.models import Unit

from .auth import Message, staff_auth
from .base import Instant
from .models import IdempotencyKey

router = Router(tags=["dossiers"], auth=staff_auth)

UNIT_CODE = r"^[-A-Za-z0-9_]+$"
PROCEDURE_CODE = r"^[0-9A-Za-z.]+$"
USERNAME = r"^[\w.@+-]+$"
PAGE_MAX = 100
ERRORS = {400: Message, 401: Message, 403: Message, 404: Message, 409: Message, 422: Message}


# --- schemas ----------------------------------------------------------------------------------


class ApplicantIn(Schema):
    kind: Literal["person", "organisation"] = "person"
    name: str = Field(..., max_length=255)
    id_number: str = Field("", max_length=30)
    phone: str = Field("", max_length=20)
    email: str = Field("", max_length=254)
    address: str = Field("", max_length=500)


class ReceiveIn(Schema):
    procedure: str = Field(..., min_length=1, max_length=20, pattern=PROCEDURE_CODE)
    unit: str = Field(..., min_length=1, max_length=40, pattern=UNIT_CODE)
    channel: Literal[1, 3] = 1
    applicant: ApplicantIn
    parts_received: list[int] | None = Field(None, max_length=200)
    note: str = Field("", max_length=2000)


class UnitRef(Schema):
    code: str
    name: str


class DossierOut(Schema):
    code: str
    status: str
    status_code: int
    status_label: str
    channel: int
    regime: str
    procedure_code: str
    procedure_name: str
    applicant_name: str
    applicant_phone: str
    receiving_unit: UnitRef
    competent_unit: UnitRef
    current_unit: UnitRef
    assignee: str | None
    submitted_at: dt.datetime
    received_at: dt.datetime | None
    due_at: dt.datetime | None
    appointment_at: dt.datetime | None
    finished_at: dt.datetime | None
    returned_at: dt.datetime | None
    paused: bool
    outcome: str
    overdue: bool


class ApplicantOut(Schema):
    kind: str
    name: str
    id_number: str
    phone: str
    email: str
    address: str


class PartOut(Schema):
    id: int
    name: str
    required: bool
    received: bool
    form: str
    copies: int
    digitised: bool
    reused: bool
    file: str


class StepOut(Schema):
    order: int
    name: str
    unit: UnitRef
    role: str
    giver_unit: UnitRef | None
    giver: str | None
    holder: str | None
    started_at: dt.datetime
    due_at: dt.datetime
    ended_at: dt.datetime | None
    outcome: str
    budget_minutes: int


class SupplementOut(Schema):
    phase: str
    items: list[str]
    reason: str
    requested_at: dt.datetime
    fulfilled_at: dt.datetime | None


class EventOut(Schema):
    seq: int
    at: dt.datetime
    action: str
    action_label: str
    actor: str | None
    actor_unit: UnitRef | None
    from_status: str
    to_status: str
    note: str
    slip: str


class ResultOut(Schema):
    granted: bool | None
    number: str
    date: dt.date | None
    signer: str
    reason: str
    e_result: bool
    return_method: str


class PaymentOut(Schema):
    fee_amount: int | None
    paid_amount: int | None
    paid_at: dt.datetime | None
    receipt_number: str
    paid_online: int


class DossierDetailOut(DossierOut):
    applicant: ApplicantOut
    closing_reason: str
    clock_start_at: dt.datetime | None
    paused_minutes: int
    visit_count: int
    result: ResultOut
    payment: PaymentOut
    parts: list[PartOut]
    steps: list[StepOut]
    supplements: list[SupplementOut]
    history: list[EventOut]
    allowed_actions: list[str]
    slips: list[str]


class DossierPage(Schema):
    items: list[DossierOut]
    next: str | None


class WorklistQuery(Schema):
    unit: str | None = Field(None, max_length=40, pattern=UNIT_CODE)
    status: str | None = Field(None, max_length=30, pattern=r"^[a-z_0-9]+$")
    overdue: bool | None = None
    due_before: Instant | None = None
    q: str | None = Field(None, max_length=200)
    cursor: str | None = Field(None, max_length=200)
    limit: int = Field(20, ge=1, le=PAGE_MAX)


class NoteIn(Schema):
    note: str = Field("", max_length=2000)


class ReceiveActionIn(NoteIn):
    parts_received: list[int] | None = Field(None, max_length=200)
    competent_unit: str | None = Field(None, max_length=40, pattern=UNIT_CODE)


class ReasonIn(Schema):
    reason: str = Field(..., max_length=2000)


class OptionalReasonIn(Schema):
    reason: str = Field("", max_length=2000)


class SupplementRequestIn(Schema):
    items: list[str] = Field(..., min_length=1, max_length=50)
    reason: str = Field("", max_length=2000)


class SupplementIn(NoteIn):
    parts_received: list[int] | None = Field(None, max_length=200)
    in_person: bool | None = None


class AssignIn(NoteIn):
    assignee: str | None = Field(None, max_length=150, pattern=USERNAME)


class HandOverIn(NoteIn):
    to_unit: str | None = Field(None, max_length=40, pattern=UNIT_CODE)
    assignee: str | None = Field(None, max_length=150, pattern=USERNAME)


class PaymentRequestIn(NoteIn):
    amount: int = Field(..., gt=0, le=10**12)


class PaymentIn(Schema):
    amount: int = Field(..., gt=0, le=10**12)
    receipt_number: str = Field(..., max_length=60)
    paid_online: Literal[0, 1, 2] = 0


class ApologyIn(Schema):
    new_appointment_at: Instant
    reason: str = Field(..., max_length=2000)


class ResolveIn(Schema):
    granted: bool
    result_number: str = Field("", max_length=60)
    result_date: dt.date | None = None
    signer: str = Field("", max_length=255)
    reason: str = Field("", max_length=2000)
    e_result: bool = Field(False, description="Kết quả điện tử; cần kèm result_file")
    result_file: str = Field("", max_length=500)


class ReturnIn(NoteIn):
    method: Literal["desk", "post", "electronic"] = "desk"


class TrackingBookQuery(Schema):
    unit: str = Field(..., min_length=1, max_length=40, pattern=UNIT_CODE)
    date_from: dt.date = Field(..., alias="from")
    date_to: dt.date = Field(..., alias="to")
    format: Literal["csv", "xlsx", "pdf"] = "pdf"


ACTION_INPUTS: dict[str, type[Schema]] = {
    "receive": ReceiveActionIn,
    "refuse": ReasonIn,
    "request_supplement": SupplementRequestIn,
    "submit_supplement": SupplementIn,
    "assign": AssignIn,
    "hand_over": HandOverIn,
    "request_payment": PaymentRequestIn,
    "record_payment": PaymentIn,
    "apologise": ApologyIn,
    "resolve": ResolveIn,
    "return_result": ReturnIn,
    "withdraw": OptionalReasonIn,
    "stop": ReasonIn,
}


# --- helpers ----------------------------------------------------------------------------------


def _as_api_refusal(exc: DomainError) -> DomainError:
    """Role and state refusals of an action are conflicts (409); input problems 422."""
    if isinstance(exc, PermissionDenied) or exc.status == 403:
        return DomainError(exc.code, exc.message, status=409)
    if exc.status == 400 or exc.code in {"unit_not_found", "unknown_part"}:
        return DomainError(exc.code, exc.message, status=422)
    return exc


def _encode_cursor(dossier) -> str:
    due = dossier.due_at.isoformat() if dossier.due_at else None
    raw = json.dumps([due, dossier.pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[dt.datetime | None, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        due, pk = json.loads(raw)
        due = dt.datetime.fromisoformat(due) if due is not None else None
        if not isinstance(pk, int) or isinstance(pk, bool) or (due and due.tzinfo is None):
            raise ValueError
        return due, pk
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise DomainError(
            "bad_cursor",
            _("Con trỏ phân trang không hợp lệ; hãy tải lại từ trang đầu."),
            status=422,
        ) from None


def _after(qs, cursor: str):
    due, pk = _decode_cursor(cursor)
    if due is None:
        return qs.filter(due_at__isnull=True, pk__gt=pk)
    return qs.filter(Q(due_at__gt=due) | Q(due_at=due, pk__gt=pk) | Q(due_at__isnull=True))


def _binary(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _binary_doc(media: dict[str, str], description: str) -> dict:
    return {
        "responses": {
            200: {
                "description": description,
                "content": {m: {"schema": {"type": "string", "format": "binary"}} for m in media},
            }
        }
    }


# --- endpoints --------------------------------------------------------------------------------


IDEMPOTENCY_HEADER = "Idempotency-Key"
RECEIVE_ENDPOINT = "dossiers.receive"


def _idempotency_key(raw: str | None) -> str | None:
    if raw is None:
        return None
    if not (1 <= len(raw) <= 255 and raw.isascii() and raw.isprintable() and raw.strip() == raw):
        raise DomainError(
            "bad_idempotency_key",
            _(
                "Khóa chống trùng lặp (Idempotency-Key) phải gồm từ 1 đến 255 ký tự ASCII in "
                "được, không có khoảng trắng ở đầu và cuối."
            ),
            status=422,
        )
    return raw


def _request_hash(payload: Schema) -> str:
    body = json.dumps(payload.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()


def _replay(row: IdempotencyKey, request_hash: str):
    """The first answer to a key, or 409 if the key came with another body."""
    if row.request_hash != request_hash:
        raise DomainError(
            "idempotency_key_reused",
            _(
                "Khóa chống trùng lặp (Idempotency-Key) này đã được dùng cho một yêu cầu khác; "
                "mỗi hồ sơ mới cần một khóa mới."
            ),
            status=409,
        )
    if row.response is not None:
        return Status(201, row.response)
    # Stored, but the process ended before the answer was kept: answer from the dossier.
    dossier = row.dossier
    if dossier is None:
        raise NotFound("not_found", _("Không tìm thấy dữ liệu yêu cầu."))
    return Status(201, dossier_summary(dossier, at=timezone.now()))


class _KeyTaken(Exception):
    """A concurrent request with the same key committed first."""


def _hold_key(user, key: str, fingerprint: str, now: dt.datetime) -> int:
    """Insert the key first thing in the intake's transaction (one statement, no savepoint);
    a twin already holding it makes this wait for its commit, before any counter lock is
    taken. Raises `_KeyTaken` when the key exists (a former or concurrent request)."""
    table = connection.ops.quote_name(IdempotencyKey._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (user_id, endpoint, {connection.ops.quote_name('key')}, "  # noqa: S608
            "request_hash, created_at) VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING "
            "RETURNING id",
            [user.pk, RECEIVE_ENDPOINT, key, fingerprint, now],
        )
        row = cursor.fetchone()
    if row is None:
        raise _KeyTaken
    return row[0]


@router.post(
    "/dossiers",
    response={201: DossierOut, **ERRORS},
    summary="Tiếp nhận hồ sơ tại Bộ phận Một cửa",
    description=(
        "Gửi kèm tiêu đề `Idempotency-Key` (tùy chọn, 1–255 ký tự ASCII) để gửi lại an toàn "
        "khi mất kết nối hoặc nhận 503: yêu cầu lặp lại với cùng khóa, của cùng người gọi, "
        "nhận lại đúng trả lời 201 lần đầu (cùng mã hồ sơ) mà không tạo hồ sơ thứ hai; cùng "
        "khóa với nội dung khác bị từ chối (409). Yêu cầu bị từ chối không giữ khóa."
    ),
)
def receive_at_desk(
    request,
    payload: ReceiveIn,
    idempotency_key: str | None = Header(
        None,
        alias=IDEMPOTENCY_HEADER,
        description="Khóa chống trùng lặp do máy trạm sinh cho mỗi hồ sơ (ví dụ một UUID).",
    ),
):
    key = _idempotency_key(idempotency_key)
    fingerprint = _request_hash(payload) if key else ""
    now = timezone.now()
    try:
        with transaction.atomic():
            held = _hold_key(request.auth, key, fingerprint, now) if key else None
            dossier = services.receive_at_desk(
                actor=request.auth,
                procedure_code=payload.procedure,
                unit_code=payload.unit,
                channel=payload.channel,
                applicant=payload.applicant.model_dump(),
                # Omitted: every part of the procedure was handed in.
                parts_received=(
                    intake.ALL_PARTS if payload.parts_received is None else payload.parts_received
                ),
                note=payload.note,
                received_at=now,
                savepoint=False,  # a refusal leaves this block: the whole transaction is undone
            )
            answer = DossierOut.model_validate(dossier_summary(dossier, at=now))
            if held is not None:  # the key, its dossier and its answer commit together
                IdempotencyKey.objects.filter(pk=held).update(
                    dossier=dossier, response=answer.model_dump(mode="json")
                )
    except _KeyTaken:
        row = IdempotencyKey.objects.get(user=request.auth, endpoint=RECEIVE_ENDPOINT, key=key)
        return _replay(row, fingerprint)
    except DomainError as exc:
        refusal = _as_api_refusal(exc)
        if exc.code in {"parts_missing", "procedure_not_found", "unit_not_receiving"}:
            refusal = DomainError(exc.code, exc.message, status=422)
        raise refusal from None
    return Status(201, answer)


@router.get("/dossiers", response={200: DossierPage, **ERRORS}, summary="Danh sách hồ sơ cần xử lý")
def list_dossiers(request, filters: Query[WorklistQuery]):
    unit = None
    if filters.unit:
        unit = Unit.objects.filter(code=filters.unit).only("pk").first()
        if unit is None:
            raise NotFound("unit_not_found", _("Không tìm thấy đơn vị."))
    now = timezone.now()
    qs = worklist(
        request.auth,
        unit=unit,
        status=filters.status,
        overdue=filters.overdue,
        due_before=filters.due_before,
        q=filters.q,
        at=now,
    ).select_related("competent_unit")
    qs = qs.order_by(F("due_at").asc(nulls_last=True), "id")
    if filters.cursor:
        qs = _after(qs, filters.cursor)
    rows = list(qs[: filters.limit + 1])
    more = len(rows) > filters.limit
    rows = rows[: filters.limit]
    return {
        "items": [dossier_summary(d, at=now) for d in rows],
        "next": _encode_cursor(rows[-1]) if more else None,
    }


@router.get(
    "/dossiers/{code}",
    response={200: DossierDetailOut, **ERRORS},
    summary="Chi tiết hồ sơ, các bước, lịch sử và thao tác được phép",
)
def get_dossier(request, code: str):
    dossier = access_dossier(request.auth, check_dossier_code(code))
    return dossier_detail(dossier.code, actor=request.auth, at=timezone.now())


def _action_endpoint(action: str, schema: type[Schema]):
    def endpoint(request, code: str, payload: schema):  # type: ignore[valid-type]
        with transaction.atomic():
            dossier = access_dossier(request.auth, check_dossier_code(code))
            try:
                desk_actions.perform(
                    actor=request.auth,
                    dossier=dossier,
                    action=action,
                    data=payload.model_dump(),
                )
            except DomainError as exc:
                raise _as_api_refusal(exc) from None
        return dossier_detail(dossier.code, actor=request.auth, at=timezone.now())

    endpoint.__name__ = f"action_{action}"
    return endpoint


for _action, _schema in ACTION_INPUTS.items():
    router.post(
        f"/dossiers/{{code}}/actions/{_action}",
        response={200: DossierDetailOut, **ERRORS},
        summary=action_summary(_action),
        operation_id=f"dossier_action_{_action}",
    )(_action_endpoint(_action, _schema))


@router.post(
    "/dossiers/{code}/actions/{action}",
    response={404: Message, 401: Message},
    summary="Thao tác không tồn tại",
    include_in_schema=False,
)
def unknown_action(request, code: str, action: str):
    raise DomainError(
        "unknown_action",
        _("Không có thao tác “%(action)s”.") % {"action": action[:40]},
        status=404,
    )


@router.get(
    "/dossiers/{code}/slips/{slip}.pdf",
    response=ERRORS,
    summary="In phiếu của hồ sơ (PDF)",
    openapi_extra=_binary_doc({"application/pdf": ""}, "Phiếu PDF"),
)
def get_slip(
    request,
    code: str,
    slip: Path[str],
    paper: Literal["A4", "A5"] | None = None,
):
    dossier = access_dossier(request.auth, check_dossier_code(code))
    kind = SLIP_KINDS.get(slip)
    if kind is None:
        raise NotFound("unknown_slip", _("Không có loại phiếu “%(slip)s”.") % {"slip": slip[:40]})
    try:
        pdf = render_slip(dossier, kind, paper=paper)
    except DomainError as exc:
        if exc.code == "slip_not_available":
            raise NotFound(exc.code, exc.message) from None
        raise
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{dossier.code}-{slip}.pdf"'
    return response


BOOK_TYPES = {
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@router.get(
    "/tracking-book",
    response=ERRORS,
    summary="Sổ theo dõi hồ sơ (Mẫu 06) của đơn vị tiếp nhận",
    openapi_extra=_binary_doc(BOOK_TYPES, "Sổ theo dõi hồ sơ"),
)
def get_tracking_book(request, filters: Query[TrackingBookQuery]):
    unit = tracking_unit(request.auth, filters.unit)
    try:
        content = tracking_book(unit, filters.date_from, filters.date_to, fmt=filters.format)
    except DomainError as exc:
        if exc.code == "bad_period":
            raise DomainError(exc.code, exc.message, status=422) from None
        raise
    name = f"so-theo-doi-{unit.code}-{filters.date_from:%Y%m%d}-{filters.date_to:%Y%m%d}"
    return _binary(content, BOOK_TYPES[filters.format], f"{name}.{filters.format}")
