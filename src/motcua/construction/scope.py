"""Which wards a member of staff may read and edit in the urban registers.

- Staff of a ward's units (the ward itself, its people's committee, one-stop unit or
  departments) read that ward; specialists, leaders and administrators also edit it.
- Staff of an oversight unit (`OversightUnit`: e.g. the district construction inspection team
  or urban management department) read — and with an editing role edit — every ward of the
  administrative area above their unit (district, province, or ward in the two-tier shape).
- A dissolved ward's records pass to its successor: whoever holds the successor holds it.
- Superusers read and edit everything.

Three queries, whatever the size of the tree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import NotFound, PermissionDenied
from motcua.organization.models import Role, Unit, UnitKind
from motcua.organization.selectors import memberships_of

from .models import OversightUnit

WARD_KINDS = frozenset({UnitKind.WARD, UnitKind.COMMUNE})
AREA_KINDS = frozenset({UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.WARD, UnitKind.COMMUNE})
EDIT_ROLES = frozenset({Role.SPECIALIST, Role.UNIT_LEADER, Role.AGENCY_LEADER, Role.ADMIN})


@dataclass(frozen=True)
class WardScope:
    view: frozenset[int]
    edit: frozenset[int]

    def can_view(self, ward_id: int) -> bool:
        return ward_id in self.view

    def can_edit(self, ward_id: int) -> bool:
        return ward_id in self.edit


@dataclass(frozen=True)
class _Node:
    parent_id: int | None
    kind: str
    successor_id: int | None


def _tree() -> dict[int, _Node]:
    return {
        pk: _Node(parent, kind, successor)
        for pk, parent, kind, successor in Unit.objects.values_list(
            "id", "parent_id", "kind", "successor_id"
        )
    }


def _nearest(tree: dict[int, _Node], start: int | None, kinds: frozenset) -> int | None:
    seen: set[int] = set()
    node = start
    while node is not None and node not in seen and node in tree:
        if tree[node].kind in kinds:
            return node
        seen.add(node)
        node = tree[node].parent_id
    return None


def _wards_under(tree: dict[int, _Node], area: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for pk, node in tree.items():
        if node.parent_id is not None:
            children.setdefault(node.parent_id, []).append(pk)
    found, stack = set(), [area]
    while stack:
        pk = stack.pop()
        if pk in found:
            continue
        found.add(pk)
        stack.extend(children.get(pk, ()))
    return {pk for pk in found if tree[pk].kind in WARD_KINDS}


def _with_predecessors(tree: dict[int, _Node], wards: set[int]) -> set[int]:
    result = set(wards)
    changed = True
    while changed:
        changed = False
        for pk, node in tree.items():
            if pk not in result and node.kind in WARD_KINDS and node.successor_id in result:
                result.add(pk)
                changed = True
    return result


def ward_scope(user, register: str, *, day: dt.date | None = None) -> WardScope:
    """The wards `user` may read and edit in `register` on `day` (today by default)."""
    if not getattr(user, "is_authenticated", False):
        return WardScope(frozenset(), frozenset())
    tree = _tree()
    if user.is_superuser:
        every = frozenset(pk for pk, node in tree.items() if node.kind in WARD_KINDS)
        return WardScope(every, every)
    day = day or timezone.localdate()
    memberships = list(memberships_of(user, day=day).values_list("unit_id", "role"))
    overseeing = set(
        OversightUnit.objects.filter(
            register=register, unit_id__in=[unit for unit, _role in memberships]
        ).values_list("unit_id", flat=True)
    )
    view: set[int] = set()
    edit: set[int] = set()
    for unit_id, role in memberships:
        if unit_id in overseeing:
            area = _nearest(tree, unit_id, AREA_KINDS)
            wards = _wards_under(tree, area) if area is not None else set()
        else:
            ward = _nearest(tree, unit_id, WARD_KINDS)
            wards = {ward} if ward is not None else set()
        view |= wards
        if role in EDIT_ROLES:
            edit |= wards
    return WardScope(
        frozenset(_with_predecessors(tree, view)), frozenset(_with_predecessors(tree, edit))
    )


def ward_not_found() -> NotFound:
    return NotFound("ward_not_found", _("Không tìm thấy phường, xã."))


def require_ward(scope: WardScope, ward_id: int | None, *, edit: bool) -> None:
    """Refuse a ward outside `scope`: the same 404 for "missing" and "not yours" to readers,
    a 403 to someone who may read it but not change it."""
    if ward_id is None or not scope.can_view(ward_id):
        raise ward_not_found()
    if edit and not scope.can_edit(ward_id):
        raise PermissionDenied(
            "ward_read_only", _("Bạn chỉ được xem, không được cập nhật số liệu của phường này.")
        )


def get_ward(scope: WardScope, code_or_id, *, edit: bool = False) -> Unit:
    """The ward named by its unit code (or id), checked against `scope`."""
    lookup = {"pk": code_or_id} if isinstance(code_or_id, int) else {"code": str(code_or_id)}
    ward = Unit.objects.filter(kind__in=WARD_KINDS, **lookup).first()
    require_ward(scope, ward.pk if ward else None, edit=edit)
    return ward


def visible_wards(scope: WardScope):
    return Unit.objects.filter(pk__in=scope.view).order_by("sort_name")
