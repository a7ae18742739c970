"""The letterhead of a slip: signers' names (Vietnamese order) and the place of the date line."""

from django.conf import settings

from motcua.core.text import person_name  # noqa: F401  (re-exported for the slips)
from motcua.organization.models import Unit, UnitKind

# Printed in the date line when no province is found above the issuing unit.
DEFAULT_PLACE = "Hà Nội"
_PROVINCE_PREFIXES = ("Thành phố ", "thành phố ", "Tỉnh ", "tỉnh ", "TP. ", "TP ")


def place_of(unit: Unit | None) -> str:
    """The place of the date line: the province above `unit` (`Hà Nội`), else the default."""
    explicit = getattr(settings, "SLIP_PLACE", "")
    if explicit:
        return explicit
    seen = 0
    while unit is not None and seen < 6:
        if unit.kind == UnitKind.PROVINCE:
            name = unit.short_name or unit.name
            for prefix in _PROVINCE_PREFIXES:
                name = name.removeprefix(prefix)
            return name
        unit, seen = unit.parent, seen + 1
    return DEFAULT_PLACE
