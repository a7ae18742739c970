"""A citizen finds a procedure without typing diacritics and reads what to submit."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_citizen_searches_without_diacritics_and_opens_a_procedure(live_server, page: Page):
    from tests.catalog.conftest import catalogue as make_catalogue

    make_catalogue.__wrapped__(None)
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Tra cứu thủ tục hành chính")).to_be_visible()

    page.get_by_label("Từ khóa").fill("cap giay phep xay dung")
    results = page.locator("#results")
    expect(results).to_contain_text("Tìm thấy 1 thủ tục")
    expect(results).not_to_contain_text("Đăng ký khai sinh")
    expect(page).to_have_url(re.compile(r"q=cap(\+|%20)giay(\+|%20)phep"))

    page.get_by_role("link", name="Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"
    )
    expect(page.locator("body")).to_contain_text("Bản vẽ thiết kế xây dựng")
    expect(page.locator("body")).to_contain_text("75.000 đ")


def test_search_works_without_javascript_on_a_phone(live_server, browser):
    from tests.catalog.conftest import catalogue as make_catalogue

    make_catalogue.__wrapped__(None)
    context = browser.new_context(
        java_script_enabled=False, locale="vi-VN", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_label("Từ khóa").fill("DANG KY KHAI SINH")
    page.get_by_role("button", name="Tìm kiếm").click()
    expect(page.locator("#results")).to_contain_text("Đăng ký khai sinh")
    context.close()


def test_language_switch_to_english_and_back(live_server, page: Page):
    page.goto(live_server.url + "/")
    page.get_by_label("Ngôn ngữ").select_option("en")
    page.get_by_role("button", name="Đổi").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find an administrative procedure")
