"""Uploaded files: checked by content (PDF, JPEG, PNG), limited in size, named safely, written
to a staging folder under MEDIA_ROOT and moved to the dossier's folder only as the last step
of the transaction that records them; removed again if anything fails.

MEDIA_ROOT lies outside the web root; files are served only by `portal.files` views, which
check who asks.
"""

import contextlib
import hashlib
import os
import re
import secrets
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError
from motcua.core.templatetags.motcua import format_money
from motcua.core.text import fold, nfc
from motcua.dossiers.models import Dossier, DossierPartReceived

from .models import DossierFile

# Magic bytes → (content type, extension). The name a file arrives with is never trusted.
SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
)
STAGING = "staging"
STAGING_MAX_AGE = 24 * 3600
_UNSAFE = re.compile(r"[^a-z0-9._-]+")


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT).resolve()


def sniff(head: bytes) -> tuple[str, str] | None:
    for magic, content_type, ext in SIGNATURES:
        if head.startswith(magic):
            return content_type, ext
    return None


def safe_name(name: str, ext: str) -> str:
    """`Đơn đề nghị (bản 1).PDF.exe` → `don-de-nghi-ban-1-pdf.pdf`: ASCII, no path, our ext."""
    stem = os.path.basename(nfc(name).replace("\\", "/"))
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    stem = _UNSAFE.sub("-", fold(stem)).strip("-._")[:60] or "tep"
    return stem + ext


def _mb(size: int) -> str:
    return format_money(round(size / 1024 / 1024, 1)).replace(" đ", "") + " MB"


@dataclass
class StagedFile:
    part_id: int
    path: str  # relative to MEDIA_ROOT
    original_name: str
    name: str
    content_type: str
    size: int
    sha256: str

    def as_dict(self) -> dict:
        return asdict(self)


class Staging:
    """A folder of files uploaded for one form, not yet part of any dossier."""

    def __init__(self, token: str | None = None):
        if token is not None and not re.fullmatch(r"[a-f0-9]{32}", token):
            token = None
        self.token = token or secrets.token_hex(16)
        self.root = media_root() / STAGING / self.token

    def add(self, part_id: int, upload, *, label: str = "") -> StagedFile:
        """Check and stage one upload; raises DomainError naming the part."""
        who = label or _("Tệp")
        size = upload.size or 0
        if size <= 0:
            raise DomainError("file_empty", _("%(part)s: tệp rỗng.") % {"part": who})
        if size > settings.PORTAL_MAX_FILE_BYTES:
            raise DomainError(
                "file_too_large",
                _("%(part)s: tệp lớn hơn giới hạn %(max)s.")
                % {"part": who, "max": _mb(settings.PORTAL_MAX_FILE_BYTES)},
            )
        upload.seek(0)
        found = sniff(upload.read(16))
        if found is None:
            raise DomainError(
                "file_type",
                _("%(part)s: chỉ nhận tệp PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp).")
                % {"part": who},
            )
        content_type, ext = found
        self.root.mkdir(parents=True, exist_ok=True)
        target = self.root / f"{secrets.token_hex(8)}{ext}"
        digest = hashlib.sha256()
        upload.seek(0)
        with open(target, "xb") as out:
            for chunk in upload.chunks():
                digest.update(chunk)
                out.write(chunk)
        original = nfc(os.path.basename(upload.name or ""))[:255] or safe_name("", ext)
        return StagedFile(
            part_id=part_id,
            path=str(target.relative_to(media_root())),
            original_name=original,
            name=safe_name(original, ext),
            content_type=content_type,
            size=size,
            sha256=digest.hexdigest(),
        )

    def discard(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    @staticmethod
    def prune(max_age: int = STAGING_MAX_AGE) -> int:
        """Remove staging folders of abandoned forms; returns how many."""
        base = media_root() / STAGING
        if not base.is_dir():
            return 0
        cutoff = time.time() - max_age
        removed = 0
        for folder in base.iterdir():
            if folder.is_dir() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
                removed += 1
        return removed


def check_total(files: list[StagedFile]) -> None:
    if sum(f.size for f in files) > settings.PORTAL_MAX_DOSSIER_BYTES:
        raise DomainError(
            "dossier_too_large",
            _("Tổng dung lượng các tệp vượt quá %(max)s.")
            % {"max": _mb(settings.PORTAL_MAX_DOSSIER_BYTES)},
        )


def dossier_folder(dossier: Dossier) -> Path:
    return Path("dossiers") / dossier.submitted_at.strftime("%Y/%m") / dossier.code


def attach_files(
    dossier: Dossier, files: list[StagedFile], *, purpose: str, at, moved: list[Path]
) -> None:
    """Record staged files on `dossier` and move them into its folder; call inside the
    transaction, as its last step. Each final path is appended to `moved` as soon as it
    exists, so the caller can remove them all if the transaction fails."""
    folder = dossier_folder(dossier)
    orders = dict(dossier.procedure_version.parts.values_list("pk", "order"))
    plan = []
    for staged in files:
        final = folder / f"{orders.get(staged.part_id, 0):02d}-{secrets.token_hex(4)}-{staged.name}"
        plan.append((staged, final))
        DossierFile.objects.create(
            dossier=dossier,
            part_id=staged.part_id,
            purpose=purpose,
            path=str(final),
            original_name=staged.original_name,
            content_type=staged.content_type,
            size=staged.size,
            sha256=staged.sha256,
            uploaded_at=at,
        )
        DossierPartReceived.objects.filter(dossier=dossier, part_id=staged.part_id).update(
            file_path=str(final), digitised=True
        )
    for staged, final in plan:
        place(staged, str(final), moved)


def result_path(dossier: Dossier, staged: StagedFile) -> str:
    """Where a staged electronic result will live, in the dossier's folder."""
    return str(dossier_folder(dossier) / f"ket-qua-{secrets.token_hex(4)}-{staged.name}")


def place(staged: StagedFile, final: str, moved: list[Path]) -> None:
    """Move one staged file to `final` (relative to MEDIA_ROOT); last step of a transaction."""
    root = media_root()
    source = (root / staged.path).resolve()
    target = root / final
    try:
        if root / STAGING not in source.parents:
            raise OSError(staged.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        moved.append(target)
    except OSError:
        raise DomainError("file_missing", _("Tệp tải lên không còn, vui lòng tải lại.")) from None


def remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)
    for folder in {path.parent for path in paths}:
        with contextlib.suppress(OSError):  # only if empty
            folder.rmdir()


def open_stored(relative: str):
    """An open binary file for a path stored on a dossier, refusing anything outside MEDIA_ROOT."""
    root = media_root()
    path = (root / relative).resolve()
    if root not in path.parents or not path.is_file():
        raise FileNotFoundError(relative)
    return open(path, "rb")
