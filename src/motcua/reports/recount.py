"""Figures recounted straight from the dossiers, one by one (the definition, for checks)."""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, Subquery

from motcua.dossiers.models import Dossier, DossierEvent, DossierPartReceived
from motcua.workcalendar.selectors import calendar_for

from .definitions import Figures, Period, recount
from .facts import processing_minutes
from .ratings import rating_score_expression


def annotated(qs=None):
    """Dossiers with what the statistics read from their events, parts and ratings."""
    qs = Dossier.objects.all() if qs is None else qs
    refused_at = (
        DossierEvent.objects.filter(dossier=OuterRef("pk"), action="refuse")
        .order_by("seq")
        .values("at")[:1]
    )
    supplements = (
        DossierEvent.objects.filter(dossier=OuterRef("pk"), action="request_supplement")
        .order_by()
        .values("dossier")
        .annotate(n=Count("pk"))
        .values("n")
    )
    parts = DossierPartReceived.objects.filter(dossier=OuterRef("pk"))
    return qs.select_related("procedure_version", "receiving_unit").annotate(
        refused_at=Subquery(refused_at),
        supplement_count_raw=Subquery(supplements),
        has_digitised=Exists(parts.filter(digitised=True)),
        has_reused=Exists(parts.filter(reused=True)),
        rating_score=rating_score_expression(),
    )


def unit_filter(unit_ids: set[int] | None) -> Q:
    """A dossier belongs to a unit's figures when the unit received or resolves it."""
    if unit_ids is None:
        return Q()
    return Q(receiving_unit_id__in=unit_ids) | Q(competent_unit_id__in=unit_ids)


def recount_figures(
    *, unit_ids: set[int] | None, period: Period, basis: str, at: dt.datetime, qs=None
) -> Figures:
    dossiers = list(annotated(qs).filter(unit_filter(unit_ids)))
    for d in dossiers:
        d.supplement_count = d.supplement_count_raw or 0
    calendars: dict = {}

    def minutes(d):
        if d.receiving_unit_id not in calendars:
            calendars[d.receiving_unit_id] = calendar_for(d.receiving_unit)
        return processing_minutes(d, calendars[d.receiving_unit_id])

    return recount(dossiers, period=period, basis=basis, at=at, processing_minutes=minutes)
