"""The calendar year view's add form takes its date as dd/mm/yyyy."""

import datetime as dt

import pytest
from django.urls import reverse

from motcua.workcalendar.models import CalendarOverride

pytestmark = pytest.mark.django_db

YEAR_URL = reverse("admin:workcalendar_year")


def test_the_add_form_takes_dd_mm_yyyy_and_refuses_a_day_that_does_not_exist(admin_client_):
    html = admin_client_.get(YEAR_URL, {"year": "2026"}).content.decode()
    assert 'type="date"' not in html and 'placeholder="dd/mm/yyyy"' in html
    assert "core/datepicker.js" in html
    payload = {"year": "2026", "kind": "off", "name": "Nghỉ"}
    bad = admin_client_.post(YEAR_URL, payload | {"date": "30/02/2026"})
    assert bad.status_code == 400
    assert "Ngày 30/02/2026 không tồn tại." in bad.content.decode()
    assert not CalendarOverride.objects.filter(name="Nghỉ").exists()
    admin_client_.post(YEAR_URL, payload | {"date": "10/3/2026"})
    assert CalendarOverride.objects.get(name="Nghỉ").date == dt.date(2026, 3, 10)
