"""Who may see and triage a feedback: staff of the unit it is at, or of a unit above it."""

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import NotFound
from motcua.core.text import nfc
from motcua.organization.models import Role
from motcua.organization.selectors import subtree_ids, unit_ids_with_role

from .models import Feedback

LEADER_ROLES = {Role.UNIT_LEADER, Role.AGENCY_LEADER}


def unit_ids_of(actor, roles: set[str] | None = None) -> set[int] | None:
    """Units (with their subtrees) whose feedback `actor` handles; None means every unit."""
    if not getattr(actor, "is_authenticated", False):
        return set()
    if actor.is_superuser:
        return None
    own = unit_ids_with_role(actor, roles, day=timezone.localdate())
    return subtree_ids(own) if own else set()


def visible_feedback(actor, roles: set[str] | None = None) -> QuerySet[Feedback]:
    units = unit_ids_of(actor, roles)
    qs = Feedback.objects.all()
    return qs if units is None else qs.filter(unit_id__in=units)


def is_leader(actor) -> bool:
    """Whether `actor` leads a unit today: one query, their leader memberships (the units'
    subtrees, which `unit_ids_of` adds, do not change the answer)."""
    if not getattr(actor, "is_authenticated", False):
        return False
    if actor.is_superuser:
        return True
    return bool(unit_ids_with_role(actor, LEADER_ROLES, day=timezone.localdate()))


def access_feedback(actor, code: str, *, lock: bool = False) -> Feedback:
    """The feedback `code` if `actor` may handle it; the same 404 for missing and not yours."""
    code = nfc(code).upper()[:30]
    qs = visible_feedback(actor).filter(code=code).select_related("unit")
    if lock:
        qs = qs.select_for_update(of=("self",))
    feedback = qs.first()
    if feedback is None or not code:
        raise NotFound("feedback_not_found", _("Không tìm thấy phản ánh."))
    return feedback
