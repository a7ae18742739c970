import datetime as dt

import pytest

from motcua.catalog.models import OnlineService
from tests.factories import (
    DossierPartFactory,
    FeeFactory,
    FieldFactory,
    OneStopUnitFactory,
    ProcedureStepFactory,
    ProcedureVersionFactory,
)


@pytest.fixture
def catalogue(db):
    desk = OneStopUnitFactory(code="ntl-mot-cua", name="Bộ phận Một cửa quận Nam Từ Liêm")
    ward = OneStopUnitFactory(code="p-my-dinh-1-mot-cua", name="Bộ phận Một cửa phường Mỹ Đình 1")
    civil = FieldFactory(code="ho-tich", name="Hộ tịch")
    permit = ProcedureVersionFactory(
        procedure__code="1.009994",
        name="Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        receiving_units=[desk],
        online_service=OnlineService.FULL,
        online_level=4,
    )
    DossierPartFactory(version=permit, order=1, name="Đơn đề nghị cấp giấy phép xây dựng")
    DossierPartFactory(version=permit, order=2, name="Bản vẽ thiết kế xây dựng")
    FeeFactory(version=permit, name="Lệ phí cấp giấy phép xây dựng", amount=75000)
    ProcedureStepFactory(version=permit, order=1, name="Tiếp nhận hồ sơ", budget_minutes=240)
    ProcedureStepFactory(version=permit, order=2, name="Thẩm định hồ sơ", budget_minutes=2880)
    birth = ProcedureVersionFactory(
        procedure__code="1.001193",
        name="Đăng ký khai sinh",
        field=civil,
        level="commune",
        receiving_units=[ward],
        statutory_minutes=480,
        committed_minutes=480,
        online_service=OnlineService.PARTIAL,
    )
    old = ProcedureVersionFactory(
        procedure__code="1.000001",
        name="Cấp giấy phép xây dựng tạm",
        effective_from=dt.date(2015, 1, 1),
        effective_to=dt.date(2019, 12, 31),
        receiving_units=[desk],
    )
    return {"permit": permit, "birth": birth, "old": old, "desk": desk, "ward": ward}
