"""A citizen sends feedback (answering our captcha), follows it by code, staff answer and
publish it, and the citizen finds the public answer."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_citizen_sends_follows_and_reads_the_public_answer(
    live_server, page: Page, settings, tmp_path
):
    from motcua.organization.models import Role, UnitKind
    from tests.factories import MembershipFactory, UnitFactory, UserFactory
    from tests.feedback.conftest import solve

    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    ubnd = UnitFactory(code="p-e2e-ubnd", name="UBND phường Thử", kind=UnitKind.PEOPLES_COMMITTEE)
    office = UnitFactory(
        code="p-e2e-vp", name="Văn phòng phường Thử", kind=UnitKind.DEPARTMENT, parent=ubnd
    )
    officer = UserFactory(username="canbo.e2e")
    MembershipFactory(user=officer, unit=office, role=Role.SPECIALIST)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    page.goto(live_server.url + "/phan-anh/gui/")
    expect(page.get_by_role("heading", name="Gửi phản ánh, kiến nghị")).to_be_visible()
    page.get_by_label("Họ tên (*)", exact=True).fill("Nguyễn Thị Thu")
    page.get_by_label("Số điện thoại (*)", exact=True).fill("0912 000 111")
    page.get_by_label("Tiêu đề (*)", exact=True).fill("Đèn đường ngõ 7 không sáng")
    page.get_by_label("Nội dung (*)", exact=True).fill("Đèn đường ngõ 7 không sáng từ thứ Hai.")
    page.get_by_label("Cơ quan, đơn vị").select_option("p-e2e-vp")
    question = page.locator("#captcha-question")
    expect(question).to_contain_text("bằng bao nhiêu")
    expect(page.locator(".captcha img")).to_be_visible()
    token = page.locator("input[name=captcha_token]").input_value()
    page.get_by_label("Kết quả").fill(solve(token))
    page.get_by_role("button", name="Gửi phản ánh").click()

    expect(page.locator(".messages")).to_contain_text("Mã phản ánh của bạn là PA-")
    code = re.search(r"PA-\d{6}-\d{4}", page.locator(".messages").inner_text()).group(0)
    expect(page.locator(".facts")).to_contain_text("Văn phòng phường Thử")

    staff = page.context.browser.new_context(locale="vi-VN")
    desk = staff.new_page()
    desk.goto(live_server.url + "/can-bo/dang-nhap/?next=/can-bo/phan-anh/")
    desk.get_by_label("Tên đăng nhập").fill("canbo.e2e")
    desk.get_by_label("Mật khẩu").fill("matkhau-thu-nghiem-2026")
    desk.get_by_role("button", name="Đăng nhập").click()
    desk.get_by_role("link", name=code).click()
    desk.get_by_label("Nội dung trả lời").fill("Đã thay bóng đèn ngõ 7 ngày hôm nay.")
    desk.get_by_role("button", name="Trả lời", exact=True).click()
    expect(desk.locator(".messages")).to_contain_text("Đã trả lời.")
    desk.get_by_role("button", name="Công khai câu trả lời").click()
    expect(desk.locator(".messages")).to_contain_text("Đã công khai câu trả lời.")
    staff.close()

    fresh = page.context.browser.new_context(locale="vi-VN")
    citizen = fresh.new_page()
    citizen.goto(live_server.url + "/phan-anh/tra-cuu/")
    citizen.get_by_label("Mã phản ánh").fill(code)
    citizen.get_by_label("Số điện thoại đã dùng khi gửi").fill("0912000111")
    citizen.get_by_role("button", name="Tra cứu").click()
    expect(citizen.locator("#answer")).to_contain_text("Đã thay bóng đèn ngõ 7")

    citizen.goto(live_server.url + "/phan-anh/?q=den duong ngo 7")
    citizen.get_by_role("link", name="Đèn đường ngõ 7 không sáng").click()
    expect(citizen.locator("#answer")).to_contain_text("Đã thay bóng đèn ngõ 7")
    citizen.get_by_role("button", name=re.compile("Hài lòng")).click()
    expect(citizen.locator(".messages")).to_contain_text("Cảm ơn bạn đã đánh giá")
    expect(citizen.get_by_role("button", name=re.compile("Hài lòng"))).to_contain_text("(1)")
    fresh.close()
    # The layout's htmx injects an indicator <style> on every page (a core matter); no
    # script of ours may be blocked.
    assert not [e for e in errors if "Content Security Policy" in e and "script" in e]
