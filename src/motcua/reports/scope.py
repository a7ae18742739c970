"""Which units a staff member may see figures of: the subtrees of the units they work in."""

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import NotFound, PermissionDenied
from motcua.organization.models import Unit
from motcua.organization.selectors import unit_ids_with_role


def children_map() -> dict[int | None, list[int]]:
    """Every unit's children ids, from one query."""
    children: dict[int | None, list[int]] = {}
    for pk, parent in Unit.objects.values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    return children


def descendants(roots, children: dict[int | None, list[int]]) -> set[int]:
    found, frontier = set(roots), list(roots)
    while frontier:
        for child in children.get(frontier.pop(), ()):
            if child not in found:
                found.add(child)
                frontier.append(child)
    return found


def visible_unit_ids(user) -> set[int] | None:
    """Ids of units `user` may see figures of; None means every unit (superuser)."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied("login_required", _("Bạn cần đăng nhập để xem thống kê."))
    if user.is_superuser:
        return None
    roots = unit_ids_with_role(user, day=timezone.localdate())
    if not roots:
        raise PermissionDenied(
            "forbidden", _("Bạn chưa được phân công tại đơn vị nào nên không xem được thống kê.")
        )
    return descendants(roots, children_map())


def report_scope(user, unit_code: str | None) -> tuple[Unit | None, set[int] | None]:
    """(root unit or None, ids the figures cover or None for all). A unit outside the user's
    subtrees answers the same 404 as a missing one."""
    visible = visible_unit_ids(user)
    if not unit_code:
        return None, visible
    unit = Unit.objects.filter(code=unit_code.strip()).first()
    if unit is None or (visible is not None and unit.pk not in visible):
        raise NotFound("unit_not_found", _("Không tìm thấy đơn vị."))
    children = children_map()
    return unit, whole_tree_as_none(descendants({unit.pk}, children), children)


def whole_tree_as_none(unit_ids: set[int] | None, children: dict) -> set[int] | None:
    """None (no unit filter at all) when `unit_ids` holds every unit: the figures are the same
    and the queries skip comparing each row with the list of every unit."""
    if unit_ids is None:
        return None
    every = {pk for kids in children.values() for pk in kids}
    return None if unit_ids >= every else unit_ids
