"""A ward's staff edit only their ward; district oversight staff see every ward of the district."""

import datetime as dt

import pytest

from motcua.construction import services
from motcua.construction.models import ConstructionEvent, Register
from motcua.construction.scope import ward_scope
from motcua.core.errors import NotFound, PermissionDenied
from motcua.organization.models import Role, UnitKind
from tests.construction.conftest import site_in
from tests.factories import MembershipFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_ward_staff_read_and_edit_only_their_own_ward(urban):
    scope = ward_scope(urban.ward_a_staff, Register.CONSTRUCTION)
    assert scope.view == {urban.ward_a.pk}
    assert scope.edit == {urban.ward_a.pk}


def test_a_clerk_of_the_ward_reads_but_does_not_edit(urban):
    scope = ward_scope(urban.ward_a_clerk, Register.CONSTRUCTION)
    assert scope.view == {urban.ward_a.pk}
    assert scope.edit == frozenset()
    with pytest.raises(PermissionDenied):
        services.register_site(
            actor=urban.ward_a_clerk, ward=urban.ward_a, address="Số 1", owner_name="A",
            work_type="house",
        )  # fmt: skip


def test_the_district_inspection_team_sees_every_ward_of_its_district_only(urban):
    scope = ward_scope(urban.district_inspector, Register.CONSTRUCTION)
    assert scope.view == {urban.ward_a.pk, urban.ward_b.pk}
    assert scope.edit == {urban.ward_a.pk, urban.ward_b.pk}


def test_a_district_department_without_oversight_sees_no_ward(urban):
    committee = urban.team.parent
    other = UnitFactory(code="ntl-tu-phap", kind=UnitKind.DEPARTMENT, parent=committee)
    user = UserFactory(username="tuphap")
    MembershipFactory(user=user, unit=other, role=Role.SPECIALIST)
    assert ward_scope(user, Register.CONSTRUCTION).view == frozenset()


def test_staff_of_one_ward_cannot_register_or_change_anything_in_another(urban):
    with pytest.raises(NotFound):
        services.register_site(
            actor=urban.ward_b_staff, ward=urban.ward_a, address="Số 1", owner_name="A",
            work_type="house",
        )  # fmt: skip
    site = site_in(urban)
    for call in (
        lambda: services.update_site(actor=urban.ward_b_staff, site=site, address="Khác"),
        lambda: services.plan_inspection(
            actor=urban.ward_b_staff, site=site, planned_on=dt.date(2026, 1, 5)
        ),
        lambda: services.record_violation(
            actor=urban.ward_b_staff, site=site, kind="wrong_permit", found_on=dt.date(2026, 1, 5)
        ),
        lambda: services.change_site_status(
            actor=urban.ward_b_staff, site=site, status="suspended"
        ),
    ):
        with pytest.raises(NotFound):
            call()
    assert ConstructionEvent.objects.filter(site=site).count() == 1  # only the registration
    site.refresh_from_db()
    assert site.address == "Số 12 ngõ 34 đường Mỹ Đình"


def test_staff_of_another_district_and_anonymous_users_see_nothing(urban):
    from django.contrib.auth.models import AnonymousUser

    assert ward_scope(urban.outsider, Register.CONSTRUCTION).view == frozenset()
    assert ward_scope(AnonymousUser(), Register.CONSTRUCTION).view == frozenset()


def test_an_expired_membership_gives_no_access(urban):
    user = UserFactory(username="cu")
    MembershipFactory(
        user=user, unit=urban.ward_a, role=Role.SPECIALIST, valid_to=dt.date(2025, 6, 30)
    )
    assert ward_scope(user, Register.CONSTRUCTION).view == frozenset()


def test_the_successor_ward_inherits_the_records_of_the_wards_it_replaced(urban):
    new_ward = UnitFactory(code="p-tu-liem", name="Phường Từ Liêm", valid_from=dt.date(2025, 7, 1))
    urban.ward_a.successor = new_ward
    urban.ward_a.save()
    department = UnitFactory(code="p-tu-liem-ktht", kind=UnitKind.DEPARTMENT, parent=new_ward)
    user = UserFactory(username="ktht.tuliem")
    MembershipFactory(user=user, unit=department, role=Role.SPECIALIST)
    scope = ward_scope(user, Register.CONSTRUCTION)
    assert scope.edit == {new_ward.pk, urban.ward_a.pk}


def test_a_superuser_edits_every_ward(urban):
    scope = ward_scope(urban.superuser, Register.CONSTRUCTION)
    assert {urban.ward_a.pk, urban.ward_b.pk} <= scope.edit


def test_an_unknown_ward_is_refused_with_the_same_answer_as_a_foreign_one(urban):
    for ward in ("khong-co-phuong-nay", urban.ward_b.code):
        with pytest.raises(NotFound) as caught:
            services.register_site(
                actor=urban.ward_a_staff, ward=ward, address="Số 1", owner_name="A",
                work_type="house",
            )  # fmt: skip
        assert caught.value.message == "Không tìm thấy phường, xã."
