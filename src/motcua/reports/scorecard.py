"""The Decision 766 scorecard of units for a period, and their ranking (DOMAIN §9).

Indicators are measured on the `resolved` basis (the Decision's view) from the rollups, the
catalogue and the feedback register, for each unit's subtree; every unit of a ranking is
measured in a fixed number of queries (plus two per unit for 5.4's feedback count), and the
period and the one before it (the change of rank) are measured together: each table is read
once for both. A unit whose subtree is the whole tree reads the procedures' use from the
rollup without units (`VersionMonthlyRollup`). Points follow `scoring`; the formula is the
`ScorecardFormula` in force on the period's last day.
"""

import contextlib
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import Q
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
from .models import RANKED_KINDS, Basis, MonthlyRollup, ScorecardFormula, VersionMonthlyRollup
from .scope import descendants, visible_unit_ids, whole_tree_as_none
from .scoring import GroupScore, IndicatorScore, band_of, rank_change, ranks, total_points
from .stats import (
    _and,
    _as_date,
    _days_sql,
    _q,
    _select,
    _sum,
    _unit_rows,
    _units_sql,
    in_stretches,
    raw_figures,
    resolved_by_pair,
    rollup_sources,
    run_sql,
    segmented,
    whole_months,
)

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


def formula_for(period: Period, formulas: list[ScorecardFormula] | None = None) -> ScorecardFormula:
    """The formula in force on the period's last day; `formulas`: every formula, if read."""
    if formulas is None:
        formula = (
            ScorecardFormula.objects.filter(effective_from__lte=period.end)
            .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=period.end))
            .order_by("-effective_from")
            .first()
        )
    else:
        formula = next(
            (
                f
                for f in sorted(formulas, key=lambda f: f.effective_from, reverse=True)
                if f.effective_from <= period.end
                and (f.effective_to is None or f.effective_to >= period.end)
            ),
            None,
        )
    if formula is None:
        raise DomainError(
            "no_formula",
            _("Chưa có công thức Bộ chỉ số 766 áp dụng cho kỳ báo cáo này."),
            status=422,
        )
    return formula


# --- measuring ------------------------------------------------------------------------------


def _table(model) -> str:
    return _q(model._meta.db_table)


def _catalogues(periods: list[Period]) -> list[dict[int, dict]]:
    """Per period, the versions in force at some time in it, with what the indicators read
    (the catalogue read once for every period, written as SQL like the rollup reads). On
    PostgreSQL each version comes with the units receiving and resolving it as two arrays (one
    query); elsewhere those links are a second query."""
    start, end = min(p.start for p in periods), max(p.end for p in periods)
    in_force = "v.effective_from <= %s AND (v.effective_to IS NULL OR v.effective_to >= %s)"
    version = _table(ProcedureVersion)
    through = [
        _table(getattr(ProcedureVersion, name).through)
        for name in ("receiving_units", "resolving_units")
    ]
    exists = "EXISTS (SELECT 1 FROM {t} x WHERE x.version_id = v.id{more})"
    arrays = (
        connections[router.db_for_read(ProcedureVersion) or DEFAULT_DB_ALIAS].vendor == "postgresql"
    )
    array = ", ARRAY(SELECT l.unit_id FROM {t} l WHERE l.procedureversion_id = v.id)"
    linked = "".join(array.format(t=t) for t in through)
    sql = (
        "SELECT v.id, v.procedure_id, v.name, v.effective_from, v.effective_to, v.applicants, "  # noqa: S608
        "v.committed_minutes, v.same_day, v.online_service, v.result_on_paper, "
        f"{exists.format(t=_table(ProcedureStep), more='')}, "
        f"{exists.format(t=_table(DossierPart), more='')}, "
        f"{exists.format(t=_table(Fee), more=' AND x.amount > 0')}"
        f"{linked if arrays else ''} FROM {version} v WHERE {in_force}"
    )
    versions = run_sql(ProcedureVersion, sql, [end, start])
    if not arrays:
        links: list[dict[int, list[int]]] = [defaultdict(list), defaultdict(list)]
        branches = [
            f"SELECT {i}, l.procedureversion_id, l.unit_id FROM {t} l "  # noqa: S608
            f"JOIN {version} v ON v.id = l.procedureversion_id WHERE {in_force}"
            for i, t in enumerate(through)
        ]
        for i, version_id, unit_id in run_sql(
            ProcedureVersion, " UNION ALL ".join(branches), [end, start, end, start]
        ):
            links[i][version_id].append(unit_id)
        versions = [(*row, links[0].get(row[0], []), links[1].get(row[0], [])) for row in versions]
    out: list[dict[int, dict]] = [{} for _p in periods]
    for row in versions:
        pk, procedure, name, since, until, applicants, committed, same_day, *more = row
        online, paper, has_steps, has_parts, has_fee, receiving, resolving = more
        since, until = _as_date(since), (None if until is None else _as_date(until))
        info = {
            "procedure": procedure,
            "effective_from": since,
            "units": {*receiving, *resolving},
            "complete": all(
                (
                    name.strip(),
                    has_steps,
                    receiving,
                    has_parts,
                    committed or same_day,
                    applicants.strip(),
                    resolving or receiving,
                )
            ),
            "online": online != OnlineService.NONE,
            "fee": bool(has_fee),
            "paper": bool(paper),
        }
        for catalogue, period in zip(out, periods, strict=True):
            if since <= period.end and (until is None or until >= period.start):
                catalogue[pk] = info
    return out


def _catalogue(period: Period) -> dict[int, dict]:
    """Versions in force at some time in the period, with what the indicators read."""
    return _catalogues([period])[0]


USAGE = {
    "paid": ("paid_online", Basis.RECEIVED),
    "resolved": ("resolved", Basis.RESOLVED),
    "e_result": ("e_result", Basis.RESOLVED),
}


def _version_usage(
    unit_ids: set[int] | None, periods: list[Period], *, whole: bool = False
) -> list[list[dict]]:
    """Per period, rows of {(receiving_unit_id, competent_unit_id,) version_id, paid,
    resolved, e_result}: online payments received, dossiers resolved and e-results per unit
    pair and version (`whole`: per version over the whole tree, `unit_ids` None). Periods of
    whole months are read in one query (each period's sums by `FILTER`)."""
    fields = ("version_id",) if whole else ("receiving_unit_id", "competent_unit_id", "version_id")
    basis = _q("basis")
    if not all(whole_months(p) for p in periods):
        sums = {
            name: _sum(_q(column), (f"{basis} = %s", [str(kind)]))
            for name, (column, kind) in USAGE.items()
        }
        return [
            [
                row
                for source in rollup_sources(period, whole=whole)
                for row in _select(source.model, fields, sums, source.where(unit_ids))
            ]
            for period in periods
        ]
    days = ((min(p.start for p in periods), max(p.end for p in periods)),)
    model = VersionMonthlyRollup if whole else MonthlyRollup
    sums = {name: _q(column) for name, (column, _kind) in USAGE.items()}
    where = _and(_units_sql(unit_ids), _days_sql(days))
    rows, spans = segmented(model, fields, sums, where, periods)
    aggregates = {
        f"p{i}_{name}": _sum(_q(name), in_stretches(kind, low, high))
        for i, (low, high) in enumerate(spans)
        for name, (_column, kind) in USAGE.items()
    }
    found = _select(model, fields, aggregates, ("", []), rows)
    return [
        [
            {**{f: row[f] for f in fields}, **{name: row[f"p{i}_{name}"] for name in USAGE}}
            for row in found
            if any(row[f"p{i}_{name}"] for name in USAGE)
        ]
        for i in range(len(periods))
    ]


def _feedback_rows(unit_ids: set[int], periods: list[Period]) -> list[list[dict]]:
    """Per period, the feedback sent to `unit_ids` in it (one query for every period)."""
    rows = list(
        Feedback.objects.filter(
            unit_id__in=unit_ids,
            sent_at__gte=day_start(min(p.start for p in periods)),
            sent_at__lt=max(p.end_instant for p in periods),
        )
        .exclude(status=FeedbackStatus.REFUSED)
        .values("unit_id", "answer_due", "answered_at", "sent_at")
    )
    return [
        [row for row in rows if day_start(p.start) <= row["sent_at"] < p.end_instant]
        for p in periods
    ]


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
    whole: bool = False,
) -> dict[str, tuple]:
    """(numerator, denominator, note) per indicator code for one unit's subtree (`whole`:
    the subtree is every unit). `usage`: the rows of the unit's pairs (`_version_usage`)."""
    f = figures
    mine = _procedures(catalogue, members)
    published = [
        info
        for info in catalogue.values()
        if info["units"] & members and period.contains(info["effective_from"])
    ]
    paid_procedures, paper_resolved, paper_e_result = set(), 0, 0
    for row in usage:  # the unit's own rows
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
            None if whole else members, period.start, period.end
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
    return score_periods(units, [(period, formula_for(period))], at=at)[0]


def score_periods(
    units: list[Unit], periods: list[tuple[Period, ScorecardFormula]], *, at: dt.datetime
) -> list[dict[int, UnitScore]]:
    """Scorecards of `units` (each over its subtree) for each (period, formula), every table
    read once for all the periods."""
    spans = [period for period, _formula in periods]
    children: dict[int | None, list[int]] = {}
    for row in _unit_rows():
        children.setdefault(row["parent_id"], []).append(row["pk"])
    every = {pk for kids in children.values() for pk in kids}
    members = {u.pk: descendants({u.pk}, children) for u in units}
    whole = {pk for pk, mine in members.items() if mine >= every}
    union = set().union(*members.values()) if members else set()
    scope = whole_tree_as_none(union, children)
    if all(whole_months(p) for p in spans):
        raws = resolved_by_pair(unit_ids=scope, periods=spans, at=at)
    else:
        raws = [
            raw_figures(unit_ids=scope, period=p, basis=Basis.RESOLVED, at=at, group="unit")
            for p in spans
        ]
    catalogues = _catalogues(spans)
    by_version = _version_usage(None, spans, whole=True) if whole else None
    by_pair = _version_usage(scope, spans) if len(whole) < len(units) else None
    feedback = _feedback_rows(union, spans)
    today = timezone.localdate(at)
    out = []
    for i, (period, formula) in enumerate(periods):
        scores = {}
        for unit in units:
            mine, is_whole = members[unit.pk], unit.pk in whole
            figures = Figures()
            for (receiving, competent), values in raws[i].items():
                if is_whole or receiving in mine or competent in mine:
                    figures.add(values)
            if is_whole:
                usage = by_version[i]
            else:
                usage = [
                    row
                    for row in by_pair[i]
                    if row["receiving_unit_id"] in mine or row["competent_unit_id"] in mine
                ]
            measured = measure(
                unit,
                mine,
                figures=figures,
                catalogue=catalogues[i],
                usage=usage,
                feedback_rows=feedback[i],
                period=period,
                today=today,
                whole=is_whole,
            )
            scores[unit.pk] = _score(unit, measured, formula, figures)
        out.append(scores)
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
    formulas = list(ScorecardFormula.objects.all())  # a few versions of the rules
    formula = formula_for(period, formulas)
    previous = period.previous()
    ranked = peers(unit, visible, period)
    periods = [(period, formula)]
    with contextlib.suppress(DomainError):  # no formula in force then: no previous ranks
        periods.append((previous, formula_for(previous, formulas)))
    scored = score_periods(ranked, periods, at=at)
    now, before = scored[0], (scored[1] if len(scored) > 1 else {})
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
