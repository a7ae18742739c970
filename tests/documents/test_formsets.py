"""The form table: one row per slip kind and regime, read by every slip and the book."""

import datetime as dt

import pytest

from motcua.core.errors import DomainError
from motcua.documents.formsets import FORM_SETS, SLIP_KINDS, form_for
from motcua.documents.tracking import tracking_book


@pytest.mark.parametrize("regime", ["r2018", "r2025"])
def test_every_slip_kind_and_the_book_have_a_form_in_both_regimes(regime):
    for kind in (*SLIP_KINDS, "tracking_book"):
        assert (kind, regime) in FORM_SETS


def test_numbers_follow_circular_01_2018_and_circular_03_2025():
    numbers = {key: spec.number for key, spec in FORM_SETS.items()}

    assert numbers[("control_slip", "r2018")] == "05"
    assert numbers[("control_slip", "r2025")] == "06"
    assert numbers[("tracking_book", "r2018")] == "06"
    assert numbers[("tracking_book", "r2025")] == "07"
    assert numbers[("stop_notice", "r2025")] == "05"
    assert numbers[("stop_notice", "r2018")] == ""
    assert form_for("receipt_slip", "r2025").label == "Mẫu số 01"
    assert form_for("stop_notice", "r2018").label == ""


def test_slips_are_a5_portrait_and_the_book_a4_landscape_unless_a4_is_asked():
    assert form_for("receipt_slip", "r2018").page_size() == "A5"
    assert form_for("receipt_slip", "r2018").page_size("A4") == "A4"
    assert form_for("control_slip", "r2025").page_size() == "A5"
    assert form_for("tracking_book", "r2025").page_size() == "A4 landscape"


def test_unknown_kind_or_regime_is_refused():
    with pytest.raises(DomainError) as unknown:
        form_for("receipt_slip", "r1999")

    assert unknown.value.code == "unknown_slip"
    assert unknown.value.status == 404


def test_tracking_book_export_refuses_an_unknown_format(world):
    with pytest.raises(DomainError) as refused:
        tracking_book(world.desk, dt.date(2026, 3, 1), dt.date(2026, 3, 31), fmt="docx")

    assert refused.value.code == "unknown_format"
    assert "Định dạng" in refused.value.message
