import datetime as dt

import pytest

from motcua.organization.models import Role
from motcua.workcalendar.clock import TZ
from motcua.workcalendar.signals import calendar_changed
from tests.factories import MembershipFactory, UnitFactory, UserFactory


def local(text: str) -> dt.datetime:
    """A Vietnam-local instant from 'dd/mm/yyyy HH:MM'."""
    return dt.datetime.strptime(text, "%d/%m/%Y %H:%M").replace(tzinfo=TZ)


@pytest.fixture
def admin_user(db):
    return MembershipFactory(role=Role.ADMIN).user


@pytest.fixture
def admin_client_(client, admin_user):
    """The test client signed in as a unit administrator (the calendar's admin pages)."""
    client.force_login(admin_user)
    return client


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True)


@pytest.fixture
def officer(db):
    return MembershipFactory(role=Role.ONE_STOP_OFFICER).user


@pytest.fixture
def unit(db):
    return UnitFactory(code="phuong-my-dinh-1", name="Phường Mỹ Đình 1")


@pytest.fixture
def calendar_changes():
    """Every calendar_changed signal sent during the test, as (date_from, date_to, unit_id)."""
    received = []

    def receiver(sender, date_from, date_to, unit_id, **kwargs):
        received.append((date_from, date_to, unit_id))

    calendar_changed.connect(receiver, dispatch_uid="tests-calendar-changes")
    yield received
    calendar_changed.disconnect(dispatch_uid="tests-calendar-changes")
