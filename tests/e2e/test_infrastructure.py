"""A district officer reads the wards × kinds matrix; a ward specialist closes a gap."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.staff import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_matrix_shows_a_gap_that_the_ward_then_fills(live_server, page: Page):
    from motcua.infrastructure.models import Basis, FacilityKind
    from tests.construction.conftest import make_urban

    make_urban()
    FacilityKind.objects.create(code="tram-y-te", name="Trạm y tế", basis=Basis.PER_WARD)
    FacilityKind.objects.create(
        code="nha-van-hoa",
        name="Nhà văn hóa tổ dân phố",
        basis=Basis.PER_RESIDENTIAL_GROUP,
        order=1,
    )
    sign_in(page, live_server.url, "chuyenvien.mydinh1")
    page.goto(live_server.url + "/can-bo/ha-tang/phuong/p-my-dinh-1/")
    page.get_by_label("Số tổ dân phố").fill("2")
    page.get_by_role("button", name="Cập nhật").click()
    expect(page.locator("#groups")).to_have_text("2")
    expect(page.locator("#requirements")).to_contain_text("Thiếu 2")

    form = page.locator("form[action$='/cong-trinh/']")
    form.get_by_label("Loại").select_option("tram-y-te")
    form.get_by_label("Tên").fill("Trạm Y tế phường Mỹ Đình 1")
    form.get_by_label("Năm xây dựng").fill("2015")
    form.get_by_label("Tình trạng").select_option("operating")
    form.get_by_role("button", name="Thêm công trình").click()
    expect(page.locator("#facilities")).to_contain_text("Trạm Y tế phường Mỹ Đình 1")

    page.get_by_role("link", name="Ma trận phường × loại công trình").click()
    row = page.get_by_role("row", name="Phường Mỹ Đình 1")
    expect(row).to_contain_text("Nhà văn hóa tổ dân phố: 2")
    expect(row.locator("td[data-kind='tram-y-te']")).to_have_text("1/1")
    expect(page.locator("#summary")).to_contain_text("1/1 phường còn thiếu")
