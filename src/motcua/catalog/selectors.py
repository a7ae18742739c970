"""Reads of the catalogue: the versions in force on a day, search, and one procedure in full."""

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet

from motcua.core.text import search_terms
from motcua.organization.models import Unit

from .models import OnlineService, ProcedureStep, ProcedureVersion

SERVICE_LEVELS = {"full_online", "partial_online", "none", "online"}


def versions_in_force(day: dt.date) -> QuerySet[ProcedureVersion]:
    return ProcedureVersion.objects.filter(effective_from__lte=day).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=day)
    )


def search_procedures(
    *,
    day: dt.date,
    q: str | None = None,
    field: str | None = None,
    unit: str | None = None,
    level: str | None = None,
) -> QuerySet[ProcedureVersion]:
    """Procedures in force on `day` matching every word of `q`, with or without diacritics.

    `level` is an online service level: `full_online`, `partial_online`, `none`, or `online`
    (either of the two online ones); an unknown value matches nothing.
    """
    qs = versions_in_force(day)
    for term in search_terms(q):
        qs = qs.filter(search_text__contains=term)
    if field:
        qs = qs.filter(field__code=field)
    if unit:
        qs = qs.filter(receiving_units__code=unit)
    if level:
        if level == "online":
            qs = qs.exclude(online_service=OnlineService.NONE)
        elif level in SERVICE_LEVELS:
            qs = qs.filter(online_service=level)
        else:
            qs = qs.none()
    return (
        qs.select_related("procedure", "field")
        .prefetch_related(Prefetch("receiving_units", queryset=Unit.objects.only("id", "code")))
        .order_by("sort_name", "procedure__code")
        .distinct()
    )


def procedure_in_force(code: str, day: dt.date) -> ProcedureVersion | None:
    """One procedure as in force on `day`, with its parts, fees, steps and units prefetched."""
    return (
        versions_in_force(day)
        .filter(procedure__code=code)
        .select_related("procedure", "field")
        .prefetch_related(
            "parts",
            "fees",
            Prefetch("steps", queryset=ProcedureStep.objects.select_related("unit")),
            "receiving_units",
            "resolving_units",
        )
        .first()
    )
