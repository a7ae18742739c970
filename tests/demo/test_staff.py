"""Demo accounts: every role has people, in the current wards and in the historical district."""

import datetime as dt

import pytest

from motcua.organization.models import Membership, Role

pytestmark = pytest.mark.django_db

IN_2020 = dt.date(2020, 6, 1)
TODAY = dt.date(2026, 3, 10)


def roles_on(day, **unit_filter):
    memberships = Membership.objects.filter(**unit_filter).select_related("unit")
    return {
        m.role
        for m in memberships
        if m.unit.is_valid_on(day)
        and (m.valid_from is None or m.valid_from <= day)
        and (m.valid_to is None or day <= m.valid_to)
    }


def test_every_role_has_a_demo_account(demo):
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)


def test_phuong_tu_liem_has_every_working_role_today(demo):
    working = set(Role.values) - {Role.ADMIN}
    assert roles_on(TODAY, unit__code__startswith="p-tu-liem") >= working
    assert roles_on(TODAY, unit__code__startswith="p-xuan-phuong-moi") >= working


def test_the_historical_district_has_people_in_2020_and_none_today(demo):
    working = set(Role.values) - {Role.ADMIN}
    assert roles_on(IN_2020, unit__code__startswith="ntl-") == working
    assert roles_on(TODAY, unit__code__startswith="ntl-") == set()
    one_stop = Membership.objects.get(user__username="motcua.ntl")
    assert (one_stop.unit.code, one_stop.valid_to) == ("ntl-mot-cua", dt.date(2025, 6, 30))


def test_staff_accounts_are_staff_with_vietnamese_names(demo, django_user_model):
    users = django_user_model.objects.filter(memberships__isnull=False).distinct()
    assert users.count() >= 20
    assert all(u.is_staff and u.first_name and u.last_name for u in users)
    assert all(u.username.isascii() for u in users)
    assert django_user_model.objects.get(username="motcua.tuliem").get_full_name()
    assert list(
        django_user_model.objects.filter(is_superuser=True).values_list("username", flat=True)
    ) == ["quantri"]
