"""Files and steps shared by the portal, payment and notification tests."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64

APPLICANT_FORM = {
    "kind": "person",
    "name": "Trần Văn Bình",
    "id_number": "001090001234",
    "phone": "0987 654 321",
    "email": "binh@example.vn",
    "address": "Số 1 Lê Đức Thọ, Mỹ Đình 2, Nam Từ Liêm",
}
PHONE = "0987654321"


def pdf(name="don.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def files_under(root: Path) -> list[Path]:
    return [p for p in Path(root).rglob("*") if p.is_file()]


def apply_steps(client, world, *, uploads=None, unit=None):
    """Walk the three steps of the online application; returns the last response."""
    code = world.version.procedure.code
    client.post(
        reverse("portal:apply", args=[code]), {**APPLICANT_FORM, "unit": unit or world.desk.code}
    )
    if uploads is None:
        uploads = {p.pk: pdf(f"phan-{p.order}.pdf") for p in world.parts if p.required}
    client.post(
        reverse("portal:apply_files", args=[code]),
        {f"part_{pk}": f for pk, f in uploads.items()},
    )
    return client.post(reverse("portal:apply_review", args=[code]), {"declaration": "on"})
