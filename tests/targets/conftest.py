"""A district term with two departments, their staff and leaders."""

from decimal import Decimal

import pytest

from motcua.organization.models import Role, UnitKind
from motcua.targets.models import Target, TargetGroup, Term, YearGoal
from tests.factories import MembershipFactory, UnitFactory, UserFactory


@pytest.fixture
def world(db):
    district = UnitFactory(code="q-thu", name="Quận Thử", kind=UnitKind.DISTRICT)
    committee = UnitFactory(
        code="q-thu-ubnd", name="UBND quận Thử", kind=UnitKind.PEOPLES_COMMITTEE, parent=district
    )
    finance = UnitFactory(
        code="q-thu-tckh", name="Phòng Tài chính", kind=UnitKind.DEPARTMENT, parent=committee
    )
    urban = UnitFactory(
        code="q-thu-qldt", name="Phòng Quản lý đô thị", kind=UnitKind.DEPARTMENT, parent=committee
    )

    def person(username, unit, role):
        user = UserFactory(username=username)
        MembershipFactory(user=user, unit=unit, role=role)
        return user

    term = Term.objects.create(
        name="Nghị quyết Đại hội Đảng bộ quận Thử, nhiệm kỳ 2020–2025",
        unit=district,
        start_year=2020,
        end_year=2025,
    )
    group = TargetGroup.objects.create(term=term, order=1, name="Kinh tế")
    growth = Target.objects.create(
        group=group,
        order=1,
        name="Tốc độ tăng giá trị sản xuất bình quân",
        unit_of_measure="%",
        direction="higher",
        goal=Decimal("14"),
    )
    growth.responsible_units.set([finance])
    YearGoal.objects.create(target=growth, year=2021, goal=Decimal("10"))
    return {
        "district": district,
        "committee": committee,
        "finance": finance,
        "urban": urban,
        "term": term,
        "group": group,
        "growth": growth,
        "finance_officer": person("tc", finance, Role.SPECIALIST),
        "finance_leader": person("tc-ld", finance, Role.UNIT_LEADER),
        "urban_officer": person("dt", urban, Role.SPECIALIST),
        "urban_leader": person("dt-ld", urban, Role.UNIT_LEADER),
        "chairman": person("ct", committee, Role.AGENCY_LEADER),
    }
