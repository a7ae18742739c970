"""Reads of the catalogue: the versions in force on a day, search, and one procedure in full."""

import datetime as dt
import functools

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet

from motcua.core.text import search_terms
from motcua.organization.models import Unit

from .models import OnlineService, Procedure, ProcedureStep, ProcedureVersion

SERVICE_LEVELS = {"full_online", "partial_online", "none", "online"}


def versions_in_force(day: dt.date) -> QuerySet[ProcedureVersion]:
    return ProcedureVersion.objects.filter(effective_from__lte=day).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=day)
    )


@functools.cache
def _intake_version_sql() -> str:
    q = connection.ops.quote_name  # PostgreSQL and SQLite quote alike
    version, procedure = ProcedureVersion._meta, Procedure._meta
    receiving = q(ProcedureVersion.receiving_units.through._meta.db_table)
    resolving = q(ProcedureVersion.resolving_units.through._meta.db_table)
    columns = ", ".join(f"v.{q(f.column)}" for f in version.concrete_fields)
    # The rows of `versions_in_force(day).filter(procedure__code=…)`, latest first.
    return (
        f"SELECT {columns}, p.code AS intake_procedure_code, "  # noqa: S608 (model names only)
        f"EXISTS (SELECT 1 FROM {receiving} r WHERE r.procedureversion_id = v.id "
        f"AND r.unit_id = %s) AS intake_receives, "
        f"(SELECT s.unit_id FROM {resolving} s WHERE s.procedureversion_id = v.id "
        f"ORDER BY s.unit_id LIMIT 1) AS intake_competent_id "
        f"FROM {q(version.db_table)} v INNER JOIN {q(procedure.db_table)} p "
        f"ON p.id = v.procedure_id WHERE p.code = %s AND v.effective_from <= %s "
        f"AND (v.effective_to IS NULL OR v.effective_to >= %s) "
        f"ORDER BY v.effective_from DESC LIMIT 1"
    )


def version_for_intake(
    procedure_code: str, day: dt.date, unit_id: int
) -> tuple[ProcedureVersion, bool, int | None] | None:
    """The version of `procedure_code` in force on `day` with its procedure, whether unit
    `unit_id` receives it, and the id of its first resolving unit (None: it names none).

    What `versions_in_force(day).filter(procedure__code=…).select_related("procedure")`,
    `receiving_units.filter(pk=unit_id).exists()` and `resolving_units.order_by("id").first()`
    say, in one plain query: the desk intake asks it for every dossier, and the ORM's
    compiling of those three queries cost more than running them.
    """
    rows = list(
        ProcedureVersion.objects.raw(_intake_version_sql(), [unit_id, procedure_code, day, day])
    )
    if not rows:
        return None
    version = rows[0]
    version.procedure = Procedure.from_db(
        version._state.db, ["id", "code"], [version.procedure_id, version.intake_procedure_code]
    )
    receives, competent_id = bool(version.intake_receives), version.intake_competent_id
    for name in ("intake_procedure_code", "intake_receives", "intake_competent_id"):
        delattr(version, name)
    return version, receives, competent_id


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
