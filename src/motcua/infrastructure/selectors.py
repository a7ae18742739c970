"""Reads of the infrastructure register: the wards × kinds matrix (five queries) and a ward page."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from motcua.construction.scope import WardScope
from motcua.organization.models import Unit

from .models import Basis, Facility, FacilityKind, FacilityStatus, WardProfile, WardRequirement


@dataclass
class Cell:
    kind: FacilityKind
    required: int
    operating: int = 0
    building: int = 0
    planned: int = 0
    own_rule: bool = False  # the ward has its own required number

    @property
    def missing(self) -> int:
        """How many more must operate to meet the requirement."""
        return max(0, self.required - self.operating)

    @property
    def uncovered(self) -> int:
        """Missing even once what is under construction opens."""
        return max(0, self.missing - self.building)

    @property
    def state(self) -> str:
        if not self.missing:
            return "complete"
        if not self.uncovered:
            return "building"
        return "lack"


@dataclass
class Row:
    ward: Unit
    residential_groups: int | None
    cells: list[Cell] = field(default_factory=list)

    @property
    def lacking(self) -> list[Cell]:
        return [c for c in self.cells if c.missing]


@dataclass
class Matrix:
    kinds: list[FacilityKind]
    rows: list[Row]

    def missing_by_kind(self) -> list[int]:
        return [sum(row.cells[i].missing for row in self.rows) for i in range(len(self.kinds))]

    def building_by_kind(self) -> list[int]:
        return [sum(row.cells[i].building for row in self.rows) for i in range(len(self.kinds))]

    @property
    def wards_lacking(self) -> int:
        return sum(1 for row in self.rows if row.lacking)


def required(kind: FacilityKind, groups: int | None, override: int | None) -> int:
    if override is not None:
        return override
    if kind.basis == Basis.PER_RESIDENTIAL_GROUP:
        return kind.quantity * (groups or 0)
    return kind.quantity


def active_kinds() -> list[FacilityKind]:
    return list(FacilityKind.objects.filter(active=True).order_by("order", "name"))


def matrix(scope: WardScope, *, ward_ids: set[int] | None = None) -> Matrix:
    """Every visible ward (or those of `ward_ids`) against every active kind."""
    ids = set(scope.view) if ward_ids is None else set(ward_ids) & set(scope.view)
    wards = list(Unit.objects.filter(pk__in=ids).order_by("sort_name"))
    kinds = active_kinds()
    groups = dict(
        WardProfile.objects.filter(ward_id__in=ids).values_list("ward_id", "residential_groups")
    )
    overrides = {
        (w, k): q
        for w, k, q in WardRequirement.objects.filter(ward_id__in=ids).values_list(
            "ward_id", "kind_id", "quantity"
        )
    }
    counts: dict[tuple[int, int], dict] = defaultdict(dict)
    for item in (
        Facility.objects.filter(ward_id__in=ids, kind__active=True)
        .values("ward_id", "kind_id")
        .annotate(
            operating=Count("id", filter=Q(status=FacilityStatus.OPERATING)),
            building=Count("id", filter=Q(status=FacilityStatus.UNDER_CONSTRUCTION)),
            planned=Count("id", filter=Q(status=FacilityStatus.PLANNED)),
        )
    ):
        counts[(item["ward_id"], item["kind_id"])] = item
    rows = []
    for ward in wards:
        row = Row(ward=ward, residential_groups=groups.get(ward.pk))
        for kind in kinds:
            override = overrides.get((ward.pk, kind.pk))
            found = counts.get((ward.pk, kind.pk), {})
            row.cells.append(
                Cell(
                    kind=kind,
                    required=required(kind, groups.get(ward.pk), override),
                    operating=found.get("operating", 0),
                    building=found.get("building", 0),
                    planned=found.get("planned", 0),
                    own_rule=override is not None,
                )
            )
        rows.append(row)
    return Matrix(kinds=kinds, rows=rows)


def facilities(scope: WardScope, *, ward_id: int) -> QuerySet[Facility]:
    return (
        Facility.objects.filter(ward_id__in=scope.view, ward_id=ward_id)
        .select_related("kind")
        .order_by("kind__order", "kind__name", "name", "id")
    )
