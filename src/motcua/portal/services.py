"""Citizen writes from the portal: an online submission with its files, and a supplement.

Files and rows are written together: the dossier services run inside one transaction whose last
step moves the staged files into the dossier's folder; if anything fails, the moved files are
removed, the staging folder is discarded and the transaction rolls back.
"""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError
from motcua.dossiers import services as dossier_services
from motcua.dossiers.intake import instant
from motcua.dossiers.lifecycle import Citizen
from motcua.dossiers.models import Channel, Dossier

from .models import UploadPurpose
from .uploads import StagedFile, Staging, attach_files, check_total, remove


def _with_files(staging: Staging | None, files: list[StagedFile], write, attach):
    check_total(files)
    moved: list = []
    try:
        with transaction.atomic():
            result = write()
            attach(result, moved)
        return result
    except BaseException:
        remove(moved)
        raise
    finally:
        if staging is not None:
            staging.discard()


def apply_online(
    *,
    actor: Citizen,
    procedure_code: str,
    unit_code: str,
    applicant: dict,
    files: list[StagedFile],
    staging: Staging | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> Dossier:
    """Submit a dossier online (state 1, channel 2) with one file per uploaded part."""
    if not isinstance(actor, Citizen):
        raise DomainError("forbidden", _("Chỉ công dân nộp hồ sơ trực tuyến."), status=403)
    at = instant(at)

    def write() -> Dossier:
        return dossier_services.submit_dossier(
            actor=actor,
            procedure_code=procedure_code,
            unit_code=unit_code,
            channel=Channel.ONLINE,
            applicant=applicant,
            parts_received=[f.part_id for f in files],
            note=note,
            at=at,
        )

    def attach(d: Dossier, moved: list):
        attach_files(d, files, purpose=UploadPurpose.SUBMISSION, at=at, moved=moved)

    return _with_files(staging, files, write, attach)


def supplement_online(
    *,
    actor: Citizen,
    dossier: Dossier,
    files: list[StagedFile],
    staging: Staging | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> Dossier:
    """Send the missing parts asked for (5 → 1 or 5 → 4) with their files."""
    if not files:
        raise DomainError("files_required", _("Hãy tải lên ít nhất một tệp bổ sung."))
    at = instant(at)

    def write() -> Dossier:
        return dossier_services.submit_supplement(
            actor=actor,
            dossier=dossier,
            parts_received=[f.part_id for f in files],
            in_person=False,
            note=note,
            at=at,
        )

    def attach(d: Dossier, moved: list):
        attach_files(d, files, purpose=UploadPurpose.SUPPLEMENT, at=at, moved=moved)

    return _with_files(staging, files, write, attach)
