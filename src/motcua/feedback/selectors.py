"""Reads of feedback: worklists, the public answers, overdue items, statistics inputs and the
dissatisfaction counts the satisfaction figures use. Each runs a fixed number of queries."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from motcua.core.text import search_terms

from .access import visible_feedback
from .models import OPEN_STATUSES, Feedback, FeedbackEvent, FeedbackStatus

S = FeedbackStatus


def worklist(actor, *, status: str = "", q: str = "") -> QuerySet[Feedback]:
    qs = visible_feedback(actor).select_related("unit")
    if status in S.values:
        qs = qs.filter(status=status)
    elif status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    for term in search_terms(q):
        qs = qs.filter(Q(search_text__contains=term) | Q(code__icontains=term))
    return qs.order_by("answer_due", "sent_at") if status == "open" else qs.order_by("-sent_at")


def overdue(actor, *, today: dt.date | None = None) -> QuerySet[Feedback]:
    """Open feedback past a deadline: the answer's, or the refusal's while still untriaged."""
    today = today or timezone.localdate()
    return (
        visible_feedback(actor)
        .filter(status__in=OPEN_STATUSES)
        .filter(Q(answer_due__lt=today) | Q(status=S.RECEIVED, refuse_due__lt=today))
        .select_related("unit")
        .order_by("answer_due", "sent_at")
    )


def history(feedback: Feedback, *, public_only: bool = False) -> QuerySet[FeedbackEvent]:
    qs = feedback.events.select_related("actor", "from_unit", "to_unit", "actor_unit")
    if public_only:
        qs = qs.filter(public=True)
    return qs.prefetch_related("attachments").order_by("at", "pk")


def published(q: str = "") -> QuerySet[Feedback]:
    """Published answers matching every word of `q`, with or without diacritics."""
    qs = Feedback.objects.filter(status=S.PUBLISHED).select_related("unit")
    for term in search_terms(q):
        qs = qs.filter(search_text__contains=term)
    return qs.order_by("-published_at")


@dataclass(frozen=True)
class Dissatisfaction:
    dossiers_with_feedback: int
    dossiers_with_dislike: int
    dossiers_unsatisfied: int  # with feedback or a disliked answer (DOMAIN §9, 5.4)


def feedback_dissatisfaction(
    unit_ids: Iterable[int] | None, date_from: dt.date, date_to: dt.date
) -> Dissatisfaction:
    """Dossiers of the given units (received or competent there; None: every unit) that
    drew feedback sent between the two local dates inclusive, and those whose published
    answer has more dislikes than likes. Two queries."""
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(date_from, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    qs = Feedback.objects.filter(dossier__isnull=False, sent_at__gte=start, sent_at__lt=end)
    if unit_ids is not None:
        ids = list(unit_ids)
        qs = qs.filter(
            Q(dossier__receiving_unit_id__in=ids) | Q(dossier__competent_unit_id__in=ids)
        )
    with_feedback = set(qs.values_list("dossier_id", flat=True))
    disliked = set(
        qs.filter(status=S.PUBLISHED, dislikes__gt=F("likes")).values_list("dossier_id", flat=True)
    )
    return Dissatisfaction(
        dossiers_with_feedback=len(with_feedback),
        dossiers_with_dislike=len(disliked),
        dossiers_unsatisfied=len(with_feedback | disliked),
    )


def period_feedback(actor, date_from: dt.date, date_to: dt.date, unit_ids=None):
    """Feedback sent between the local dates inclusive, visible to `actor`, as rows."""
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(date_from, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    qs = visible_feedback(actor).filter(sent_at__gte=start, sent_at__lt=end)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=list(unit_ids))
    return qs.select_related("unit").only(
        "code",
        "status",
        "subject_kind",
        "sent_at",
        "answer_due",
        "refuse_due",
        "answered_at",
        "refused_at",
        "unit__name",
        "unit__sort_name",
        "likes",
        "dislikes",
    )


def status_counts(actor) -> dict[str, int]:
    rows = visible_feedback(actor).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}
