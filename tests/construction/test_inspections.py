"""Post-permit inspections: overdue when the plan passed undone, late when done after the plan;
photos are JPEG/PNG recognised by content and served only to readers of the ward."""

import datetime as dt
import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.construction import selectors, services
from motcua.construction.models import InspectionPhoto, Register
from motcua.construction.scope import ward_scope
from motcua.core.errors import DomainError
from tests.construction.conftest import site_in

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


def png_bytes() -> bytes:
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )  # fmt: skip


JPEG = (
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    + b"\x00" * 64
    + (b"\xff\xd9")
)


def test_an_inspection_planned_in_the_past_and_not_done_is_overdue(urban):
    site = site_in(urban)
    past = services.plan_inspection(
        actor=urban.ward_a_staff, site=site, planned_on=TODAY - dt.timedelta(days=3)
    )
    services.plan_inspection(actor=urban.ward_a_staff, site=site, planned_on=TODAY)
    done = services.plan_inspection(
        actor=urban.ward_a_staff, site=site, planned_on=TODAY - dt.timedelta(days=30)
    )
    services.record_inspection(
        actor=urban.ward_a_staff, inspection=done, done_on=TODAY - dt.timedelta(days=30),
        result="compliant",
    )  # fmt: skip
    scope = ward_scope(urban.ward_a_staff, Register.CONSTRUCTION)
    overdue = list(selectors.overdue_inspections(scope, today=TODAY))
    assert overdue == [past]


def test_an_inspection_done_after_its_plan_is_late_and_no_longer_overdue(urban):
    site = site_in(urban)
    inspection = services.plan_inspection(
        actor=urban.ward_a_staff, site=site, planned_on=dt.date(2026, 3, 2),
        inspector_name="Lê Văn Tâm",
    )  # fmt: skip
    services.record_inspection(
        actor=urban.ward_a_staff, inspection=inspection, done_on=dt.date(2026, 3, 9),
        result="violation", findings="Xây vượt 1 tầng so với giấy phép",
    )  # fmt: skip
    inspection.refresh_from_db()
    assert inspection.done_late
    assert inspection.inspector_name == "Lê Văn Tâm"
    scope = ward_scope(urban.district_inspector, Register.CONSTRUCTION)
    assert list(selectors.late_inspections(scope)) == [inspection]
    assert list(selectors.overdue_inspections(scope, today=TODAY)) == []
    assert inspection.events.get(action="record_inspection").data["late"] is True


def test_an_inspection_done_on_its_planned_day_is_not_late(urban):
    site = site_in(urban)
    inspection = services.plan_inspection(
        actor=urban.ward_a_staff, site=site, planned_on=dt.date(2026, 3, 2)
    )
    services.record_inspection(
        actor=urban.ward_a_staff, inspection=inspection, done_on=dt.date(2026, 3, 2),
        result="compliant",
    )  # fmt: skip
    inspection.refresh_from_db()
    assert not inspection.done_late


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"done_on": dt.date(2099, 1, 1), "result": "compliant"}, "done_on"),
        ({"done_on": dt.date(2026, 3, 2), "result": "maybe"}, "result"),
        ({"done_on": dt.date(2026, 3, 2), "result": "violation"}, "findings"),
        ({"done_on": "02/03/2026", "result": "compliant"}, "done_on"),
    ],
)
def test_an_inspection_result_with_bad_input_is_refused(urban, values, code):
    site = site_in(urban)
    inspection = services.plan_inspection(
        actor=urban.ward_a_staff, site=site, planned_on=dt.date(2026, 3, 2)
    )
    with pytest.raises(DomainError) as caught:
        services.record_inspection(actor=urban.ward_a_staff, inspection=inspection, **values)
    assert caught.value.code == code
    inspection.refresh_from_db()
    assert inspection.done_on is None


def test_an_inspection_is_recorded_only_once(urban):
    site = site_in(urban)
    inspection = services.plan_inspection(
        actor=urban.ward_a_staff, site=site, planned_on=dt.date(2026, 3, 2)
    )
    services.record_inspection(
        actor=urban.ward_a_staff, inspection=inspection, done_on=dt.date(2026, 3, 2),
        result="compliant",
    )  # fmt: skip
    with pytest.raises(DomainError):
        services.record_inspection(
            actor=urban.ward_a_staff, inspection=inspection, done_on=dt.date(2026, 3, 3),
            result="violation", findings="x",
        )  # fmt: skip


def _inspection(urban):
    site = site_in(urban)
    return services.plan_inspection(
        actor=urban.ward_a_staff, site=site, planned_on=dt.date(2026, 3, 2)
    )


def test_a_png_photo_is_stored_under_media_root_with_a_generated_name(urban, settings):
    inspection = _inspection(urban)
    upload = SimpleUploadedFile("../../etc/ảnh hiện trường.png", png_bytes(), "image/png")
    photo = services.attach_photo(actor=urban.ward_a_staff, inspection=inspection, upload=upload)
    assert photo.content_type == "image/png"
    assert photo.original_name == "anh-hien-truong.png"
    stored = (settings.MEDIA_ROOT / photo.file).resolve()
    assert stored.read_bytes() == png_bytes()
    assert settings.MEDIA_ROOT.resolve() in stored.parents
    assert "ảnh" not in photo.file and ".." not in photo.file


def test_a_jpeg_is_recognised_whatever_its_declared_type(urban):
    inspection = _inspection(urban)
    upload = SimpleUploadedFile("IMG_0001.JPG", JPEG, "application/octet-stream")
    photo = services.attach_photo(actor=urban.ward_a_staff, inspection=inspection, upload=upload)
    assert photo.content_type == "image/jpeg"
    assert photo.file.endswith(".jpg")


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("virus.jpg", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "photo_type"),
        ("trang.png", b"", "photo_empty"),
        ("script.png", b"<svg onload=alert(1)>", "photo_type"),
        ("cut.jpg", JPEG[:30], "photo_type"),
    ],
)
def test_a_file_that_is_not_a_jpeg_or_png_is_refused(urban, name, content, code):
    inspection = _inspection(urban)
    with pytest.raises(DomainError) as caught:
        services.attach_photo(
            actor=urban.ward_a_staff, inspection=inspection,
            upload=SimpleUploadedFile(name, content, "image/jpeg"),
        )  # fmt: skip
    assert caught.value.code == code
    assert not InspectionPhoto.objects.exists()


def test_a_photo_over_the_size_limit_is_refused(urban, settings):
    settings.CONSTRUCTION_MAX_PHOTO_BYTES = 1024
    inspection = _inspection(urban)
    big = JPEG[:-2] + b"\x00" * 2048 + b"\xff\xd9"
    with pytest.raises(DomainError) as caught:
        services.attach_photo(
            actor=urban.ward_a_staff, inspection=inspection,
            upload=SimpleUploadedFile("lon.jpg", big, "image/jpeg"),
        )  # fmt: skip
    assert caught.value.code == "photo_too_big"


def test_a_photo_is_served_only_to_staff_who_may_read_the_ward(urban, client):
    inspection = _inspection(urban)
    photo = services.attach_photo(
        actor=urban.ward_a_staff, inspection=inspection,
        upload=SimpleUploadedFile("a.png", png_bytes(), "image/png"),
    )  # fmt: skip
    url = f"/can-bo/trat-tu-xay-dung/anh/{photo.pk}/"
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(urban.ward_b_staff)
    assert client.get(url).status_code == 404
    client.force_login(urban.district_inspector)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == png_bytes()
    assert client.get("/can-bo/trat-tu-xay-dung/anh/999999/").status_code == 404


def test_an_upload_through_the_page_refuses_an_exe_renamed_jpg(urban, client):
    inspection = _inspection(urban)
    client.force_login(urban.ward_a_staff)
    response = client.post(
        f"/can-bo/trat-tu-xay-dung/cong-trinh/{inspection.site_id}/kiem-tra/anh/",
        {"inspection": inspection.pk, "photo": io.BytesIO(b"MZ" + b"\x00" * 100)},
    )
    assert response.status_code == 422
    assert "Chỉ nhận ảnh JPEG hoặc PNG." in response.content.decode()
    assert not InspectionPhoto.objects.exists()
