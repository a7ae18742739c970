"""Applying online: three steps, files checked by content, nothing left behind on failure."""

import pytest
from django.urls import reverse

from motcua.dossiers.models import Channel, Dossier, DossierPartReceived, Status
from motcua.portal import services as portal_services
from motcua.portal.models import DossierFile
from tests.portal.helpers import (
    APPLICANT_FORM,
    EXE,
    JPEG,
    PHONE,
    PNG,
    apply_steps,
    files_under,
    pdf,
)


def test_applying_online_creates_a_submitted_dossier_with_its_files(client, world, settings):
    response = apply_steps(client, world)
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:apply_done", args=[dossier.code])
    assert dossier.status == Status.SUBMITTED
    assert dossier.channel == Channel.ONLINE
    assert dossier.applicant_phone == PHONE
    assert dossier.applicant_name == "Trần Văn Bình"
    stored = list(DossierFile.objects.filter(dossier=dossier).order_by("part__order"))
    assert [f.part_id for f in stored] == [p.pk for p in world.parts if p.required]
    for f in stored:
        assert (settings.MEDIA_ROOT / f.path).read_bytes().startswith(b"%PDF-")
        assert f.path.startswith("dossiers/") and dossier.code in f.path
        assert f.content_type == "application/pdf"
    parts = DossierPartReceived.objects.filter(dossier=dossier)
    assert all(p.digitised and p.file_path for p in parts)
    assert not (settings.MEDIA_ROOT / "staging").exists() or not files_under(
        settings.MEDIA_ROOT / "staging"
    )
    page = client.get(response["Location"])
    assert dossier.code in page.content.decode()


def test_signed_in_citizen_owns_the_dossier(client, world, django_user_model):
    user = django_user_model.objects.create_user(
        "an@example.vn", "an@example.vn", "x", is_staff=False
    )
    client.force_login(user)
    apply_steps(client, world)
    assert Dossier.objects.get().applicant_user == user


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "bắt buộc"),
        ("name", "A" * 256, "255"),
        ("phone", "abc", "Số điện thoại không hợp lệ"),
        ("phone", "", "bắt buộc"),
        ("email", "khong-phai-email", "Nhập địa chỉ email"),
        ("kind", "robot", "hợp lệ"),
        ("unit", "khong-co", "hợp lệ"),
    ],
)
def test_applicant_step_refuses_bad_input(client, world, field, value, message):
    data = {**APPLICANT_FORM, "unit": world.desk.code, field: value}
    response = client.post(reverse("portal:apply", args=[world.version.procedure.code]), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert "portal_apply:" + world.version.procedure.code not in client.session


def _to_files_step(client, world):
    client.post(
        reverse("portal:apply", args=[world.version.procedure.code]),
        {**APPLICANT_FORM, "unit": world.desk.code},
    )
    return reverse("portal:apply_files", args=[world.version.procedure.code])


def test_an_exe_renamed_pdf_is_refused_and_not_kept(client, world, settings):
    url = _to_files_step(client, world)
    first, second = (p for p in world.parts if p.required)
    response = client.post(
        url, {f"part_{first.pk}": pdf("virus.pdf", EXE), f"part_{second.pk}": pdf("ban-ve.pdf")}
    )
    assert response.status_code == 422
    assert "chỉ nhận tệp PDF, JPEG hoặc PNG" in response.content.decode()
    assert files_under(settings.MEDIA_ROOT) == []


def test_an_oversized_file_and_an_oversized_dossier_are_refused(client, world, settings):
    settings.PORTAL_MAX_FILE_BYTES = 200
    url = _to_files_step(client, world)
    first, second = (p for p in world.parts if p.required)
    big = pdf("lon.pdf", b"%PDF-" + b"0" * 300)
    response = client.post(url, {f"part_{first.pk}": big, f"part_{second.pk}": pdf()})
    assert response.status_code == 422
    assert "lớn hơn giới hạn" in response.content.decode()
    settings.PORTAL_MAX_FILE_BYTES = 1000
    settings.PORTAL_MAX_DOSSIER_BYTES = 150
    each = b"%PDF-" + b"0" * 100
    response = client.post(
        url, {f"part_{first.pk}": pdf("a.pdf", each), f"part_{second.pk}": pdf("b.pdf", each)}
    )
    assert response.status_code == 422
    assert "Tổng dung lượng" in response.content.decode()
    assert files_under(settings.MEDIA_ROOT) == []


def test_empty_file_and_missing_required_part_are_refused(client, world):
    url = _to_files_step(client, world)
    first, _second = (p for p in world.parts if p.required)
    response = client.post(url, {f"part_{first.pk}": pdf("rong.pdf", b"")})
    assert response.status_code == 422
    assert "tệp rỗng" in response.content.decode()
    response = client.post(url, {f"part_{first.pk}": pdf()})
    assert response.status_code == 422
    assert "Phải tải lên giấy tờ này" in response.content.decode()


def test_png_and_jpeg_are_accepted_by_content_whatever_their_name(client, world):
    first, second = (p for p in world.parts if p.required)
    uploads = {first.pk: pdf("anh.PDF", PNG), second.pk: pdf("../../etc/passwd", JPEG)}
    apply_steps(client, world, uploads=uploads)
    stored = {f.part_id: f for f in DossierFile.objects.all()}
    assert stored[first.pk].content_type == "image/png"
    assert stored[first.pk].path.endswith("anh.png")
    assert stored[second.pk].content_type == "image/jpeg"
    assert stored[second.pk].path.endswith("passwd.jpg")
    assert ".." not in stored[second.pk].path


def test_review_without_declaration_submits_nothing(client, world):
    url = _to_files_step(client, world)
    first, second = (p for p in world.parts if p.required)
    client.post(url, {f"part_{first.pk}": pdf(), f"part_{second.pk}": pdf()})
    response = client.post(reverse("portal:apply_review", args=[world.version.procedure.code]))
    assert response.status_code == 422
    assert "lời cam đoan" in response.content.decode()
    assert not Dossier.objects.exists()


def test_a_failure_while_storing_files_leaves_no_dossier_and_no_file(
    client, world, settings, monkeypatch
):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("motcua.portal.uploads.os.replace", broken)
    response = apply_steps(client, world)
    assert response.status_code == 302
    assert not Dossier.objects.exists()
    assert not DossierFile.objects.exists()
    assert files_under(settings.MEDIA_ROOT) == []
    page = client.get(response["Location"])
    assert "vui lòng tải lại" in page.content.decode()


def test_an_exception_after_files_moved_removes_them(client, world, settings, monkeypatch):
    real = portal_services.attach_files

    def attach_then_fail(*args, **kwargs):
        real(*args, **kwargs)
        raise RuntimeError("server error")

    monkeypatch.setattr(portal_services, "attach_files", attach_then_fail)
    with pytest.raises(RuntimeError):
        apply_steps(client, world)
    assert not Dossier.objects.exists()
    assert files_under(settings.MEDIA_ROOT) == []


def test_procedure_not_offered_online_has_no_application(client, world):
    world.version.online_service = "none"
    world.version.save()
    response = client.get(reverse("portal:apply", args=[world.version.procedure.code]))
    assert response.status_code == 404
    page = client.get(reverse("portal:procedure", args=[world.version.procedure.code]))
    assert "Nộp hồ sơ trực tuyến" not in page.content.decode()


def test_procedure_page_offers_online_application(client, world):
    page = client.get(reverse("portal:procedure", args=[world.version.procedure.code]))
    assert reverse("portal:apply", args=[world.version.procedure.code]) in page.content.decode()
