"""A site's permit is read from the one-stop dossier that issued it."""

import datetime as dt

import pytest
from django.utils import timezone

from motcua.construction import services
from motcua.core.errors import DomainError, NotFound
from motcua.dossiers.models import Dossier, Status
from tests.construction.conftest import site_in
from tests.factories import FieldFactory, OneStopUnitFactory, ProcedureVersionFactory

pytestmark = pytest.mark.django_db


def dossier(code="000.00.27.H26-200315-0001", *, status=Status.RETURNED, granted=True, **extra):
    desk = OneStopUnitFactory(code="ntl-mot-cua")
    version = extra.pop("version", None) or ProcedureVersionFactory(
        procedure__code="1.009994", result_name="Giấy phép xây dựng"
    )
    codes = {Status.RETURNED: 10, Status.RESOLVED: 9, Status.PROCESSING: 4}
    return Dossier.objects.create(
        code=code, procedure_version=version, regime="r2018", channel=1, status=status,
        status_code=codes[status], applicant_name="Phạm Văn Hùng", receiving_unit=desk,
        competent_unit=desk, current_unit=desk, submitted_at=timezone.now(), granted=granted,
        result_number="215/GPXD-UBND", result_date=dt.date(2020, 3, 30),
        result_reason="Chỉ xây 5 tầng; lùi 2 m so với chỉ giới đường đỏ",
        **extra,
    )  # fmt: skip


def test_the_permit_number_date_and_conditions_come_from_the_dossier(urban):
    d = dossier()
    site = site_in(
        urban, permit_number="", permit_date=None, permit_dossier_code=d.code.lower(),
        status="permitted",
    )  # fmt: skip
    assert site.permit_dossier == d
    assert (site.permit_number, site.permit_date) == ("215/GPXD-UBND", dt.date(2020, 3, 30))
    assert site.permit_conditions.startswith("Chỉ xây 5 tầng")
    with pytest.raises(DomainError):
        services.update_site(actor=urban.ward_a_staff, site=site, permit_number="999")


def test_a_dossier_is_linked_to_one_site_only(urban):
    d = dossier()
    first = site_in(urban, permit_number="", permit_date=None)
    services.link_permit(actor=urban.ward_a_staff, site=first, dossier_code=d.code)
    second = site_in(urban, permit_number="", permit_date=None, address="Số 2")
    with pytest.raises(DomainError) as caught:
        services.link_permit(actor=urban.ward_a_staff, site=second, dossier_code=d.code)
    assert caught.value.code == "permit_in_use"
    assert first.events.filter(action="link_permit").exists()


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda: dossier(status=Status.PROCESSING, granted=None), "permit_not_granted"),
        (lambda: dossier(status=Status.RESOLVED, granted=False), "permit_not_granted"),
        (
            lambda: dossier(
                version=ProcedureVersionFactory(
                    procedure__code="1.001612",
                    name="Đăng ký khai sinh",
                    field=FieldFactory(code="ho-tich", name="Hộ tịch"),
                    result_name="Giấy khai sinh",
                )
            ),
            "not_a_permit",
        ),
    ],
)
def test_only_a_granted_construction_permit_dossier_can_be_linked(urban, make, code):
    d = make()
    site = site_in(urban, permit_number="", permit_date=None)
    with pytest.raises(DomainError) as caught:
        services.link_permit(actor=urban.ward_a_staff, site=site, dossier_code=d.code)
    assert caught.value.code == code
    site.refresh_from_db()
    assert site.permit_dossier is None


def test_an_unknown_dossier_code_is_not_found(urban):
    site = site_in(urban, permit_number="", permit_date=None)
    with pytest.raises(NotFound):
        services.link_permit(actor=urban.ward_a_staff, site=site, dossier_code="KHONG-CO")
