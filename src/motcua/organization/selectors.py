"""Reads of the organisation tree and of staff memberships."""

import datetime as dt

from django.db.models import QuerySet

from .models import Membership, Unit


def units_on(day: dt.date) -> QuerySet[Unit]:
    """The units in existence on `day`, with their parent fetched in the same query."""
    return Unit.objects.valid_on(day).select_related("parent").order_by("sort_name")


def memberships_of(user, *, day: dt.date | None = None) -> QuerySet[Membership]:
    qs = Membership.objects.filter(user=user).select_related("unit")
    if day is not None:
        qs = qs.exclude(valid_from__gt=day).exclude(valid_to__lt=day)
    return qs


def unit_ids_with_role(
    user, roles: set[str] | None = None, *, day: dt.date | None = None
) -> set[int]:
    """Ids of units where `user` holds one of `roles` (any role when None)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    qs = memberships_of(user, day=day)
    if roles:
        qs = qs.filter(role__in=roles)
    return set(qs.values_list("unit_id", flat=True))


def subtree_ids(root_ids: set[int]) -> set[int]:
    """Ids of the given units and all their descendants (one query per tree level)."""
    found = set(root_ids)
    frontier = set(root_ids)
    while frontier:
        frontier = set(Unit.objects.filter(parent_id__in=frontier).values_list("id", flat=True))
        frontier -= found
        found |= frontier
    return found
