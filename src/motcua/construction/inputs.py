"""Checks on values handed to the urban registers' services (they may come from a form, the API
or a script): right type, right length, NFC text; refusals carry a Vietnamese message."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from motcua.core.errors import DomainError
from motcua.core.text import nfc
from motcua.dossiers.lifecycle import normalise_phone


def text(value, *, field: str, label: str, max_length: int, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DomainError(field, _("%(label)s phải là chữ.") % {"label": label})
    cleaned = nfc(value)
    if required and not cleaned:
        raise DomainError(field, _("Phải nhập %(label)s.") % {"label": label.lower()})
    if len(cleaned) > max_length:
        raise DomainError(
            field,
            _("%(label)s dài quá %(n)d ký tự.") % {"label": label, "n": max_length},
        )
    return cleaned


def phone(value, *, field: str, label: str) -> str:
    """An optional phone number, kept without spaces or dots: 8–15 digits, maybe after a +."""
    cleaned = normalise_phone(text(value, field=field, label=label, max_length=20))
    digits = cleaned.removeprefix("+")
    if cleaned and not (digits.isdigit() and digits.isascii() and 8 <= len(digits) <= 15):
        raise DomainError(
            field,
            _("%(label)s không hợp lệ (8–15 chữ số, có thể bắt đầu bằng +).") % {"label": label},
        )
    return cleaned


def choice(value, *, field: str, label: str, choices) -> str:
    if not isinstance(value, str) or value not in choices.values:
        raise DomainError(field, _("%(label)s không hợp lệ.") % {"label": label})
    return value


def date(value, *, field: str, label: str, required: bool = True) -> dt.date | None:
    if value is None or value == "":
        if required:
            raise DomainError(field, _("Phải nhập %(label)s.") % {"label": label.lower()})
        return None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise DomainError(field, _("%(label)s phải là một ngày.") % {"label": label})
    if not dt.date(1900, 1, 1) <= value <= dt.date(2200, 12, 31):
        raise DomainError(field, _("%(label)s nằm ngoài khoảng cho phép.") % {"label": label})
    return value


def integer(
    value,
    *,
    field: str,
    label: str,
    minimum: int = 0,
    maximum: int = 2**31 - 1,
    required: bool = False,
) -> int | None:
    if value is None or value == "":
        if required:
            raise DomainError(field, _("Phải nhập %(label)s.") % {"label": label.lower()})
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError(field, _("%(label)s phải là số nguyên.") % {"label": label})
    if value < minimum:
        raise DomainError(
            field, _("%(label)s không được nhỏ hơn %(n)s.") % {"label": label, "n": minimum}
        )
    if value > maximum:
        raise DomainError(
            field, _("%(label)s không được lớn hơn %(n)s.") % {"label": label, "n": maximum}
        )
    return value
