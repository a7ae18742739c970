"""The dossiers behind one number of the dashboard: the same definitions as the rollups,
applied to `DossierFact` rows (indexed by day), then read from the dossiers themselves."""

import datetime as dt

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core.errors import DomainError
from motcua.dossiers.models import Channel, Dossier

from .definitions import Period
from .models import Basis, DossierFact, FinalState
from .recount import unit_filter

MEASURES = {
    "received": gettext_lazy("Hồ sơ tiếp nhận"),
    "online": gettext_lazy("Hồ sơ tiếp nhận trực tuyến"),
    "refused": gettext_lazy("Hồ sơ bị từ chối tiếp nhận"),
    "resolved": gettext_lazy("Hồ sơ đã giải quyết"),
    "early": gettext_lazy("Hồ sơ giải quyết trước hạn"),
    "on_time": gettext_lazy("Hồ sơ giải quyết đúng hạn"),
    "late": gettext_lazy("Hồ sơ giải quyết quá hạn"),
    "withdrawn": gettext_lazy("Hồ sơ rút"),
    "stopped": gettext_lazy("Hồ sơ dừng xử lý"),
    "open_in_time": gettext_lazy("Hồ sơ đang giải quyết trong hạn"),
    "open_overdue": gettext_lazy("Hồ sơ đang giải quyết quá hạn"),
}
_FINISH = {
    "resolved": Q(final_state=FinalState.RESOLVED),
    "early": Q(final_state=FinalState.RESOLVED, outcome="early"),
    "on_time": Q(final_state=FinalState.RESOLVED, outcome="on_time"),
    "late": Q(final_state=FinalState.RESOLVED, outcome="late"),
    "withdrawn": Q(final_state=FinalState.WITHDRAWN),
    "stopped": Q(final_state=FinalState.STOPPED),
}


def check_measure(measure: str | None) -> str:
    measure = (measure or "").strip()
    if measure not in MEASURES:
        raise DomainError("bad_measure", _("Không rõ số liệu cần xem chi tiết."), status=422)
    return measure


def _overdue(at: dt.datetime) -> Q:
    paused = Q(paused_since__isnull=False, paused_since__lte=at)
    return (paused & Q(paused_since__gt=F("due_at"))) | (~paused & Q(due_at__lt=at))


def fact_filter(measure: str, *, period: Period, basis: str, at: dt.datetime) -> Q:
    """Which facts make up `measure` for the period (as `stats.raw_figures` counts them)."""
    received_in = Q(received_day__gte=period.start, received_day__lte=period.end)
    if measure == "received":
        return received_in
    if measure == "online":
        return received_in & Q(channel=Channel.ONLINE)
    if measure == "refused":
        return Q(refused_day__gte=period.start, refused_day__lte=period.end)
    if measure in _FINISH:
        if basis == Basis.RESOLVED:
            return Q(finish_day__gte=period.start, finish_day__lte=period.end) & _FINISH[measure]
        return received_in & Q(finish_day__isnull=False) & _FINISH[measure]
    if basis == Basis.RESOLVED:
        at = min(period.end_instant, at)
        base = Q(received_day__lte=period.end, received_day__isnull=False) & (
            Q(finish_day__isnull=True) | Q(finish_day__gt=period.end)
        )
        base &= ~Q(final_state=FinalState.REFUSED)
    else:
        base = received_in & Q(finish_day__isnull=True)
    overdue = _overdue(at)
    return base & (overdue if measure == "open_overdue" else ~overdue)


def drilldown(
    *,
    unit_ids: set[int] | None,
    period: Period,
    basis: str,
    at: dt.datetime,
    measure: str,
    field_code: str = "",
    procedure_code: str = "",
) -> QuerySet[Dossier]:
    """The dossiers counted in one cell, newest receipt first."""
    facts = DossierFact.objects.filter(
        unit_filter(unit_ids), fact_filter(measure, period=period, basis=basis, at=at)
    )
    if field_code:
        facts = facts.filter(version__field__code=field_code)
    if procedure_code:
        facts = facts.filter(version__procedure__code=procedure_code)
    return (
        Dossier.objects.filter(pk__in=facts.values("dossier_id"))
        .select_related("procedure_version")
        .only(
            "code",
            "applicant_name",
            "received_at",
            "submitted_at",
            "due_at",
            "finished_at",
            "outcome",
            "status",
            "procedure_version__name",
        )
        .order_by("-received_at", "-pk")
    )
