"""Reads of the construction-order register; each has a fixed number of queries."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Prefetch, Q, QuerySet

from motcua.core.text import search_terms

from .models import (
    ConstructionEvent,
    ConstructionSite,
    Inspection,
    InspectionPhoto,
    Violation,
    ViolationStatus,
)
from .scope import WardScope


def sites(
    scope: WardScope,
    *,
    ward_id: int | None = None,
    status: str = "",
    query: str = "",
    unlicensed: bool = False,
) -> QuerySet[ConstructionSite]:
    """Sites in the reader's wards, newest first, with ward and open-violation counts."""
    qs = ConstructionSite.objects.filter(ward_id__in=scope.view).select_related(
        "ward", "permit_dossier"
    )
    if ward_id is not None:
        qs = qs.filter(ward_id=ward_id)
    if status:
        qs = qs.filter(status=status)
    if unlicensed:
        qs = qs.filter(permit_number="", permit_dossier__isnull=True)
    for term in search_terms(query):
        qs = qs.filter(search_text__contains=term)
    return qs.annotate(
        open_violations=Count(
            "violations",
            filter=Q(violations__status__in=[ViolationStatus.RECORDED, ViolationStatus.DECIDED]),
        )
    ).order_by("-created_at", "-id")


def site_detail(scope: WardScope, pk: int) -> ConstructionSite | None:
    """One site with its inspections (and photos), violations and history: five queries."""
    return (
        ConstructionSite.objects.filter(ward_id__in=scope.view, pk=pk)
        .select_related("ward", "permit_dossier")
        .prefetch_related(
            Prefetch(
                "inspections",
                queryset=Inspection.objects.order_by("planned_on", "id").prefetch_related(
                    Prefetch("photos", queryset=InspectionPhoto.objects.order_by("id"))
                ),
            ),
            Prefetch("violations", queryset=Violation.objects.order_by("found_on", "id")),
            Prefetch(
                "events",
                queryset=ConstructionEvent.objects.select_related("actor").order_by("at", "id"),
            ),
        )
        .first()
    )


def overdue_inspections(
    scope: WardScope, *, today: dt.date, ward_id: int | None = None
) -> QuerySet[Inspection]:
    """Inspections whose planned date has passed without being done, oldest first."""
    qs = Inspection.objects.filter(
        site__ward_id__in=scope.view, done_on__isnull=True, planned_on__lt=today
    ).select_related("site__ward")
    if ward_id is not None:
        qs = qs.filter(site__ward_id=ward_id)
    return qs.order_by("planned_on", "id")


def late_inspections(scope: WardScope, *, ward_id: int | None = None) -> QuerySet[Inspection]:
    """Inspections done after their planned date."""
    qs = Inspection.objects.filter(
        site__ward_id__in=scope.view, done_on__isnull=False, done_on__gt=F("planned_on")
    ).select_related("site__ward")
    if ward_id is not None:
        qs = qs.filter(site__ward_id=ward_id)
    return qs.order_by("-done_on", "id")


def violations(
    scope: WardScope,
    *,
    today: dt.date,
    ward_id: int | None = None,
    status: str = "",
    kind: str = "",
    overdue_only: bool = False,
) -> QuerySet[Violation]:
    """Violations in the reader's wards; `overdue_only`: decided, remedy deadline passed, not
    yet remedied or enforced."""
    qs = Violation.objects.filter(site__ward_id__in=scope.view).select_related("site__ward")
    if ward_id is not None:
        qs = qs.filter(site__ward_id=ward_id)
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if overdue_only:
        qs = qs.filter(status=ViolationStatus.DECIDED, remedy_due__lt=today)
    return qs.order_by("-found_on", "-id")


def is_overdue(violation: Violation, today: dt.date) -> bool:
    return (
        violation.status == ViolationStatus.DECIDED
        and violation.remedy_due is not None
        and violation.remedy_due < today
    )
