"""Signing staff in through the real sign-in page (the factories' password)."""

from playwright.sync_api import Page, expect

PASSWORD = "matkhau-thu-nghiem-2026"


def sign_in(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(base + "/can-bo/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Bàn làm việc")).to_be_visible()
