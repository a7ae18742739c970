"""The Decision 766 scorecard of units for a period, and their ranking (DOMAIN §9).

Indicators are measured on the `resolved` basis (the Decision's view) from the rollups, the
catalogue and the feedback register, for each unit's subtree; every unit of a ranking is
measured in a fixed number of queries (plus two per unit for 5.4's feedback count).
Points follow `scoring`; the formula is the `ScorecardFormula` in force on the period's
last day.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.catalog.models import DossierPart, Fee, OnlineService, ProcedureStep, ProcedureVersion
from motcua.core.errors import DomainError, NotFound
from motcua.feedback.models import Feedback, FeedbackStatus
from motcua.feedback.selectors import feedback_dissatisfaction
from motcua.organization.models import Unit

from .definitions import Figures, Period, day_start, parse_period
from .formula766 import GROUPS
from .models import RANKED_KINDS, Basis, ScorecardFormula
from .recount import unit_filter
from .scope import children_map, descendants, visible_unit_ids, whole_tree_as_none
from .scoring import GroupScore, IndicatorScore, band_of, rank_change, ranks, total_points
from .stats import raw_figures, rollup_sources

NOT_HELD = {
    "1.1": gettext_lazy("Hệ thống chưa lưu ngày quyết định công bố thủ tục."),
    "1.2": gettext_lazy("Hệ thống chưa lưu ngày công khai thủ tục trên Cơ sở dữ liệu quốc gia."),
    "4.5": gettext_lazy("Hệ thống chưa lưu việc dùng dữ liệu dân cư, tài khoản định danh điện tử."),
}


@dataclass
class UnitScore:
    unit: Unit
    groups: list[GroupScore]
    total: float | None
    band: dict | None
    rank: int | None = None
    previous_rank: int | None = None
    previous_total: float | None = None

    @property
    def rank_change(self) -> int | None:
        return rank_change(self.rank, self.previous_rank)

    def indicator(self, code: str) -> IndicatorScore | None:
        for group in self.groups:
            for item in group.indicators:
                if item.code == code:
                    return item
        return None


@dataclass
class ScorecardReport:
    period: Period
    previous: Period
    formula: ScorecardFormula
    unit: Unit
    score: UnitScore
    ranking: list[UnitScore] = field(default_factory=list)


def formula_for(period: Period) -> ScorecardFormula:
    formula = (
        ScorecardFormula.objects.filter(effective_from__lte=period.end)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=period.end))
        .order_by("-effective_from")
        .first()
    )
    if formula is None:
        raise DomainError(
            "no_formula",
            _("Chưa có công thức Bộ chỉ số 766 áp dụng cho kỳ báo cáo này."),
            status=422,
        )
    return formula


# --- measuring ------------------------------------------------------------------------------


def _unit_links(relation, version_ids) -> dict[int, set[int]]:
    """version id → unit ids of a many-to-many relation, as plain values (no Unit objects)."""
    through = relation.through
    out: dict[int, set[int]] = defaultdict(set)
    for version_id, unit_id in through.objects.filter(
        procedureversion_id__in=version_ids
    ).values_list("procedureversion_id", "unit_id"):
        out[version_id].add(unit_id)
    return out


def _catalogue(period: Period) -> dict[int, dict]:
    """Versions in force at some time in the period, with what the indicators read."""
    in_force = (
        ProcedureVersion.objects.filter(effective_from__lte=period.end)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=period.start))
        .values("pk")
    )
    versions = in_force.annotate(
        has_steps=Exists(ProcedureStep.objects.filter(version=OuterRef("pk"))),
        has_parts=Exists(DossierPart.objects.filter(version=OuterRef("pk"))),
        has_fee=Exists(Fee.objects.filter(version=OuterRef("pk"), amount__gt=0)),
    ).values(
        "pk",
        "procedure_id",
        "name",
        "effective_from",
        "applicants",
        "committed_minutes",
        "same_day",
        "online_service",
        "result_on_paper",
        "has_steps",
        "has_parts",
        "has_fee",
    )
    receiving_of = _unit_links(ProcedureVersion.receiving_units, in_force)
    resolving_of = _unit_links(ProcedureVersion.resolving_units, in_force)
    out = {}
    for v in versions:
        receiving = receiving_of.get(v["pk"], set())
        resolving = resolving_of.get(v["pk"], set())
        out[v["pk"]] = {
            "procedure": v["procedure_id"],
            "effective_from": v["effective_from"],
            "units": receiving | resolving,
            "complete": all(
                (
                    v["name"].strip(),
                    v["has_steps"],
                    receiving,
                    v["has_parts"],
                    v["committed_minutes"] or v["same_day"],
                    v["applicants"].strip(),
                    resolving or receiving,
                )
            ),
            "online": v["online_service"] != OnlineService.NONE,
            "fee": v["has_fee"],
            "paper": v["result_on_paper"],
        }
    return out


def _version_usage(unit_ids: set[int] | None, period: Period) -> list[dict]:
    rows = []
    for rollups in rollup_sources(unit_filter(unit_ids), period):
        rows += (
            rollups.values("receiving_unit_id", "competent_unit_id", "version_id")
            .order_by()
            .annotate(
                paid=Sum("paid_online", filter=Q(basis=Basis.RECEIVED)),
                resolved=Sum("resolved", filter=Q(basis=Basis.RESOLVED)),
                e_result=Sum("e_result", filter=Q(basis=Basis.RESOLVED)),
            )
        )
    return rows


def _feedback_rows(unit_ids: set[int], period: Period) -> list[dict]:
    return list(
        Feedback.objects.filter(
            unit_id__in=unit_ids,
            sent_at__gte=day_start(period.start),
            sent_at__lt=period.end_instant,
        )
        .exclude(status=FeedbackStatus.REFUSED)
        .values("unit_id", "answer_due", "answered_at")
    )


def _feedback_on_time(rows, members: set[int], period: Period, today: dt.date):
    """5.2: feedback sent in the period answered by its due date, or open and not yet due at
    the period's end (or today if earlier), ÷ all of it (refused feedback left out)."""
    judged_on = min(period.end, today)
    total = on_time = 0
    for row in rows:
        if row["unit_id"] not in members:
            continue
        total += 1
        answered = row["answered_at"]
        if answered is not None:
            on_time += timezone.localdate(answered) <= row["answer_due"]
        else:
            on_time += row["answer_due"] >= judged_on
    return on_time, total


def _procedures(catalogue: dict, members: set[int]) -> dict[int, dict]:
    """The unit's procedures: the latest version in force in the period, per procedure."""
    latest: dict[int, dict] = {}
    for info in catalogue.values():
        if info["units"] & members:
            kept = latest.get(info["procedure"])
            if kept is None or info["effective_from"] > kept["effective_from"]:
                latest[info["procedure"]] = info
    return latest


def measure(
    unit: Unit,
    members: set[int],
    *,
    figures: Figures,
    catalogue: dict,
    usage: list[dict],
    feedback_rows: list[dict],
    period: Period,
    today: dt.date,
) -> dict[str, tuple]:
    """(numerator, denominator, note) per indicator code for one unit's subtree."""
    f = figures
    mine = _procedures(catalogue, members)
    published = [
        info
        for info in catalogue.values()
        if info["units"] & members and period.contains(info["effective_from"])
    ]
    paid_procedures, paper_resolved, paper_e_result = set(), 0, 0
    for row in usage:
        if row["receiving_unit_id"] not in members and row["competent_unit_id"] not in members:
            continue
        info = catalogue.get(row["version_id"])
        if (row["paid"] or 0) and info is not None:
            paid_procedures.add(info["procedure"])
        if info is None or info["paper"]:
            paper_resolved += row["resolved"] or 0
            paper_e_result += row["e_result"] or 0
    fee_procedures = {p for p, info in mine.items() if info["fee"]}
    base = f.resolved + f.open_in_time + f.open_overdue
    unsatisfied = 0
    if base:
        unsatisfied = feedback_dissatisfaction(
            members, period.start, period.end
        ).dossiers_unsatisfied
    fb_on_time, fb_total = _feedback_on_time(feedback_rows, members, period, today)
    no_link = _("Chưa kết nối Cổng Dịch vụ công quốc gia: tính 100% theo quy ước.")
    return {
        "1.3": (sum(1 for i in published if i["complete"]), len(published), ""),
        "1.4": (f.received, f.received, no_link),
        "2.1": (f.early + f.on_time + f.open_in_time, base, ""),
        "3.1": (sum(1 for i in mine.values() if i["online"]), len(mine), ""),
        "3.3": (f.received_online, f.received, ""),
        "3.5": (len(fee_procedures & paid_procedures), len(fee_procedures), ""),
        "3.6": (f.paid_online, f.fee_bearing, ""),
        "4.1": (paper_e_result, paper_resolved, ""),
        "4.2": (
            f.digitised,
            f.received,
            _("Hồ sơ có thành phần được số hóa; kết quả điện tử tính ở chỉ số 4.1."),
        ),
        "4.3": (f.reused, f.received, ""),
        "5.2": (fb_on_time, fb_total, ""),
        "5.4": (max(base - f.late - f.open_overdue - unsatisfied, 0), base, ""),
    }


def _score(unit: Unit, measured: dict, formula: ScorecardFormula, figures: Figures) -> UnitScore:
    groups = {code: GroupScore(code, str(name), points) for code, (name, points) in GROUPS.items()}
    for item in formula.indicators:
        numerator, denominator, note = measured.get(item["code"], (None, None, ""))
        if item["code"] in NOT_HELD:
            note = str(NOT_HELD[item["code"]])
        indicator = IndicatorScore(
            code=item["code"],
            group=item["group"],
            name=item["name"],
            max_points=item["points"],
            threshold=item["threshold"],
            numerator=numerator,
            denominator=denominator,
            note=note,
        )
        if item["code"] == "2.2":
            indicator.value = figures.avg_processing_days
        group = groups.setdefault(item["group"], GroupScore(item["group"], item["group"], 0))
        group.indicators.append(indicator)
    maxima = defaultdict(float)
    for item in formula.indicators:
        maxima[item["group"]] += item["points"]
    for code, group in groups.items():
        group.max_points = maxima.get(code, 0)
    ordered = [groups[c] for c in sorted(groups)]
    total = total_points(ordered)
    return UnitScore(unit, ordered, total, band_of(total, formula.bands))


def score_units(units: list[Unit], period: Period, *, at: dt.datetime) -> dict[int, UnitScore]:
    """Scorecards of `units` (each over its subtree) for `period`."""
    formula = formula_for(period)
    children = children_map()
    members = {u.pk: descendants({u.pk}, children) for u in units}
    union = set().union(*members.values()) if members else set()
    scope = whole_tree_as_none(union, children)
    raw = raw_figures(unit_ids=scope, period=period, basis=Basis.RESOLVED, at=at, group="unit")
    catalogue = _catalogue(period)
    usage = _version_usage(scope, period)
    feedback_rows = _feedback_rows(union, period)
    today = timezone.localdate(at)
    out = {}
    for unit in units:
        mine = members[unit.pk]
        figures = Figures()
        for (receiving, competent), values in raw.items():
            if receiving in mine or competent in mine:
                figures.add(values)
        measured = measure(
            unit,
            mine,
            figures=figures,
            catalogue=catalogue,
            usage=usage,
            feedback_rows=feedback_rows,
            period=period,
            today=today,
        )
        out[unit.pk] = _score(unit, measured, formula, figures)
    return out


def peers(unit: Unit, visible: set[int] | None, period: Period) -> list[Unit]:
    """Units ranked with `unit`: the same kind, in the viewer's scope, existing in the period.
    Wards and communes are ranked together (the same level of government)."""
    kinds = {unit.kind}
    if unit.kind in ("ward", "commune"):
        kinds = {"ward", "commune"}
    if unit.kind not in RANKED_KINDS:
        return [unit]
    qs = Unit.objects.filter(kind__in=kinds).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=period.end),
        Q(valid_to__isnull=True) | Q(valid_to__gte=period.start),
    )
    if visible is not None:
        qs = qs.filter(pk__in=visible)
    found = list(qs.order_by("sort_name"))
    return found if any(u.pk == unit.pk for u in found) else [unit, *found]


def scorecard_report(
    user, *, period_text: str, unit_code: str | None, at: dt.datetime | None = None
) -> ScorecardReport:
    """The scorecard of `unit_code` (default: the viewer's top unit) and its ranking."""
    at = at or timezone.now()
    period = parse_period(period_text)
    visible = visible_unit_ids(user)
    unit = _unit(unit_code, visible)
    formula = formula_for(period)
    previous = period.previous()
    ranked = peers(unit, visible, period)
    now = score_units(ranked, period, at=at)
    try:
        before = score_units(ranked, previous, at=at)
    except DomainError:
        before = {}
    now_ranks = ranks({pk: s.total for pk, s in now.items()})
    before_ranks = ranks({pk: s.total for pk, s in before.items()})
    for pk, score in now.items():
        score.rank = now_ranks.get(pk)
        score.previous_rank = before_ranks.get(pk)
        score.previous_total = before[pk].total if pk in before else None
    ranking = sorted(
        now.values(),
        key=lambda s: (s.rank is None, s.rank or 0, s.unit.sort_name),
    )
    return ScorecardReport(period, previous, formula, unit, now[unit.pk], ranking)


def _unit(unit_code: str | None, visible: set[int] | None) -> Unit:
    if unit_code:
        unit = Unit.objects.filter(code=unit_code.strip()).first()
        if unit is None or (visible is not None and unit.pk not in visible):
            raise NotFound("unit_not_found", _("Không tìm thấy đơn vị."))
        return unit
    if visible is None:
        tops = Unit.objects.filter(parent__isnull=True)
    else:
        tops = Unit.objects.filter(pk__in=visible).exclude(parent_id__in=visible)
    found = list(tops.order_by("sort_name")[:2])
    if len(found) != 1:
        raise DomainError(
            "unit_required", _("Hãy chọn đơn vị cần xem Bộ chỉ số (tham số unit)."), status=422
        )
    return found[0]
