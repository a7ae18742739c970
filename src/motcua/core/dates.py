"""Dates as people type them: dd/mm/yyyy (d/m/yyyy too), and ISO YYYY-MM-DD for links.

Every screen shows and takes dd/mm/yyyy whatever the browser's locale; ISO stays accepted
so that bookmarks, drill-down links and exports built with ISO dates keep working.
"""

import datetime as dt
import re

from django import forms
from django.utils.translation import gettext as _

from .errors import DomainError
from .widgets import DateInput

_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_date(text: str | None, *, label: str = "") -> dt.date:
    """`text` as a date; a refusal people can read (`DomainError`, HTTP 400) otherwise."""
    text = (text or "").strip()
    match = _DAY_MONTH_YEAR.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise DomainError("bad_date", shape_message(label))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DomainError("bad_date", impossible_message(text, label)) from None


def shape_message(label: str = "") -> str:
    if label:
        return _("%(label)s phải có dạng dd/mm/yyyy, ví dụ 31/12/2026.") % {"label": label}
    return _("Ngày phải có dạng dd/mm/yyyy, ví dụ 31/12/2026.")


def impossible_message(text: str, label: str = "") -> str:
    if label:
        return _("%(label)s: ngày %(text)s không tồn tại.") % {"label": label, "text": text}
    return _("Ngày %(text)s không tồn tại.") % {"text": text}


class DateField(forms.DateField):
    """A form date typed as dd/mm/yyyy (or ISO); its refusals say what was wrong."""

    widget = DateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(str(value))
        except DomainError as error:
            raise forms.ValidationError(error.message, code="invalid") from None
