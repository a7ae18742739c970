"""Figures per ward and year, the unlicensed trend, the ranking, exports, and the list pages'
fixed query counts."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from motcua.construction import services
from motcua.construction.figures import figures
from motcua.construction.models import ConstructionSite, Register
from motcua.construction.scope import ward_scope
from tests.construction.conftest import site_in

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


def unlicensed(urban, ward, year, n, *, resolve=0):
    actor = urban.district_inspector
    for i in range(n):
        site = services.register_site(
            actor=actor, ward=ward, address=f"Số {i + 1} ngõ {year}", owner_name=f"Hộ {i}",
            work_type="house",
        )  # fmt: skip
        violation = services.record_violation(
            actor=actor, site=site, kind="unlicensed", found_on=dt.date(year, 5, 10)
        )
        if i < resolve:
            services.close_violation(
                actor=actor, violation=violation, outcome="remedied",
                closed_on=dt.date(year, 6, 1),
            )  # fmt: skip


def test_unlicensed_constructions_per_year_show_a_falling_trend(urban):
    unlicensed(urban, urban.ward_a, 2017, 4)
    unlicensed(urban, urban.ward_b, 2017, 2)
    unlicensed(urban, urban.ward_a, 2018, 3)
    unlicensed(urban, urban.ward_a, 2019, 1)
    scope = ward_scope(urban.district_inspector, Register.CONSTRUCTION)
    data = figures(scope, years=[2017, 2018, 2019, 2020], today=TODAY)
    assert [p.unlicensed for p in data.trend] == [6, 3, 1, 0]
    assert data.trend[0].change is None
    assert data.trend[1].change == pytest.approx(-0.5)
    assert data.falling
    assert data.row(urban.ward_a.pk, 2017).unlicensed == 4
    assert data.row(urban.ward_b.pk, 2017).unlicensed == 2


def test_the_trend_is_not_falling_when_a_year_rises(urban):
    unlicensed(urban, urban.ward_a, 2018, 1)
    unlicensed(urban, urban.ward_a, 2019, 2)
    scope = ward_scope(urban.superuser, Register.CONSTRUCTION)
    assert not figures(scope, years=[2018, 2019], today=TODAY).falling


def test_permits_inspections_and_violations_are_counted_per_ward_and_year(urban):
    site = site_in(urban, permit_date=dt.date(2019, 3, 4))
    site_in(urban, urban.ward_b, permit_date=dt.date(2019, 8, 1), address="Số 2 Tây Mỗ")
    on_time = services.plan_inspection(
        actor=urban.ward_a_staff, site=site, planned_on=dt.date(2019, 5, 1)
    )
    services.record_inspection(
        actor=urban.ward_a_staff, inspection=on_time, done_on=dt.date(2019, 5, 1),
        result="compliant",
    )  # fmt: skip
    late = services.plan_inspection(
        actor=urban.ward_a_staff, site=site, planned_on=dt.date(2019, 9, 1)
    )
    services.record_inspection(
        actor=urban.ward_a_staff, inspection=late, done_on=dt.date(2019, 9, 20),
        result="violation", findings="Sai phép",
    )  # fmt: skip
    services.plan_inspection(actor=urban.ward_a_staff, site=site, planned_on=dt.date(2019, 12, 1))
    violation = services.record_violation(
        actor=urban.ward_a_staff, site=site, kind="wrong_permit", found_on=dt.date(2019, 9, 20),
        inspection=late,
    )  # fmt: skip
    services.decide_violation(
        actor=urban.ward_a_staff, violation=violation, decision_number="1/QĐ",
        decided_on=dt.date(2019, 9, 25), fine_amount=40_000_000, remedy_days=30,
    )  # fmt: skip
    scope = ward_scope(urban.superuser, Register.CONSTRUCTION)
    data = figures(scope, years=[2019], today=TODAY)
    row = data.row(urban.ward_a.pk, 2019)
    assert (row.permits, row.inspections_due, row.inspections_done) == (1, 3, 2)
    assert (row.inspections_late, row.inspections_overdue) == (1, 1)
    assert (row.violations_found, row.violations_resolved, row.unlicensed) == (1, 0, 0)
    assert row.fines == 40_000_000
    assert data.totals(2019).permits == 2


def test_wards_are_ranked_by_resolution_then_inspections_then_fewer_unlicensed(urban):
    unlicensed(urban, urban.ward_a, 2020, 2, resolve=2)
    unlicensed(urban, urban.ward_b, 2020, 2, resolve=1)
    scope = ward_scope(urban.district_inspector, Register.CONSTRUCTION)
    ranking = figures(scope, years=[2020], today=TODAY).ranking(2020)
    assert [(rank, row.ward_name) for rank, row in ranking] == [
        (1, "Phường Mỹ Đình 1"),
        (2, "Phường Tây Mỗ"),
    ]


def test_a_ward_reader_sees_only_its_own_figures(urban):
    unlicensed(urban, urban.ward_b, 2018, 3)
    scope = ward_scope(urban.ward_a_staff, Register.CONSTRUCTION)
    data = figures(scope, years=[2018], today=TODAY)
    assert [w for w, _name in data.wards] == [urban.ward_a.pk]
    assert data.trend[0].unlicensed == 0


def test_the_figures_page_shows_the_chart_trend_and_ranking(urban, client):
    unlicensed(urban, urban.ward_a, 2017, 3)
    unlicensed(urban, urban.ward_a, 2018, 1)
    client.force_login(urban.district_inspector)
    response = client.get("/can-bo/trat-tu-xay-dung/thong-ke/?tu-nam=2017&den-nam=2018")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "<script" not in html.split("<main")[1]
    assert "Số công trình không phép giảm dần qua từng năm." in html
    assert "Phường Mỹ Đình 1" in html
    svg = client.get("/can-bo/trat-tu-xay-dung/thong-ke.svg?tu-nam=2017&den-nam=2018")
    assert svg["Content-Type"].startswith("image/svg+xml")
    assert b"2017" in svg.content and b"<script" not in svg.content


def test_the_excel_export_holds_the_ward_year_rows_trend_and_ranking(urban, client):
    unlicensed(urban, urban.ward_a, 2017, 2, resolve=1)
    client.force_login(urban.district_inspector)
    response = client.get(
        "/can-bo/trat-tu-xay-dung/thong-ke.xlsx?tu-nam=2017&den-nam=2018&xep-hang=2017"
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0][0] == "Phường"
    assert ("Phường Mỹ Đình 1", 2017, 0, 0, 0, 0, 0, 2, 1, 2, 0) in rows
    trend = list(book.worksheets[1].iter_rows(values_only=True))
    assert trend[1][:2] == (2017, 2) and trend[2][:2] == (2018, 0)
    assert book.worksheets[2].title == "Xếp hạng 2017"


@pytest.mark.parametrize("n", [1, 10, 30])
def test_the_site_list_has_a_fixed_query_count(urban, client, django_assert_max_num_queries, n):
    for i in range(n):
        site = site_in(urban, address=f"Số {i} Mỹ Đình")
        services.record_violation(
            actor=urban.ward_a_staff, site=site, kind="wrong_permit", found_on=dt.date(2026, 1, 5)
        )
    client.force_login(urban.district_inspector)
    with django_assert_max_num_queries(9):
        response = client.get("/can-bo/trat-tu-xay-dung/")
    assert response.content.decode().count("Mỹ Đình</a>") == n


@pytest.mark.parametrize("n", [1, 10, 30])
def test_violation_and_overdue_lists_have_a_fixed_query_count(
    urban, client, django_assert_max_num_queries, n
):
    for i in range(n):
        site = site_in(urban, address=f"Số {i} Mỹ Đình")
        services.record_violation(
            actor=urban.ward_a_staff, site=site, kind="wrong_permit", found_on=dt.date(2026, 1, 5)
        )
        services.plan_inspection(
            actor=urban.ward_a_staff, site=site, planned_on=dt.date(2026, 2, 1)
        )
    client.force_login(urban.district_inspector)
    with django_assert_max_num_queries(9):
        assert client.get("/can-bo/trat-tu-xay-dung/vi-pham/").status_code == 200
    with django_assert_max_num_queries(10):
        html = client.get("/can-bo/trat-tu-xay-dung/kiem-tra-qua-han/").content.decode()
    assert html.count("Mỹ Đình</a>") == n


@pytest.mark.parametrize("n", [1, 10])
def test_the_figures_page_has_a_fixed_query_count(urban, client, django_assert_max_num_queries, n):
    for i in range(n):
        site_in(urban, address=f"Số {i}", permit_date=dt.date(2017 + i % 4, 1, 5))
    client.force_login(urban.district_inspector)
    with django_assert_max_num_queries(10):
        assert client.get("/can-bo/trat-tu-xay-dung/thong-ke/").status_code == 200


def test_the_site_page_shows_the_permit_inspections_and_violations(urban, client):
    site = site_in(urban)
    services.plan_inspection(actor=urban.ward_a_staff, site=site, planned_on=dt.date(2026, 1, 5))
    client.force_login(urban.ward_a_staff)
    html = client.get(f"/can-bo/trat-tu-xay-dung/cong-trinh/{site.pk}/").content.decode()
    assert "Số 125/GPXD, cấp ngày 04/03/2019" in html
    assert "Quá hạn" in html
    assert "Vào sổ công trình" in html


def test_pages_refuse_other_wards_and_bad_input_with_a_message(urban, client):
    site = site_in(urban)
    client.force_login(urban.ward_b_staff)
    assert client.get(f"/can-bo/trat-tu-xay-dung/cong-trinh/{site.pk}/").status_code == 404
    assert client.get("/can-bo/trat-tu-xay-dung/?phuong=khong-co").status_code == 404
    response = client.post(
        f"/can-bo/trat-tu-xay-dung/cong-trinh/{site.pk}/kiem-tra/",
        {"planned_on": "2026-01-05"},
    )
    assert response.status_code == 404
    client.force_login(urban.ward_a_staff)
    violation = services.record_violation(
        actor=urban.ward_a_staff, site=site, kind="wrong_permit", found_on=dt.date(2026, 4, 20)
    )
    response = client.post(
        f"/can-bo/trat-tu-xay-dung/cong-trinh/{site.pk}/vi-pham/quyet-dinh/",
        {
            "violation": violation.pk, "decision_number": "5/QĐ", "decided_on": "2026-04-24",
            "fine_amount": "-5000", "remedy_days": "5",
        },
    )  # fmt: skip
    assert response.status_code == 422
    assert "Số tiền không được âm." in response.content.decode()
    response = client.post(
        f"/can-bo/trat-tu-xay-dung/cong-trinh/{site.pk}/vi-pham/quyet-dinh/",
        {
            "violation": violation.pk, "decision_number": "5/QĐ", "decided_on": "2026-04-24",
            "fine_amount": "abc", "remedy_days": "5",
        },
    )  # fmt: skip
    assert response.status_code == 422


def test_registering_a_site_through_the_page(urban, client):
    client.force_login(urban.ward_a_staff)
    response = client.post(
        "/can-bo/trat-tu-xay-dung/cong-trinh/moi/",
        {
            "ward": urban.ward_a.code, "address": "Số 7 Nguyễn Hoàng", "owner_name": "Lê Thị Hoa",
            "work_type": "house", "status": "under_construction", "floors": "4",
        },
    )  # fmt: skip
    assert response.status_code == 302
    site = ConstructionSite.objects.get()
    assert site.ward == urban.ward_a and site.floors == 4
    response = client.post(
        "/can-bo/trat-tu-xay-dung/cong-trinh/moi/",
        {"ward": urban.ward_b.code, "address": "x", "owner_name": "y", "work_type": "house",
         "status": "under_construction"},
    )  # fmt: skip
    assert response.status_code == 422
    assert ConstructionSite.objects.count() == 1
