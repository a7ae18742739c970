"""A form sent twice (double click, browser resend) adds one record: construction register,
infrastructure register; the desk intake has its own test in tests/desk."""

import pytest
from django.contrib.messages import get_messages

from motcua.construction.models import ConstructionSite
from motcua.infrastructure.models import Facility
from tests.construction.conftest import make_urban
from tests.infrastructure.conftest import kinds  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
RESENT = "Biểu mẫu này đã được gửi trước đó và công trình đã được thêm; không thêm lần nữa."


@pytest.fixture
def urban(db):
    return make_urban()


def _token(page) -> str:
    token = page.context["submission"]
    assert f'name="submission" value="{token}"' in page.content.decode()
    return token


def test_a_construction_site_sent_twice_is_added_once(urban, client):
    client.force_login(urban.ward_a_staff)
    url = "/can-bo/trat-tu-xay-dung/cong-trinh/moi/"
    token = _token(client.get(url))
    form = {
        "ward": urban.ward_a.code, "address": "Số 7 Nguyễn Hoàng", "owner_name": "Lê Thị Hoa",
        "work_type": "house", "status": "under_construction", "submission": token,
    }  # fmt: skip
    refused = client.post(url, form | {"floors": "-1"})
    assert refused.status_code == 422 and refused.context["submission"] == token
    first = client.post(url, form)
    site = ConstructionSite.objects.get()
    assert first.status_code == 302 and first["Location"].endswith(f"/cong-trinh/{site.pk}/")
    again = client.post(url, form, follow=True)
    assert ConstructionSite.objects.count() == 1
    assert again.redirect_chain[-1][0].endswith(f"/cong-trinh/{site.pk}/")
    assert RESENT in [str(m) for m in get_messages(again.wsgi_request)]
    client.post(url, form | {"submission": _token(client.get(url))})
    assert ConstructionSite.objects.count() == 2  # a new page is a new form


def test_a_facility_sent_twice_is_added_once(urban, kinds, client):  # noqa: F811
    client.force_login(urban.ward_a_staff)
    page = f"/can-bo/ha-tang/phuong/{urban.ward_a.code}/"
    token = _token(client.get(page))
    form = {
        "kind": "tram-y-te", "name": "Trạm y tế phường Mỹ Đình 1", "status": "operating",
        "submission": token,
    }  # fmt: skip
    assert client.post(page + "cong-trinh/", form).status_code == 302
    again = client.post(page + "cong-trinh/", form, follow=True)
    assert again.redirect_chain[-1][0].endswith(page)
    assert Facility.objects.count() == 1
    assert RESENT in again.content.decode()
