"""Construction-order dates typed as dd/mm/yyyy."""

import datetime as dt

import pytest

from tests.construction.conftest import site_in

pytestmark = pytest.mark.django_db


def test_dates_are_typed_as_dd_mm_yyyy_on_the_site_page(urban, client):
    from motcua.construction.models import Violation

    site = site_in(urban)
    client.force_login(urban.ward_a_staff)
    html = client.get(f"/can-bo/trat-tu-xay-dung/cong-trinh/{site.pk}/").content.decode()
    assert 'type="date"' not in html
    assert 'name="found_on"' in html and 'placeholder="dd/mm/yyyy"' in html
    url = f"/can-bo/trat-tu-xay-dung/cong-trinh/{site.pk}/vi-pham/"
    bad = client.post(url, {"kind": "wrong_permit", "found_on": "31/04/2026"})
    assert bad.status_code == 422
    assert "Ngày 31/04/2026 không tồn tại." in bad.content.decode()
    assert not Violation.objects.filter(site=site).exists()
    client.post(url, {"kind": "wrong_permit", "found_on": "20/04/2026"})
    assert Violation.objects.get(site=site).found_on == dt.date(2026, 4, 20)
