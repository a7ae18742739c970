"""Attachments of feedback: PDF, JPEG or PNG recognised by their first bytes (never by the
name the browser sent), size-limited, stored under MEDIA_ROOT with a random name."""

import hashlib
import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError
from motcua.core.text import fold

MAX_FILES = 3
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_TOTAL_BYTES = 10 * 1024 * 1024
SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)
_UNSAFE = re.compile(r"[^a-z0-9._-]+")


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    extension: str
    data: bytes


def sniff(head: bytes) -> tuple[str, str] | None:
    for magic, content_type, extension in SIGNATURES:
        if head.startswith(magic):
            return content_type, extension
    return None


def safe_name(raw: str, extension: str) -> str:
    """`../../Đơn khiếu nại!!.PDF` → `don-khieu-nai.pdf`: ASCII, no path, our extension."""
    base = Path(unicodedata.normalize("NFC", raw or "").replace("\\", "/")).name
    stem = base.rsplit(".", 1)[0] if "." in base else base
    cleaned = _UNSAFE.sub("-", fold(stem).replace(" ", "-")).strip("-._")[:80]
    return f"{cleaned or 'tep-dinh-kem'}.{extension}"


def check_files(files) -> list[CheckedFile]:
    """Read and check uploaded files; a DomainError names the first one refused."""
    files = [f for f in files if f is not None]
    if len(files) > MAX_FILES:
        raise DomainError(
            "too_many_files", _("Chỉ được đính kèm tối đa %(n)d tệp.") % {"n": MAX_FILES}
        )
    checked, total = [], 0
    for upload in files:
        label = (getattr(upload, "name", "") or "")[:80]
        if upload.size > MAX_FILE_BYTES:
            raise DomainError(
                "file_too_large",
                _("Tệp %(name)s vượt quá dung lượng cho phép (%(mb)d MB).")
                % {"name": label, "mb": MAX_FILE_BYTES // (1024 * 1024)},
            )
        total += upload.size
        if total > MAX_TOTAL_BYTES:
            raise DomainError(
                "files_too_large",
                _("Tổng dung lượng tệp đính kèm vượt quá %(mb)d MB.")
                % {"mb": MAX_TOTAL_BYTES // (1024 * 1024)},
            )
        data = upload.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise DomainError(
                "file_too_large",
                _("Tệp %(name)s vượt quá dung lượng cho phép (%(mb)d MB).")
                % {"name": label, "mb": MAX_FILE_BYTES // (1024 * 1024)},
            )
        kind = sniff(data[:16])
        if kind is None or not data:
            raise DomainError(
                "file_type",
                _("Tệp %(name)s không phải PDF, JPEG hoặc PNG.") % {"name": label},
            )
        content_type, extension = kind
        checked.append(CheckedFile(safe_name(label, extension), content_type, extension, data))
    return checked


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def store(checked: CheckedFile) -> tuple[str, str]:
    """Write the bytes; returns (path relative to MEDIA_ROOT, sha256)."""
    today = timezone.localdate()
    relative = f"feedback/{today:%Y/%m}/{secrets.token_hex(16)}.{checked.extension}"
    target = media_root() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "xb") as handle:
        handle.write(checked.data)
    return relative, hashlib.sha256(checked.data).hexdigest()


def open_stored(relative: str):
    path = (media_root() / relative).resolve()
    if not path.is_relative_to(media_root().resolve() / "feedback") or not path.is_file():
        raise FileNotFoundError(relative)
    return open(path, "rb")
