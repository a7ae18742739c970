"""The leaders' statistics pages: dashboard, drill-down, scorecard page, Excel and PDF."""

import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from motcua.organization.models import UnitKind
from tests.dossiers.factories import local
from tests.factories import UnitFactory, UserFactory

from . import scenarios as s

DASHBOARD = "/can-bo/thong-ke/"
PARAMS = {"from": "2026-03-01", "to": "2026-03-31", "unit": "ubnd-ntl"}


@pytest.fixture
def march(world):
    for unit in (world.desk, world.department):
        unit.parent = world.committee
        unit.save()
    s.resolved(world, local(2026, 3, 6, 15, 0))  # early
    world.late = s.resolved(world, s.DUE + dt.timedelta(hours=3))  # late
    s.processing(world, at=local(2026, 3, 3, 9, 0))  # open, overdue by now
    return world


def open_page(client, user, url=DASHBOARD, **params):
    client.force_login(user)
    return client.get(url, params)


def test_dashboard_shows_the_headline_figures_and_charts(client, march):
    response = open_page(client, march.agency_leader, **PARAMS)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thống kê giải quyết hồ sơ" in html
    assert "50,00%" in html  # on-time rate: 1 early + 0 on time of 2 resolved
    assert html.count("<svg") == 2
    assert "style=" not in html and not re.search(r"<script(?![^>]*\bsrc=)", html)


def test_anonymous_visitors_are_sent_to_sign_in_and_non_staff_refused(client, march):
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and "/can-bo/" in response["Location"]
    citizen = UserFactory(username="dan", is_staff=False)
    assert open_page(client, citizen).status_code == 403


def test_a_unit_outside_the_subtree_is_not_found(client, march):
    UnitFactory(code="xa-khac", kind=UnitKind.COMMUNE)
    assert open_page(client, march.agency_leader, unit="xa-khac").status_code == 404


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2026", "Từ ngày: ngày 31/02/2026 không tồn tại."),
        ("2026-13-01", "Từ ngày: ngày 2026-13-01 không tồn tại."),
        ("hôm qua", "Từ ngày phải có dạng dd/mm/yyyy"),
    ],
)
def test_a_bad_date_shows_a_vietnamese_message_not_a_crash(client, march, typed, message):
    response = open_page(client, march.agency_leader, **{"from": typed})
    assert response.status_code == 200
    assert message in response.content.decode()


@pytest.mark.parametrize(
    "period",
    [
        {"from": "01/03/2026", "to": "31/03/2026"},
        {"from": "1/3/2026", "to": "31/3/2026"},
        {"from": "2026-03-01", "to": "2026-03-31"},
    ],
)
def test_the_period_is_typed_as_dd_mm_yyyy_and_links_may_carry_iso(client, march, period):
    response = open_page(client, march.agency_leader, **period, unit="ubnd-ntl")
    html = response.content.decode()
    assert "50,00%" in html
    assert 'name="from" value="01/03/2026"' in html
    assert 'name="to" value="31/03/2026"' in html
    assert 'type="date"' not in html
    assert "from=2026-03-01&amp;to=2026-03-31" in html  # drill-down links stay ISO


def test_the_late_count_drills_down_to_exactly_the_late_dossiers(client, march):
    html = open_page(client, march.agency_leader, **PARAMS).content.decode()
    links = re.findall(r'href="(/can-bo/thong-ke/ho-so/\?[^"]*measure=late)"', html)
    assert links
    listing = client.get(links[0].replace("&amp;", "&")).content.decode()
    codes = set(re.findall(r'href="/can-bo/ho-so/([^/"]+)/"', listing))
    assert codes == {march.late.code}


@pytest.mark.parametrize(
    ("measure", "expected"), [("received", 3), ("resolved", 2), ("open_overdue", 1), ("early", 1)]
)
def test_drilldown_counts_agree_with_the_figures(client, march, measure, expected):
    params = {**PARAMS, "measure": measure}
    html = open_page(client, march.agency_leader, DASHBOARD + "ho-so/", **params).content.decode()
    assert len(re.findall(r'href="/can-bo/ho-so/[^/"]+/"', html)) == expected


def test_an_unknown_measure_is_refused(client, march):
    params = {**PARAMS, "measure": "everything"}
    response = open_page(client, march.agency_leader, DASHBOARD + "ho-so/", **params)
    assert response.status_code == 422
    assert "Không rõ số liệu" in response.content.decode()


def _queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(DASHBOARD, PARAMS).status_code == 200
    return len(captured)


def test_the_dashboard_query_count_does_not_grow_with_the_data(
    client, march, django_assert_max_num_queries
):
    small = _queries(client, march.agency_leader)
    for day in (3, 4, 5):
        s.resolved(march, local(2026, 3, 12, 10, 0), at=local(2026, 3, day, 9, 0))
    s.refused(march, local(2026, 3, 4, 10, 0))
    assert _queries(client, march.agency_leader) == small
    with django_assert_max_num_queries(small):
        client.get(DASHBOARD, PARAMS)


def test_the_table_excel_holds_the_same_figures(client, march):
    response = open_page(client, march.agency_leader, DASHBOARD + "bang/procedure.xlsx", **PARAMS)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    headers = rows[2]
    assert headers[:5] == ("Mã", "Thủ tục", "Tiếp nhận", "Trực tuyến", "Từ chối tiếp nhận")
    procedure = next(r for r in rows if r[0] == "1.009994")
    total = rows[-1]
    col = {name: i for i, name in enumerate(headers)}
    for row in (procedure, total):
        assert row[col["Tiếp nhận"]] == 3
        assert (row[col["Trước hạn"]], row[col["Quá hạn"]]) == (1, 1)
        assert row[col["Tỷ lệ đúng hạn"]] == 0.5
    assert sheet.cell(4, col["Tỷ lệ đúng hạn"] + 1).number_format == "0.00%"


def test_the_scorecard_page_and_its_exports(client, march):
    response = open_page(client, march.agency_leader, DASHBOARD + "bo-chi-so/", period="2026-03")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tổng điểm" in html and "Xếp hạng đơn vị cùng loại" in html
    params = {"period": "2026-03", "unit": "ubnd-ntl"}
    book = open_page(client, march.agency_leader, DASHBOARD + "bo-chi-so.xlsx", **params)
    sheet = load_workbook(io.BytesIO(book.content)).active
    on_time = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "2.1")
    assert (on_time[2], on_time[3]) == (1, 3)  # 1 early of 2 resolved and 1 open overdue
    pdf = open_page(client, march.agency_leader, DASHBOARD + "bo-chi-so.pdf", **params)
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_scorecard_in_english_names_its_indicators_in_english(client, march, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = open_page(client, march.agency_leader, DASHBOARD + "bo-chi-so/", period="2026-03")
    html = response.content.decode()
    assert "Publicity and transparency" in html and "Dossiers resolved early or on time" in html
    assert "Indicator set 766" in html
    assert "Công khai, minh bạch" not in html and "Hồ sơ giải quyết trước hạn" not in html
    band = response.context["report"].score.band["label"]
    assert {"Xuất sắc": "Excellent", "Tốt": "Good", "Khá": "Fair", "Trung bình": "Average",
            "Yếu": "Weak"}[band] in html  # fmt: skip


def test_a_bad_scorecard_period_is_explained(client, march):
    response = open_page(client, march.agency_leader, DASHBOARD + "bo-chi-so/", period="2026-14")
    assert response.status_code == 422
    assert "Kỳ báo cáo phải có dạng" in response.content.decode()


def test_a_bad_period_for_the_scorecard_file_is_a_422_not_a_crash(client, march):
    url = DASHBOARD + "bo-chi-so.xlsx"
    response = open_page(client, march.agency_leader, url, period="2026-Q9", unit="ubnd-ntl")
    assert response.status_code == 422
    assert "Kỳ báo cáo" in response.content.decode()
