"""Every slip, under both regimes, read back from the PDF as a person would read it.

One PDF per kind and regime (12), plus one slip on A4: each is rendered once and checked for
the dossier code, the applicant, the procedure, the dates, the form number and the paper.
"""

import datetime as dt

import pytest

from motcua.documents.slips import render_slip
from tests.documents.pdftools import page_count, page_size, pdf_text
from tests.documents.scenarios import (
    APOLOGY_REASON,
    APPLICANT_NAME,
    DAYS,
    PROCEDURE_NAME,
    REFUSAL_REASON,
    SCENARIOS,
    STOP_REASON,
    SUPPLEMENT_ITEM,
    SUPPLEMENT_REASON,
)

A5 = (419.5, 595.3)
A4 = (595.3, 841.9)

# The form numbers and titles of Circular 01/2018/TT-VPCP and Circular 03/2025/TT-VPCP.
EXPECTED_FORMS = {
    ("receipt_slip", "r2018"): ("Mẫu số 01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"),
    ("receipt_slip", "r2025"): ("Mẫu số 01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"),
    ("supplement_request", "r2018"): ("Mẫu số 02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"),
    ("supplement_request", "r2025"): ("Mẫu số 02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"),
    ("refusal_slip", "r2018"): ("Mẫu số 03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"),
    ("refusal_slip", "r2025"): ("Mẫu số 03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"),
    ("apology_slip", "r2018"): ("Mẫu số 04", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"),
    ("apology_slip", "r2025"): (
        "Mẫu số 04",
        "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
    ),
    ("stop_notice", "r2018"): (None, "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"),
    ("stop_notice", "r2025"): ("Mẫu số 05", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"),
    ("control_slip", "r2018"): ("Mẫu số 05", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"),
    ("control_slip", "r2025"): ("Mẫu số 06", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"),
}
CIRCULAR = {"r2018": "01/2018/TT-VPCP", "r2025": "03/2025/TT-VPCP"}
# Day (offset from the scenario's Tuesday) each slip is dated.
ISSUED_ON = {
    "receipt_slip": 0,
    "supplement_request": 1,
    "refusal_slip": 0,
    "apology_slip": 1,
    "stop_notice": 1,
    "control_slip": 0,
}


def date_line(days, offset: int) -> str:
    d = days.d0 + dt.timedelta(days=offset)
    return f"Hà Nội, ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"


def _assert_kind_content(kind: str, text: str, days) -> None:
    received = f"10 giờ 00 phút, ngày {days.text(0)}"
    due = f"10 giờ 00 phút, ngày {days.text(7)}"
    if kind == "receipt_slip":
        assert "Liên 1: lưu / Liên 2: giao người nộp" in text
        assert "Đơn đề nghị cấp giấy phép xây dựng" in text
        assert "Bản vẽ thiết kế xây dựng" in text
        assert "Bản chính" in text
        assert "Số điện thoại: 0912345678" in text
        assert "nhung@example.vn" in text
        assert "Số 5 ngõ 12 Mỹ Đình, Nam Từ Liêm, Hà Nội" in text
        assert "Số lượng hồ sơ: 01 (bộ)" in text
        assert "15 ngày làm việc" in text
        assert "Lệ phí cấp giấy phép xây dựng: 75.000 đ" in text
        assert f"Thời gian nhận hồ sơ: {received}" in text
        assert f"Thời gian trả kết quả giải quyết hồ sơ: {due}" in text
        assert f"Quyển số: {days.d0.year}, Số thứ tự: 1" in text
        assert "NGƯỜI NỘP HỒ SƠ" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
    elif kind == "supplement_request":
        assert SUPPLEMENT_ITEM in text
        assert f"Lý do: {SUPPLEMENT_REASON}" in text
        assert "liên hệ với Nguyễn Văn An" in text
        assert "NGƯỜI HƯỚNG DẪN" in text
        assert f"ngày tiếp nhận: {days.text(0)}" in text
    elif kind == "refusal_slip":
        assert REFUSAL_REASON in text
        assert f"Ngày nộp hồ sơ: {days.text(0)}" in text
        assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
    elif kind == "apology_slip":
        assert f"Ngày {days.text(0)}" in text
        assert f"Thời hạn trả kết quả giải quyết hồ sơ: {due}" in text
        assert f"Lý do: {APOLOGY_REASON}" in text
        assert "xin lỗi ông/bà" in text
        assert f"17 giờ 00 phút, ngày {days.text(10)}" in text
        assert "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ" in text
        assert "PHÒNG QUẢN LÝ ĐÔ THỊ" in text  # the late agency signs, on its letterhead
    elif kind == "stop_notice":
        assert STOP_REASON in text
        assert "Thẩm định hồ sơ" in text  # the stage it was stopped at
        assert f"kể từ 14 giờ 00 phút, ngày {days.text(1)}" in text
    elif kind == "control_slip":
        assert f"Ngày nhận hồ sơ: {days.text(0)}" in text
        assert f"Hạn giải quyết: 10:00 {days.text(7)}" in text
        for step in ("Thẩm định hồ sơ", "Lãnh đạo phòng xem xét", "Lãnh đạo UBND ký duyệt"):
            assert step in text
        # Step 1 early, step 2 late, step 3 on time, in that order down the table.
        early, late, on_time = (text.index(w) for w in ("Trước hạn", "Quá hạn", "Đúng hạn"))
        assert early < late < on_time
        assert f"15:00 {days.text(0)}" in text and f"16:00 {days.text(1)}" in text


@pytest.mark.parametrize(("kind", "regime"), sorted(EXPECTED_FORMS))
def test_slip_prints_code_applicant_matter_dates_and_the_regimes_form_on_a5(world, kind, regime):
    days = DAYS[regime]
    dossier = SCENARIOS[kind](world, days)
    assert dossier.regime == regime

    pdf = render_slip(dossier, kind)

    width, height = page_size(pdf)
    assert (round(width, 1), round(height, 1)) == A5
    assert page_count(pdf) == 1
    text = pdf_text(pdf)
    number, title = EXPECTED_FORMS[(kind, regime)]
    assert title in text
    if number:
        assert number in text
        assert f"Thông tư số {CIRCULAR[regime]}" in text
    else:
        assert "Mẫu số" not in text
    other = CIRCULAR["r2025" if regime == "r2018" else "r2018"]
    assert other not in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert date_line(days, ISSUED_ON[kind]) in text
    assert dossier.code in text
    assert dossier.code.split("-")[1] == days.d0.strftime("%y%m%d")
    assert APPLICANT_NAME in text
    assert PROCEDURE_NAME in text
    assert "https://motcua.hanoi.gov.vn/tra-cuu/?" in text
    _assert_kind_content(kind, text, days)


def test_any_slip_prints_on_a4_on_request(world):
    dossier = SCENARIOS["receipt_slip"](world, DAYS["r2025"])

    pdf = render_slip(dossier, "receipt_slip", paper="A4")

    width, height = page_size(pdf)
    assert (round(width, 1), round(height, 1)) == A4
    text = pdf_text(pdf)
    assert dossier.code in text and APPLICANT_NAME in text and "Mẫu số 01" in text
