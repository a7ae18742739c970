"""Money as people type it: a whole number of đồng, `1250000`, `1.250.000`, `1 250 000`,
with or without `đ` / `VNĐ`; shown back as `1.250.000`, the way every page prints money."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

# Dots or spaces between groups of three digits, or no separator at all.
_GROUPED = re.compile(r"^\d{1,3}(?:([. ])\d{3})(?:\1\d{3})*$|^\d+$")
_CURRENCY = re.compile(r"\s*(?:đồng|đ|vnđ|vnd)\.?$", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def parse_money(text: str) -> int:
    """`1.250.000 đ` → 1250000; ValueError with the message to show otherwise."""
    value = _SPACES.sub(" ", str(text)).strip()
    value = _CURRENCY.sub("", value).strip()
    if value.startswith(("-", "−")):
        raise ValueError(_("Số tiền không được âm."))
    if re.search(r"\d,\d", value) or re.fullmatch(r"[\d.]*\.\d{1,2}", value):
        raise ValueError(_("Số tiền tính bằng đồng, không có phần lẻ, ví dụ 1.250.000."))
    if not _GROUPED.match(value):
        raise ValueError(_("Số tiền phải là số đồng, ví dụ 1.250.000 hoặc 1250000."))
    return int(re.sub(r"[. ]", "", value))


def format_amount(value) -> str:
    """1250000 → `1.250.000` (no currency: the label says đồng)."""
    return f"{int(value):,}".replace(",", ".")


class MoneyInput(forms.TextInput):
    """A text box, so `1.250.000` can be typed and shown; no `type=number`."""

    def __init__(self, attrs=None):
        defaults = {"inputmode": "numeric", "autocomplete": "off", "placeholder": "1.250.000"}
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return format_amount(value)
        return super().format_value(value)


class MoneyField(forms.IntegerField):
    """A whole number of đồng, never negative; `max_value` defaults to 10¹² đồng."""

    widget = MoneyInput

    def __init__(self, *, min_value=0, max_value=10**12, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        try:
            return parse_money(value)
        except ValueError as error:
            raise forms.ValidationError(str(error.args[0]), code="invalid") from None
