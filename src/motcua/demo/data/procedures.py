"""The catalogue of the demo: every group of procedures, in the order they are loaded."""

from . import procedures_economy, procedures_justice, procedures_social, procedures_urban
from .catalogue import Group

GROUPS: list[Group] = [
    *procedures_urban.GROUPS,
    *procedures_economy.GROUPS,
    *procedures_justice.GROUPS,
    *procedures_social.GROUPS,
]
