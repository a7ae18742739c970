"""Feedback deadlines: the Nth working day after the sending date, via the unit's calendar."""

import datetime as dt

import pytest

from motcua.feedback.deadlines import deadlines_from, nth_working_day_after, publish_deadline
from motcua.feedback.services import forward_feedback, send_feedback, submit_supplement
from motcua.workcalendar.clock import WorkingCalendar
from motcua.workcalendar.selectors import calendar_for

from .conftest import at

pytestmark = pytest.mark.django_db


def test_domain_example_sent_friday_before_the_april_holidays():
    due = deadlines_from(dt.date(2026, 4, 24), calendar_for(None))
    assert due.refuse == dt.date(2026, 4, 29)
    assert due.supplement == dt.date(2026, 5, 6)
    assert due.answer == dt.date(2026, 5, 20)


def test_tet_holiday_is_skipped():
    # Sent Fri 13/02/2026; 14–22/02 are off (Tết and the weekend).
    due = deadlines_from(dt.date(2026, 2, 13), calendar_for(None))
    assert due.refuse == dt.date(2026, 2, 24)
    assert due.supplement == dt.date(2026, 2, 27)
    assert due.answer == dt.date(2026, 3, 13)


def test_new_year_swap_and_makeup_saturday_come_from_the_calendar():
    # 02/01/2026 is off (swap) and Sat 10/01/2026 is worked.
    cal = calendar_for(None)
    assert nth_working_day_after(dt.date(2025, 12, 31), 1, cal) == dt.date(2026, 1, 5)
    assert nth_working_day_after(dt.date(2026, 1, 9), 1, cal) == dt.date(2026, 1, 10)


def test_sending_on_a_day_off_counts_from_the_next_working_days():
    # Sun 03/05/2026: 1st working day after is Mon 04/05.
    due = deadlines_from(dt.date(2026, 5, 3), calendar_for(None))
    assert due.refuse == dt.date(2026, 5, 5)


def test_publish_deadline_is_two_working_days_after_the_answer():
    assert publish_deadline(dt.date(2026, 4, 29), calendar_for(None)) == dt.date(2026, 5, 5)


def test_a_calendar_without_working_days_is_an_error():
    closed = WorkingCalendar.build(weekday_intervals={}, use_statutory_holidays=False)
    with pytest.raises(ValueError):
        nth_working_day_after(dt.date(2026, 1, 1), 2, closed)


def test_sent_feedback_carries_the_deadlines(tree):
    feedback = send_feedback(
        name="Nguyễn Văn A",
        phone="0912345678",
        title="Đèn đường hỏng",
        content="Đèn đường ngõ 12 hỏng.",
        unit_code="p-thu-vp",
        at=at(2026, 4, 24, 10),
    )
    assert (feedback.refuse_due, feedback.supplement_due, feedback.answer_due) == (
        dt.date(2026, 4, 29),
        dt.date(2026, 5, 6),
        dt.date(2026, 5, 20),
    )


def test_forwarding_restarts_the_deadlines_from_the_forwarding_day(tree, staff):
    feedback = send_feedback(
        name="Nguyễn Văn A",
        phone="0912345678",
        title="Lấn chiếm vỉa hè",
        content="Quán ăn lấn chiếm vỉa hè.",
        unit_code="p-thu-ubnd",
        at=at(2026, 3, 2),
    )
    moved = forward_feedback(
        actor=staff["chairman"], code=feedback.code, to_unit=tree["ktht"], at=at(2026, 3, 4)
    )
    assert moved.routed_on == dt.date(2026, 3, 4)
    assert moved.refuse_due == dt.date(2026, 3, 6)
    assert moved.answer_due == dt.date(2026, 3, 25)


def test_a_completed_supplement_restarts_the_answer_deadline(tree, staff):
    from motcua.feedback.services import request_supplement

    feedback = send_feedback(
        name="Trần B",
        phone="0987654321",
        title="Hồ sơ chậm",
        content="Hồ sơ của tôi bị chậm.",
        unit_code="p-thu-vp",
        at=at(2026, 3, 2),
    )
    request_supplement(
        actor=staff["vp_officer"], code=feedback.code, request="Mã hồ sơ?", at=at(2026, 3, 3)
    )
    done = submit_supplement(
        code=feedback.code, phone="0987654321", content="Mã hồ sơ là ...", at=at(2026, 3, 9)
    )
    assert done.status == "processing"
    assert done.answer_due == dt.date(2026, 3, 30)
