"""A ward specialist registers an unlicensed construction, records the violation and the sanction
decision, and sees the remedy deadline counted in working days."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.staff import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_ward_specialist_handles_an_unlicensed_construction(live_server, page: Page, settings):
    from tests.construction.conftest import make_urban

    settings.MEDIA_ROOT = "/tmp/motcua-e2e-media"
    make_urban()
    sign_in(page, live_server.url, "chuyenvien.mydinh1")
    page.goto(live_server.url + "/can-bo/trat-tu-xay-dung/")
    page.get_by_role("link", name="Thêm công trình").click()
    page.get_by_label("Địa chỉ").fill("Số 18 ngõ 5 Nguyễn Hoàng")
    page.get_by_label("Thửa đất số").fill("212")
    page.get_by_label("Tờ bản đồ số").fill("9")
    page.get_by_label("Chủ đầu tư").fill("Đỗ Văn Hải")
    page.get_by_label("Số tầng").fill("4")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Số 18 ngõ 5 Nguyễn Hoàng")
    expect(page.locator("#permit")).to_contain_text("Không phép")

    violation = page.locator("form[action$='/vi-pham/']")
    violation.get_by_label("Hành vi vi phạm").select_option("unlicensed")
    violation.get_by_label("Ngày phát hiện").fill("2026-04-20")
    violation.get_by_label("Số biên bản").fill("17/BB-TTXD")
    violation.get_by_role("button", name="Lập biên bản vi phạm").click()
    expect(page.locator("#violations")).to_contain_text("Xây dựng không phép")

    decision = page.locator("form[action$='/vi-pham/quyet-dinh/']")
    decision.get_by_label("Số quyết định").fill("45/QĐ-XPVPHC")
    decision.get_by_label("Ngày quyết định").fill("2026-04-24")
    decision.get_by_label("Tiền phạt (đồng)").fill("-100")
    decision.get_by_label("Thời hạn khắc phục (ngày làm việc)").fill("5")
    decision.get_by_role("button", name="Ghi quyết định").click()
    expect(page.get_by_role("alert")).to_have_text("Tiền phạt (đồng): Số tiền không được âm.")

    decision = page.locator("form[action$='/vi-pham/quyet-dinh/']")
    decision.get_by_label("Số quyết định").fill("45/QĐ-XPVPHC")
    decision.get_by_label("Ngày quyết định").fill("2026-04-24")
    decision.get_by_label("Tiền phạt (đồng)").fill("15000000")
    decision.get_by_label("Thời hạn khắc phục (ngày làm việc)").fill("5")
    decision.get_by_role("button", name="Ghi quyết định").click()
    table = page.locator("#violations")
    expect(table).to_contain_text("15.000.000 đ")
    expect(table).to_contain_text("06/05/2026")
    expect(table).to_contain_text("Quá hạn khắc phục")

    page.get_by_role("link", name="Thống kê").click()
    expect(page.locator("figure svg")).to_be_visible()
    expect(page.locator("#ranking")).to_contain_text("Phường Mỹ Đình 1")
