"""Dates are shown and typed as dd/mm/yyyy even in an en-US browser, whose native date
fields would show mm/dd/yyyy; the calendar beside each field works by mouse and keyboard."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.staff import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_dashboard_period_is_dd_mm_yyyy_in_an_en_us_browser(live_server, browser):
    from tests.dossiers.factories import local, make_world
    from tests.reports import scenarios as s

    world = make_world()
    for unit in (world.desk, world.department):
        unit.parent = world.committee
        unit.save()
    s.resolved(world, local(2026, 3, 6, 15, 0))  # early
    s.resolved(world, s.DUE + dt.timedelta(hours=3), at=local(2026, 3, 2, 9, 0))  # late

    context = browser.new_context(locale="en-US", viewport={"width": 1366, "height": 768})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, live_server.url, world.agency_leader.username)
    page.get_by_role("link", name="Thống kê, Bộ chỉ số 766").click()
    expect(page.get_by_role("heading", name="Thống kê giải quyết hồ sơ")).to_be_visible()
    expect(page.locator("input[type=date]")).to_have_count(0)

    start = page.get_by_label("Từ ngày")
    end = page.get_by_label("Đến ngày")
    first_of_month = timezone.localdate().replace(day=1)
    expect(start).to_have_value(first_of_month.strftime("%d/%m/%Y"))
    expect(start).to_have_attribute("placeholder", "dd/mm/yyyy")

    # By mouse: the calendar opens on the typed month; 1 March 2026 is a Sunday.
    start.fill("15/03/2026")
    start_field = page.locator(".datepicker", has=start)
    start_field.get_by_role("button", name="Chọn ngày trên lịch").click()
    calendar = page.get_by_role("dialog", name="Lịch chọn ngày")
    expect(calendar).to_be_visible()
    expect(calendar).to_contain_text("Tháng 3 năm 2026")
    expect(calendar.locator("th")).to_have_text(["T2", "T3", "T4", "T5", "T6", "T7", "CN"])
    expect(calendar.locator("button[aria-pressed=true]")).to_have_text("15")
    calendar.get_by_role("button", name="Chủ Nhật, 01/03/2026").click()
    expect(calendar).to_be_hidden()
    expect(start).to_have_value("01/03/2026")

    # Previous and next month; Escape closes without changing the field.
    start_field.get_by_role("button", name="Chọn ngày trên lịch").click()
    calendar.get_by_role("button", name="Tháng sau").click()
    expect(calendar).to_contain_text("Tháng 4 năm 2026")
    calendar.get_by_role("button", name="Tháng trước").click()
    calendar.get_by_role("button", name="Tháng trước").click()
    expect(calendar).to_contain_text("Tháng 2 năm 2026")
    page.keyboard.press("Escape")
    expect(calendar).to_be_hidden()
    expect(start).to_have_value("01/03/2026")

    # By keyboard: open from the field, one day on, one week back and forth, Enter picks.
    end.fill("30/03/2026")
    end.press("Alt+ArrowDown")
    end_calendar = page.locator(".datepicker", has=end).get_by_role("dialog")
    expect(end_calendar).to_be_visible()
    expect(page.locator(":focus")).to_have_attribute("data-day", "30/03/2026")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowDown")
    expect(page.locator(":focus")).to_have_attribute("data-day", "31/03/2026")
    page.keyboard.press("Enter")
    expect(end_calendar).to_be_hidden()
    expect(end).to_have_value("31/03/2026")

    page.get_by_label("Đơn vị").select_option("ubnd-ntl")
    page.get_by_role("button", name="Xem", exact=True).click()
    expect(page.locator(".report-sub")).to_contain_text("từ 01/03/2026 đến 31/03/2026")
    expect(page.locator(".cards")).to_contain_text("50,00%")
    expect(page.get_by_label("Từ ngày")).to_have_value("01/03/2026")
    expect(page.get_by_label("Đến ngày")).to_have_value("31/03/2026")
    assert "from=01%2F03%2F2026" in page.url

    # The English pages keep dd/mm/yyyy; the calendar speaks English.
    page.get_by_label("Ngôn ngữ").select_option("en")
    page.get_by_role("button", name="Đổi").click()
    expect(page.get_by_label("To date")).to_have_value("31/03/2026")
    page.locator(".datepicker", has=page.get_by_label("To date")).get_by_role(
        "button", name="Choose a date on the calendar"
    ).click()
    calendar = page.get_by_role("dialog", name="Calendar")
    expect(calendar).to_contain_text("March 2026")
    expect(calendar.locator("th")).to_have_text(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
    calendar.get_by_role("button", name="Monday, 30/03/2026").click()
    expect(page.get_by_label("To date")).to_have_value("30/03/2026")
    assert errors == []
    context.close()


def test_the_desk_filter_takes_a_picked_date_in_vietnamese(live_server, page: Page):
    from tests.dossiers.factories import desk_dossier, make_world

    world = make_world()
    dossier = desk_dossier(world)
    submitted = timezone.localdate(dossier.submitted_at)
    sign_in(page, live_server.url, "officer")
    page.get_by_role("link", name="Hồ sơ cần xử lý").click()
    expect(page.get_by_role("link", name=dossier.code)).to_be_visible()
    expect(page.locator("input[type=date]")).to_have_count(0)

    since = page.get_by_label("Nộp từ ngày")
    since.fill(submitted.strftime("%d/%m/%Y"))
    page.locator(".datepicker", has=since).get_by_role("button", name="Chọn ngày trên lịch").click()
    calendar = page.get_by_role("dialog", name="Lịch chọn ngày")
    expect(calendar.locator("th")).to_have_text(["T2", "T3", "T4", "T5", "T6", "T7", "CN"])
    expect(calendar.locator("[aria-current=date]")).to_have_count(
        1 if submitted.replace(day=1) == timezone.localdate().replace(day=1) else 0
    )
    # The next day: the dossier was submitted before it, so the list empties.
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    day_after = submitted + dt.timedelta(days=1)
    expect(since).to_have_value(day_after.strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Lọc").click()
    expect(page.get_by_role("link", name=dossier.code)).to_have_count(0)
    expect(page.locator("#results")).to_contain_text("0 hồ sơ")

    since.fill(submitted.strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Lọc").click()
    expect(page.get_by_role("link", name=dossier.code)).to_be_visible()


def test_the_new_appointment_keeps_its_time_when_the_day_is_picked(live_server, page: Page):
    from motcua.dossiers.models import Dossier
    from tests.dossiers.factories import desk_dossier, make_world, working_day_on_or_after

    world = make_world()
    from motcua.dossiers import services

    # In processing at the department and due in the future: its leader may apologise.
    dossier = desk_dossier(world, at=timezone.now())
    dossier = services.assign_dossier(actor=world.officer, dossier=dossier, at=timezone.now())
    # A working day: the new appointment is when the citizen can come.
    later = working_day_on_or_after(
        dossier, timezone.localdate(dossier.due_at) + dt.timedelta(days=30)
    )
    sign_in(page, live_server.url, world.leader.username)
    page.goto(f"{live_server.url}/can-bo/ho-so/{dossier.code}/")
    expect(page.locator("input[type=date], input[type=datetime-local]")).to_have_count(0)
    page.locator("summary", has_text="Xin lỗi và hẹn lại ngày trả kết quả").click()
    field = page.get_by_label("Ngày hẹn trả mới")
    field.fill(f"{later:%d/%m/%Y} 17:00")
    page.locator(".datepicker", has=field).get_by_role("button", name="Chọn ngày trên lịch").click()
    expect(page.locator(":focus")).to_have_attribute("data-day", f"{later:%d/%m/%Y}")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    picked = later + dt.timedelta(days=1)
    expect(field).to_have_value(f"{picked:%d/%m/%Y} 17:00")
    page.get_by_label("Lý do chậm trễ").fill("Cần lấy ý kiến cơ quan quản lý quy hoạch")
    page.get_by_role("button", name="Xác nhận: xin lỗi và hẹn lại ngày trả kết quả").click()
    expect(page.locator(".messages")).to_be_visible()
    expected = timezone.make_aware(dt.datetime.combine(picked, dt.time(17, 0)))
    assert Dossier.objects.get(pk=dossier.pk).appointment_at == expected
