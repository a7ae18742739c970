"""Scorecard pages, a target's history page, the Excel and PDF report."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from motcua.targets import services

pytestmark = pytest.mark.django_db


def approved(world, year=2021, value="10,5"):
    actual = services.report_actual(
        actor=world["finance_officer"],
        target=world["growth"],
        year=year,
        value=value,
        source="Báo cáo 01/BC",
    )
    return services.approve_actual(actor=world["finance_leader"], actual=actual)


def test_public_scorecard_shows_goal_latest_percent_and_trend(client, world):
    approved(world, 2020, "14,9")
    approved(world, 2021, "10,5")
    page = client.get(reverse("targets:scorecard", args=[world["term"].pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "10,5 %" in html and "105%" in html
    assert "<svg" in html and "polyline" in html


def test_pending_figures_are_not_public(client, world):
    services.report_actual(
        actor=world["finance_officer"],
        target=world["growth"],
        year=2021,
        value="99",
        source="Nháp",
    )
    html = client.get(reverse("targets:target", args=[world["growth"].pk])).content.decode()
    assert "Chưa có số liệu được phê duyệt." in html and "99 %" not in html


def test_scorecard_query_count_is_fixed(client, world, django_assert_max_num_queries):
    from decimal import Decimal

    from motcua.targets.models import Target

    for n in range(2, 12):
        t = Target.objects.create(
            group=world["group"],
            order=n,
            name=f"Chỉ tiêu {n}",
            unit_of_measure="%",
            direction="floor",
            goal=Decimal(90),
        )
        t.responsible_units.set([world["finance"]])
    with django_assert_max_num_queries(10):
        assert client.get(reverse("targets:scorecard", args=[world["term"].pk])).status_code == 200


def test_staff_report_through_the_page_and_refusal_for_other_units(client, world):
    url = reverse("targets_staff:report", args=[world["growth"].pk])
    client.force_login(world["urban_officer"])
    refused = client.post(url, {"year": "2021", "value": "1", "source": "X"})
    assert refused.status_code == 403
    assert "không chịu trách nhiệm" in refused.content.decode()
    client.force_login(world["finance_officer"])
    bad = client.post(url, {"year": "2021", "value": "", "source": "X"})
    assert bad.status_code == 400
    ok = client.post(url, {"year": "2021", "value": "10,5", "source": "BC 12"})
    assert ok.status_code == 302
    assert world["growth"].actuals.get().status == "pending"


def test_leader_approves_through_the_page_and_others_cannot(client, world):
    actual = services.report_actual(
        actor=world["finance_officer"],
        target=world["growth"],
        year=2021,
        value="10",
        source="BC",
    )
    url = reverse("targets_staff:decide", args=[actual.pk, "phe-duyet"])
    client.force_login(world["finance_officer"])
    assert client.post(url).status_code == 403
    client.force_login(world["finance_leader"])
    assert client.post(url).status_code == 302
    actual.refresh_from_db()
    assert actual.status == "approved"
    history = client.get(reverse("targets_staff:target", args=[world["growth"].pk]))
    assert "Phê duyệt số liệu" in history.content.decode()


def test_staff_pages_need_sign_in(client, world):
    response = client.get(reverse("targets_staff:terms"))
    assert response.status_code == 302


def test_excel_report_holds_each_target_and_its_years(client, world):
    approved(world, 2020, "14,9")
    client.force_login(world["chairman"])
    response = client.get(reverse("targets_staff:report_xlsx", args=[world["term"].pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == world["term"].name
    target_row = next(r for r in rows if r[1] == world["growth"].name)
    header = rows[2]
    assert target_row[header.index("2020")] == pytest.approx(14.9)
    assert target_row[header.index("Tỷ lệ đạt (%)")] == pytest.approx(106.43)


def test_pdf_report_renders_offline(client, world):
    approved(world, 2020, "14,9")
    client.force_login(world["chairman"])
    response = client.get(reverse("targets_staff:report_pdf", args=[world["term"].pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
