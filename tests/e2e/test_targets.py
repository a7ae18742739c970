"""A leader signs in, opens the term's scorecard and approves a ward's reported figure."""

from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_leader_opens_the_scorecard_and_approves_a_figure(live_server, page: Page):
    from motcua.organization.models import Role, UnitKind
    from motcua.targets import services
    from motcua.targets.models import Target, TargetGroup, Term
    from tests.factories import MembershipFactory, UnitFactory, UserFactory

    ward = UnitFactory(code="p-e2e", name="Phường Thử", kind=UnitKind.WARD)
    office = UnitFactory(
        code="p-e2e-ktht", name="Phòng Kinh tế", kind=UnitKind.DEPARTMENT, parent=ward
    )
    leader = UserFactory(username="lanhdao.e2e")
    MembershipFactory(user=leader, unit=office, role=Role.UNIT_LEADER)
    officer = UserFactory(username="chuyenvien.e2e")
    MembershipFactory(user=officer, unit=office, role=Role.SPECIALIST)
    term = Term.objects.create(
        name="Nghị quyết Đại hội Đảng bộ phường Thử, nhiệm kỳ 2025–2030",
        unit=ward,
        start_year=2025,
        end_year=2030,
    )
    group = TargetGroup.objects.create(term=term, order=1, name="Kinh tế")
    target = Target.objects.create(
        group=group,
        order=1,
        name="Tỷ lệ hồ sơ nộp trực tuyến",
        unit_of_measure="%",
        direction="higher",
        goal=Decimal(80),
    )
    target.responsible_units.set([office])
    services.report_actual(actor=officer, target=target, year=2025, value="60", source="BC 1")

    page.goto(live_server.url + "/can-bo/dang-nhap/?next=/can-bo/chi-tieu/")
    page.get_by_label("Tên đăng nhập").fill("lanhdao.e2e")
    page.get_by_label("Mật khẩu").fill("matkhau-thu-nghiem-2026")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Số liệu chờ phê duyệt")).to_be_visible()
    page.get_by_role("link", name=term.name).click()
    expect(page.locator("#summary")).to_contain_text("1 chỉ tiêu: 0 đạt")
    expect(page.locator(".scorecard")).to_contain_text("1 số liệu chờ duyệt")
    page.get_by_role("link", name="Tỷ lệ hồ sơ nộp trực tuyến").click()
    page.get_by_role("button", name="Phê duyệt").click()
    expect(page.locator(".messages")).to_contain_text("Đã phê duyệt số liệu.")
    page.get_by_role("link", name=term.name).click()
    row = page.locator(".scorecard tbody tr").nth(1)
    expect(row).to_contain_text("60 %")
    expect(row).to_contain_text("75%")
    expect(row).to_contain_text("Có nguy cơ không đạt")
    expect(row.locator("svg")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Báo cáo PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
