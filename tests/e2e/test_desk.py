"""The one-stop desk in a real browser: receive, supplement, liên thông hand-over, resolve,
return; every step ends up in the dossier's history."""

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from motcua.dossiers.models import Dossier
from motcua.organization.models import Role, UnitKind
from tests.dossiers.factories import make_world, member
from tests.e2e.staff import sign_in
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def act(page: Page, label: str, fill=None) -> None:
    """Open the action's form on the dossier page, fill it and confirm."""
    page.locator("summary", has_text=label).click()
    if fill:
        fill()
    page.get_by_role("button", name=f"Xác nhận: {label.lower()}").click()
    expect(page.locator(".messages")).to_contain_text("Đã ")


def test_a_dossier_from_the_desk_to_the_returned_result(live_server, page: Page, tmp_path: Path):
    make_world()
    ward = UnitFactory(
        code="p-tay-mo", name="UBND phường Tây Mỗ", kind=UnitKind.WARD, agency_code="000.31.27.H26"
    )
    member(UserFactory(username="chuyenvien.taymo"), ward, Role.SPECIALIST)
    base = live_server.url

    # The reception officer receives a complete paper dossier and prints Mẫu 01.
    sign_in(page, base, "officer")
    page.get_by_role("link", name="Tiếp nhận hồ sơ").click()
    page.get_by_label("Tìm thủ tục").fill("cap giay phep xay dung")
    page.get_by_role("link", name="Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ").click()
    page.get_by_label("Họ tên người nộp, tên tổ chức").fill("Lê Văn Tám")
    page.get_by_label("Điện thoại").fill("0904123456")
    expect(page.locator("#completeness")).to_contain_text("Hồ sơ chưa đầy đủ")
    page.get_by_label(re.compile("Đơn đề nghị cấp giấy phép xây dựng")).check()
    page.get_by_label(re.compile("Bản vẽ thiết kế xây dựng")).check()
    expect(page.locator("#completeness")).to_contain_text("Hồ sơ đầy đủ thành phần bắt buộc")
    page.get_by_role("button", name="Tiếp nhận và hẹn trả kết quả (Mẫu 01)").click()
    expect(page.locator(".messages")).to_contain_text("Hẹn trả kết quả:")
    dossier = Dossier.objects.get()
    assert dossier.status == "received"
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Giấy tiếp nhận hồ sơ")).click()
    saved = tmp_path / "mau-01.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    act(page, "Chuyển xử lý, phân công")

    # The specialist asks for a supplement; the officer takes it in; the due moves forward.
    sign_in(page, base, "specialist")
    page.goto(f"{base}/can-bo/ho-so/{dossier.code}/")
    act(
        page,
        "Yêu cầu bổ sung hồ sơ",
        lambda: page.locator("#id_request_supplement_items").fill("Bản vẽ mặt bằng móng"),
    )
    expect(page.locator(".status-line")).to_contain_text("Yêu cầu bổ sung")
    # As if the citizen took three days to bring the drawing.
    before = Dossier.objects.get().due_at
    Dossier.objects.filter(pk=dossier.pk).update(
        paused_since=Dossier.objects.get().paused_since - dt.timedelta(days=3)
    )
    sign_in(page, base, "officer")
    page.goto(f"{base}/can-bo/ho-so/{dossier.code}/")
    act(page, "Nhận hồ sơ bổ sung")
    assert Dossier.objects.get().due_at > before

    # The leader sends it to the ward (liên thông); the ward sends it back.
    sign_in(page, base, "leader")
    page.goto(f"{base}/can-bo/ho-so/{dossier.code}/")
    act(
        page,
        "Chuyển bước xử lý",
        lambda: page.locator("#id_hand_over_to_unit").select_option("p-tay-mo"),
    )
    assert Dossier.objects.get().current_unit_id == ward.pk
    sign_in(page, base, "chuyenvien.taymo")
    page.goto(f"{base}/can-bo/ho-so/{dossier.code}/")
    act(
        page,
        "Chuyển bước xử lý",
        lambda: page.locator("#id_hand_over_to_unit").select_option("phong-qldt"),
    )
    sign_in(page, base, "leader")
    page.goto(f"{base}/can-bo/ho-so/{dossier.code}/")
    act(
        page,
        "Chuyển bước xử lý",
        lambda: page.locator("#id_hand_over_to_unit").select_option("ubnd-ntl"),
    )

    # The chairman signs and attaches the electronic result; the officer returns it online.
    sign_in(page, base, "chairman")
    page.goto(f"{base}/can-bo/ho-so/{dossier.code}/")
    signed = tmp_path / "giay-phep-125.pdf"
    signed.write_bytes(b"%PDF-1.7\n%%EOF\n")

    def resolve():
        page.get_by_label("Giải quyết", exact=True).check()
        page.locator("#id_resolve_result_number").fill("125/GPXD")
        page.locator("#id_resolve_result_upload").set_input_files(signed)

    act(page, "Ban hành kết quả giải quyết", resolve)
    sign_in(page, base, "officer")
    page.goto(f"{base}/can-bo/ho-so/{dossier.code}/")
    act(
        page,
        "Trả kết quả",
        lambda: page.locator("#id_return_result_method").select_option("electronic"),
    )
    expect(page.locator(".status-line")).to_contain_text("Đã trả kết quả")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải kết quả điện tử").click()
    assert Path(download.value.path()).read_bytes() == signed.read_bytes()

    history = page.locator("table.history")
    for label in (
        "Nộp hồ sơ",
        "Tiếp nhận hồ sơ",
        "Chuyển xử lý, phân công",
        "Yêu cầu bổ sung hồ sơ",
        "Nhận hồ sơ bổ sung",
        "Chuyển bước xử lý",
        "Ban hành kết quả giải quyết",
        "Trả kết quả",
    ):
        expect(history).to_contain_text(label)
    expect(page.locator("table.steps tbody tr")).to_have_count(4)
    expect(page.locator("table.steps")).to_contain_text("UBND phường Tây Mỗ")


def test_the_worklist_fits_a_phone(live_server, browser):
    world = make_world()
    from tests.dossiers.factories import desk_dossier

    dossier = desk_dossier(world)
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    sign_in(page, live_server.url, "officer")
    page.get_by_role("link", name="Hồ sơ cần xử lý").click()
    expect(page.get_by_role("link", name=dossier.code)).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400
    context.close()
