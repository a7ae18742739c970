"""Where a feedback goes when the citizen names no unit, and units that replaced old ones."""

import datetime as dt

from django.conf import settings

from motcua.organization.models import Unit, UnitKind

# Kinds a citizen can address feedback to on the public form.
ADDRESSABLE_KINDS = (
    UnitKind.PEOPLES_COMMITTEE,
    UnitKind.DEPARTMENT,
    UnitKind.ONE_STOP_UNIT,
    UnitKind.SERVICE_CENTRE,
)


def current_successor(unit: Unit, day: dt.date) -> Unit:
    """`unit`, or the unit that took over its work if it no longer exists on `day`."""
    seen = set()
    while not unit.is_valid_on(day) and unit.successor_id and unit.pk not in seen:
        seen.add(unit.pk)
        unit = Unit.objects.get(pk=unit.successor_id)
    return unit


def default_unit(day: dt.date) -> Unit | None:
    """settings.FEEDBACK_DEFAULT_UNIT (a unit code) if set, else the highest people's
    committee in existence on `day` (ties by name)."""
    code = getattr(settings, "FEEDBACK_DEFAULT_UNIT", "")
    if code:
        unit = Unit.objects.valid_on(day).filter(code=code).first()
        if unit is not None:
            return unit
    committees = list(
        Unit.objects.valid_on(day)
        .filter(kind=UnitKind.PEOPLES_COMMITTEE)
        .select_related("parent__parent__parent")
    )
    if not committees:
        return None

    def depth(unit: Unit) -> int:
        level, parent = 0, unit.parent
        while parent is not None and level < 3:
            level, parent = level + 1, parent.parent
        return level

    return min(committees, key=lambda u: (depth(u), u.sort_name))


def addressable_units(day: dt.date):
    return Unit.objects.valid_on(day).filter(kind__in=ADDRESSABLE_KINDS).order_by("sort_name")
