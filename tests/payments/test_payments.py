"""Paying online: fees with the submission, a payment notice, idempotent callbacks, bad
signatures change nothing."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from motcua.core.errors import DomainError
from motcua.dossiers.models import Dossier, PaidOnline, Status
from motcua.payments import simulated
from motcua.payments.models import Payment, PaymentStatus
from motcua.payments.services import settle_payment, start_payment
from tests.dossiers.factories import PHONE, dossier_in, online_dossier


@pytest.fixture
def paying(world):
    world.version.online_payment = True
    world.version.save()
    return world


def confirm(client, dossier):
    assert (
        client.get(reverse("portal:lookup"), {"code": dossier.code, "phone": PHONE}).status_code
        == 200
    )


def bank_callback(payment, *, paid=True, amount=None):
    return simulated.signed(
        {
            "reference": payment.reference,
            "amount": amount if amount is not None else payment.amount,
            "result": "paid" if paid else "failed",
            "transaction": "SIM-42",
            "receipt_number": "BLDT-260302-0000042" if paid else "",
        }
    )


def test_fees_paid_with_an_online_submission_show_on_the_dossier(client, paying):
    dossier = online_dossier(paying)
    confirm(client, dossier)
    response = client.post(reverse("payments:start", args=[dossier.code]))
    assert response.status_code == 302
    bank = client.get(response["Location"])
    assert bank.status_code == 200
    assert "75.000 đ" in bank.content.decode()
    fields = {k: v[0] for k, v in parse_qs(urlparse(response["Location"]).query).items()}
    back = client.post(reverse("payments:simulator"), {**fields, "decision": "pay"})
    assert back.status_code == 302
    page = client.get(back["Location"], follow=True).content.decode()
    dossier.refresh_from_db()
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.PAID and payment.callbacks == 2
    assert dossier.status == Status.SUBMITTED
    assert dossier.paid_amount == 75000
    assert dossier.paid_online == PaidOnline.NATIONAL_PORTAL
    assert dossier.payment_receipt_number == payment.receipt_number
    assert dossier.events.filter(action="pay_online").count() == 1
    assert payment.receipt_number in page
    assert client.post(reverse("payments:start", args=[dossier.code])).status_code == 302
    assert Payment.objects.count() == 1  # nothing left to pay


def test_cancelled_payment_is_failed_and_can_be_retried(client, paying):
    dossier = online_dossier(paying)
    confirm(client, dossier)
    start = client.post(reverse("payments:start", args=[dossier.code]))
    fields = {k: v[0] for k, v in parse_qs(urlparse(start["Location"]).query).items()}
    client.post(reverse("payments:simulator"), {**fields, "decision": "cancel"})
    assert Payment.objects.get().status == PaymentStatus.FAILED
    assert Dossier.objects.get(pk=dossier.pk).paid_amount is None
    client.post(reverse("payments:start", args=[dossier.code]))
    assert Payment.objects.filter(status=PaymentStatus.PENDING).count() == 1


def test_payment_notice_is_settled_through_record_payment(world):
    dossier = dossier_in("awaiting_payment", world)
    payment, url = start_payment(actor=world.citizen, dossier=dossier, return_url="/x/")
    assert payment.amount == 75000 and url
    settle_payment(provider_name="simulated", data=bank_callback(payment))
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING
    assert dossier.paid_online == PaidOnline.NATIONAL_PORTAL
    event = dossier.events.get(action="record_payment")
    assert event.actor_role == "system"
    assert event.data["receipt_number"] == "BLDT-260302-0000042"


def test_repeated_callbacks_are_idempotent(world):
    dossier = dossier_in("awaiting_payment", world)
    payment, _url = start_payment(actor=world.citizen, dossier=dossier, return_url="/x/")
    data = bank_callback(payment)
    for _ in range(3):
        settled = settle_payment(provider_name="simulated", data=data)
    assert settled.status == PaymentStatus.PAID and settled.callbacks == 3
    assert dossier.events.filter(action="record_payment").count() == 1
    # a late "failed" for a paid payment changes nothing
    settle_payment(provider_name="simulated", data=bank_callback(payment, paid=False))
    assert Payment.objects.get().status == PaymentStatus.PAID


def test_bad_signature_on_the_callback_endpoint_is_400_and_changes_nothing(client, world):
    dossier = dossier_in("awaiting_payment", world)
    payment, _url = start_payment(actor=world.citizen, dossier=dossier, return_url="/x/")
    forged = {**bank_callback(payment), "amount": "1"}
    url = reverse("payments:callback", args=["simulated"])
    response = client.post(url, forged)
    assert response.status_code == 400
    assert response.json()["message"] == "Chữ ký của kết quả thanh toán không hợp lệ."
    payment.refresh_from_db()
    assert (payment.status, payment.callbacks) == (PaymentStatus.PENDING, 0)
    assert Dossier.objects.get(pk=dossier.pk).status == Status.AWAITING_PAYMENT
    assert client.post(url, {}).status_code == 400
    assert client.get(reverse("payments:return", args=["simulated"]), forged).status_code == 400


def test_callback_endpoint_needs_no_csrf_token_but_a_signature(world):
    from django.test import Client

    dossier = dossier_in("awaiting_payment", world)
    payment, _url = start_payment(actor=world.citizen, dossier=dossier, return_url="/x/")
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("payments:callback", args=["simulated"]), bank_callback(payment))
    assert response.status_code == 200
    assert response.json()["status"] == "paid"


def test_a_paid_amount_that_differs_is_failed(world):
    dossier = dossier_in("awaiting_payment", world)
    payment, _url = start_payment(actor=world.citizen, dossier=dossier, return_url="/x/")
    settled = settle_payment(provider_name="simulated", data=bank_callback(payment, amount=1000))
    assert settled.status == PaymentStatus.FAILED
    assert Dossier.objects.get(pk=dossier.pk).status == Status.AWAITING_PAYMENT


def test_nothing_to_pay_and_strangers_are_refused(client, world):
    dossier = online_dossier(world)  # procedure without online payment
    with pytest.raises(DomainError) as nothing:
        start_payment(actor=world.citizen, dossier=dossier, return_url="/x/")
    assert nothing.value.status == 409
    from motcua.dossiers.lifecycle import Citizen

    with pytest.raises(DomainError) as stranger:
        start_payment(actor=Citizen(phone="0900000000"), dossier=dossier, return_url="/x/")
    assert stranger.value.status == 404
    assert client.post(reverse("payments:start", args=[dossier.code])).status_code == 404
    assert client.post(reverse("payments:start", args=["khong-co"])).status_code == 404


def test_unknown_provider_and_unknown_reference(world):
    with pytest.raises(DomainError) as unknown:
        settle_payment(provider_name="khong-co", data={})
    assert unknown.value.status == 404
    ghost = simulated.signed(
        {"reference": "TTNONE", "amount": 1, "result": "paid", "receipt_number": "X"}
    )
    with pytest.raises(DomainError) as missing:
        settle_payment(provider_name="simulated", data=ghost)
    assert missing.value.status == 404


def test_simulator_refuses_unsigned_requests_and_foreign_return_addresses(client, db):
    assert (
        client.get(reverse("payments:simulator"), {"reference": "X", "amount": "1"}).status_code
        == 400
    )
    foreign = simulated.signed({"reference": "X", "amount": 1, "return": "https://evil.example/"})
    assert client.get(reverse("payments:simulator"), foreign).status_code == 400
