"""Dates and instants the service can hold: years 1900–2999.

Python's dates reach year 1 and 9999, but a local midnight in year 1 or the day after
31/12/9999 cannot be computed, and PostgreSQL refuses offsets beyond ±15:59: such input is
answered with a clear refusal (HTTP 4xx), never a 500.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FIRST_YEAR, LAST_YEAR = 1900, 2999


def out_of_service_years_message() -> str:
    return _("Ngày phải nằm trong khoảng năm %(first)s đến %(last)s.") % {
        "first": FIRST_YEAR,
        "last": LAST_YEAR,
    }


def within_service_years(value: dt.date) -> None:
    """Form field validator (dates and date-times)."""
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(out_of_service_years_message(), code="out_of_range")
