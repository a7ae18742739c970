"""A citizen finds a procedure without diacritics, applies online with two uploads, pays
through the simulated bank, gets a code; the desk accepts it; the citizen follows it by code
and phone, downloads the electronic result and rates the service."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.portal.helpers import PDF

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = "0987654321"


@pytest.fixture
def paying_world(settings, tmp_path):
    from tests.dossiers.factories import make_world

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.NOTIFY_ATTACH_SLIPS = False
    world = make_world()
    world.version.online_payment = True
    world.version.save()
    return world


def test_citizen_applies_pays_follows_downloads_and_rates(
    live_server, page: Page, paying_world, tmp_path, settings
):
    from motcua.dossiers import services
    from motcua.dossiers.models import Dossier
    from motcua.portal.models import DossierFile, SatisfactionRating

    world = paying_world
    page.goto(live_server.url + "/")
    page.get_by_label("Từ khóa").fill("cap giay phep xay dung nha o rieng le")
    page.get_by_role("link", name="Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ").click()
    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()

    page.get_by_label("Nơi tiếp nhận hồ sơ").select_option(label="Bộ phận Một cửa quận Nam Từ Liêm")
    page.get_by_label("Họ và tên (hoặc tên tổ chức)").fill("Trần Văn Bình")
    page.get_by_label("Số định danh cá nhân / mã số doanh nghiệp").fill("001090001234")
    page.get_by_label("Số điện thoại").fill("0987 654 321")
    page.get_by_label("Thư điện tử").fill("binh@example.vn")
    page.get_by_label("Địa chỉ").fill("Số 1 Lê Đức Thọ, Nam Từ Liêm")
    page.get_by_role("button", name="Tiếp tục").click()

    don = tmp_path / "don-de-nghi.pdf"
    don.write_bytes(PDF)
    ban_ve = tmp_path / "ban-ve.pdf"
    ban_ve.write_bytes(PDF)
    page.get_by_label("Đơn đề nghị cấp giấy phép xây dựng").set_input_files(don)
    page.get_by_label("Bản vẽ thiết kế xây dựng").set_input_files(ban_ve)
    page.get_by_role("button", name="Tiếp tục").click()

    expect(page.get_by_role("heading", name="Xem lại và nộp hồ sơ")).to_be_visible()
    expect(page.locator("body")).to_contain_text("don-de-nghi.pdf")
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Nộp hồ sơ").click()

    code = page.locator("#dossier-code").inner_text().strip()
    assert re.fullmatch(r"000\.22\.27\.H26-\d{6}-\d{4}", code)
    expect(page.locator("#payment")).to_contain_text("75.000 đ")
    page.get_by_role("button", name="Thanh toán trực tuyến").click()
    expect(page.get_by_role("heading", name="Cổng thanh toán mô phỏng")).to_be_visible()
    page.get_by_role("button", name="Xác nhận thanh toán").click()
    expect(page.locator(".messages")).to_contain_text("Thanh toán thành công")
    dossier = Dossier.objects.get(code=code)
    assert dossier.paid_amount == 75000 and dossier.payment_receipt_number
    assert DossierFile.objects.filter(dossier=dossier).count() == 2

    # The desk accepts it and the dossier runs to an electronic result.
    dossier = services.receive_dossier(actor=world.officer, dossier=dossier)
    dossier = services.assign_dossier(actor=world.officer, dossier=dossier)
    dossier = services.hand_over(actor=world.specialist, dossier=dossier)
    dossier = services.hand_over(actor=world.leader, dossier=dossier)
    result = settings.MEDIA_ROOT / "ket-qua" / f"{code}.pdf"
    result.parent.mkdir(parents=True, exist_ok=True)
    result.write_bytes(b"%PDF-1.7 giay phep xay dung")
    services.resolve_dossier(
        actor=world.agency_leader, dossier=dossier, granted=True, result_number="125/GPXD",
        result_file=f"ket-qua/{code}.pdf",
    )  # fmt: skip

    # A fresh browser: only the code and the phone.
    context = page.context.browser.new_context(locale="vi-VN")
    citizen = context.new_page()
    citizen.goto(f"{live_server.url}/tra-cuu/?code={code}")
    expect(citizen.get_by_label("Mã hồ sơ")).to_have_value(code)
    citizen.get_by_label("Số điện thoại người nộp").fill(PHONE)
    citizen.get_by_role("button", name="Tra cứu").click()
    expect(citizen.locator("#status")).to_have_text("Đã xử lý xong")
    expect(citizen.locator("#payment")).to_contain_text(dossier.payment_receipt_number)
    with citizen.expect_download() as download:
        citizen.get_by_role("link", name="Tải kết quả điện tử").click()
    assert Path(download.value.path()).read_bytes() == b"%PDF-1.7 giay phep xay dung"

    citizen.get_by_label("Rất hài lòng").check()
    citizen.get_by_label("Không phải đi lại").check()
    citizen.get_by_label("Ý kiến khác (không bắt buộc)").fill("Không phải đến cơ quan lần nào.")
    citizen.get_by_role("button", name="Gửi đánh giá").click()
    expect(citizen.locator(".messages")).to_contain_text("Cảm ơn bạn đã đánh giá")
    rating = SatisfactionRating.objects.get(dossier__code=code)
    assert (rating.score, rating.visit_count) == (5, 0)
    context.close()
