"""The slip page itself: the QR and lookup address, which slip a dossier may have, the
letterhead's place, the event a slip is printed for, and rendering without the network."""

import socket

import pytest
import segno

from motcua.core.errors import DomainError
from motcua.documents.lookup import lookup_url, qr_data_uri
from motcua.documents.pdf import html_to_pdf, offline_fetcher
from motcua.documents.slips import book_entry_number, render_slip, render_slip_html
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.organization.models import Unit, UnitKind
from tests.documents.scenarios import (
    APPLICANT_NAME,
    R2025,
    SCENARIOS,
    apologised,
    processing,
    received,
    refused,
    stopped,
)
from tests.dossiers.factories import PHONE, desk_dossier, online_dossier
from tests.factories import UnitFactory


def test_lookup_url_is_the_public_lookup_page_for_the_code_only(settings):
    settings.SITE_URL = "https://dichvucong.namtuliem.hanoi.gov.vn"
    code = "000.22.27.H26-261123-0001"

    assert lookup_url(code) == (
        "https://dichvucong.namtuliem.hanoi.gov.vn/tra-cuu/?code=000.22.27.H26-261123-0001"
    )


def test_qr_encodes_exactly_the_lookup_url(settings):
    settings.SITE_URL = "https://motcua.hanoi.gov.vn"
    code = "000.22.27.H26-260310-0007"
    expected = segno.make(
        "https://motcua.hanoi.gov.vn/tra-cuu/?code=000.22.27.H26-260310-0007",
        error="m",
        micro=False,
    )

    assert qr_data_uri(code) == expected.svg_data_uri(scale=4, border=2, unit="mm", svgversion=1.1)


def test_slip_html_carries_the_qr_image_and_no_personal_data_in_it(world):
    dossier = received(world, R2025)

    html = render_slip_html(dossier, "receipt_slip")

    assert f'src="{qr_data_uri(dossier.code)}"' in html
    assert 'class="qr"' in html
    assert lookup_url(dossier.code) in html
    for personal in (PHONE, "Nguy", "nhung@example.vn"):
        assert personal not in lookup_url(dossier.code)
    assert APPLICANT_NAME in html


@pytest.mark.parametrize(
    ("build", "kind"),
    [
        (online_dossier, "receipt_slip"),
        (online_dossier, "control_slip"),
        (desk_dossier, "refusal_slip"),
        (desk_dossier, "apology_slip"),
        (desk_dossier, "stop_notice"),
        (desk_dossier, "supplement_request"),
    ],
)
def test_a_slip_the_dossier_has_no_reason_to_have_is_refused(world, build, kind):
    dossier = build(world)

    with pytest.raises(DomainError) as refused_slip:
        render_slip_html(dossier, kind)

    assert refused_slip.value.code == "slip_not_available"
    assert refused_slip.value.status == 409


def test_unknown_kind_and_unknown_paper_are_refused_in_vietnamese(world):
    dossier = received(world, R2025)

    with pytest.raises(DomainError) as unknown:
        render_slip(dossier, "tracking_book")
    with pytest.raises(DomainError) as paper:
        render_slip(dossier, "receipt_slip", paper="Letter")

    assert unknown.value.code == "unknown_slip"
    assert "Không có loại phiếu" in unknown.value.message
    assert paper.value.code == "unknown_paper"
    assert "Khổ giấy" in paper.value.message


def test_letterhead_names_the_parent_and_the_issuer_and_dates_in_its_province(world):
    bac_ninh = UnitFactory(
        code="bac-ninh", name="Tỉnh Bắc Ninh", kind=UnitKind.PROVINCE, agency_code=""
    )
    Unit.objects.filter(pk=world.committee.pk).update(parent=bac_ninh)
    dossier = received(world, R2025)

    html = render_slip_html(dossier, "receipt_slip")

    assert "Bắc Ninh, ngày 10 tháng 03 năm 2026" in html
    assert "ỦY BAN NHÂN DÂN QUẬN NAM TỪ LIÊM" in html
    assert "BỘ PHẬN MỘT CỬA QUẬN NAM TỪ LIÊM" in html


def test_a_unit_outside_any_province_dates_its_slips_in_the_default_place(world):
    Unit.objects.filter(pk=world.committee.pk).update(parent=None)
    dossier = refused(world, R2025)

    assert "Hà Nội, ngày 10 tháng 03 năm 2026" in render_slip_html(dossier, "refusal_slip")


def test_supplement_slip_prints_the_request_of_the_given_event(world):
    dossier = online_dossier(world, at=R2025.at(0, 8, 30))
    services.request_supplement(
        actor=world.officer,
        dossier=dossier,
        items=["Giấy chứng nhận quyền sử dụng đất"],
        at=R2025.at(0, 9),
    )
    services.submit_supplement(actor=world.officer, dossier=dossier, at=R2025.at(0, 9, 30))
    services.receive_dossier(actor=world.officer, dossier=dossier, at=R2025.at(0, 9, 45))
    services.assign_dossier(actor=world.officer, dossier=dossier, at=R2025.at(0, 10))
    services.request_supplement(
        actor=world.specialist,
        dossier=dossier,
        items=["Bản vẽ mặt bằng móng"],
        reason="Thiếu bản vẽ móng",
        at=R2025.at(1, 9),
    )
    intake = DossierEvent.objects.filter(dossier=dossier, action="request_supplement").first()

    first = render_slip_html(dossier, "supplement_request", event=intake)
    latest = render_slip_html(dossier, "supplement_request")

    assert "Giấy chứng nhận quyền sử dụng đất" in first
    assert "Bản vẽ mặt bằng móng" not in first
    assert "khi tiếp nhận" in first
    assert "Bản vẽ mặt bằng móng" in latest and "Thiếu bản vẽ móng" in latest
    assert "Giấy chứng nhận quyền sử dụng đất" not in latest


def test_apology_and_stop_slips_carry_the_deciding_agencys_letterhead(world):
    apology = render_slip_html(apologised(world, R2025), "apology_slip")

    assert "PHÒNG QUẢN LÝ ĐÔ THỊ" in apology
    assert "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết" in apology


def test_stop_notice_prints_the_reason_given(world):
    dossier = stopped(world, R2025)

    html = render_slip_html(dossier, "stop_notice")

    assert dossier.closing_reason and dossier.closing_reason in html


def test_receipt_entry_number_counts_the_units_receipts_of_the_year(world):
    first = received(world, R2025)
    refused(world, R2025)  # 09:00, refused at the desk: a book row too
    second = processing(world, R2025)

    assert book_entry_number(first) == 2
    assert book_entry_number(second) == 3
    assert "Số thứ tự: 3" in render_slip_html(second, "receipt_slip")


def test_offline_fetcher_loads_data_uris_and_refuses_the_network_and_other_files(tmp_path):
    fetcher = offline_fetcher(roots=(tmp_path,))
    (tmp_path / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")

    assert fetcher.fetch("data:text/plain,xin%20chao").read() == b"xin chao"
    assert fetcher.fetch((tmp_path / "logo.svg").as_uri()).read().startswith(b"<svg")
    for url in (
        "http://example.com/logo.png",
        "https://cdn.example.com/a.css",
        "file:///etc/passwd",
    ):
        with pytest.raises(ValueError, match="Refused"):
            fetcher.fetch(url)


def test_rendering_a_pdf_never_opens_a_socket(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("network access while rendering")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    html = (
        '<html><head><link rel="stylesheet" href="https://cdn.example.com/x.css"></head>'
        '<body><p>Mã hồ sơ</p><img src="http://example.com/logo.png"></body></html>'
    )

    pdf = html_to_pdf(html)

    assert pdf.startswith(b"%PDF")


# The dossier with what its page reads; then its events; then what the kind lists (the
# receipt: parts, fees, the book number; the supplement request: the request, its parts'
# names; the control slip: the steps).
QUERIES = {
    "receipt_slip": 5,
    "supplement_request": 3,
    "refusal_slip": 2,
    "apology_slip": 2,
    "stop_notice": 2,
    "control_slip": 3,
}


@pytest.mark.parametrize("kind", list(SCENARIOS))
def test_each_slips_page_is_built_in_a_fixed_number_of_queries(
    world, kind, django_assert_num_queries
):
    dossier = Dossier.objects.get(pk=SCENARIOS[kind](world, R2025).pk)
    with django_assert_num_queries(QUERIES[kind]):
        html = render_slip_html(dossier, kind)
    assert dossier.code in html
