"""Money typed as people write it: whole đồng, with dots, spaces or the currency."""

import pytest
from django import forms

from motcua.core.money import MoneyField


class Amount(forms.Form):
    amount = MoneyField(label="Số tiền", min_value=1)


@pytest.mark.parametrize(
    "typed",
    ["1250000", "1.250.000", "1 250 000", "1.250.000 đ", "1.250.000đ", "1.250.000 VNĐ",
     "1250000 vnd", " 1\u00a0250\u00a0000 ", "1.250.000 đồng"],
)  # fmt: skip
def test_an_amount_is_read_with_dots_spaces_or_the_currency(typed):
    form = Amount({"amount": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == 1_250_000


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-1.250.000", "Số tiền không được âm."),
        ("1250000,5", "không có phần lẻ"),
        ("1.250.000,00", "không có phần lẻ"),
        ("12.5", "không có phần lẻ"),
        ("nhiều", "Số tiền phải là số đồng"),
        ("1.25.000", "Số tiền phải là số đồng"),
        ("1.250 000", "Số tiền phải là số đồng"),
        ("12e5", "Số tiền phải là số đồng"),
        ("0", "1"),
    ],
)
def test_negatives_decimals_and_garbage_are_refused_in_vietnamese(typed, message):
    form = Amount({"amount": typed})
    assert not form.is_valid()
    assert message in form.errors["amount"][0]


def test_the_initial_amount_is_shown_with_dots():
    html = str(Amount(initial={"amount": 1_250_000})["amount"])
    assert 'value="1.250.000"' in html and 'type="text"' in html
    assert 'value="1.250.000 đ"' in str(Amount({"amount": "1.250.000 đ"})["amount"])
