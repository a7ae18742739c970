"""A district with two wards, an oversight team and staff of every kind."""

import datetime as dt
from dataclasses import dataclass

import pytest

from motcua.construction.models import OversightUnit, Register
from motcua.organization.models import Role, UnitKind
from tests.factories import MembershipFactory, UnitFactory, UserFactory


@dataclass
class Urban:
    district: object
    ward_a: object
    ward_b: object
    ward_a_committee: object
    team: object
    ward_a_staff: object
    ward_a_clerk: object
    ward_b_staff: object
    district_inspector: object
    outsider: object
    superuser: object


def make_urban() -> Urban:
    district = UnitFactory(
        code="nam-tu-liem", name="Quận Nam Từ Liêm", kind=UnitKind.DISTRICT,
        agency_code="000.00.27.H26",
    )  # fmt: skip
    committee = UnitFactory(
        code="ntl-ubnd", name="UBND quận Nam Từ Liêm", kind=UnitKind.PEOPLES_COMMITTEE,
        parent=district, agency_code="000.00.27.H26",
    )  # fmt: skip
    team = UnitFactory(
        code="ntl-doi-ttxd", name="Đội Thanh tra trật tự xây dựng", kind=UnitKind.DEPARTMENT,
        parent=committee, agency_code="013.00.27.H26",
    )  # fmt: skip
    ward_a = UnitFactory(
        code="p-my-dinh-1", name="Phường Mỹ Đình 1", parent=district, agency_code="000.04.27.H26"
    )
    ward_b = UnitFactory(
        code="p-tay-mo", name="Phường Tây Mỗ", parent=district, agency_code="000.08.27.H26"
    )
    ward_a_committee = UnitFactory(
        code="p-my-dinh-1-ubnd", name="UBND phường Mỹ Đình 1", kind=UnitKind.PEOPLES_COMMITTEE,
        parent=ward_a, agency_code="000.04.27.H26",
    )  # fmt: skip
    other_district = UnitFactory(
        code="bac-tu-liem", name="Quận Bắc Từ Liêm", kind=UnitKind.DISTRICT,
        agency_code="000.00.28.H26",
    )  # fmt: skip
    UnitFactory(code="p-co-nhue-1", name="Phường Cổ Nhuế 1", parent=other_district)
    for register in Register.values:
        OversightUnit.objects.create(unit=team, register=register)

    def staff(username, unit, role):
        user = UserFactory(username=username)
        MembershipFactory(user=user, unit=unit, role=role)
        return user

    return Urban(
        district=district,
        ward_a=ward_a,
        ward_b=ward_b,
        ward_a_committee=ward_a_committee,
        team=team,
        ward_a_staff=staff("chuyenvien.mydinh1", ward_a_committee, Role.SPECIALIST),
        ward_a_clerk=staff("vanthu.mydinh1", ward_a_committee, Role.CLERK),
        ward_b_staff=staff("chuyenvien.taymo", ward_b, Role.SPECIALIST),
        district_inspector=staff("doi.ttxd", team, Role.SPECIALIST),
        outsider=staff("ngoai", other_district, Role.SPECIALIST),
        superuser=UserFactory(username="quantri", is_superuser=True),
    )


@pytest.fixture
def urban(db):
    return make_urban()


def site_in(urban, ward=None, **extra):
    from motcua.construction import services

    values = {
        "address": "Số 12 ngõ 34 đường Mỹ Đình",
        "owner_name": "Nguyễn Văn Bình",
        "work_type": "house",
        "plot_number": "125",
        "map_sheet": "7",
        "floors": 5,
        "permit_number": "125/GPXD",
        "permit_date": dt.date(2019, 3, 4),
        "status": "under_construction",
        **extra,
    }
    ward = ward or urban.ward_a
    actor = urban.ward_a_staff if ward == urban.ward_a else urban.ward_b_staff
    return services.register_site(actor=actor, ward=ward, **values)
