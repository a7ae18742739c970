"""Admin of the working calendar: the year view, its add form, and saving through the services."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from motcua.workcalendar.models import CalendarOverride

pytestmark = pytest.mark.django_db

YEAR_URL = reverse("admin:workcalendar_year")


def test_year_view_shows_twelve_months_with_holiday_names(admin_client_):
    response = admin_client_.get(YEAR_URL, {"year": "2026"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<table class="month">') == 12
    assert 'title="Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"' in html
    assert "Giao thừa Tết Nguyên Đán" in html
    assert "Nghỉ Tết Dương lịch (hoán đổi, làm bù thứ Bảy 10/01/2026)" in html
    assert "Ngày làm bù cho ngày 31/08/2026" in html
    assert 'class="off"' in html and 'class="makeup"' in html and 'class="weekend"' in html
    # Strict CSP: every script is an external file, no inline handlers or styles.
    assert all(" src=" in tag for tag in re.findall(r"<script[^>]*>", html))
    assert not re.search(r" on[a-z]+=", html)
    assert 'style="' not in html


def test_year_view_of_a_unit_shows_its_own_override(admin_client_, unit):
    CalendarOverride.objects.create(
        date=dt.date(2027, 3, 8), kind="off", name="Ngày bầu cử", unit=unit
    )
    response = admin_client_.get(YEAR_URL, {"year": "2027", "unit": unit.code})
    assert response.status_code == 200
    assert "Ngày bầu cử" in response.content.decode()
    assert "Ngày bầu cử" not in admin_client_.get(YEAR_URL, {"year": "2027"}).content.decode()


def test_override_changelist_links_to_the_year_view(admin_client_):
    response = admin_client_.get(reverse("admin:workcalendar_calendaroverride_changelist"))
    assert response.status_code == 200
    assert YEAR_URL in response.content.decode()


@pytest.mark.parametrize("query", [{"year": "năm nay"}, {"year": "3000"}, {"unit": "khong-co"}])
def test_year_view_answers_400_with_a_vietnamese_error_on_bad_query(admin_client_, query):
    response = admin_client_.get(YEAR_URL, query)
    assert response.status_code == 400
    assert 'class="errornote"' in response.content.decode()


def test_add_form_creates_an_override_through_the_service(
    admin_client_, unit, calendar_changes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_.post(
            YEAR_URL,
            {
                "year": "2026",
                "unit": unit.code,
                "date": "2026-03-14",
                "kind": "working",
                "name": "Làm thêm thứ Bảy",
                "intervals": "08:00-11:00",
            },
        )
    assert response.status_code == 302
    assert "unit=" + unit.code in response["Location"]
    override = CalendarOverride.objects.get(date=dt.date(2026, 3, 14))
    assert (override.unit, override.kind, override.intervals) == (
        unit,
        "working",
        [["08:00", "11:00"]],
    )
    assert calendar_changes == [(dt.date(2026, 3, 14), dt.date(2026, 3, 14), unit.pk)]
    page = admin_client_.get(response["Location"]).content.decode()
    assert "Làm thêm thứ Bảy" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "30/02/2026"}, "Nhập"),
        ({"name": ""}, "bắt buộc"),
        ({"kind": "holiday"}, "lựa chọn hợp lệ"),
        ({"kind": "working", "intervals": "17:00-08:00"}, "kết thúc trước khi bắt đầu"),
        ({"intervals": "08:00-12:00"}, "Ngày nghỉ không có giờ làm việc"),
        ({"date": "2026-01-02"}, "đã có điều chỉnh"),
        ({"unit": "khong-co"}, "Không tìm thấy đơn vị"),
    ],
)
def test_add_form_refuses_bad_input_with_400_and_saves_nothing(admin_client_, data, message):
    before = CalendarOverride.objects.count()
    payload = {"year": "2026", "date": "2026-03-10", "kind": "off", "name": "Nghỉ"} | data
    response = admin_client_.post(YEAR_URL, payload)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert CalendarOverride.objects.count() == before


def test_non_administrator_staff_cannot_see_or_use_the_year_view(client, officer):
    client.force_login(officer)
    assert client.get(YEAR_URL).status_code == 403
    response = client.post(YEAR_URL, {"date": "2026-03-10", "kind": "off", "name": "Nghỉ"})
    assert response.status_code == 403
    assert not CalendarOverride.objects.filter(date=dt.date(2026, 3, 10)).exists()


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(YEAR_URL)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_the_add_form_needs_the_csrf_token(admin_user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    response = client.post(YEAR_URL, {"date": "2026-03-10", "kind": "off", "name": "Nghỉ"})
    assert response.status_code == 403
    assert not CalendarOverride.objects.filter(date=dt.date(2026, 3, 10)).exists()


def test_admin_add_and_delete_go_through_the_services(
    admin_client_, calendar_changes, django_capture_on_commit_callbacks
):
    add_url = reverse("admin:workcalendar_calendaroverride_add")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_.post(
            add_url, {"date": "10/03/2026", "kind": "off", "name": "  Nghỉ bão  ", "intervals": ""}
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    override = CalendarOverride.objects.get(date=dt.date(2026, 3, 10))
    assert override.name == "Nghỉ bão"
    delete_url = reverse("admin:workcalendar_calendaroverride_delete", args=[override.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_.post(delete_url, {"post": "yes"})
    assert response.status_code == 302
    assert not CalendarOverride.objects.filter(pk=override.pk).exists()
    day = dt.date(2026, 3, 10)
    assert calendar_changes == [(day, day, None), (day, day, None)]


def test_admin_change_form_refuses_a_duplicate_date(admin_client_):
    override = CalendarOverride.objects.get(date=dt.date(2026, 1, 10))
    url = reverse("admin:workcalendar_calendaroverride_change", args=[override.pk])
    response = admin_client_.post(url, {"date": "02/01/2026", "kind": "working", "name": "x"})
    assert response.status_code == 200
    assert "đã có điều chỉnh" in response.content.decode()
    override.refresh_from_db()
    assert override.date == dt.date(2026, 1, 10)


def test_officer_cannot_add_overrides_in_the_admin(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("admin:workcalendar_calendaroverride_add"),
        {"date": "10/03/2026", "kind": "off", "name": "Nghỉ"},
    )
    assert response.status_code == 403
    assert not CalendarOverride.objects.filter(date=dt.date(2026, 3, 10)).exists()
