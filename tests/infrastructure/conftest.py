import pytest

from motcua.infrastructure.models import Basis, FacilityKind
from tests.construction.conftest import make_urban


@pytest.fixture
def urban(db):
    return make_urban()


@pytest.fixture
def kinds(db):
    rows = [
        ("mam-non", "Trường mầm non", Basis.PER_WARD, 1),
        ("tieu-hoc", "Trường tiểu học", Basis.PER_WARD, 1),
        ("tram-y-te", "Trạm y tế", Basis.PER_WARD, 1),
        ("nha-van-hoa", "Nhà văn hóa tổ dân phố", Basis.PER_RESIDENTIAL_GROUP, 1),
    ]
    return {
        code: FacilityKind.objects.create(code=code, name=name, basis=basis, quantity=q, order=i)
        for i, (code, name, basis, q) in enumerate(rows)
    }
