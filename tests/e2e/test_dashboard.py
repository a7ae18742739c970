"""A leader opens the statistics dashboard and drills down from a late count to the dossiers."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.staff import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_leader_drills_down_from_the_late_count_to_the_late_dossiers(live_server, page: Page):
    from tests.dossiers.factories import local, make_world
    from tests.reports import scenarios as s

    world = make_world()
    for unit in (world.desk, world.department):
        unit.parent = world.committee
        unit.save()
    s.resolved(world, local(2026, 3, 6, 15, 0))  # early
    late = s.resolved(world, s.DUE + dt.timedelta(hours=3), at=local(2026, 3, 2, 9, 0))

    sign_in(page, live_server.url, world.agency_leader.username)
    page.get_by_role("link", name="Thống kê, Bộ chỉ số 766").click()
    expect(page.get_by_role("heading", name="Thống kê giải quyết hồ sơ")).to_be_visible()
    page.get_by_label("Từ ngày").fill("2026-03-01")
    page.get_by_label("Đến ngày").fill("2026-03-31")
    page.get_by_label("Đơn vị").select_option("ubnd-ntl")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator(".cards")).to_contain_text("50,00%")
    expect(page.locator("svg.chart").first).to_be_visible()

    procedures = page.locator("section.report-table", has_text="Theo thủ tục")
    late_link = procedures.locator("a[data-measure=late]").first
    expect(late_link).to_have_text("1")
    late_link.click()

    expect(page.get_by_role("heading", name="Hồ sơ giải quyết quá hạn")).to_be_visible()
    rows = page.locator("#drilldown tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(late.code)
    expect(rows.first).to_contain_text("Quá hạn")
    rows.first.get_by_role("link", name=late.code).click()
    expect(page).to_have_url(f"{live_server.url}/can-bo/ho-so/{late.code}/")
