"""Reporting and approving actuals: who may, what is checked, and the history kept."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import DatabaseError, transaction

from motcua.core.errors import DomainError
from motcua.targets import services
from motcua.targets.models import TargetHistory
from motcua.targets.selectors import scorecard

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


def report(world, who="finance_officer", **kw):
    args = {"year": 2021, "value": "10,5", "source": "Báo cáo số 12/BC-UBND"} | kw
    return services.report_actual(actor=world[who], target=world["growth"], **args)


def test_a_responsible_unit_reports_and_a_leader_approves(world):
    actual = report(world)
    assert actual.status == "pending" and actual.value == Decimal("10.5")
    assert actual.reporting_unit == world["finance"]
    approved = services.approve_actual(actor=world["finance_leader"], actual=actual)
    assert approved.status == "approved"
    actions = list(TargetHistory.objects.values_list("action", flat=True))
    assert actions == ["report", "approve"]


def test_a_unit_that_is_not_responsible_cannot_report(world):
    with pytest.raises(DomainError) as refused:
        report(world, who="urban_officer")
    assert refused.value.status == 403
    assert refused.value.message == "Đơn vị của bạn không chịu trách nhiệm về chỉ tiêu này."
    assert not world["growth"].actuals.exists()


def test_a_leader_above_the_responsible_unit_may_report(world):
    assert report(world, who="chairman").reporting_unit == world["finance"]


def test_non_leaders_cannot_approve(world):
    actual = report(world)
    for who in ("finance_officer", "urban_officer"):
        with pytest.raises(DomainError) as refused:
            services.approve_actual(actor=world[who], actual=actual)
        assert refused.value.code == "not_leader"
    actual.refresh_from_db()
    assert actual.status == "pending"


def test_a_leader_of_an_unrelated_unit_cannot_approve(world):
    actual = report(world)
    with pytest.raises(DomainError) as refused:
        services.approve_actual(actor=world["urban_leader"], actual=actual)
    assert refused.value.code == "not_leader"


def test_the_reporter_cannot_approve_their_own_report(world):
    actual = report(world, who="chairman")
    with pytest.raises(DomainError) as refused:
        services.approve_actual(actor=world["chairman"], actual=actual)
    assert refused.value.code == "own_report"


def test_a_decision_is_taken_once(world):
    actual = report(world)
    services.approve_actual(actor=world["finance_leader"], actual=actual)
    with pytest.raises(DomainError) as refused:
        services.reject_actual(actor=world["chairman"], actual=actual, note="Sai")
    assert refused.value.status == 409


def test_rejection_needs_a_reason(world):
    actual = report(world)
    with pytest.raises(DomainError) as refused:
        services.reject_actual(actor=world["finance_leader"], actual=actual, note="")
    assert refused.value.code == "reason_required"


@pytest.mark.parametrize(
    ("kw", "code"),
    [
        ({"value": "mười"}, "value_invalid"),
        ({"value": ""}, "value_invalid"),
        ({"value": "1e30"}, "value_invalid"),
        ({"value": "NaN"}, "value_invalid"),
        ({"year": 2019}, "period_invalid"),
        ({"year": 2026}, "period_invalid"),
        ({"quarter": 5}, "period_invalid"),
        ({"year": "abc"}, "period_invalid"),
        ({"source": "  "}, "source_required"),
        ({"source": "x" * 301}, "source_too_long"),
        ({"note": "x" * 2001}, "note_too_long"),
    ],
)
def test_bad_reports_are_refused(world, kw, code):
    with pytest.raises(DomainError) as refused:
        report(world, **kw)
    assert refused.value.code == code
    assert not world["growth"].actuals.exists()


def test_a_future_year_cannot_be_reported(world):
    with pytest.raises(DomainError) as refused:
        report(world, year=2025, at=dt.datetime(2024, 6, 1, tzinfo=TZ))
    assert refused.value.code == "period_invalid"


def test_a_correction_is_a_new_report_and_the_latest_approved_counts(world):
    first = report(world, value="9")
    services.approve_actual(actor=world["finance_leader"], actual=first)
    second = report(world, value="11")
    row = scorecard(world["term"])[0].rows[0]
    assert row.latest == first  # the correction is still pending
    services.approve_actual(actor=world["finance_leader"], actual=second)
    row = scorecard(world["term"])[0].rows[0]
    assert row.latest == second
    assert row.goal == Decimal("10")  # the 2021 yearly goal
    assert row.percent == Decimal("110.00")
    assert row.status == "on_track"
    first.refresh_from_db()
    assert first.value == Decimal("9")  # nothing overwritten


def test_changing_a_goal_is_logged_with_old_and_new(world):
    services.change_goal(actor=world["chairman"], target=world["growth"], goal="15")
    entry = TargetHistory.objects.get(action="change_goal")
    assert entry.data == {"year": None, "old": "14.0000", "new": "15.0000"}
    with pytest.raises(DomainError):
        services.change_goal(actor=world["finance_officer"], target=world["growth"], goal="1")


def test_history_is_append_only(world):
    report(world)
    entry = TargetHistory.objects.get()
    with pytest.raises(DatabaseError), transaction.atomic():
        TargetHistory.objects.filter(pk=entry.pk).update(note="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        TargetHistory.objects.filter(pk=entry.pk).delete()


def test_a_target_below_goal_after_the_term_is_missed(world):
    actual = report(world, year=2025, value="12")
    services.approve_actual(actor=world["finance_leader"], actual=actual)
    row = scorecard(world["term"], today=dt.date(2026, 1, 10))[0].rows[0]
    assert row.status == "missed"
    row = scorecard(world["term"], today=dt.date(2025, 3, 1))[0].rows[0]
    assert row.status == "missed"  # the whole-year 2025 figure is final
