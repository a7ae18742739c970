"""Public dossier lookup by code and phone, and the applicant's satisfaction rating.

Unknown code and wrong phone answer the same 404; too many lookups from one address, 429.
"""

import datetime as dt

from django.conf import settings
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from motcua.api.base import api
from motcua.dossiers.lifecycle import Citizen
from motcua.portal.models import RatingSource
from motcua.portal.ratelimit import check_rate
from motcua.portal.ratings import rate_service
from motcua.portal.selectors import PublicLookup, find_for_lookup, public_lookup

router = Router(tags=["public"])


class LookupQuery(Schema):
    code: str = Field(..., min_length=1, max_length=40)
    phone: str = Field(..., min_length=1, max_length=20)


class StepOut(Schema):
    at: dt.datetime
    label: str
    unit: str
    status: str


class PaymentOut(Schema):
    amount_due: int | None
    paid_amount: int | None
    paid_at: dt.datetime | None
    receipt_number: str
    paid_online: int


class ResultOut(Schema):
    granted: bool | None
    number: str
    date: dt.date | None
    electronic: bool
    download_url: str | None
    collect_at: str | None
    collect_from: dt.datetime | None


class LookupOut(Schema):
    code: str
    procedure_code: str
    procedure_name: str
    status: str
    status_code: int
    status_label: str
    receiving_unit: str
    submitted_at: dt.datetime
    received_at: dt.datetime | None
    due_at: dt.datetime | None
    appointment_at: dt.datetime | None
    finished_at: dt.datetime | None
    steps: list[StepOut]
    supplement_items: list[str]
    payment: PaymentOut
    result: ResultOut | None
    rated: bool
    can_rate: bool


class ErrorOut(Schema):
    code: str
    message: str


def _items(request) -> list[str]:
    if request is None:
        return []
    return [str(i.get("name", i)) if isinstance(i, dict) else str(i) for i in request.items]


def _payload(found: PublicLookup) -> dict:
    """The LookupOut answer, field for field and in its order, of plain values."""
    d, version = found.dossier, found.dossier.procedure_version
    result = None
    if d.status in ("resolved", "returned"):
        paper = d.status == "resolved" and (not d.result_file or version.result_on_paper)
        result = {
            "granted": d.granted,
            "number": d.result_number,
            "date": d.result_date,
            "electronic": bool(d.result_file),
            "download_url": settings.SITE_URL + reverse("portal:result_file", args=[d.code])
            if d.result_file else None,
            "collect_at": found.receiving_unit if paper else None,
            "collect_from": d.appointment_at if paper else None,
        }  # fmt: skip
    return {
        "code": d.code,
        "procedure_code": found.procedure_code,
        "procedure_name": version.name,
        "status": d.status,
        "status_code": d.status_code,
        "status_label": found.status_label,
        "receiving_unit": found.receiving_unit,
        "submitted_at": d.submitted_at,
        "received_at": d.received_at,
        "due_at": d.due_at,
        "appointment_at": d.appointment_at,
        "finished_at": d.finished_at,
        "steps": found.steps,
        "supplement_items": _items(found.supplement),
        "payment": {
            "amount_due": found.payable[1] if found.payable else None,
            "paid_amount": d.paid_amount,
            "paid_at": d.paid_at,
            "receipt_number": d.payment_receipt_number,
            "paid_online": d.paid_online,
        },
        "result": result,
        "rated": found.rated,
        "can_rate": found.can_rate,
    }


@router.get(
    "/public/lookup",
    response={200: LookupOut, 404: ErrorOut, 429: ErrorOut},
    summary="Tra cứu hồ sơ theo mã và số điện thoại",
    auth=None,
)
def lookup(request, query: Query[LookupQuery]):
    check_rate(request)
    payload = _payload(public_lookup(query.code, query.phone))
    # Rendered as it is: built above of plain values in LookupOut's shape (the tests check it
    # against the schema), it is not validated again field by field.
    return api.create_response(request, payload, status=200)


class RatingIn(Schema):
    code: str = Field(..., min_length=1, max_length=40)
    phone: str = Field(..., min_length=1, max_length=20)
    score: int = Field(..., ge=1, le=5)
    visit_count: int = Field(..., ge=0, le=2)
    comment: str = Field("", max_length=1000)


class RatingOut(Schema):
    code: str
    score: int
    visit_count: int
    rated_at: dt.datetime


@router.post(
    "/public/rating",
    response={201: RatingOut, 404: ErrorOut, 409: ErrorOut, 429: ErrorOut},
    summary="Đánh giá mức độ hài lòng (sau khi có kết quả)",
    auth=None,
)
def rate(request, payload: RatingIn):
    check_rate(request, "rating")
    dossier = find_for_lookup(payload.code, payload.phone)
    rating = rate_service(
        actor=Citizen(phone=dossier.applicant_phone),
        dossier=dossier,
        score=payload.score,
        visit_count=payload.visit_count,
        comment=payload.comment,
        source=RatingSource.API,
    )
    return 201, {
        "code": dossier.code,
        "score": rating.score,
        "visit_count": rating.visit_count,
        "rated_at": rating.rated_at,
    }
