"""The demo organisation tree: 10 wards of Nam Từ Liêm until 30/06/2025, 4 new wards since."""

import datetime as dt

import pytest

from motcua.organization.models import Unit, UnitKind, validate_agency_code

pytestmark = pytest.mark.django_db

IN_2020 = dt.date(2020, 6, 1)
TODAY = dt.date(2026, 3, 10)
OLD_WARDS = {
    "Phường Cầu Diễn",
    "Phường Đại Mỗ",
    "Phường Mễ Trì",
    "Phường Mỹ Đình 1",
    "Phường Mỹ Đình 2",
    "Phường Phú Đô",
    "Phường Phương Canh",
    "Phường Tây Mỗ",
    "Phường Trung Văn",
    "Phường Xuân Phương",
}
NEW_WARDS = {"Phường Từ Liêm", "Phường Xuân Phương", "Phường Tây Mỗ", "Phường Đại Mỗ"}


def wards_on(day):
    return Unit.objects.valid_on(day).filter(kind=UnitKind.WARD)


def test_in_2020_the_district_has_its_ten_wards(demo):
    wards = wards_on(IN_2020).select_related("parent")
    assert {w.name for w in wards} == OLD_WARDS
    assert {w.parent.code for w in wards} == {"nam-tu-liem"}
    district = Unit.objects.get(code="nam-tu-liem")
    assert (district.valid_from, district.valid_to) == (dt.date(2014, 4, 1), dt.date(2025, 6, 30))


def test_since_july_2025_four_wards_sit_directly_under_ha_noi(demo):
    wards = wards_on(TODAY).select_related("parent")
    assert sorted(w.name for w in wards) == sorted(NEW_WARDS)
    assert {w.parent.code for w in wards} == {"ha-noi"}
    assert not Unit.objects.valid_on(TODAY).filter(kind=UnitKind.DISTRICT).exists()
    assert not wards_on(TODAY).filter(parent__code="nam-tu-liem").exists()
    assert wards_on(dt.date(2025, 6, 30)).count() == 10
    assert wards_on(dt.date(2025, 7, 1)).count() == 4


def test_every_old_ward_and_its_desk_have_a_current_successor(demo):
    old = Unit.objects.filter(parent__code="nam-tu-liem", kind=UnitKind.WARD).select_related(
        "successor"
    )
    assert old.count() == 10
    for ward in old:
        assert ward.successor.name in NEW_WARDS
        assert ward.successor.is_valid_on(TODAY)
    desk = Unit.objects.select_related("successor").get(code="p-my-dinh-1-mot-cua")
    assert desk.successor.code == "p-tu-liem-pvhcc"
    assert desk.successor.kind == UnitKind.SERVICE_CENTRE


def test_each_ward_has_a_committee_and_a_unit_that_receives_dossiers(demo):
    for day, kind in ((IN_2020, UnitKind.ONE_STOP_UNIT), (TODAY, UnitKind.SERVICE_CENTRE)):
        for ward in wards_on(day):
            committee = ward.children.get(kind=UnitKind.PEOPLES_COMMITTEE)
            desk = committee.children.get(kind=kind)
            assert desk.receives_dossiers
            assert desk.agency_code == ward.agency_code == committee.agency_code
            assert desk.is_valid_on(day) and committee.is_valid_on(day)


def test_the_district_has_its_one_stop_unit_and_specialist_departments(demo):
    committee = Unit.objects.get(code="ntl-ubnd")
    departments = {u.code for u in committee.children.filter(kind=UnitKind.DEPARTMENT)}
    assert {
        "ntl-qldt",
        "ntl-tnmt",
        "ntl-tckh",
        "ntl-tu-phap",
        "ntl-ldtbxh",
        "ntl-vp",
    } <= departments
    assert len(departments) >= 12
    desk = Unit.objects.get(code="ntl-mot-cua")
    assert desk.kind == UnitKind.ONE_STOP_UNIT
    assert desk.agency_code == "000.00.27.H26"
    assert Unit.objects.get(code="ntl-qldt").agency_code == "005.00.27.H26"
    assert Unit.objects.get(code="p-my-dinh-1").agency_code == "000.04.27.H26"


def test_every_unit_has_a_valid_agency_code_address_and_phone(demo):
    units = list(Unit.objects.all())
    assert len(units) == 71
    for unit in units:
        validate_agency_code(unit.agency_code)
        assert unit.agency_code.endswith(".H26")
        assert unit.address and unit.phone


def test_unit_codes_are_unique_readable_slugs(demo):
    codes = list(Unit.objects.values_list("code", flat=True))
    assert len(codes) == len(set(codes))
    for code in ("nam-tu-liem", "ntl-mot-cua", "ntl-qldt", "p-my-dinh-1", "p-tu-liem-pvhcc"):
        assert code in codes
