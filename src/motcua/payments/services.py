"""Paying a dossier's fees online: start a payment, settle it from the provider's signed callback.

Settling is idempotent: a payment is final once paid or failed, and a repeated callback only
counts itself. A paid notice (state 6) is recorded on the dossier through `record_payment` by
the system actor; fees paid with an online submission (state 1) are written as a `pay_online`
side event with the e-receipt, under the dossier's row lock.
"""

import datetime as dt
import logging
import secrets

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError, NotFound
from motcua.dossiers import services as dossier_services
from motcua.dossiers.access import visible_to
from motcua.dossiers.deadlines import iso
from motcua.dossiers.lifecycle import SYSTEM, SYSTEM_ACTOR, Citizen, append_event, lock_dossier
from motcua.dossiers.models import Dossier, SlipKind, Status

from .models import Payment, PaymentPurpose, PaymentStatus
from .providers import PaymentProvider, get_provider

logger = logging.getLogger(__name__)


def submission_fee(dossier: Dossier) -> int:
    """Fees and charges of the dossier's procedure version, in đồng (one query)."""
    total = dossier.procedure_version.fees.aggregate(total=Sum("amount"))["total"]
    return int(total or 0)


def _last_request_seq(dossier: Dossier) -> int:
    return (
        dossier.events.filter(action="request_payment")
        .order_by("-seq")
        .values_list("seq", flat=True)
        .first()
        or 0
    )


def amount_due(dossier: Dossier) -> tuple[str, int, int] | None:
    """(purpose, amount, request_seq) the applicant can pay online now, or None."""
    version = dossier.procedure_version
    if dossier.status == Status.AWAITING_PAYMENT and dossier.fee_amount:
        seq = _last_request_seq(dossier)
        paid = Payment.objects.filter(
            dossier=dossier, purpose=PaymentPurpose.REQUEST, request_seq=seq,
            status=PaymentStatus.PAID,
        ).exists()  # fmt: skip
        return None if paid else (PaymentPurpose.REQUEST, int(dossier.fee_amount), seq)
    if (
        dossier.status == Status.SUBMITTED
        and version.online_payment
        and dossier.paid_amount is None
        and not Payment.objects.filter(
            dossier=dossier, purpose=PaymentPurpose.SUBMISSION, status=PaymentStatus.PAID
        ).exists()
    ):
        amount = submission_fee(dossier)
        return (PaymentPurpose.SUBMISSION, amount, 0) if amount > 0 else None
    return None


def start_payment(
    *,
    actor: Citizen,
    dossier: Dossier,
    return_url: str,
    provider: PaymentProvider | None = None,
    at: dt.datetime | None = None,
) -> tuple[Payment, str]:
    """A pending payment of what the dossier owes, and the provider page to pay it on."""
    if not isinstance(actor, Citizen) or not visible_to(actor).filter(pk=dossier.pk).exists():
        raise NotFound("dossier_not_found", _("Không tìm thấy hồ sơ."))
    due = amount_due(dossier)
    if due is None:
        raise DomainError(
            "nothing_to_pay", _("Hồ sơ hiện không có khoản phí nào cần thanh toán."), status=409
        )
    purpose, amount, seq = due
    provider = provider or get_provider()
    payment = Payment.objects.create(
        dossier=dossier,
        purpose=purpose,
        request_seq=seq,
        provider=provider.name,
        reference="TT" + secrets.token_hex(10).upper(),
        amount=amount,
        created_at=at or timezone.now(),
    )
    return payment, provider.redirect_url(payment, return_url=return_url)


def _record_prepayment(payment: Payment, provider: PaymentProvider, at: dt.datetime) -> None:
    dossier = lock_dossier(payment.dossier_id)
    dossier.fee_amount = dossier.fee_amount or payment.amount
    dossier.paid_amount = payment.amount
    dossier.paid_at = at
    dossier.payment_receipt_number = payment.receipt_number
    dossier.paid_online = provider.paid_online
    append_event(
        dossier,
        action="pay_online",
        at=at,
        actor_role=SYSTEM,
        from_status=dossier.status,
        to_status=dossier.status,
        data={
            "amount": payment.amount,
            "receipt_number": payment.receipt_number,
            "paid_online": provider.paid_online,
            "reference": payment.reference,
            "paid_at": iso(at),
        },
        slip=SlipKind.PAYMENT_RECEIPT,
    )
    dossier.save(
        update_fields=["fee_amount", "paid_amount", "paid_at", "payment_receipt_number",
                       "paid_online"]
    )  # fmt: skip


def _apply_to_dossier(payment: Payment, provider: PaymentProvider, at: dt.datetime) -> None:
    try:
        with transaction.atomic():
            if payment.purpose == PaymentPurpose.REQUEST:
                dossier_services.record_payment(
                    actor=SYSTEM_ACTOR,
                    dossier=payment.dossier,
                    amount=payment.amount,
                    receipt_number=payment.receipt_number,
                    paid_online=provider.paid_online,
                    at=at,
                )
            else:
                _record_prepayment(payment, provider, at)
    except DomainError as exc:
        # The money has moved: keep the payment paid and say why the desk must act.
        payment.failure_reason = (_("Chưa ghi nhận vào hồ sơ: %(why)s") % {"why": exc.message})[
            :255
        ]
        logger.warning("Payment %s not recorded on its dossier: %s", payment.reference, exc)


@transaction.atomic
def settle_payment(*, provider_name: str, data, at: dt.datetime | None = None) -> Payment:
    """Apply a provider's signed callback. A bad signature changes nothing (400);
    a repeated callback returns the final payment unchanged."""
    provider = get_provider(provider_name)
    result = provider.parse_callback(data)
    at = at or timezone.now()
    payment = (
        Payment.objects.select_for_update()
        .select_related("dossier")
        .filter(reference=result.reference, provider=provider.name)
        .first()
    )
    if payment is None:
        raise NotFound("payment_not_found", _("Không tìm thấy giao dịch thanh toán."))
    payment.callbacks += 1
    if payment.is_final:
        payment.save(update_fields=["callbacks"])
        return payment
    payment.settled_at = at
    payment.provider_transaction = result.transaction[:80]
    if result.paid and result.amount == payment.amount and result.receipt_number:
        payment.status = PaymentStatus.PAID
        payment.receipt_number = result.receipt_number[:60]
        _apply_to_dossier(payment, provider, at)
    else:
        payment.status = PaymentStatus.FAILED
        payment.failure_reason = (
            result.reason if not result.paid else _("Số tiền thanh toán không khớp.")
        )[:255]
    payment.save()
    return payment
