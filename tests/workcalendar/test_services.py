"""Overrides are written by administrators only, validated, and announced after commit."""

import datetime as dt

import pytest

from motcua.core.errors import DomainError, PermissionDenied
from motcua.organization.models import Role
from motcua.workcalendar.clock import add_working_time, is_working_day
from motcua.workcalendar.models import CalendarOverride
from motcua.workcalendar.selectors import calendar_for
from motcua.workcalendar.services import add_override, change_override, remove_override
from tests.factories import MembershipFactory

from .conftest import local

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 3, 9)


def test_admin_membership_adds_an_override_announced_once_after_commit(
    admin_user, calendar_changes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        override = add_override(actor=admin_user, date=MONDAY, kind="off", name="  Nghỉ bão  ")
    assert override.name == "Nghỉ bão"
    assert calendar_changes == [(MONDAY, MONDAY, None)]
    assert not is_working_day(MONDAY, calendar_for(None))


def test_nothing_is_announced_when_the_transaction_rolls_back(
    admin_user, calendar_changes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        add_override(actor=admin_user, date=MONDAY, kind="off", name="Nghỉ bão")
    assert len(callbacks) == 1
    assert calendar_changes == []


def test_superuser_may_add_a_unit_make_up_day_with_its_own_hours(
    superuser, unit, calendar_changes, django_capture_on_commit_callbacks
):
    saturday = dt.date(2026, 3, 14)
    with django_capture_on_commit_callbacks(execute=True):
        add_override(
            actor=superuser,
            date=saturday,
            kind="working",
            name="Làm thêm tiếp nhận hồ sơ",
            unit=unit,
            intervals="07:30-11:30",
        )
    assert calendar_changes == [(saturday, saturday, unit.pk)]
    calendar = calendar_for(unit)
    assert add_working_time(local("13/03/2026 16:00"), 120, calendar) == local("14/03/2026 08:30")
    assert not is_working_day(saturday, calendar_for(None))


@pytest.mark.parametrize("role", [Role.ONE_STOP_OFFICER, Role.SPECIALIST, Role.UNIT_LEADER])
def test_non_administrators_are_refused(role, calendar_changes):
    actor = MembershipFactory(role=role).user
    with pytest.raises(PermissionDenied) as error:
        add_override(actor=actor, date=MONDAY, kind="off", name="Nghỉ")
    assert error.value.status == 403
    assert "quản trị" in error.value.message
    assert not CalendarOverride.objects.filter(date=MONDAY).exists()


def test_expired_admin_membership_is_refused():
    actor = MembershipFactory(role=Role.ADMIN, valid_to=dt.date(2020, 1, 1)).user
    with pytest.raises(PermissionDenied):
        add_override(actor=actor, date=MONDAY, kind="off", name="Nghỉ")


def test_officer_cannot_remove_an_override(officer):
    override = CalendarOverride.objects.get(date=dt.date(2026, 1, 2))
    with pytest.raises(PermissionDenied):
        remove_override(actor=officer, override=override)
    assert CalendarOverride.objects.filter(pk=override.pk).exists()


def test_anonymous_actor_is_refused():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        add_override(actor=AnonymousUser(), date=MONDAY, kind="off", name="Nghỉ")


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"date": "2026-03-09"}, "invalid_date"),
        ({"kind": "holiday"}, "invalid_kind"),
        ({"name": "   "}, "invalid_name"),
        ({"name": "x" * 201}, "invalid_name"),
        ({"intervals": "08:00-12:00"}, "invalid_intervals"),  # on a day off
        ({"kind": "working", "intervals": "12:00-08:00"}, "invalid_intervals"),
        ({"kind": "working", "intervals": "08:00-12:00, 11:00-13:00"}, "invalid_intervals"),
        ({"kind": "working", "intervals": "8h-12h"}, "invalid_intervals"),
        ({"kind": "working", "intervals": "08:00"}, "invalid_intervals"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(admin_user, kwargs, code):
    arguments = {"date": MONDAY, "kind": "off", "name": "Nghỉ"} | kwargs
    with pytest.raises(DomainError) as error:
        add_override(actor=admin_user, **arguments)
    assert error.value.code == code
    assert not CalendarOverride.objects.filter(name="Nghỉ").exists()


def test_a_second_override_for_the_same_date_and_scope_is_refused(admin_user, unit):
    add_override(actor=admin_user, date=MONDAY, kind="off", name="Nghỉ bão")
    with pytest.raises(DomainError) as error:
        add_override(actor=admin_user, date=MONDAY, kind="working", name="Làm việc")
    assert error.value.code == "duplicate_override"
    assert "09/03/2026" in error.value.message
    # The same date for one unit is a different scope.
    add_override(actor=admin_user, date=MONDAY, kind="off", name="Nghỉ bão", unit=unit)
    assert CalendarOverride.objects.filter(date=MONDAY).count() == 2


def test_removing_the_shipped_new_year_swap_restores_the_package_calendar(
    admin_user, calendar_changes, django_capture_on_commit_callbacks
):
    friday = dt.date(2026, 1, 2)
    assert not is_working_day(friday, calendar_for(None))
    with django_capture_on_commit_callbacks(execute=True):
        remove_override(actor=admin_user, override=CalendarOverride.objects.get(date=friday))
    assert is_working_day(friday, calendar_for(None))
    assert calendar_changes == [(friday, friday, None)]


def test_changing_an_override_announces_the_span_of_old_and_new_date(
    admin_user, calendar_changes, django_capture_on_commit_callbacks
):
    override = add_override(actor=admin_user, date=MONDAY, kind="off", name="Nghỉ bão")
    later = dt.date(2026, 3, 12)
    with django_capture_on_commit_callbacks(execute=True):
        change_override(
            actor=admin_user, override=override, date=later, kind="off", name="Nghỉ bão (dời)"
        )
    assert calendar_changes == [(MONDAY, later, None)]
    calendar = calendar_for(None)
    assert is_working_day(MONDAY, calendar)
    assert not is_working_day(later, calendar)


def test_changing_office_hours_is_announced_from_today_for_that_unit(
    admin_user, unit, calendar_changes, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from motcua.workcalendar.models import OfficeHours
    from motcua.workcalendar.services import OFFICE_HOURS_HORIZON, save_office_hours

    hours = OfficeHours(unit=unit, weekday=5, start=dt.time(8), end=dt.time(12))
    with django_capture_on_commit_callbacks(execute=True):
        save_office_hours(actor=admin_user, office_hours=hours)
    today = timezone.localdate()
    assert calendar_changes == [(today, today + OFFICE_HOURS_HORIZON, unit.pk)]
    assert is_working_day(dt.date(2026, 3, 14), calendar_for(unit))


def test_office_hours_are_validated_and_refused_to_non_administrators(admin_user, officer, unit):
    from motcua.workcalendar.models import OfficeHours
    from motcua.workcalendar.services import save_office_hours

    with pytest.raises(PermissionDenied):
        save_office_hours(
            actor=officer,
            office_hours=OfficeHours(unit=unit, weekday=5, start=dt.time(8), end=dt.time(12)),
        )
    with pytest.raises(DomainError) as error:
        save_office_hours(
            actor=admin_user,
            office_hours=OfficeHours(unit=None, weekday=0, start=dt.time(11), end=dt.time(14)),
        )
    assert error.value.code == "invalid_office_hours"
    assert "trùng" in error.value.message
    assert not OfficeHours.objects.filter(unit=unit).exists()
