"""Dates typed as dd/mm/yyyy (ISO from links too): the shared parser, field and widget."""

import datetime as dt

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from motcua.core.dates import DateField, parse_date
from motcua.core.errors import DomainError
from motcua.core.widgets import DateInput, DateTimeInput


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("03/12/2026", dt.date(2026, 12, 3)),
        ("3/12/2026", dt.date(2026, 12, 3)),
        ("1/3/2026", dt.date(2026, 3, 1)),
        (" 29/02/2028 ", dt.date(2028, 2, 29)),
        ("2026-12-03", dt.date(2026, 12, 3)),
    ],
)
def test_dd_mm_yyyy_and_iso_are_taken(typed, day):
    assert parse_date(typed) == day


@pytest.mark.parametrize(
    "typed", ["31/02/2026", "29/02/2026", "00/01/2026", "12/13/2026", "2026-02-30"]
)
def test_a_day_that_does_not_exist_is_refused_in_vietnamese(typed):
    with pytest.raises(DomainError) as refused:
        parse_date(typed, label="Từ ngày")
    assert refused.value.status == 400
    assert refused.value.message == f"Từ ngày: ngày {typed} không tồn tại."


@pytest.mark.parametrize(
    "typed", ["", "hôm nay", "03-12-2026", "03.12.2026", "3/12/26", "2026/12/03", "20261203"]
)
def test_anything_else_asks_for_dd_mm_yyyy(typed):
    with pytest.raises(DomainError) as refused:
        parse_date(typed)
    assert refused.value.code == "bad_date"
    assert refused.value.message == "Ngày phải có dạng dd/mm/yyyy, ví dụ 31/12/2026."


def test_the_refusal_is_english_on_english_pages():
    with translation.override("en"), pytest.raises(DomainError) as refused:
        parse_date("31/02/2026")
    assert refused.value.message == "The date 31/02/2026 does not exist."


class Sample(forms.Form):
    day = DateField(label="Ngày ký", required=False)


@pytest.mark.parametrize("typed", ["05/03/2026", "5/3/2026", "2026-03-05"])
def test_the_form_field_takes_dd_mm_yyyy_and_iso(typed):
    form = Sample({"day": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == dt.date(2026, 3, 5)


def test_the_form_field_refuses_a_bad_day_and_shows_what_was_typed():
    form = Sample({"day": "31/02/2026"})
    assert not form.is_valid()
    assert form.errors["day"] == ["Ngày 31/02/2026 không tồn tại."]
    assert 'value="31/02/2026"' in str(form["day"])


def test_the_widget_is_a_dd_mm_yyyy_text_box_with_the_calendar_hook():
    html = DateInput().render("day", dt.date(2026, 3, 5))
    assert 'type="text"' in html and 'type="date"' not in html
    assert 'value="05/03/2026"' in html
    assert "inputmode" not in html  # a digit pad has no "/"
    for attribute in (
        'placeholder="dd/mm/yyyy"',
        'autocomplete="off"',
        'maxlength="10"',
        "data-datepicker",
        'pattern="',
    ):
        assert attribute in html


def test_the_widget_keeps_the_dd_mm_yyyy_value_on_english_pages():
    with translation.override("en"):
        assert 'value="05/03/2026"' in Sample(initial={"day": dt.date(2026, 3, 5)}).as_p()


def test_hand_written_filters_draw_the_same_field():
    html = Template('{% load motcua %}{% date_input "from" day %}').render(
        Context({"day": dt.date(2026, 3, 1)})
    )
    assert html == DateInput().render("from", dt.date(2026, 3, 1))
    assert 'name="from"' in html and 'value="01/03/2026"' in html


def test_the_date_and_time_widget_shows_dd_mm_yyyy_hh_mm():
    html = DateTimeInput().render("at", dt.datetime(2026, 3, 20, 17, 0))
    assert 'type="text"' in html and 'value="20/03/2026 17:00"' in html
    assert 'placeholder="dd/mm/yyyy hh:mm"' in html and 'data-datepicker="datetime"' in html
