"""A simulated payment gateway for the demo and the tests: its own small "bank page" under
/thanh-toan/mo-phong/, HMAC-SHA256 signatures over sorted fields, like real Vietnamese gateways."""

import hashlib
import hmac
from collections.abc import Mapping
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .providers import CallbackResult, InvalidSignature, PaymentProvider

SIGNED_FIELDS = ("reference", "amount", "result", "transaction", "receipt_number", "return")


def _secret() -> bytes:
    configured = getattr(settings, "PAYMENT_SIMULATOR_SECRET", "")
    if configured:
        return configured.encode()
    # Derived from SECRET_KEY, so each installation has its own simulator key.
    return (
        salted_hmac("motcua.payments.simulated", "simulator-key", algorithm="sha256")
        .hexdigest()
        .encode()
    )


def sign(fields: Mapping[str, str]) -> str:
    """Hex HMAC-SHA256 of `k=v&…` over the signed fields present, in sorted order."""
    message = "&".join(f"{k}={fields[k]}" for k in sorted(fields) if k in SIGNED_FIELDS)
    return hmac.new(_secret(), message.encode(), hashlib.sha256).hexdigest()


def signed(fields: Mapping[str, str]) -> dict[str, str]:
    data = {k: str(v) for k, v in fields.items()}
    return {**data, "signature": sign(data)}


def verify(data: Mapping[str, str]) -> dict[str, str]:
    fields = {k: str(data.get(k, "")) for k in SIGNED_FIELDS if k in data}
    given = str(data.get("signature", ""))
    if not given or not hmac.compare_digest(given, sign(fields)):
        raise InvalidSignature()
    return fields


def receipt_number_for(reference: str) -> str:
    """An electronic receipt number as the simulated bank issues it."""
    digest = int(hashlib.sha256(reference.encode()).hexdigest()[:10], 16) % 10**7
    return f"BLDT-{timezone.localdate():%y%m%d}-{digest:07d}"


class SimulatedProvider(PaymentProvider):
    name = "simulated"
    label = "Cổng thanh toán mô phỏng"
    paid_online = 1

    def redirect_url(self, payment, *, return_url: str) -> str:
        query = signed(
            {"reference": payment.reference, "amount": payment.amount, "return": return_url}
        )
        return f"{reverse('payments:simulator')}?{urlencode(query)}"

    def parse_callback(self, data: Mapping[str, str]) -> CallbackResult:
        fields = verify(data)
        try:
            amount = int(fields.get("amount", ""))
        except ValueError:
            raise InvalidSignature() from None
        result = fields.get("result", "")
        if result not in {"paid", "failed"}:
            raise InvalidSignature()
        return CallbackResult(
            reference=fields.get("reference", ""),
            paid=result == "paid",
            amount=amount,
            transaction=fields.get("transaction", ""),
            receipt_number=fields.get("receipt_number", "") if result == "paid" else "",
            reason="" if result == "paid" else "Người nộp hủy giao dịch",
        )
