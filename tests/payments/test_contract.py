"""The contract every payment provider must pass. Add a real provider to PROVIDERS with a
`bank` helper that produces the callback its gateway would send."""

from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

import pytest

from motcua.payments import simulated
from motcua.payments.providers import CallbackResult, InvalidSignature, PaymentProvider


@dataclass
class FakePayment:
    reference: str = "TT0123456789ABCDEF0123"
    amount: int = 75000


def simulated_bank(payment, *, paid: bool) -> dict:
    return simulated.signed(
        {
            "reference": payment.reference,
            "amount": payment.amount,
            "result": "paid" if paid else "failed",
            "transaction": "SIM-1",
            "receipt_number": "BLDT-1" if paid else "",
        }
    )


PROVIDERS = [pytest.param(simulated.SimulatedProvider, simulated_bank, id="simulated")]


@pytest.mark.parametrize(("provider_class", "bank"), PROVIDERS)
class TestProviderContract:
    def test_is_a_provider_with_a_name_and_a_national_payment_code(self, provider_class, bank):
        provider = provider_class()
        assert isinstance(provider, PaymentProvider)
        assert provider.name
        assert provider.paid_online in (1, 2)

    def test_redirect_url_names_the_payment_and_is_not_signed_by_us_alone(
        self, provider_class, bank, db
    ):
        url = provider_class().redirect_url(FakePayment(), return_url="/thanh-toan/ket-qua/x/")
        assert url
        assert FakePayment.reference in url or parse_qs(urlparse(url).query)

    def test_paid_callback_gives_a_paid_result_with_a_receipt(self, provider_class, bank):
        result = provider_class().parse_callback(bank(FakePayment(), paid=True))
        assert isinstance(result, CallbackResult)
        assert (result.reference, result.paid, result.amount) == (
            FakePayment.reference,
            True,
            75000,
        )
        assert result.receipt_number

    def test_failed_callback_gives_a_failed_result(self, provider_class, bank):
        result = provider_class().parse_callback(bank(FakePayment(), paid=False))
        assert result.paid is False
        assert result.receipt_number == ""

    @pytest.mark.parametrize("field", ["amount", "result", "reference"])
    def test_any_tampered_field_is_a_bad_signature(self, provider_class, bank, field):
        data = dict(bank(FakePayment(), paid=False))
        data[field] = {"amount": "1", "result": "paid", "reference": "TTOTHER"}[field]
        with pytest.raises(InvalidSignature):
            provider_class().parse_callback(data)

    def test_missing_or_empty_signature_is_refused(self, provider_class, bank):
        data = dict(bank(FakePayment(), paid=True))
        data.pop("signature", None)
        with pytest.raises(InvalidSignature):
            provider_class().parse_callback(data)
        with pytest.raises(InvalidSignature):
            provider_class().parse_callback({})

    def test_bad_signature_is_a_400_domain_error_in_vietnamese(self, provider_class, bank):
        with pytest.raises(InvalidSignature) as refused:
            provider_class().parse_callback({"signature": "00"})
        assert refused.value.status == 400
        assert "Chữ ký" in refused.value.message
