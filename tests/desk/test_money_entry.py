"""Amounts on the desk's payment forms typed as money is shown: 1.250.000 đ."""

import pytest

from motcua.dossiers.models import Dossier, Status
from tests.dossiers.factories import dossier_in


@pytest.mark.django_db
def test_the_desk_requests_and_records_a_payment_typed_with_dots(client, world):
    dossier = dossier_in("processing", world)
    client.force_login(world.specialist)
    url = f"/can-bo/ho-so/{dossier.code}/thao-tac/"
    response = client.post(url + "request_payment/", {"amount": "1.250.000 đ"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.AWAITING_PAYMENT and dossier.fee_amount == 1_250_000
    client.force_login(world.officer)
    page = client.get(f"/can-bo/ho-so/{dossier.code}/").content.decode()
    assert 'name="amount" value="1.250.000"' in page
    response = client.post(
        url + "record_payment/",
        {"amount": "1 250 000", "receipt_number": "BL-0001", "paid_online": "0"},
    )
    assert response.status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).paid_amount == 1_250_000
