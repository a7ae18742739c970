"""Inspection photos: JPEG or PNG recognised by their bytes (not their name), size-limited,
stored under MEDIA_ROOT with a generated name and read back only through an authorised view."""

from __future__ import annotations

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

MAX_PHOTO_BYTES = 8 * 1024 * 1024
PHOTO_DIR = "construction/photos"
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Sniffed:
    content_type: str
    extension: str


def max_photo_bytes() -> int:
    return int(getattr(settings, "CONSTRUCTION_MAX_PHOTO_BYTES", MAX_PHOTO_BYTES))


def sniff(head: bytes, tail: bytes) -> Sniffed | None:
    """JPEG (SOI … EOI) or PNG (signature then IHDR); anything else is refused."""
    if head.startswith(b"\xff\xd8\xff") and tail.rstrip(b"\x00").endswith(b"\xff\xd9"):
        return Sniffed("image/jpeg", "jpg")
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
        return Sniffed("image/png", "png")
    return None


def safe_name(name: str | None) -> str:
    """A display name without path parts or odd characters, at most 120 characters."""
    base = Path(str(name or "").replace("\\", "/")).name
    ascii_name = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    cleaned = _SAFE.sub("-", ascii_name).strip(".-") or "anh"
    return cleaned[-120:]


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT).resolve()


def read_upload(upload) -> tuple[bytes, Sniffed]:
    """The upload's bytes and kind, or a refusal (too big, empty, not JPEG/PNG)."""
    limit = max_photo_bytes()
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise _too_big(limit)
    chunks, total = [], 0
    for chunk in upload.chunks() if hasattr(upload, "chunks") else [upload.read()]:
        total += len(chunk)
        if total > limit:
            raise _too_big(limit)
        chunks.append(chunk)
    data = b"".join(chunks)
    if not data:
        raise DomainError("photo_empty", _("Tệp ảnh trống."))
    kind = sniff(data[:32], data[-16:])
    if kind is None:
        raise DomainError("photo_type", _("Chỉ nhận ảnh JPEG hoặc PNG."))
    return data, kind


def _too_big(limit: int) -> DomainError:
    return DomainError(
        "photo_too_big", _("Ảnh lớn quá %(mb)d MB.") % {"mb": max(1, limit // (1024 * 1024))}
    )


def store(data: bytes, kind: Sniffed) -> tuple[str, str]:
    """Write the bytes under MEDIA_ROOT; returns (relative path, sha256)."""
    digest = hashlib.sha256(data).hexdigest()
    today = timezone.localdate()
    relative = f"{PHOTO_DIR}/{today:%Y/%m}/{secrets.token_hex(16)}.{kind.extension}"
    target = (media_root() / relative).resolve()
    if media_root() not in target.parents:
        raise DomainError("photo_path", _("Không lưu được ảnh."))
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "xb") as handle:
        handle.write(data)
    return relative, digest


def path_of(relative: str) -> Path:
    """The absolute path of a stored photo, refusing anything outside MEDIA_ROOT."""
    target = (media_root() / relative).resolve()
    if media_root() not in target.parents:
        raise DomainError("photo_path", _("Không tìm thấy ảnh."), status=404)
    return target
