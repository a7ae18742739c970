"""The feedback statistics period typed as dd/mm/yyyy; ISO links keep working."""

import pytest
from django.urls import reverse

from .conftest import at
from .test_staff_pages import make

pytestmark = pytest.mark.django_db


def test_statistics_take_the_period_as_dd_mm_yyyy(client, staff):
    make(when=at(2026, 3, 2))
    make(when=at(2026, 4, 2))
    client.force_login(staff["chairman"])
    page = client.get(reverse("feedback_staff:stats"), {"from": "1/3/2026", "to": "31/03/2026"})
    assert page.status_code == 200
    assert page.context["stats"].total.received == 1
    html = page.content.decode()
    assert 'name="from" value="01/03/2026"' in html and 'name="to" value="31/03/2026"' in html
    assert 'type="date"' not in html
    assert "?from=2026-03-01&amp;to=2026-03-31" in html  # the Excel link stays ISO


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ({"from": "31/02/2026"}, "Từ ngày: ngày 31/02/2026 không tồn tại."),
        ({"to": "tháng ba"}, "Đến ngày phải có dạng dd/mm/yyyy, ví dụ 31/12/2026."),
    ],
)
def test_statistics_refuse_a_date_that_is_not_one(client, staff, period, message):
    client.force_login(staff["chairman"])
    page = client.get(reverse("feedback_staff:stats"), period)
    assert page.status_code == 400
    assert message in page.content.decode()
