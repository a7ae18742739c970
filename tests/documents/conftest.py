import pytest

from motcua.organization.models import Unit, UnitKind
from tests.dossiers.factories import make_world
from tests.factories import UnitFactory


@pytest.fixture
def world(db, settings):
    """The dossier tests' district, hung under the province of Hà Nội."""
    settings.SITE_URL = "https://motcua.hanoi.gov.vn"
    world = make_world()
    province = UnitFactory(
        code="ha-noi", name="Thành phố Hà Nội", kind=UnitKind.PROVINCE, agency_code=""
    )
    Unit.objects.filter(pk=world.committee.pk).update(parent=province)
    Unit.objects.filter(pk__in=[world.desk.pk, world.department.pk]).update(parent=world.committee)
    return world
