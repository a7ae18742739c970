"""Input checks shared by the dossier services: applicant data, procedure parts, actors, units."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalog.models import ProcedureVersion
from motcua.catalog.selectors import version_for_intake, versions_in_force
from motcua.core.errors import DomainError, NotFound
from motcua.core.text import nfc
from motcua.organization.models import Membership, Unit
from motcua.organization.selectors import memberships_of

from .deadlines import local_date
from .lifecycle import OFFICER, Citizen, SystemActor, forbidden, normalise_phone
from .models import ApplicantKind, Channel, Dossier, DossierPartReceived, regime_on

APPLICANT_KEYS = {"kind", "name", "id_number", "phone", "email", "address"}


def instant(at: dt.datetime | None) -> dt.datetime:
    """`at`, or now; refuses naive datetimes."""
    if at is None:
        return timezone.now()
    if timezone.is_naive(at):
        raise DomainError("naive_datetime", _("Thời điểm phải kèm múi giờ."))
    return at


def clean_applicant(applicant: dict, *, phone_required: bool) -> dict:
    """NFC-normalised applicant columns (`applicant_*`) from a plain dict; refuses bad input."""
    unknown = set(applicant) - APPLICANT_KEYS
    if unknown:
        raise DomainError(
            "applicant",
            _("Thông tin người nộp có trường không hợp lệ: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))},
        )
    kind = applicant.get("kind") or ApplicantKind.PERSON
    if kind not in ApplicantKind.values:
        raise DomainError("applicant_kind", _("Loại người nộp phải là cá nhân hoặc tổ chức."))
    name = nfc(applicant.get("name"))
    if not name:
        raise DomainError("applicant_name", _("Phải nhập tên người nộp hồ sơ."))
    if len(name) > 255:
        raise DomainError("applicant_name", _("Tên người nộp dài quá 255 ký tự."))
    phone = normalise_phone(applicant.get("phone"))
    if phone and not (phone.lstrip("+").isdigit() and 8 <= len(phone.lstrip("+")) <= 15):
        raise DomainError("applicant_phone", _("Số điện thoại không hợp lệ."))
    if phone_required and not phone:
        raise DomainError("applicant_phone", _("Phải nhập số điện thoại để tra cứu hồ sơ."))
    email = nfc(applicant.get("email")).lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise DomainError("applicant_email", _("Địa chỉ thư điện tử không hợp lệ.")) from None
    id_number = nfc(applicant.get("id_number")).replace(" ", "")
    if id_number and not (id_number.isalnum() or id_number.replace("-", "").isalnum()):
        raise DomainError("applicant_id_number", _("Số giấy tờ tùy thân, mã số không hợp lệ."))
    address = nfc(applicant.get("address"))
    if len(id_number) > 30 or len(address) > 500:
        raise DomainError("applicant", _("Thông tin người nộp quá dài."))
    return {
        "applicant_kind": kind,
        "applicant_name": name,
        "applicant_id_number": id_number,
        "applicant_phone": phone,
        "applicant_email": email,
        "applicant_address": address,
    }


def channel_of(value) -> int:
    try:
        return Channel(int(value)).value
    except (TypeError, ValueError):
        raise DomainError(
            "channel", _("Kênh tiếp nhận phải là 1 (trực tiếp), 2 (trực tuyến) hoặc 3 (bưu chính).")
        ) from None


def unit_by_code(code: str) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise NotFound("unit_not_found", _("Không tìm thấy đơn vị."))
    return unit


def version_on(procedure_code: str, day: dt.date) -> ProcedureVersion:
    version = (
        versions_in_force(day)
        .filter(procedure__code=procedure_code)
        .select_related("procedure")
        .first()
    )
    if version is None:
        raise _no_version(procedure_code, day)
    return version


def _no_version(procedure_code: str, day: dt.date) -> NotFound:
    return NotFound(
        "procedure_not_found",
        _("Không tìm thấy thủ tục %(code)s có hiệu lực ngày %(day)s.")
        % {"code": procedure_code, "day": day.strftime("%d/%m/%Y")},
    )


def check_receiving_unit(version: ProcedureVersion, unit: Unit, *, receives=None) -> None:
    """`receives`: whether the unit receives the version, when the caller has read it."""
    if receives is None:
        receives = version.receiving_units.filter(pk=unit.pk).exists()
    if not receives:
        raise DomainError(
            "unit_not_receiving",
            _("%(unit)s không tiếp nhận thủ tục này.") % {"unit": unit.name},
        )
    if not unit.agency_code:
        raise DomainError(
            "agency_code", _("Đơn vị tiếp nhận chưa có mã định danh (QCVN 102:2016).")
        )


def parts_of(version: ProcedureVersion) -> list:
    """The version's parts, read once per version object (an intake asks several times)."""
    cached = getattr(version, "_intake_parts", None)
    if cached is None:
        cached = version._intake_parts = list(version.parts.all())
    return cached


ALL_PARTS = "all"  # `parts_received` meaning every part of the procedure was handed in


def parts_by_id(version: ProcedureVersion, part_ids: list[int] | str | None) -> dict:
    """The version's parts named by `part_ids` (or all of them: `ALL_PARTS`), refusing ids
    of other procedures."""
    parts = {part.pk: part for part in parts_of(version)}
    if part_ids == ALL_PARTS:
        return parts
    wanted = list(dict.fromkeys(part_ids or []))
    unknown = [pid for pid in wanted if pid not in parts]
    if unknown:
        raise DomainError(
            "unknown_part",
            _("Thành phần hồ sơ không thuộc thủ tục này: %(ids)s.")
            % {"ids": ", ".join(str(pid) for pid in unknown)},
        )
    return {pid: parts[pid] for pid in wanted}


def check_complete(version: ProcedureVersion, received_ids: set[int]) -> None:
    """Refuse with the Vietnamese names of required parts not received."""
    missing = [p.name for p in parts_of(version) if p.required and p.pk not in received_ids]
    if missing:
        raise DomainError(
            "parts_missing",
            _("Hồ sơ chưa đủ thành phần bắt buộc: %(parts)s.") % {"parts": "; ".join(missing)},
        )


def record_parts(
    dossier: Dossier, parts: dict, *, at: dt.datetime, reused: set[int] = (), fresh: bool = False
) -> None:
    """Record the parts handed in (one insert); `fresh`: the dossier was just created, so it
    has none yet and they need not be read."""
    have = set() if fresh else set(dossier.parts.values_list("part_id", flat=True))
    if fresh:  # all the parts it has: the statistics fact of its filing need not read them
        handed = any(pid in reused for pid in parts)
        dossier.filed_parts_flags = (handed, handed)
    else:
        dossier.__dict__.pop("filed_parts_flags", None)
    if not any(pid not in have for pid in parts):
        return
    DossierPartReceived.objects.bulk_create(
        [
            DossierPartReceived(
                dossier=dossier,
                part=part,
                form=part.form,
                copies=part.copies,
                reused=pid in reused,
                digitised=pid in reused,
                received_at=at,
            )
            for pid, part in parts.items()
            if pid not in have
        ]
    )


def member_of(user, unit_id: int, *, day: dt.date, role: str | None = None) -> bool:
    """Whether `user` works in the unit on `day` (with `role`, when given)."""
    qs = Membership.objects.filter(user=user, unit_id=unit_id)
    if role is not None:
        qs = qs.filter(role=role)
    return qs.exclude(valid_from__gt=day).exclude(valid_to__lt=day).exists()


def require_reason(reason: str | None, message: str) -> str:
    cleaned = nfc(reason)
    if not cleaned:
        raise DomainError("reason_required", message)
    return cleaned


def new_dossier(*, actor, procedure_code, unit_code, channel, applicant, parts_received, at):
    """Check a submission and build its dossier (unsaved, state 1).

    Online: a citizen. Direct or postal: a one-stop officer of the receiving unit. Returns
    the dossier, its parts and the officer's memberships on the day (read once for the whole
    filing; None online).
    """
    channel = channel_of(channel)
    day = local_date(at)
    memberships = None
    if (
        channel != Channel.ONLINE
        and not isinstance(actor, Citizen | SystemActor)
        and getattr(actor, "is_authenticated", False)
    ):
        memberships = list(memberships_of(actor, day=day))
    # The officer's own unit comes with the memberships; any other is read by its code.
    unit = next((m.unit for m in memberships or () if m.unit.code == unit_code), None)
    unit = unit or unit_by_code(unit_code)
    if channel == Channel.ONLINE:
        if not isinstance(actor, Citizen):
            raise forbidden("submit")
    elif memberships is None or not any(
        m.role == OFFICER and m.unit_id == unit.pk for m in memberships
    ):
        raise forbidden("submit")
    found = version_for_intake(procedure_code, day, unit.pk)
    if found is None:
        raise _no_version(procedure_code, day)
    version, receives, competent_id = found
    check_receiving_unit(version, unit, receives=receives)
    if channel == Channel.ONLINE and not version.accepts_online:
        raise DomainError("not_online", _("Thủ tục này không hỗ trợ nộp hồ sơ trực tuyến."))
    columns = clean_applicant(applicant, phone_required=channel == Channel.ONLINE)
    parts = parts_by_id(version, parts_received)
    competent = unit
    if competent_id not in (None, unit.pk):
        competent = Unit.objects.filter(pk=competent_id).first() or unit
    dossier = Dossier(
        procedure_version=version,
        regime=regime_on(day),
        channel=channel,
        receiving_unit=unit,
        competent_unit=competent,
        current_unit=unit,
        submitted_at=at,
        applicant_user=actor.user if isinstance(actor, Citizen) else None,
        **columns,
    )
    return dossier, parts, memberships
