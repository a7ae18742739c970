"""Writes to the catalogue. A change to a procedure is a new version, never an edit in place."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError

from .models import ProcedureVersion


@transaction.atomic
def publish_version(*, source: ProcedureVersion, effective_from: dt.date) -> ProcedureVersion:
    """Copy `source` (with parts, fees, steps, units) into a new version from `effective_from`.

    The version in force before it is closed the day before; dossiers keep their own version.
    """
    latest = (
        ProcedureVersion.objects.select_for_update()
        .filter(procedure_id=source.procedure_id)
        .order_by("-effective_from")
        .first()
    )
    if latest is not None and effective_from <= latest.effective_from:
        raise DomainError(
            "version_date",
            _("Ngày hiệu lực của phiên bản mới phải sau ngày %(day)s.")
            % {"day": latest.effective_from.strftime("%d/%m/%Y")},
        )
    parts, fees, steps = list(source.parts.all()), list(source.fees.all()), list(source.steps.all())
    receiving, resolving = list(source.receiving_units.all()), list(source.resolving_units.all())
    if latest is not None and (
        latest.effective_to is None or latest.effective_to >= effective_from
    ):
        latest.effective_to = effective_from - dt.timedelta(days=1)
        latest.save(update_fields=["effective_to"])

    new = ProcedureVersion.objects.get(pk=source.pk)
    new.pk = None
    new.number = (latest.number if latest else 0) + 1
    new.effective_from = effective_from
    new.effective_to = None
    new.save()
    new.receiving_units.set(receiving)
    new.resolving_units.set(resolving)
    for related in (*parts, *fees, *steps):
        related.pk = None
        related.version = new
        related.save()
    return new
