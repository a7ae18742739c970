"""Fetch a dossier for an actor: one call that finds, authorises and optionally locks it."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import NotFound
from motcua.organization.selectors import unit_ids_with_role

from .lifecycle import Citizen, normalise_phone
from .models import Dossier, DossierStep


def _not_found() -> NotFound:
    return NotFound("dossier_not_found", _("Không tìm thấy hồ sơ."))


def visible_to(actor):
    """Dossiers `actor` may open: superusers all; staff those received by, now at, or passed
    through one of their units; citizens their own (by account or phone)."""
    qs = Dossier.objects.all()
    if isinstance(actor, Citizen):
        cond = Q(pk__in=[])
        if actor.user is not None and getattr(actor.user, "is_authenticated", False):
            cond |= Q(applicant_user=actor.user)
        phone = normalise_phone(actor.phone)
        if phone:
            cond |= Q(applicant_phone=phone)
        return qs.filter(cond)
    if not getattr(actor, "is_authenticated", False):
        return qs.none()
    if actor.is_superuser:
        return qs
    units = unit_ids_with_role(actor, day=timezone.localdate())
    own = Q(applicant_user=actor)
    if not units:
        return qs.filter(own)
    passed = DossierStep.objects.filter(unit_id__in=units).values("dossier_id")
    return qs.filter(
        own | Q(receiving_unit_id__in=units) | Q(current_unit_id__in=units) | Q(pk__in=passed)
    )


def access_dossier(actor, code: str, *, lock: bool = False) -> Dossier:
    """The dossier `code` if `actor` may see it; the same 404 for "missing" and "not yours".

    `lock=True` takes the row lock (call it inside `transaction.atomic`).
    """
    code = (code or "").strip()
    if not code or len(code) > 40:
        raise _not_found()
    qs = (
        visible_to(actor)
        .filter(code=code)
        .select_related(
            "procedure_version__procedure", "receiving_unit", "competent_unit", "current_unit"
        )
    )
    if lock:
        qs = qs.select_for_update(of=("self",))
    dossier = qs.first()
    if dossier is None:
        raise _not_found()
    return dossier
